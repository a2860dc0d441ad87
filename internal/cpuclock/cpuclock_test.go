package cpuclock

import (
	"runtime"
	"testing"
)

// spin burns CPU on the calling thread.
func spin() uint64 {
	var x uint64 = 1
	for i := 0; i < 50_000_000; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

func TestClocksAdvance(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p0, t0 := Process(), Thread()
	if spin() == 0 {
		t.Log("unlikely")
	}
	p1, t1 := Process(), Thread()
	if p0 == 0 && p1 == 0 {
		t.Skip("no CPU clock on this system")
	}
	if p1 <= p0 {
		t.Errorf("process CPU time did not advance: %v → %v", p0, p1)
	}
	if runtime.GOOS == "linux" && t1 <= t0 {
		t.Errorf("thread CPU time did not advance: %v → %v", t0, t1)
	}
	if t1-t0 > p1-p0+p1/100 {
		t.Errorf("thread time %v exceeds process time %v", t1-t0, p1-p0)
	}
}
