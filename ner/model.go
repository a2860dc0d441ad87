package ner

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"io"
	"math"
	"slices"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/kb"
)

// Model is a trained tagger: emission weights per feature hash and tag, and
// transition weights (row nTags is the start of the sequence).
type Model struct {
	// index and w are the trainer's form (a model read from a file has only tab).
	index map[uint64]int32 // feature hash → row in w
	w     []float32        // len(index) rows of nTags weights
	tab   flatTable        // what the tagger looks weights up in (integers × scale)
	scale float32
	trans [(nTags + 1) * nTags]float32
	// oBias is subtracted from the O tag's score of every token at decoding: a
	// perceptron trained on encyclopaedia text is shy of entities in news, and a
	// positive bias trades some precision for recall.
	oBias float32
	// vocab holds the stems (vocabHash) seen at least vocabMin times in training; empty
	// in a model trained without rare-word features.
	vocab vocabSet
	// clusters are the word classes the features use (nil: none).
	clusters *Clusters
	// bos and eos are the weight sums of the sequence's boundaries as neighbours.
	bos, eos typeEnt
	consts   constSums
}

// OBias returns the bias against the O tag applied at decoding.
func (m *Model) OBias() float32 { return m.oBias }

// SetOBias sets the bias against the O tag (see Model.oBias); Write stores it.
func (m *Model) SetOBias(b float32) { m.oBias = b }

// Features returns the number of features in the model.
func (m *Model) Features() int { return m.tab.n }

// compile builds the lookup table from the trainer's form, as a model file would.
func (m *Model) compile() {
	var buf bytes.Buffer
	if _, err := m.Write(&buf, 0); err != nil {
		panic(err) // a bytes.Buffer does not fail
	}
	fm, err := parseModel(buf.Bytes())
	if err != nil {
		panic(err) // what Write writes parses
	}
	m.tab, m.scale, m.bos, m.eos, m.consts, m.clusters = fm.tab, fm.scale, fm.bos, fm.eos, fm.consts, fm.clusters
}

// typeEnt is a word type's weight sums, per slot (see slotLocal), in the model's
// integer units, with the facts the context features need.
type typeEnt struct {
	sh          uint64
	shape       byte
	given, rare bool
	starts      uint8    // bit 0: a longer name of k.Names may start here, bit 1: one of k.Descr
	fixed       [2]uint8 // the kinds of the one-word names of k.Names, k.Descr here
	v           [nSlots][nTags]int32
	// byShape: the weights of the feature of this stem and the next token's shape
	// (fWm1Shape), by shapeIndex.
	byShape [4][nTags]int32
}

// sumWord sums the weights of each slot of x into e.
func (m *Model) sumWord(x *wordFeats, e *typeEnt) {
	e.sh, e.shape, e.given, e.rare = x.sh, x.shape, x.given, x.rare
	// A rare word's features are often not in the model: the filter tells without a
	// trip to the table.
	for j := range nSlots {
		e.v[j] = [nTags]int32{}
		for _, h := range x.slot(j) {
			if m.tab.mayHave(h) {
				m.tab.addTo(h, &e.v[j])
			}
		}
	}
	for i, b := range [4]byte{'a', 'l', 'd', 'p'} {
		e.byShape[i] = [nTags]int32{}
		if h := pairHash(fWm1Shape, x.sh, uint64(b)); m.tab.mayHave(h) {
			m.tab.addTo(h, &e.byShape[i])
		}
	}
}

// Context features that take few values have their weights looked up once.
type constSums struct {
	first [4][nTags]int32           // fFirst by shape (shapeIndex)
	rare  [8][nTags]int32           // fRare by pattern
	descr [256][nTags]int32         // fDescrPrev by kinds, given<<7
	kb    [4][kindBits][nTags]int32 // fKBBegin, fKBIn, fKBPrev, fKBNext by kind
}

func shapeIndex(b byte) int {
	switch b {
	case 'a':
		return 0
	case 'l':
		return 1
	case 'd':
		return 2
	}
	return 3
}

