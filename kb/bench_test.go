package kb

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/cpuclock"
	"github.com/marsad-project/marsad/internal/devcorpus"
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

// BenchmarkMatcherDev matches both lexicons at every token of ../shared/corpus/dev (as
// the entity stage's scan does): the text is far larger than the processor's caches,
// as in real use, unlike BenchmarkMatcherAt's one article.
func BenchmarkMatcherDev(b *testing.B) {
	raws := devcorpus.Texts(b, 0)
	k, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	var docs [][]arabic.Token
	n := 0
	for _, raw := range raws {
		toks := arabic.Tokenize(raw)
		docs = append(docs, toks)
		n += len(toks)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0 := cpuclock.Thread()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, toks := range docs {
			for i := range toks {
				k.Names.At(toks, i, nil)
				k.Descr.At(toks, i, nil)
			}
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(cpuclock.Thread()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
}
