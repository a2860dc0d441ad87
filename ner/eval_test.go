package ner_test

// TestANERcorp measures the tagger alone, the coder alone and their union on a CoNLL
// file. It runs only when MARSAD_NER_EVAL names the file:
//
//	MARSAD_NER_EVAL=../shared/ner/anercorp_camel_test/ANERCorp_CamelLab_test.txt go test -run ANERcorp -v ./ner

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/evaluate"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/ner"
)

func TestANERcorp(t *testing.T) {
	path := os.Getenv("MARSAD_NER_EVAL")
	if path == "" {
		t.Skip("MARSAD_NER_EVAL not set")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sents, err := evaluate.ReadCoNLL(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	var tagged []evaluate.Span
	for si, s := range sents {
		for _, sp := range tg.Tag(k, ner.TokensOf(s.Tokens)) {
			tagged = append(tagged, evaluate.Span{Sent: si, Start: sp.First, End: sp.Last, Type: sp.Type})
		}
	}
	// Gold and the coder's spans, as `marsad eval ner` computes them.
	cd, err := coder.New(coder.Config{KB: k, MaxBytes: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	gold, coded, err := evaluate.CodeNER(context.Background(), cd, sents)
	if err != nil {
		t.Fatal(err)
	}
	// Union: the first list's spans, then the second's that overlap none of them.
	union := func(a, b []evaluate.Span) []evaluate.Span {
		out := append([]evaluate.Span(nil), a...)
		for _, s := range b {
			ok := true
			for _, o := range a {
				if o.Sent == s.Sent && o.Start < s.End && s.Start < o.End {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, s)
			}
		}
		return out
	}
	overall := map[string]bool{"PERS": true, "LOC": true, "ORG": true}
	for _, c := range []struct {
		name string
		pred []evaluate.Span
	}{
		{"tagger alone", tagged},
		{"coder alone", coded},
		{"union, coder first", union(coded, tagged)},
		{"union, tagger first", union(tagged, coded)},
	} {
		per, all := evaluate.Compare(gold, c.pred, overall)
		var sb strings.Builder
		evaluate.Report(&sb, per, all)
		t.Logf("%s:\n%s", c.name, sb.String())
	}
}