// prepare computes what a model needs besides its table.
func (m *Model) prepare() {
	var x wordFeats
	x.boundary("<s>", m.clusters)
	m.sumWord(&x, &m.bos)
	x.boundary("</s>", m.clusters)
	m.sumWord(&x, &m.eos)
	c := &m.consts
	for i, b := range []byte{'a', 'l', 'd', 'p'} {
		m.tab.addTo(hashByte(fFirst, b), &c.first[i])
	}
	for p := range 8 {
		m.tab.addTo(hashByte(fRare, byte(p)), &c.rare[p])
	}
	for bits := range 128 {
		for g := range 2 {
			m.tab.addTo(mixByte(hashByte(fDescrPrev, byte(bits)), byte(g)), &c.descr[bits|g<<7])
		}
	}
	for b := range kindBits {
		for t, tpl := range []byte{fKBBegin, fKBIn, fKBPrev, fKBNext} {
			m.tab.addTo(hashByte(tpl, byte(b)), &c.kb[t][b])
		}
	}
}

// typeCache holds the weight sums of the word types a work area has seen, for one
// knowledge base (the given-name and title facts come from it): an open-addressing
// index keyed by a 64-bit hash of the folded form (small enough to stay in the
// processor's cache) over the entries in the order first seen, so that the frequent
// words, seen first, sit together in memory. (Two forms with the same 64-bit hash
// would share an entry; among the few ten thousand forms of a cache's life the odds
// are below one in a billion.)
type typeCache struct {
	k    *kb.KB
	keys []uint64 // 0: empty
	idx  []int32  // entry of keys[i]
	ents []typeEnt
	x    wordFeats // scratch
}

// cacheBits sizes the cache's index; it starts over when three eighths full.
const (
	cacheBits = 17
	maxEnts   = (1 << cacheBits) * 3 / 8
)

// lookup returns the entry of token t's word type, computing it on first sight.
func (c *typeCache) lookup(m *Model, k *kb.KB, t arabic.Token) *typeEnt {
	key := wordNorm(t)
	h := hashStr(0xEE, key) | 1
	if c.k != k || c.keys == nil || len(c.ents) >= maxEnts {
		if c.keys == nil {
			c.keys, c.idx = make([]uint64, 1<<cacheBits), make([]int32, 1<<cacheBits)
			// All the entries the cache can hold, so that they are never copied (the
			// memory is the system's until written).
			c.ents = make([]typeEnt, 0, maxEnts)
		} else {
			clear(c.keys)
		}
		c.ents, c.k = c.ents[:0], k
	}
	mask := uint64(len(c.keys) - 1)
	i := (h * 0x9E3779B97F4A7C15) >> (64 - cacheBits)
	for {
		if c.keys[i] == h {
			return &c.ents[c.idx[i]]
		}
		if c.keys[i] == 0 {
			break
		}
		i = (i + 1) & mask
	}
	c.keys[i], c.idx[i] = h, int32(len(c.ents))
	c.ents = append(c.ents, typeEnt{})
	e := &c.ents[len(c.ents)-1]
	c.x.compute(k, t, m.vocab, m.clusters)
	m.sumWord(&c.x, e)
	// The names that may start at a token of this type: none; only one-word names,
	// whatever follows (their kinds are kept); or longer ones too (looked up in
	// context). AtEnd on the token alone tells: cut means that names go on.
	if k != nil {
		one := [1]arabic.Token{t}
		for b, mt := range [2]*kb.Matcher{k.Names, k.Descr} {
			if mt == nil {
				continue
			}
			switch m, ok, cut := mt.AtEnd(one[:], 0, nil); {
			case cut:
				e.starts |= 1 << b
			case ok:
				e.fixed[b] = entryBits(m.Entries)
			}
		}
	}
	return e
}

