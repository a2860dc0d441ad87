package event

import (
	"runtime"
	"testing"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/cpuclock"
	"github.com/marsad-project/marsad/internal/devcorpus"
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
	raws := devcorpus.Texts(b, 0)
	d, err := compiled()
	if err != nil {
		b.Fatal(err)
	}
	type text struct {
		toks  []arabic.Token
		sents []arabic.Sentence
	}
	var texts []text
	for _, raw := range raws {
		toks := arabic.Tokenize(raw)
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
