// Package ner is a statistical named-entity tagger for Arabic news: an averaged
// structured perceptron over BIO tags of three coarse types (PERS, ORG, LOC), decoded
// with Viterbi under the BIO constraint. Features are the folded token, its clitic keys
// (arabic.Keys), affixes, the neighbouring words, and what the knowledge base knows
// about each position (names of persons, organisations, places and countries, given
// names, title words, nationality adjectives). The model in model/ner.model is trained
// on WikiFANE Gold 2014 (CC BY-SA 3.0; see NOTICE and README.md).
package ner

import (
	_ "embed"
	"runtime"
	"sync"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/loadgc"
	"github.com/marsad-project/marsad/kb"
)

// Tags: O, then B and I of each type.
const (
	tagO = iota
	tagBPers
	tagIPers
	tagBOrg
	tagIOrg
	tagBLoc
	tagILoc
	nTags
)

// TagNames are the BIO tags in model order.
var TagNames = [nTags]string{"O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

func tagIndex(s string) int {
	for i, t := range TagNames {
		if t == s {
			return i
		}
	}
	return tagO
}

// typeOf is the entity type of a B or I tag.
func typeOf(tag int) string {
	switch tag {
	case tagBPers, tagIPers:
		return "PERS"
	case tagBOrg, tagIOrg:
		return "ORG"
	case tagBLoc, tagILoc:
		return "LOC"
	}
	return ""
}

func isInside(tag int) bool { return tag == tagIPers || tag == tagIOrg || tag == tagILoc }

// allowed reports whether tag cur may follow tag prev (prev < 0: start of sequence).
func allowed(prev, cur int) bool {
	if !isInside(cur) {
		return true
	}
	return prev == cur || prev == cur-1
}

// Span is an entity over tokens [First, Last) — Last is exclusive, as in kb.Match.
type Span struct {
	First, Last int
	Type        string // PERS, ORG or LOC
}

// Tagger tags token sequences. It is immutable and safe for concurrent use.
type Tagger struct {
	m *Model
	// free holds work areas between calls. Unlike a sync.Pool's, they outlive garbage
	// collections, and with them the word sums they cache.
	free chan *work
}

type work struct {
	s     seq
	ents  []*typeEnt
	ctx   []uint64
	emit  []float32
	back  []int8
	tags  []int
	types typeCache
}

//go:embed model/ner.model
var embedded []byte

var (
	loadOnce sync.Once
	loaded   *Tagger
	loadErr  error
)

// Load returns the tagger with the embedded model (parsed once).
func Load() (*Tagger, error) {
	loadOnce.Do(func() {
		defer loadgc.Hold()()
		if len(embedded) == 0 {
			loadErr = marsad.Errorf("ner.Load", marsad.Internal, "no embedded model: run `marsad train ner --out ner/model/ner.model WIKIFANE_FILE`")
			return
		}
		m, err := ReadEmbedded()
		if err != nil {
			loadErr = err
			return
		}
		loaded = New(m)
	})
	return loaded, loadErr
}

// ReadEmbedded parses the embedded model afresh (Load parses it once and keeps it). The
// model reads the embedded bytes in place: nothing is copied.
func ReadEmbedded() (*Model, error) { return parseModel(embedded) }

// New returns a tagger for a model.
func New(m *Model) *Tagger {
	return &Tagger{m: m, free: make(chan *work, 2*runtime.GOMAXPROCS(0))}
}

// Model returns the tagger's model.
func (t *Tagger) Model() *Model { return t.m }

// Tag finds the entities in toks (a sentence or a whole text; tokens as arabic.Tokenize
// makes them). k supplies the knowledge-base features; it may be nil, at a cost in
// accuracy. Spans are in text order and do not overlap.
func (t *Tagger) Tag(k *kb.KB, toks []arabic.Token) []Span {
	return t.TagMatched(k, toks, nil)
}

// MatchFunc returns the longest knowledge-base name of matcher m (k.Names or k.Descr)
// at token i of the tokens being tagged, as m.At(toks, i, nil) would.
type MatchFunc func(m *kb.Matcher, i int) (kb.Match, bool)

// TagMatched is Tag with the knowledge-base matches given by at (nil: looked up), for
// callers that have matched the tokens already.
func (t *Tagger) TagMatched(k *kb.KB, toks []arabic.Token, at MatchFunc) []Span {
	if len(toks) == 0 {
		return nil
	}
	var w *work
	select {
	case w = <-t.free:
	default:
		w = &work{}
	}
	defer func() {
		select {
		case t.free <- w:
		default:
		}
	}()
	emit := t.m.emissions(k, toks, at, w)
	return Decode(t.m.decode(emit, len(toks), w))
}

// Known reports whether the training data saw the word's stem (its shortest clitic
// key) often enough for the rare-word features to count it known. A model without a
// vocabulary knows every word.
func (t *Tagger) Known(tok arabic.Token) bool {
	if len(t.m.vocab) == 0 || tok.Kind != arabic.Word {
		return true
	}
	stem := tok.Norm
	for _, key := range arabic.Keys(tok.Norm) {
		if !arabic.IsFutureKey(tok.Norm, key) && len(key) < len(stem) {
			stem = key
		}
	}
	return t.m.vocab.known(vocabHash(stem))
}

// Tags returns the BIO tag names of toks (see Tag).
func (t *Tagger) Tags(k *kb.KB, toks []arabic.Token) []string {
	if len(toks) == 0 {
		return nil
	}
	w := &work{}
	tags := t.m.decode(t.m.emissions(k, toks, nil, w), len(toks), w)
	out := make([]string, len(tags))
	for i, g := range tags {
		out[i] = TagNames[g]
	}
	return out
}

// Decode turns a BIO tag sequence (indexes into TagNames) into spans; an I tag that
// does not continue an entity of its type starts one.
func Decode(tags []int) []Span {
	var out []Span
	open, typ := -1, ""
	for i, g := range tags {
		ty := typeOf(g)
		switch {
		case g == tagO:
			if open >= 0 {
				out = append(out, Span{open, i, typ})
			}
			open, typ = -1, ""
		case isInside(g) && open >= 0 && typ == ty:
		default:
			if open >= 0 {
				out = append(out, Span{open, i, typ})
			}
			open, typ = i, ty
		}
	}
	if open >= 0 {
		out = append(out, Span{open, len(tags), typ})
	}
	return out
}

// TokensOf makes tokens out of words that are already tokenised (a CoNLL column): one
// token per word, kinds guessed from the first code point, offsets as if the words
// were joined by single spaces.
func TokensOf(words []string) []arabic.Token {
	toks := make([]arabic.Token, len(words))
	off := 0
	for i, w := range words {
		n := arabic.RuneCount(w)
		kind := arabic.Punct
		for _, r := range w {
			switch {
			case arabic.DigitValue(r) >= 0:
				kind = arabic.Number
			case arabic.IsArabicLetter(r) || isLetter(r):
				kind = arabic.Word
			}
			break
		}
		norm := arabic.Fold(w)
		if kind == arabic.Number {
			b := make([]byte, 0, len(norm))
			for _, r := range w {
				if d := arabic.DigitValue(r); d >= 0 {
					b = append(b, byte('0'+d))
				}
			}
			norm = string(b)
		}
		toks[i] = arabic.Token{Start: off, End: off + n, Text: w, Norm: norm, Kind: kind, SpaceAfter: i+1 < len(words)}
		off += n + 1
	}
	return toks
}
