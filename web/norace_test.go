//go:build !race

package web_test

const (
	raceDevLimit = 0
	raceEnabled  = false
)
