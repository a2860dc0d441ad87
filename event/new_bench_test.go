package event

import (
	"testing"

	"github.com/marsad-project/marsad/kb"
)

// BenchmarkNew reads the embedded codebook, patterns and mode cues (part of start-up).
func BenchmarkNew(b *testing.B) {
	k, err := kb.Load()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(k); err != nil {
			b.Fatal(err)
		}
	}
}
