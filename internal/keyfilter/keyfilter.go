// Package keyfilter is a small Bloom filter over strings: a lexicon's keys in a bit
// table that stays in the processor's cache, asked before the lexicon's map, so that
// the text's words that are in no lexicon — most of them — cost a hash and two bit
// reads instead of a probe of a map of tens of thousands of entries in main memory.
//
// Has never answers false for a key that was added; it answers true for about one key
// in twenty that was not (the map then says no).
package keyfilter

import "hash/maphash"

var seed = maphash.MakeSeed()

// Filter is a set of strings that may answer yes wrongly, never no wrongly. Make one
// with New; a nil *Filter holds everything.
type Filter struct {
	bits []uint64
	mask uint64 // number of words - 1
}

// New returns a filter sized for n keys (8 bits a key, at least 4096 bits): small, so
// that the lines a text touches stay in cache between its words.
func New(n int) *Filter {
	size := uint64(4096)
	for size < uint64(n)*8 {
		size <<= 1
	}
	return &Filter{bits: make([]uint64, size/64), mask: size/64 - 1}
}

// word returns the index of the word of s's bits and its two bits in it: both in one
// word, so that a look-up reads one cache line.
func (f *Filter) word(s string) (int, uint64) {
	h := maphash.String(seed, s)
	return int(h & f.mask), 1<<(h>>52&63) | 1<<(h>>58)
}

// Add adds s.
func (f *Filter) Add(s string) {
	w, m := f.word(s)
	f.bits[w] |= m
}

// Has reports whether s may have been added: false means it was not.
func (f *Filter) Has(s string) bool {
	if f == nil {
		return true
	}
	w, m := f.word(s)
	return f.bits[w]&m == m
}