// emissions computes the tag scores of every token of toks into w.emit: the sums of
// the word types' slots, then the features of the context.
func (m *Model) emissions(k *kb.KB, toks []arabic.Token, match MatchFunc, w *work) []float32 {
	n := len(toks)
	s := &w.s
	s.vocab, s.clus = m.vocab, m.clusters
	s.reset(n)
	if cap(w.ents) < n {
		w.ents = make([]*typeEnt, n)
	}
	ents := w.ents[:n]
	for i, t := range toks {
		e := w.types.lookup(m, k, t)
		ents[i] = e
		s.sh[i], s.shape[i], s.given[i], s.rare[i], s.starts[i] = e.sh, e.shape, e.given, e.rare, e.starts
		if match == nil {
			s.begin[i] = e.fixed[0] | e.fixed[1]
		}
	}
	s.bos.sh, s.eos.sh = m.bos.sh, m.eos.sh
	s.matchKB(k, toks, match)
	if cap(w.emit) < n*nTags {
		w.emit = make([]float32, n*nTags)
		w.back = make([]int8, n*nTags)
	}
	emit := w.emit[:n*nTags]
	at := func(i int) *typeEnt {
		switch {
		case i < 0:
			return &m.bos
		case i >= n:
			return &m.eos
		}
		return ents[i]
	}
	c := &m.consts
	for i := range n {
		var sum [nTags]int32
		p1, p2, n1, n2 := at(i-1), at(i-2), at(i+1), at(i+2)
		for g := range nTags {
			sum[g] = ents[i].v[slotLocal][g] + p1.v[slotP1][g] + p2.v[slotP2][g] + n1.v[slotN1][g] + n2.v[slotN2][g]
		}
		if s.rare[i] {
			for g := range nTags {
				sum[g] += p1.v[slotRP][g] + n1.v[slotRN][g]
			}
		}
		// The context features (seq.appendContext), the constant ones from m.consts.
		if h := pairHash(fBiPrev, p1.sh, s.sh[i]); m.tab.mayHave(h) {
			m.tab.addTo(h, &sum)
		}
		if h := pairHash(fBiNext, s.sh[i], n1.sh); m.tab.mayHave(h) {
			m.tab.addTo(h, &sum)
		}
		var add *[nTags]int32
		if i == 0 {
			add = &c.first[shapeIndex(s.shape[i])]
		} else {
			add = &p1.byShape[shapeIndex(s.shape[i])]
			for g := range nTags {
				sum[g] += add[g]
			}
			add = &c.descr[(s.begin[i-1]|s.in[i-1])&127|boolByte(s.given[i])<<7]
		}
		for g := range nTags {
			sum[g] += add[g]
		}
		var prev, next uint8
		if i > 0 {
			prev = s.begin[i-1] | s.in[i-1]
		}
		if i+1 < n {
			next = s.begin[i+1]
		}
		if s.begin[i]|s.in[i]|prev|next != 0 {
			for t, bits := range [4]uint8{s.begin[i], s.in[i], prev, next} {
				for b := range kindBits {
					if bits&(1<<b) != 0 {
						for g := range nTags {
							sum[g] += c.kb[t][b][g]
						}
					}
				}
			}
		}
		if len(s.vocab) > 0 {
			add = &c.rare[s.rarePattern(i)]
			for g := range nTags {
				sum[g] += add[g]
			}
		}
		out := emit[i*nTags : (i+1)*nTags]
		for g := range nTags {
			out[g] = float32(sum[g]) * m.scale
		}
		out[tagO] -= m.oBias
	}
	return emit
}

// sumFeats is the integer sum of the weights of feats (for tests: the tagger's
// per-type sums must add up to it).
func (m *Model) sumFeats(feats []uint64) [nTags]int32 {
	var sum [nTags]int32
	for _, h := range feats {
		m.tab.addTo(h, &sum)
	}
	return sum
}

