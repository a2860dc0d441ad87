// Package loadgc lets the garbage collector run less often while start-up builds its
// tables (knowledge-base indexes, event patterns): those allocate tens of megabytes
// that all stay live, so collecting at the usual pace (GOGC=100 from a heap of a few
// megabytes) marks the same growing tables over and over for nothing.
//
// Hold raises the GC percentage to Percent (unless it is already higher or the
// collector is off); the returned release restores it once every overlapping hold
// has been released. Loaders running at the same time on several goroutines share
// one raised setting.
package loadgc

import (
	"runtime/debug"
	"sync"
)

// Percent is the GC percentage while a hold is on.
const Percent = 800

var (
	mu    sync.Mutex
	holds int
	saved int
)

// Hold raises the GC percentage until the returned function is called (once).
func Hold() (release func()) {
	mu.Lock()
	if holds == 0 {
		saved = debug.SetGCPercent(Percent)
		if saved < 0 || saved > Percent {
			debug.SetGCPercent(saved)
		}
	}
	holds++
	mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			mu.Lock()
			holds--
			if holds == 0 {
				debug.SetGCPercent(saved)
			}
			mu.Unlock()
		})
	}
}

// Held reports the number of holds not yet released (for tests).
func Held() int {
	mu.Lock()
	defer mu.Unlock()
	return holds
}
