package kb

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/marsad-project/marsad/arabic"
)

// BenchmarkLoad loads and indexes the embedded knowledge base (part of start-up).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatcherAt matches both lexicons at every token of the example article, as
// the entity stage's scan does.
func BenchmarkMatcherAt(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("..", "examples", "sample-ar.txt"))
	if err != nil {
		b.Fatal(err)
	}
	k, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	toks := arabic.Tokenize(string(raw))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range toks {
			k.Names.At(toks, i, nil)
			k.Descr.At(toks, i, nil)
		}
	}
	b.ReportMetric(float64(len(toks)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
