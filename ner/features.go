package ner

import (
	"unicode"
	"unicode/utf8"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/kb"
)

// featureVersion names the feature set; a model trained with another set is refused.
const featureVersion = "marsad-ner-features-3"

// Feature templates: the first byte hashed into each feature.
const (
	fBias byte = iota + 1
	fWord
	fKey
	fStem
	fPre
	fSuf
	fWm1
	fWm2
	fWp1
	fWp2
	fSm1
	fSp1
	fBiPrev
	fBiNext
	fKBBegin
	fKBIn
	fKBPrev
	fKBNext
	fGiven
	fGivenPrev
	fGivenNext
	fTitle
	fTitlePrev
	fTitlePrev2
	fStop
	fStopPrev
	fStopNext
	fShape
	fLen
	fArticle
	fConj
	fStemPre
	fStemSuf
	fSm2
	fSp2
	fFirst
	fWm1Shape
	fDescrPrev
	fNgram
	fRare
	fRarePrev
	fRareNext
	fVocab // the stems of the known-word vocabulary (Model.vocab)
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashStr is FNV-1a over the template byte and s.
func hashStr(t byte, s string) uint64 {
	h := uint64(fnvOffset)
	h ^= uint64(t)
	h *= fnvPrime
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashPair is FNV-1a over the template byte, a, a separator and b.
func hashPair(t byte, a, b string) uint64 {
	h := hashStr(t, a)
	h ^= 0xff
	h *= fnvPrime
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= fnvPrime
	}
	return h
}

// mixByte hashes one more byte into h.
func mixByte(h uint64, v byte) uint64 {
	h ^= 0xfe
	h *= fnvPrime
	h ^= uint64(v)
	h *= fnvPrime
	return h
}

// hashByte hashes a template with a one-byte value.
func hashByte(t, v byte) uint64 {
	h := uint64(fnvOffset)
	h ^= uint64(t)
	h *= fnvPrime
	h ^= uint64(v)
	h *= fnvPrime
	return h
}

// Bits of the knowledge-base kinds (kb.EntryKind) found at a position.
const (
	kindBits = 7 // kb.KPerson … kb.KGiven
)

// seq holds the per-token facts the features are built from, reused between calls.
type seq struct {
	norm  []string // folded form ("<num>" for numbers)
	stem  []string // shortest clitic key (arabic.Keys)
	begin []uint8  // kinds of knowledge-base names starting here (bit per kb.EntryKind)
	in    []uint8  // kinds of knowledge-base names covering this token (not starting)
	given []bool
	title []bool
	stop  []bool
	rare  []bool   // a word whose stem is not in vocab
	feats []uint64 // all feature hashes, token after token
	off   []int32  // token i's features are feats[off[i]:off[i+1]]
	// token i's features feats[off[i]:ctx[i]] come from the token alone (its folded
	// form and kind), the rest from its context; the tagger caches the weight sums of
	// the first part (Model.scores).
	ctx []int32
	// vocab, when not nil, is the set of known stems (vocabHash): words outside it get
	// the rare-word features. Set by the caller before extract.
	vocab map[uint64]struct{}
}

// vocabHash is the hash of a stem in the known-word vocabulary.
func vocabHash(stem string) uint64 { return hashStr(fVocab, stem) }

func (s *seq) reset(n int) {
	grow := func(n int) {
		if cap(s.norm) < n {
			s.norm = make([]string, n)
			s.stem = make([]string, n)
			s.begin = make([]uint8, n)
			s.in = make([]uint8, n)
			s.given = make([]bool, n)
			s.title = make([]bool, n)
			s.stop = make([]bool, n)
			s.rare = make([]bool, n)
			s.off = make([]int32, n+1)
			s.ctx = make([]int32, n)
		}
	}
	grow(n)
	s.norm, s.stem, s.begin, s.in = s.norm[:n], s.stem[:n], s.begin[:n], s.in[:n]
	s.given, s.title, s.stop, s.off, s.ctx = s.given[:n], s.title[:n], s.stop[:n], s.off[:n+1], s.ctx[:n]
	s.rare = s.rare[:n]
	clear(s.begin)
	clear(s.in)
	s.feats = s.feats[:0]
}

// isLatin reports whether the word starts with a Latin letter.
func isLatin(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r < 0x250 && unicode.IsLetter(r)
}

// extract computes the features of every token of toks into s; at gives the
// knowledge-base matches (nil: Matcher.At).
func extract(k *kb.KB, toks []arabic.Token, s *seq, match MatchFunc) {
	n := len(toks)
	s.reset(n)
	for i, t := range toks {
		w := t.Norm
		if t.Kind == arabic.Number {
			w = "<num>"
		}
		s.norm[i] = w
		stem := w
		s.given[i], s.title[i] = false, false
		if t.Kind == arabic.Word {
			// The tokenizer's keys, computed once (w is t.Norm).
			for _, key := range t.Keys() {
				if arabic.IsFutureKey(w, key) {
					continue
				}
				if len(key) < len(stem) {
					stem = key
				}
				if k != nil && k.GivenNames[key] {
					s.given[i] = true
				}
			}
			if k != nil {
				s.title[i] = k.TitleWord(w) || k.TitleWord(stem)
			}
		}
		s.stem[i] = stem
		s.stop[i] = t.Kind == arabic.Word && arabic.IsStopword(w)
		s.rare[i] = false
		if s.vocab != nil && t.Kind == arabic.Word {
			_, known := s.vocab[vocabHash(stem)]
			s.rare[i] = !known
		}
	}
	if k != nil {
		for i := 0; i < n; i++ {
			for _, m := range []*kb.Matcher{k.Names, k.Descr} {
				if m == nil {
					continue
				}
				var mt kb.Match
				var ok bool
				if match != nil {
					mt, ok = match(m, i)
				} else {
					mt, ok = m.At(toks, i, nil)
				}
				if !ok {
					continue
				}
				var bits uint8
				for _, e := range mt.Entries {
					if int(e.Kind) < kindBits {
						bits |= 1 << e.Kind
					}
				}
				s.begin[i] |= bits
				for j := i + 1; j < mt.Last && j < n; j++ {
					s.in[j] |= bits
				}
			}
		}
	}
	at := func(i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return s.norm[i]
	}
	stemAt := func(i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return s.stem[i]
	}
	for i, t := range toks {
		s.off[i] = int32(len(s.feats))
		w, stem := s.norm[i], s.stem[i]
		f := append(s.feats, hashByte(fBias, 0), hashStr(fWord, w))
		if t.Kind == arabic.Word {
			for _, key := range t.Keys()[1:] {
				if !arabic.IsFutureKey(w, key) {
					f = append(f, hashStr(fKey, key))
				}
			}
			f = append(f, hashStr(fStem, stem))
			// Prefixes and suffixes of one to three letters.
			var cut [4]int // byte offsets of the first three runes' ends
			nr := 0
			for j := range w {
				if nr < 4 {
					cut[nr] = j
				}
				nr++
			}
			for l := 1; l <= 3 && l < nr; l++ {
				f = append(f, hashStr(fPre, w[:cut[l]]))
			}
			end := len(w)
			for l := 1; l <= 3 && l < nr; l++ {
				_, sz := utf8.DecodeLastRuneInString(w[:end])
				end -= sz
				f = append(f, hashStr(fSuf, w[end:]))
			}
			sl := nr
			if sl > 6 {
				sl = 6
			}
			f = append(f, hashByte(fLen, byte(sl)))
			if len(w) >= 4 && w[:4] == "ال" {
				f = append(f, hashByte(fArticle, 1))
			}
			if arabic.HasConjunction(w) {
				f = append(f, hashByte(fConj, 1))
			}
			// Affixes of the stem (clitics and article stripped): transliterated foreign
			// names end and begin in their own ways («…وف», «…سكي», «جو…»).
			f = appendAffixes(f, stem)
			// Letter trigrams inside the word.
			f = appendTrigrams(f, stem)
		}
		var shape byte
		switch {
		case t.Kind == arabic.Number:
			shape = 'd'
		case t.Kind == arabic.Punct:
			shape = 'p'
		case isLatin(w):
			shape = 'l'
		default:
			shape = 'a'
		}
		f = append(f, hashByte(fShape, shape))
		s.ctx[i] = int32(len(f))
		f = append(f, hashStr(fWm1, at(i-1)), hashStr(fWm2, at(i-2)), hashStr(fWp1, at(i+1)), hashStr(fWp2, at(i+2)))
		f = append(f, hashStr(fSm1, stemAt(i-1)), hashStr(fSp1, stemAt(i+1)))
		f = append(f, hashStr(fSm2, stemAt(i-2)), hashStr(fSp2, stemAt(i+2)))
		if i == 0 {
			f = append(f, hashByte(fFirst, shape))
		} else {
			f = append(f, mixByte(hashStr(fWm1Shape, stemAt(i-1)), shape))
		}
		if i > 0 {
			// Which kinds the previous token starts or covers, with this token's shape.
			f = append(f, mixByte(hashByte(fDescrPrev, s.begin[i-1]|s.in[i-1]), boolByte(s.given[i])))
		}
		f = append(f, hashPair(fBiPrev, stemAt(i-1), stem), hashPair(fBiNext, stem, stemAt(i+1)))
		for b := 0; b < kindBits; b++ {
			if s.begin[i]&(1<<b) != 0 {
				f = append(f, hashByte(fKBBegin, byte(b)))
			}
			if s.in[i]&(1<<b) != 0 {
				f = append(f, hashByte(fKBIn, byte(b)))
			}
			if i > 0 && (s.begin[i-1]|s.in[i-1])&(1<<b) != 0 {
				f = append(f, hashByte(fKBPrev, byte(b)))
			}
			if i+1 < n && s.begin[i+1]&(1<<b) != 0 {
				f = append(f, hashByte(fKBNext, byte(b)))
			}
		}
		if s.vocab != nil {
			// Words the training data saw seldom or never are names more often than not;
			// more so after a nationality or title («البرازيلي روبنز باريكيلو»).
			var pat byte
			if i > 0 && s.rare[i-1] {
				pat |= 4
			}
			if s.rare[i] {
				pat |= 2
			}
			if i+1 < n && s.rare[i+1] {
				pat |= 1
			}
			f = append(f, hashByte(fRare, pat))
			if s.rare[i] {
				f = append(f, hashStr(fRarePrev, stemAt(i-1)), hashStr(fRareNext, stemAt(i+1)))
			}
		}
		if s.given[i] {
			f = append(f, hashByte(fGiven, 1))
		}
		if i > 0 && s.given[i-1] {
			f = append(f, hashByte(fGivenPrev, 1))
		}
		if i+1 < n && s.given[i+1] {
			f = append(f, hashByte(fGivenNext, 1))
		}
		if s.title[i] {
			f = append(f, hashByte(fTitle, 1))
		}
		if i > 0 && s.title[i-1] {
			f = append(f, hashByte(fTitlePrev, 1))
		}
		if i > 1 && s.title[i-2] {
			f = append(f, hashByte(fTitlePrev2, 1))
		}
		if s.stop[i] {
			f = append(f, hashByte(fStop, 1))
		}
		if i > 0 && s.stop[i-1] {
			f = append(f, hashByte(fStopPrev, 1))
		}
		if i+1 < n && s.stop[i+1] {
			f = append(f, hashByte(fStopNext, 1))
		}
		s.feats = f
	}
	s.off[n] = int32(len(s.feats))
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// appendAffixes adds the stem's prefixes of two to four letters and suffixes of two to
// four letters (the stem must be longer than the affix).
func appendAffixes(f []uint64, stem string) []uint64 {
	var ends [5]int // byte offsets of the ends of the first four runes
	nr := 0
	for j := range stem {
		if nr > 0 && nr <= 4 {
			ends[nr] = j
		}
		nr++
	}
	for l := 2; l <= 4 && l < nr; l++ {
		f = append(f, hashStr(fStemPre, stem[:ends[l]]))
	}
	end := len(stem)
	for l := 1; l <= 4 && l < nr; l++ {
		_, sz := utf8.DecodeLastRuneInString(stem[:end])
		end -= sz
		if l >= 2 {
			f = append(f, hashStr(fStemSuf, stem[end:]))
		}
	}
	return f
}

// appendTrigrams adds the letter trigrams of stems of three to thirteen letters.
func appendTrigrams(f []uint64, stem string) []uint64 {
	var pos [16]int // byte offsets of rune starts, then len(stem)
	nr := 0
	for j := range stem {
		if nr >= 13 {
			return f
		}
		pos[nr] = j
		nr++
	}
	if nr < 3 {
		return f
	}
	pos[nr] = len(stem)
	for a := 0; a+3 <= nr; a++ {
		f = append(f, hashStr(fNgram, stem[pos[a]:pos[a+3]]))
	}
	return f
}
