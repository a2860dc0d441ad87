package entity

import (
	"testing"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/devcorpus"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/nlp"
)

// TestScanShortcuts checks the answers taken from the scan (nameAtDoc, nisbaAtDoc)
// against the matchers run over the whole text, on every token of the dev corpus, and
// on the same texts twice to exercise the pooled tables.
func TestScanShortcuts(t *testing.T) {
	limit := 0
	if testing.Short() {
		limit = 50
	}
	texts := devcorpus.Texts(t, limit)
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		for p, raw := range texts {
			doc := &nlp.Document{Tokens: arabic.Tokenize(raw)}
			for _, s := range arabic.Sentences(doc.Tokens) {
				doc.Sentences = append(doc.Sentences, nlp.Sentence{Sentence: s})
			}
			r := &run{kb: k, doc: doc}
			r.scan()
			for i := range doc.Tokens {
				got, gok := r.nameAtDoc(i)
				want, wok := k.Names.At(doc.Tokens, i, nil)
				if gok != wok || got.First != want.First || got.Last != want.Last || len(got.Entries) != len(want.Entries) {
					t.Fatalf("round %d text %d token %d: nameAtDoc %v %v, want %v %v", round, p, i, got, gok, want, wok)
				}
				got, gok = r.nisbaAtDoc(i)
				want, wok = k.Descr.At(doc.Tokens, i, isNisba)
				if gok != wok || got.First != want.First || got.Last != want.Last || len(got.Entries) != len(want.Entries) {
					t.Fatalf("round %d text %d token %d: nisbaAtDoc %v %v, want %v %v", round, p, i, got, gok, want, wok)
				}
			}
			r.release()
		}
	}
}