// flatTable is a static open-addressing hash table read in place from the model
// file's bytes. A slot is a fingerprint (the hash's high 32 bits, never 0; 0 marks an
// empty slot) and nTags int16 weights; a hash's home slot comes from its low 32 bits,
// and linear probing goes on from there. At most two thirds of the slots are used, so
// a lookup mostly reads one or two neighbouring slots: one access to memory. Nothing
// is decoded at load.
type flatTable struct {
	ents []byte
	size uint64 // slots
	n    int    // features
	// filter has a bit set for every feature's hash (filterBit): a lookup whose bit
	// is clear is a miss without touching ents. It is small enough to stay in the
	// processor's cache, and most bigrams of news text are not in the model.
	filter []byte
}

// filterBitsPerFeature sizes flatTable.filter: bits per feature (rounded up to a
// power of two).
const filterBitsPerFeature = 16

func filterBit(h uint64, mask uint64) uint64 { return (h >> 20) & mask }

// mayHave reports whether h may be in the table (false: it is not).
func (t *flatTable) mayHave(h uint64) bool {
	if len(t.filter) == 0 {
		return true
	}
	b := filterBit(h, uint64(len(t.filter))*8-1)
	return t.filter[b>>3]&(1<<(b&7)) != 0
}

const entSize = 4 + 2*nTags

func fingerprint(h uint64) uint32 { return uint32(h>>32) | 1 }

func homeSlot(h, size uint64) uint64 { return (uint64(uint32(h)) * size) >> 32 }

// addTo adds the weights of h, if the table has it, into out.
func (t *flatTable) addTo(h uint64, out *[nTags]int32) {
	if t.size == 0 {
		return
	}
	fp := fingerprint(h)
	for i := homeSlot(h, t.size); ; {
		e := t.ents[i*entSize : i*entSize+entSize]
		f := binary.LittleEndian.Uint32(e)
		if f == fp {
			for g := range nTags {
				out[g] += int32(int16(binary.LittleEndian.Uint16(e[4+2*g:])))
			}
			return
		}
		if f == 0 {
			return
		}
		if i++; i == t.size {
			i = 0
		}
	}
}

// decode runs Viterbi under the BIO constraint over the emissions.
func (m *Model) decode(emit []float32, n int, w *work) []int {
	w.tags = viterbi(emit, w.back[:n*nTags], &m.trans, n, w.tags)
	return w.tags
}

var negInf = float32(math.Inf(-1))

