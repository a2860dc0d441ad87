//go:build !linux

package cpuclock

import "time"

// Thread is not measured on this system: 0.
func Thread() time.Duration { return 0 }
