package coder_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/coder"
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
