//go:build race

package web_test

// Under the race detector the coder is several times slower: the browser test codes a
// part of the dev corpus only.
const (
	raceDevLimit = 150
	raceEnabled  = true
)