// viterbi finds the best allowed tag sequence; emit is overwritten with path scores.
func viterbi(emit []float32, back []int8, trans *[(nTags + 1) * nTags]float32, n int, tags []int) []int {
	for g := range nTags {
		if allowed(-1, g) {
			emit[g] += trans[nTags*nTags+g]
		} else {
			emit[g] = negInf
		}
	}
	for i := 1; i < n; i++ {
		prev := emit[(i-1)*nTags : i*nTags]
		cur := emit[i*nTags : (i+1)*nTags]
		bk := back[i*nTags : (i+1)*nTags]
		for g := range nTags {
			best, arg := negInf, 0
			if isInside(g) {
				// Only B or I of the same type come before an I (see allowed).
				for p := g - 1; p <= g; p++ {
					if v := prev[p] + trans[p*nTags+g]; v > best {
						best, arg = v, p
					}
				}
			} else {
				for p := range nTags {
					if v := prev[p] + trans[p*nTags+g]; v > best {
						best, arg = v, p
					}
				}
			}
			cur[g] += best
			bk[g] = int8(arg)
		}
	}
	if cap(tags) < n {
		tags = make([]int, n)
	}
	tags = tags[:n]
	last := emit[(n-1)*nTags : n*nTags]
	arg := 0
	for g := 1; g < nTags; g++ {
		if last[g] > last[arg] {
			arg = g
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = arg
		arg = int(back[i*nTags+arg])
	}
	return tags
}

// Model file (little-endian, read in place, see flatTable):
//
//	magic "MARSADNER3\n", uint32 length and the feature version string,
//	float32 scale, float32 O bias, (nTags+1)*nTags float32 transitions,
//	uint32 slots, uint32 feature count, uint32 vocabulary size, the slots (uint32
//	fingerprint, nTags int16 weights/scale), uint32 size and bytes of the filter
//	(flatTable.filter), the vocabulary's hashes (uint64, increasing), uint32 count of stems with word classes, their hashes (uint64,
//	increasing) and classes (uint32: left | right<<16).
const magic = "MARSADNER3\n"

// Write writes the model, dropping weights below minWeight in absolute value and
// features left with none. Weights are stored as int16 of a common scale. Only a
// trained model (Train) can be written.
func (m *Model) Write(w io.Writer, minWeight float32) (features int, err error) {
	if m.index == nil {
		return 0, marsad.Errorf("ner.Write", marsad.Invalid, "only a trained model can be written")
	}
	var maxAbs float32
	for _, v := range m.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale := maxAbs / 30000
	if scale == 0 {
		scale = 1
	}
	scale = max(scale, minWeight/4)
	type ent struct {
		h uint64
		q [nTags]int16
	}
	var ents []ent
	for h, r := range m.index {
		row := m.w[int(r)*nTags : int(r)*nTags+nTags]
		var e ent
		keep := false
		for g, v := range row {
			if math.Abs(float64(v)) >= float64(minWeight) {
				q := math.Round(float64(v / scale))
				e.q[g] = int16(max(-32767, min(32767, q)))
				keep = keep || e.q[g] != 0
			}
		}
		if keep {
			e.h = h
			ents = append(ents, e)
		}
	}
	slices.SortFunc(ents, func(a, b ent) int { return cmp.Compare(a.h, b.h) })
	size := uint64(len(ents))*3/2 + 1
	slots := make([]ent, size) // h 0: empty
	var fps []uint32 = make([]uint32, size)
	kept := 0
	for _, e := range ents {
		fp := fingerprint(e.h)
		i := homeSlot(e.h, size)
		for fps[i] != 0 && fps[i] != fp {
			if i++; i == size {
				i = 0
			}
		}
		if fps[i] == fp {
			continue // another hash with the same fingerprint on the way keeps the place
		}
		fps[i], slots[i] = fp, e
		kept++
	}
	voc := slices.Clone(m.vocab)
	slices.Sort(voc)
	bw := bufio.NewWriter(w)
	le := binary.LittleEndian
	var b4 [4]byte
	u32 := func(x uint32) { le.PutUint32(b4[:], x); bw.Write(b4[:]) }
	f32 := func(x float32) { u32(math.Float32bits(x)) }
	bw.WriteString(magic)
	u32(uint32(len(featureVersion)))
	bw.WriteString(featureVersion)
	f32(scale)
	f32(m.oBias)
	for _, v := range m.trans {
		f32(v)
	}
	u32(uint32(size))
	u32(uint32(kept))
	u32(uint32(len(voc)))
	var eb [entSize]byte
	for i, e := range slots {
		le.PutUint32(eb[:], fps[i])
		for g, q := range e.q {
			le.PutUint16(eb[4+2*g:], uint16(q))
		}
		bw.Write(eb[:])
	}
	fbytes := 1
	for fbytes*8 < kept*filterBitsPerFeature {
		fbytes *= 2
	}
	filter := make([]byte, fbytes)
	for i, e := range slots {
		if fps[i] != 0 {
			b := filterBit(e.h, uint64(fbytes)*8-1)
			filter[b>>3] |= 1 << (b & 7)
		}
	}
	u32(uint32(fbytes))
	bw.Write(filter)
	var b8 [8]byte
	for _, h := range voc {
		le.PutUint64(b8[:], h)
		bw.Write(b8[:])
	}
	u32(uint32(m.clusters.Len()))
	if m.clusters != nil {
		for _, h := range m.clusters.keys {
			le.PutUint64(b8[:], h)
			bw.Write(b8[:])
		}
		for _, c := range m.clusters.classes {
			u32(c)
		}
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return kept, nil
}

// ReadModel reads a model written by Write.
func ReadModel(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, marsad.E("ner.ReadModel", marsad.Invalid, err)
	}
	return parseModel(data)
}

// parseModel checks a model file and makes a model that reads data in place.
func parseModel(data []byte) (*Model, error) {
	const op = "ner.ReadModel"
	bad := func(what string) error { return marsad.Errorf(op, marsad.Invalid, "bad model file: %s", what) }
	le := binary.LittleEndian
	if !bytes.HasPrefix(data, []byte(magic)) {
		if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			return nil, marsad.Errorf(op, marsad.Invalid, "model file in the old gzip format: retrain the model")
		}
		return nil, bad("magic")
	}
	p := data[len(magic):]
	take := func(n int) ([]byte, bool) {
		if n < 0 || n > len(p) {
			return nil, false
		}
		b := p[:n]
		p = p[n:]
		return b, true
	}
	u32 := func() (uint32, bool) {
		b, ok := take(4)
		if !ok {
			return 0, false
		}
		return le.Uint32(b), true
	}
	n, ok := u32()
	if !ok || n > 256 {
		return nil, bad("version")
	}
	ver, ok := take(int(n))
	if !ok || string(ver) != featureVersion {
		return nil, marsad.Errorf(op, marsad.Invalid, "model features %q, want %q: retrain the model", ver, featureVersion)
	}
	m := &Model{}
	floats := make([]float32, 2+len(m.trans))
	for i := range floats {
		v, ok := u32()
		f := math.Float32frombits(v)
		if !ok || math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
			return nil, bad("scale, O bias or transitions")
		}
		floats[i] = f
	}
	m.scale, m.oBias = floats[0], floats[1]
	copy(m.trans[:], floats[2:])
	size, ok1 := u32()
	nf, ok2 := u32()
	nv, ok3 := u32()
	if !ok1 || !ok2 || !ok3 || size == 0 || size > 1<<27 || nf >= size || nv > 1<<26 {
		return nil, bad("sizes")
	}
	ents, ok := take(int(size) * entSize)
	if !ok {
		return nil, bad("entries")
	}
	// Probing ends at an empty slot: there must be one.
	empty := false
	for i := int(size) - 1; i >= 0 && !empty; i-- {
		empty = le.Uint32(ents[i*entSize:]) == 0
	}
	if !empty {
		return nil, bad("no empty slot")
	}
	nfb, ok := u32()
	if !ok || nfb == 0 || nfb&(nfb-1) != 0 || nfb > 1<<28 {
		return nil, bad("filter size")
	}
	filter, ok := take(int(nfb))
	if !ok {
		return nil, bad("filter")
	}
	vb, ok := take(8 * int(nv))
	if !ok {
		return nil, bad("vocabulary")
	}
	nc, ok := u32()
	if !ok || nc > 1<<24 {
		return nil, bad("word classes")
	}
	kb8, ok1 := take(8 * int(nc))
	cb4, ok2 := take(4 * int(nc))
	if !ok1 || !ok2 || len(p) != 0 {
		return nil, bad("word classes")
	}
	if nc > 0 {
		m.clusters = &Clusters{keys: make([]uint64, nc), classes: make([]uint32, nc)}
		for i := range m.clusters.keys {
			m.clusters.keys[i] = le.Uint64(kb8[8*i:])
			m.clusters.classes[i] = le.Uint32(cb4[4*i:])
			if i > 0 && m.clusters.keys[i] <= m.clusters.keys[i-1] {
				return nil, bad("word class order")
			}
		}
	}
	m.vocab = make(vocabSet, nv)
	for i := range m.vocab {
		m.vocab[i] = le.Uint64(vb[8*i:])
		if i > 0 && m.vocab[i] <= m.vocab[i-1] {
			return nil, bad("vocabulary order")
		}
	}
	m.tab = flatTable{ents: ents, size: uint64(size), n: int(nf), filter: filter}
	m.prepare()
	return m, nil
}
