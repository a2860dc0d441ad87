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

	"github.com/marsad-project/marsad"
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
	// Gold and the coder's spans, as cmd/marsad/eval.go computes them.
	type pos struct{ sent, tok int }
	var b strings.Builder
	var owner []pos
	var gold, tagged []evaluate.Span
	for si, s := range sents {
		for ti, w := range s.Tokens {
			if ti > 0 {
				b.WriteByte(' ')
				owner = append(owner, pos{-1, -1})
			}
			b.WriteString(w)
			for range []rune(w) {
				owner = append(owner, pos{si, ti})
			}
		}
		b.WriteByte('\n')
		owner = append(owner, pos{-1, -1})
		tags := make([]string, len(s.Tags))
		for i, g := range s.Tags {
			tags[i] = strings.Replace(g, "-PER", "-PERS", 1)
			tags[i] = strings.Replace(tags[i], "-PERSS", "-PERS", 1)
		}
		gold = append(gold, evaluate.Spans(si, tags)...)
		for _, sp := range tg.Tag(k, ner.TokensOf(s.Tokens)) {
			tagged = append(tagged, evaluate.Span{Sent: si, Start: sp.First, End: sp.Last, Type: sp.Type})
		}
	}
	cd, err := coder.New(coder.Config{KB: k, MaxBytes: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := cd.Code(context.Background(), coder.Input{Raw: []byte(b.String()), Plain: true})
	if err != nil {
		t.Fatal(err)
	}
	nominal := map[string]bool{"entity.role_coref": true, "entity.role_by_date": true, "entity.definite_coref": true}
	types := map[string]string{marsad.Person: "PERS", marsad.Org: "ORG", marsad.Loc: "LOC"}
	var coded []evaluate.Span
	for _, e := range rec.Entities {
		if e.Generic {
			continue
		}
		for _, m := range e.Mentions {
			if nominal[m.Rule] {
				continue
			}
			first, last := pos{-1, -1}, pos{-1, -1}
			for i := m.Start; i < m.End && i < len(owner); i++ {
				if owner[i].sent < 0 {
					continue
				}
				if first.sent < 0 {
					first = owner[i]
				}
				last = owner[i]
			}
			if first.sent < 0 || first.sent != last.sent {
				continue
			}
			coded = append(coded, evaluate.Span{Sent: first.sent, Start: first.tok, End: last.tok + 1, Type: types[e.Type]})
		}
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
