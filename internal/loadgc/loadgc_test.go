package loadgc

import (
	"runtime/debug"
	"sync"
	"testing"
)

func TestHold(t *testing.T) {
	for _, tc := range []struct {
		name       string
		start      int
		want       int // percentage while held
		concurrent int
	}{
		{"default", 100, Percent, 1},
		{"overlapping", 100, Percent, 4},
		{"higher kept", 2 * Percent, 2 * Percent, 2},
		{"off kept", -1, -1, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prev := debug.SetGCPercent(tc.start)
			defer debug.SetGCPercent(prev)
			releases := make([]func(), tc.concurrent)
			var wg sync.WaitGroup
			for i := range releases {
				wg.Go(func() { releases[i] = Hold() })
			}
			wg.Wait()
			if got := debug.SetGCPercent(tc.want); got != tc.want {
				t.Errorf("held: GC percent %d, want %d", got, tc.want)
			}
			for i, r := range releases {
				r()
				r() // a second call does nothing
				if i < len(releases)-1 {
					if got := debug.SetGCPercent(tc.want); got != tc.want {
						t.Errorf("after %d releases: GC percent %d, want %d", i+1, got, tc.want)
					}
				}
			}
			if got := debug.SetGCPercent(tc.start); got != tc.start {
				t.Errorf("released: GC percent %d, want %d", got, tc.start)
			}
			if Held() != 0 {
				t.Errorf("Held() = %d after release", Held())
			}
		})
	}
}
