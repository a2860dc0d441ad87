package cpuclock

import (
	"syscall"
	"time"
)

const rusageThread = 1 // RUSAGE_THREAD

// Thread is the calling thread's user and system CPU time so far (lock the goroutine to
// its thread with runtime.LockOSThread around what is measured).
func Thread() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
