package entity

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/nlp"
)

// TestScanShortcuts checks the answers taken from the scan (nameAtDoc, nisbaAtDoc)
// against the matchers run over the whole text, on every token of the dev corpus, and
// on the same texts twice to exercise the pooled tables.
func TestScanShortcuts(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "dev", "*.txt"))
	if len(paths) == 0 {
		t.Skip("../shared/corpus/dev not found")
	}
	if testing.Short() {
		paths = paths[:50]
	}
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			doc := &nlp.Document{Tokens: arabic.Tokenize(string(raw))}
			for _, s := range arabic.Sentences(doc.Tokens) {
				doc.Sentences = append(doc.Sentences, nlp.Sentence{Sentence: s})
			}
			r := &run{kb: k, doc: doc}
			r.scan()
			for i := range doc.Tokens {
				got, gok := r.nameAtDoc(i)
				want, wok := k.Names.At(doc.Tokens, i, nil)
				if gok != wok || got.First != want.First || got.Last != want.Last || len(got.Entries) != len(want.Entries) {
					t.Fatalf("round %d %s token %d: nameAtDoc %v %v, want %v %v", round, p, i, got, gok, want, wok)
				}
				got, gok = r.nisbaAtDoc(i)
				want, wok = k.Descr.At(doc.Tokens, i, isNisba)
				if gok != wok || got.First != want.First || got.Last != want.Last || len(got.Entries) != len(want.Entries) {
					t.Fatalf("round %d %s token %d: nisbaAtDoc %v %v, want %v %v", round, p, i, got, gok, want, wok)
				}
			}
			r.release()
		}
	}
}
