package coder_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/internal/cpuclock"
)

// benchCorpus reads every .txt file of dir, skipping the benchmark when there is none.
func benchCorpus(b *testing.B, dir string) [][]byte {
	b.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		b.Fatal(err)
	}
	if len(paths) == 0 {
		b.Skipf("%s not found or empty", dir)
	}
	out := make([][]byte, 0, len(paths))
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, raw)
	}
	return out
}

// benchCode codes the whole corpus once per iteration: b.SetBytes is the corpus size,
// so MB/s is input throughput, ns/op and allocs/op are per pass over the corpus, and
// articles/s and words/s (whitespace-separated fields) are reported per second of
// coding. Coding errors fail the benchmark.
func benchCode(b *testing.B, corpus [][]byte) {
	cd := mustCoder(b)
	var size, words int64
	for _, raw := range corpus {
		size += int64(len(raw))
		words += int64(len(strings.Fields(string(raw))))
	}
	ctx := context.Background()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, raw := range corpus {
			if _, err := cd.Code(ctx, coder.Input{Raw: raw}); err != nil {
				b.Fatal(err)
			}
		}
	}
	secs := b.Elapsed().Seconds()
	if secs > 0 {
		b.ReportMetric(float64(int64(b.N)*int64(len(corpus)))/secs, "articles/s")
		b.ReportMetric(float64(int64(b.N)*words)/secs, "words/s")
	}
}

// BenchmarkCodeDev codes the 1,100 articles of ../shared/corpus/dev per iteration.
func BenchmarkCodeDev(b *testing.B) {
	benchCode(b, benchCorpus(b, filepath.Join(sharedDir, "corpus", "dev")))
}

// BenchmarkCodeSeed codes the seed article(s) of ../shared/corpus/seed per iteration.
func BenchmarkCodeSeed(b *testing.B) {
	benchCode(b, benchCorpus(b, filepath.Join(sharedDir, "corpus", "seed")))
}

// BenchmarkStagesDev codes ../shared/corpus/dev once per iteration, timing each stage
// apart: the reader, every pipeline stage, the record, and the NER tagger alone (which
// the entity stage's time includes). Each is reported as ms of the thread's CPU time
// per pass over the corpus (steadier than wall-clock time on a busy machine; the
// garbage collector's background work on other threads is not counted).
func BenchmarkStagesDev(b *testing.B) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	corpus := benchCorpus(b, filepath.Join(sharedDir, "corpus", "dev"))
	cd := mustCoder(b)
	ctx := context.Background()
	stages := cd.Stages()
	spent := make([]time.Duration, len(stages)+3) // reader, stages…, record, tagger
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, raw := range corpus {
			t := cpuclock.Thread()
			doc, err := cd.Read(coder.Input{Raw: raw})
			if err != nil {
				b.Fatal(err)
			}
			spent[0] += cpuclock.Thread() - t
			for i, s := range stages {
				t = cpuclock.Thread()
				if err := s.Stage.Process(ctx, doc); err != nil {
					b.Fatal(err)
				}
				spent[i+1] += cpuclock.Thread() - t
			}
			t = cpuclock.Thread()
			cd.Record(doc)
			spent[len(stages)+1] += cpuclock.Thread() - t
		}
	}
	b.StopTimer()
	if tg := cd.Tagger(); tg != nil {
		for range b.N {
			for _, raw := range corpus {
				doc, err := cd.Read(coder.Input{Raw: raw})
				if err != nil {
					b.Fatal(err)
				}
				t := cpuclock.Thread()
				for _, s := range doc.Sentences {
					tg.Tag(cd.KB(), doc.Tokens[s.First:s.Last])
				}
				spent[len(stages)+2] += cpuclock.Thread() - t
			}
		}
	}
	names := []string{"reader"}
	for _, s := range stages {
		names = append(names, s.Name)
	}
	names = append(names, "record", "tagger")
	for i, n := range names {
		b.ReportMetric(float64(spent[i].Milliseconds())/float64(b.N), "ms-"+n)
	}
}
