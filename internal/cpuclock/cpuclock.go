// Package cpuclock reads CPU time for benchmarks: on a busy machine the CPU time a
// process or a thread used is a steadier measure than the wall clock, which counts the
// time spent waiting while other processes run. Where the system cannot tell, the
// functions return 0 and callers report wall-clock figures only.
package cpuclock
