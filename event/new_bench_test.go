package event

import "testing"

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
