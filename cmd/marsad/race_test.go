//go:build race

package main

// raceEnabled is true under the race detector, where the end-to-end test ingests a
// part of the dev corpus to keep its time reasonable.
const raceEnabled = true
