package event

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/cpuclock"
)

// BenchmarkCompile reads the embedded codebook, patterns and mode cues: what New costs
// the first time (part of start-up).
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compile(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindDev finds the patterns in every sentence of ../shared/corpus/dev (the
// matching machinery alone, without actors, modes or dates) and reports the thread's
// CPU ms per pass, steadier than the wall clock on a busy machine.
func BenchmarkFindDev(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "dev", "*.txt"))
	if len(paths) == 0 {
		b.Skip("../shared/corpus/dev not found")
	}
	d, err := compiled()
	if err != nil {
		b.Fatal(err)
	}
	type text struct {
		toks  []arabic.Token
		sents []arabic.Sentence
	}
	var texts []text
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		toks := arabic.Tokenize(string(raw))
		texts = append(texts, text{toks, arabic.Sentences(toks)})
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0 := cpuclock.Thread()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			for _, s := range t.sents {
				d.Patterns.Find(t.toks, s.First, s.Last)
			}
		}
	}
	b.ReportMetric(float64(cpuclock.Thread()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
}
