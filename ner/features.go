package ner

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/kb"
)

// featureVersion names the feature set; a model trained with another set is refused.
const featureVersion = "marsad-ner-features-4"

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
	fVocab      // the stems of the known-word vocabulary (Model.vocab)
	fPairKey    // the stem's hash that the features of two tokens combine (wordFeats.sh)
	fClusterKey // the key of a stem in Clusters
	fClusL      // the stem's class of left contexts
	fClusR      // the stem's class of right contexts
	fClusLP1    // the previous stem's classes
	fClusRP1
	fClusLN1 // the next stem's classes
	fClusRN1
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

// mixByte hashes one more byte into h.
func mixByte(h uint64, v byte) uint64 {
	h ^= 0xfe
	h *= fnvPrime
	h ^= uint64(v)
	h *= fnvPrime
	return h
}

// pairHash combines a template and two hashes (of a stem, or of a stem and a shape)
// without going over the strings again.
func pairHash(t byte, a, b uint64) uint64 {
	h := (a ^ uint64(t)<<56) * 0x9E3779B97F4A7C15
	h ^= b + 0x632BE59BD9B4E019
	h *= 0xFF51AFD7ED558CCD
	return h ^ h>>29
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

// Slots of a word's features. A word type (its folded form and kind) gives the token
// its own features (slotLocal) and gives its neighbours features that depend on it
// alone and on where it stands: as the word before (slotP1), two before (slotP2),
// after (slotN1), two after (slotN2), and before or after a rare word (slotRP,
// slotRN). The tagger sums the weights of each slot once per word type.
const (
	slotLocal = iota
	slotP1
	slotP2
	slotN1
	slotN2
	slotRP
	slotRN
	nSlots
)

// wordFeats is what a word type contributes: its facts and the feature hashes of
// each slot, end to end in feats (slot j is feats[off[j]:off[j+1]]).
type wordFeats struct {
	norm, stem string
	sh         uint64 // hashStr(fPairKey, stem)
	shape      byte   // 'a' Arabic, 'l' Latin, 'd' digits, 'p' punctuation
	given      bool   // a clitic key is a given name (kb.GivenNames)
	title      bool   // kb.TitleWord
	stop       bool   // arabic.IsStopword
	rare       bool   // a word whose stem is not in the vocabulary
	clus       bool   // word classes in use (cl, cr: the stem's, noClass for none)
	cl, cr     uint16
	off        [nSlots + 1]int32
	feats      []uint64
}

func (x *wordFeats) slot(j int) []uint64 { return x.feats[x.off[j]:x.off[j+1]] }

// vocabSet is the known-word vocabulary: vocabHash values in increasing order. An
// empty set turns the rare-word features off.
type vocabSet []uint64

func (v vocabSet) known(h uint64) bool {
	_, ok := slices.BinarySearch(v, h)
	return ok
}

// wordNorm is the form a token is keyed and featured by ("<num>" for numbers).
func wordNorm(t arabic.Token) string {
	if t.Kind == arabic.Number {
		return "<num>"
	}
	return t.Norm
}

// compute fills x with the features of token t's word type; feats is reused.
func (x *wordFeats) compute(k *kb.KB, t arabic.Token, vocab vocabSet, clus *Clusters) {
	w := wordNorm(t)
	stem := w
	x.given, x.title, x.stop, x.rare = false, false, false, false
	f := x.feats[:0]
	f = append(f, hashByte(fBias, 0), hashStr(fWord, w))
	if t.Kind == arabic.Word {
		keys := t.Keys()
		for _, key := range keys {
			if arabic.IsFutureKey(w, key) {
				continue
			}
			if len(key) < len(stem) {
				stem = key
			}
			if k != nil && k.GivenNames[key] {
				x.given = true
			}
		}
		if k != nil {
			x.title = k.TitleWord(w) || k.TitleWord(stem)
		}
		x.stop = arabic.IsStopword(w)
		if len(vocab) > 0 {
			x.rare = !vocab.known(vocabHash(stem))
		}
		for _, key := range keys[1:] {
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
		f = append(f, hashByte(fLen, byte(min(nr, 6))))
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
	switch {
	case t.Kind == arabic.Number:
		x.shape = 'd'
	case t.Kind == arabic.Punct:
		x.shape = 'p'
	case isLatin(w):
		x.shape = 'l'
	default:
		x.shape = 'a'
	}
	f = append(f, hashByte(fShape, x.shape))
	if x.given {
		f = append(f, hashByte(fGiven, 1))
	}
	if x.title {
		f = append(f, hashByte(fTitle, 1))
	}
	if x.stop {
		f = append(f, hashByte(fStop, 1))
	}
	x.cl, x.cr = noClass, noClass
	if clus != nil {
		x.cl, x.cr = clus.classOf(clusterHash(stem))
		f = append(f, hashClass(fClusL, x.cl), hashClass(fClusR, x.cr))
	}
	x.norm, x.stem, x.clus = w, stem, clus != nil
	x.feats = f
	x.neighbourSlots()
}

// hashClass hashes a template with a word class.
func hashClass(t byte, c uint16) uint64 { return mixByte(hashByte(t, byte(c)), byte(c>>8)) }

// boundary fills x as the start ("<s>") or end ("</s>") of the sequence seen from
// its neighbours.
func (x *wordFeats) boundary(w string, clus *Clusters) {
	*x = wordFeats{norm: w, stem: w, shape: 'p', feats: x.feats[:0], cl: noClass, cr: noClass, clus: clus != nil}
	x.neighbourSlots()
}

// neighbourSlots appends the slots after slotLocal (x.feats holds slotLocal).
func (x *wordFeats) neighbourSlots() {
	f := x.feats
	w, stem := x.norm, x.stem
	x.sh = hashStr(fPairKey, stem)
	x.off[slotLocal] = 0
	x.off[slotP1] = int32(len(f))
	f = append(f, hashStr(fWm1, w), hashStr(fSm1, stem))
	if x.given {
		f = append(f, hashByte(fGivenPrev, 1))
	}
	if x.title {
		f = append(f, hashByte(fTitlePrev, 1))
	}
	if x.stop {
		f = append(f, hashByte(fStopPrev, 1))
	}
	if x.clus {
		f = append(f, hashClass(fClusLP1, x.cl), hashClass(fClusRP1, x.cr))
	}
	x.off[slotP2] = int32(len(f))
	f = append(f, hashStr(fWm2, w), hashStr(fSm2, stem))
	if x.title {
		f = append(f, hashByte(fTitlePrev2, 1))
	}
	x.off[slotN1] = int32(len(f))
	f = append(f, hashStr(fWp1, w), hashStr(fSp1, stem))
	if x.given {
		f = append(f, hashByte(fGivenNext, 1))
	}
	if x.stop {
		f = append(f, hashByte(fStopNext, 1))
	}
	if x.clus {
		f = append(f, hashClass(fClusLN1, x.cl), hashClass(fClusRN1, x.cr))
	}
	x.off[slotN2] = int32(len(f))
	f = append(f, hashStr(fWp2, w), hashStr(fSp2, stem))
	x.off[slotRP] = int32(len(f))
	f = append(f, hashStr(fRarePrev, stem))
	x.off[slotRN] = int32(len(f))
	f = append(f, hashStr(fRareNext, stem))
	x.off[nSlots] = int32(len(f))
	x.feats = f
}

// seq holds the per-token facts of a sequence, reused between calls.
type seq struct {
	sh    []uint64 // wordFeats.sh
	shape []byte
	given []bool
	rare  []bool
	// starts: bit 0, a name of k.Names may start at the token; bit 1, one of k.Descr
	// (a word type none of whose keys begins a name is not looked up).
	starts []uint8
	begin  []uint8 // kinds of knowledge-base names starting here (bit per kb.EntryKind)
	in     []uint8 // kinds of knowledge-base names covering this token (not starting)
	// Training only: every token's whole feature list (feats[off[i]:off[i+1]]).
	words []wordFeats
	feats []uint64
	off   []int32
	// vocab, when not empty, is the set of known stems: words outside it get the
	// rare-word features. Set by the caller before extract.
	vocab    vocabSet
	clus     *Clusters // word classes (nil: none)
	bos, eos wordFeats // the sequence's boundaries as neighbours
}

// vocabHash is the hash of a stem in the known-word vocabulary.
func vocabHash(stem string) uint64 { return hashStr(fVocab, stem) }

func (s *seq) reset(n int) {
	if cap(s.sh) < n {
		s.sh = make([]uint64, n)
		s.shape = make([]byte, n)
		s.given = make([]bool, n)
		s.rare = make([]bool, n)
		s.starts = make([]uint8, n)
		s.begin = make([]uint8, n)
		s.in = make([]uint8, n)
	}
	s.sh, s.shape, s.given, s.rare, s.starts = s.sh[:n], s.shape[:n], s.given[:n], s.rare[:n], s.starts[:n]
	s.begin, s.in = s.begin[:n], s.in[:n]
	clear(s.begin)
	clear(s.in)
	if s.bos.norm == "" || s.bos.clus != (s.clus != nil) {
		s.bos.boundary("<s>", s.clus)
		s.eos.boundary("</s>", s.clus)
	}
}

// isLatin reports whether the word starts with a Latin letter.
func isLatin(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r < 0x250 && unicode.IsLetter(r)
}

// matchKB sets s.begin and s.in from the knowledge base's names and descriptions at
// every token; at gives the matches (nil: Matcher.At).
func (s *seq) matchKB(k *kb.KB, toks []arabic.Token, match MatchFunc) {
	if k == nil {
		return
	}
	n := len(toks)
	for mi, m := range [2]*kb.Matcher{k.Names, k.Descr} {
		if m == nil {
			continue
		}
		for i := 0; i < n; i++ {
			// Without the caller's matches, only where a longer name may start (the
			// one-word names are in s.begin already, see typeCache.lookup).
			if match == nil && s.starts[i]&(1<<mi) == 0 {
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
			bits := entryBits(mt.Entries)
			s.begin[i] |= bits
			for j := i + 1; j < mt.Last && j < n; j++ {
				s.in[j] |= bits
			}
		}
	}
}

// entryBits are the kinds of entries (a bit per kb.EntryKind below kindBits).
func entryBits(es []*kb.Entry) uint8 {
	var bits uint8
	for _, e := range es {
		if int(e.Kind) < kindBits {
			bits |= 1 << e.Kind
		}
	}
	return bits
}

// appendContext appends token i's features that depend on it and its neighbours
// together (bigrams of stems, the previous stem with this token's shape, the
// knowledge base's names around it, the pattern of rare words).
func (s *seq) appendContext(f []uint64, i int) []uint64 {
	n := len(s.sh)
	shPrev, shNext := s.bos.sh, s.eos.sh
	if i > 0 {
		shPrev = s.sh[i-1]
	}
	if i+1 < n {
		shNext = s.sh[i+1]
	}
	f = append(f, pairHash(fBiPrev, shPrev, s.sh[i]), pairHash(fBiNext, s.sh[i], shNext))
	if i == 0 {
		f = append(f, hashByte(fFirst, s.shape[i]))
	} else {
		f = append(f, pairHash(fWm1Shape, shPrev, uint64(s.shape[i])))
		// Which kinds the previous token starts or covers, with whether this one is a
		// given name.
		f = append(f, mixByte(hashByte(fDescrPrev, s.begin[i-1]|s.in[i-1]), boolByte(s.given[i])))
	}
	var prev, next uint8
	if i > 0 {
		prev = s.begin[i-1] | s.in[i-1]
	}
	if i+1 < n {
		next = s.begin[i+1]
	}
	if s.begin[i]|s.in[i]|prev|next != 0 {
		for b := 0; b < kindBits; b++ {
			if s.begin[i]&(1<<b) != 0 {
				f = append(f, hashByte(fKBBegin, byte(b)))
			}
			if s.in[i]&(1<<b) != 0 {
				f = append(f, hashByte(fKBIn, byte(b)))
			}
			if prev&(1<<b) != 0 {
				f = append(f, hashByte(fKBPrev, byte(b)))
			}
			if next&(1<<b) != 0 {
				f = append(f, hashByte(fKBNext, byte(b)))
			}
		}
	}
	if len(s.vocab) > 0 {
		// Words the training data saw seldom or never are names more often than not;
		// more so after a nationality or title («البرازيلي روبنز باريكيلو»).
		f = append(f, hashByte(fRare, s.rarePattern(i)))
	}
	return f
}

// rarePattern is the rare-word pattern of tokens i-1, i, i+1 (bits 4, 2, 1).
func (s *seq) rarePattern(i int) byte {
	var pat byte
	if i > 0 && s.rare[i-1] {
		pat |= 4
	}
	if s.rare[i] {
		pat |= 2
	}
	if i+1 < len(s.rare) && s.rare[i+1] {
		pat |= 1
	}
	return pat
}

// extract computes every token's whole feature list into s.feats (the trainer's
// form; the tagger sums the same features per word type, see Tagger.scores).
func extract(k *kb.KB, toks []arabic.Token, s *seq, match MatchFunc) {
	n := len(toks)
	s.reset(n)
	if cap(s.words) < n {
		s.words = append(s.words[:cap(s.words)], make([]wordFeats, n-cap(s.words))...)
	}
	s.words = s.words[:n]
	for i, t := range toks {
		x := &s.words[i]
		x.compute(k, t, s.vocab, s.clus)
		s.sh[i], s.shape[i], s.given[i], s.rare[i], s.starts[i] = x.sh, x.shape, x.given, x.rare, 3
	}
	s.matchKB(k, toks, match)
	if cap(s.off) < n+1 {
		s.off = make([]int32, n+1)
	}
	s.off = s.off[:n+1]
	f := s.feats[:0]
	word := func(i int) *wordFeats {
		switch {
		case i < 0:
			return &s.bos
		case i >= n:
			return &s.eos
		}
		return &s.words[i]
	}
	for i := range toks {
		s.off[i] = int32(len(f))
		f = append(f, s.words[i].slot(slotLocal)...)
		f = append(f, word(i-1).slot(slotP1)...)
		f = append(f, word(i-2).slot(slotP2)...)
		f = append(f, word(i+1).slot(slotN1)...)
		f = append(f, word(i+2).slot(slotN2)...)
		if s.rare[i] {
			f = append(f, word(i-1).slot(slotRP)...)
			f = append(f, word(i+1).slot(slotRN)...)
		}
		f = s.appendContext(f, i)
	}
	s.off[n] = int32(len(f))
	s.feats = f
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
