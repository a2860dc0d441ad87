package ner_test

import (
	"os"
	"runtime"
	"testing"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/bench"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/internal/cpuclock"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/ner"
)

// devCorpus is the corpus BenchmarkTagCorpus tags (sentences as the coder's reader
// splits them); the benchmark skips when it is absent.
const devCorpus = "../../shared/corpus/dev"

// BenchmarkTagCorpus tags every sentence of the dev corpus, knowledge-base lookups
// included, as `marsad bench`'s "tagger (alone)" line does.
func BenchmarkTagCorpus(b *testing.B) {
	if _, err := os.Stat(devCorpus); err != nil {
		b.Skipf("no dev corpus at %s: %v", devCorpus, err)
	}
	c, err := bench.LoadCorpus(devCorpus)
	if err != nil {
		b.Fatal(err)
	}
	k, err := kb.Load()
	if err != nil {
		b.Fatal(err)
	}
	cd, err := coder.New(coder.Config{KB: k, MaxBytes: 64 << 20})
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]arabic.Token
	words := 0
	for _, raw := range c.Docs {
		doc, err := cd.Read(coder.Input{Raw: raw})
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range doc.Sentences {
			sents = append(sents, doc.Tokens[s.First:s.Last])
		}
		words += bench.CountWords(raw)
	}
	// A first pass fills the word-type cache (with a fresh tagger: the cache of Load's
	// may be warm from an earlier benchmark).
	m, err := ner.ReadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	tg := ner.New(m)
	runtime.GC()
	cpu0 := cpuclock.Process()
	for _, s := range sents {
		tg.Tag(k, s)
	}
	cold := cpuclock.Process() - cpu0
	runtime.GC()
	cpu0 = cpuclock.Process()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			tg.Tag(k, s)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
	// CPU time is steadier than wall-clock time on a shared machine.
	if cpu := cpuclock.Process() - cpu0; cpu > 0 && cold > 0 {
		b.ReportMetric(float64(words*b.N)/cpu.Seconds(), "words/cpu-s")
		b.ReportMetric(float64(words)/cold.Seconds(), "first-pass-words/cpu-s")
	}
}

// BenchmarkLoad parses the embedded model (what start-up pays for the tagger).
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := ner.ReadEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
}
