package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"io"
	"math"
	"slices"

	"github.com/marsad-project/marsad"
)

// Model is a trained tagger: emission weights per feature hash and tag, and
// transition weights (row nTags is the start of the sequence).
type Model struct {
	// index and w are the trainer's form (a model read from a file has only tab).
	index map[uint64]int32 // feature hash → row in w
	w     []float32        // len(index) rows of nTags weights
	tab   table            // what the tagger looks weights up in
	trans [(nTags + 1) * nTags]float32
	// oBias is subtracted from the O tag's score of every token at decoding: a
	// perceptron trained on encyclopaedia text is shy of entities in news, and a
	// positive bias trades some precision for recall.
	oBias float32
	// vocab holds the stems (vocabHash) seen at least vocabMin times in training; nil
	// in a model trained without rare-word features.
	vocab map[uint64]struct{}
}

// OBias returns the bias against the O tag applied at decoding.
func (m *Model) OBias() float32 { return m.oBias }

// SetOBias sets the bias against the O tag (see Model.oBias); Write stores it.
func (m *Model) SetOBias(b float32) { m.oBias = b }

// Features returns the number of features in the model.
func (m *Model) Features() int { return m.tab.n }

// compile builds the lookup table from the trainer's form.
func (m *Model) compile() {
	m.tab = newTable(len(m.index))
	for h, r := range m.index {
		m.tab.put(h, m.w[int(r)*nTags:int(r)*nTags+nTags])
	}
}

// each calls f with every feature hash and its weights.
func (m *Model) each(f func(h uint64, row []float32)) {
	if m.index != nil {
		for h, r := range m.index {
			f(h, m.w[int(r)*nTags:int(r)*nTags+nTags])
		}
		return
	}
	m.tab.each(f)
}

// scores adds the emission weights of token i's features into out, in feature order
// (so the float sums do not depend on the table's layout). The sum of the features the
// token makes on its own (see seq.ctx) is taken from the cache c when the same features
// were summed before: the sums start from zero in the same order, so they are the same
// floats.
func (m *Model) scores(s *seq, i int, out []float32, c *sumCache) {
	feats := s.feats[s.off[i]:s.off[i+1]]
	local := feats[:s.ctx[i]-s.off[i]]
	if sum, ok := c.get(local); ok {
		copy(out, sum[:])
	} else {
		clear(out)
		m.add(local, out)
		c.put(local, out)
	}
	m.add(feats[len(local):], out)
}

// add adds the weights of feats into out.
func (m *Model) add(feats []uint64, out []float32) {
	for _, h := range feats {
		row := m.tab.get(h)
		if row == nil {
			continue
		}
		for g := range nTags {
			out[g] += row[g]
		}
	}
}

// sumCache remembers the weight sums of token-local feature lists (one per distinct
// word, in practice). It belongs to one goroutine's work area.
type sumCache struct {
	index map[uint64]int32 // hash of the feature list → entry
	ents  []sumEntry
	feats []uint64 // the entries' feature lists, end to end
}

type sumEntry struct {
	off, n int32
	sum    [nTags]float32
}

// maxCached bounds the cache; it starts over when full.
const maxCached = 1 << 15

func listHash(feats []uint64) uint64 {
	h := uint64(len(feats))
	for _, f := range feats {
		h = (h^f)*0x9E3779B97F4A7C15 + 1
	}
	return h
}

func (c *sumCache) get(feats []uint64) (*[nTags]float32, bool) {
	if c.index == nil {
		return nil, false
	}
	e, ok := c.index[listHash(feats)]
	if !ok {
		return nil, false
	}
	ent := &c.ents[e]
	if !slices.Equal(c.feats[ent.off:ent.off+ent.n], feats) {
		return nil, false
	}
	return &ent.sum, true
}

func (c *sumCache) put(feats []uint64, sum []float32) {
	if c.index == nil || len(c.ents) >= maxCached {
		c.index = make(map[uint64]int32, 1024)
		c.ents, c.feats = c.ents[:0], c.feats[:0]
	}
	h := listHash(feats)
	if _, ok := c.index[h]; ok {
		return // another list with the same hash keeps the place
	}
	ent := sumEntry{off: int32(len(c.feats)), n: int32(len(feats))}
	copy(ent.sum[:], sum)
	c.feats = append(c.feats, feats...)
	c.index[h] = int32(len(c.ents))
	c.ents = append(c.ents, ent)
}

// table is an open-addressing hash table with linear probing from feature hash to
// the feature's weights, stored inline so that a lookup mostly touches one cache line
// (a Go map of row numbers costs two misses and its probing, and the tagger looks up
// some sixty features per token).
type table struct {
	slots []slot
	shift uint
	n     int
	zero  *[nTags]float32 // the weights of hash 0, the empty-slot marker
}

type slot struct {
	key uint64
	w   [nTags]float32
}

// newTable returns a table for n features, at most three fifths full.
func newTable(n int) table {
	bits := uint(4)
	for 1<<bits < n+n*2/3 {
		bits++
	}
	return table{slots: make([]slot, 1<<bits), shift: 64 - bits}
}

func (t *table) home(h uint64) uint64 { return (h * 0x9E3779B97F4A7C15) >> t.shift }

// put sets the weights of h (h is new to the table).
func (t *table) put(h uint64, row []float32) {
	t.n++
	if h == 0 {
		t.zero = new([nTags]float32)
		copy(t.zero[:], row)
		return
	}
	mask := uint64(len(t.slots) - 1)
	for i := t.home(h); ; i = (i + 1) & mask {
		if t.slots[i].key == 0 {
			t.slots[i].key = h
			copy(t.slots[i].w[:], row)
			return
		}
	}
}

// get returns the weights of h, or nil.
func (t *table) get(h uint64) *[nTags]float32 {
	if h == 0 {
		return t.zero
	}
	if len(t.slots) == 0 {
		return nil
	}
	mask := uint64(len(t.slots) - 1)
	for i := t.home(h); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == h {
			return &s.w
		}
		if s.key == 0 {
			return nil
		}
	}
}

func (t *table) each(f func(h uint64, row []float32)) {
	if t.zero != nil {
		f(0, t.zero[:])
	}
	for i := range t.slots {
		if t.slots[i].key != 0 {
			f(t.slots[i].key, t.slots[i].w[:])
		}
	}
}

// decode runs Viterbi under the BIO constraint.
func (m *Model) decode(s *seq, n int, w *work) []int {
	if cap(w.emit) < n*nTags {
		w.emit = make([]float32, n*nTags)
		w.back = make([]int8, n*nTags)
	}
	emit, back := w.emit[:n*nTags], w.back[:n*nTags]
	for i := 0; i < n; i++ {
		m.scores(s, i, emit[i*nTags:(i+1)*nTags], &w.sums)
		emit[i*nTags+tagO] -= m.oBias
	}
	return viterbi(emit, back, &m.trans, n, w.tags)
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
		for g := range nTags {
			best, arg := negInf, 0
			for p := range nTags {
				if !allowed(p, g) || prev[p] == negInf {
					continue
				}
				if v := prev[p] + trans[p*nTags+g]; v > best {
					best, arg = v, p
				}
			}
			cur[g] += best
			back[i*nTags+g] = int8(arg)
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

// Model file: gzip of
//
//	magic "MARSADNER2\n", feature version string (uvarint length + bytes),
//	scale float32, O bias float32, transitions (nTags+1)*nTags float32,
//	uvarint feature count, then per feature in increasing hash order:
//	uvarint hash delta, one byte mask of the tags with a weight, and for each a
//	zig-zag varint weight/scale; then uvarint vocabulary size and the vocabulary's
//	hashes in increasing order as uvarint deltas.
const magic = "MARSADNER2\n"

// Write writes the model, dropping weights below minWeight in absolute value and
// features left with none. Weights are stored as integers of a common scale.
func (m *Model) Write(w io.Writer, minWeight float32) (features int, err error) {
	var maxAbs float32
	m.each(func(_ uint64, row []float32) {
		for _, v := range row {
			maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
		}
	})
	scale := maxAbs / 30000
	if scale == 0 {
		scale = 1
	}
	scale = max(scale, minWeight/4)
	rows := map[uint64][]float32{}
	m.each(func(h uint64, row []float32) {
		for _, v := range row {
			if math.Abs(float64(v)) >= float64(minWeight) && math.Round(float64(v/scale)) != 0 {
				rows[h] = row
				break
			}
		}
	})
	hashes := make([]uint64, 0, len(rows))
	for h := range rows {
		hashes = append(hashes, h)
	}
	slices.Sort(hashes)
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	bw.WriteString(magic)
	uv(uint64(len(featureVersion)))
	bw.WriteString(featureVersion)
	binary.Write(bw, binary.LittleEndian, scale)
	binary.Write(bw, binary.LittleEndian, m.oBias)
	binary.Write(bw, binary.LittleEndian, m.trans[:])
	uv(uint64(len(hashes)))
	var prev uint64
	for _, h := range hashes {
		uv(h - prev)
		prev = h
		row := rows[h]
		var mask byte
		var q [nTags]int64
		for g, v := range row {
			if math.Abs(float64(v)) >= float64(minWeight) {
				q[g] = int64(math.Round(float64(v / scale)))
				if q[g] != 0 {
					mask |= 1 << g
				}
			}
		}
		bw.WriteByte(mask)
		for g := range nTags {
			if mask&(1<<g) != 0 {
				bw.Write(buf[:binary.PutVarint(buf[:], q[g])])
			}
		}
	}
	voc := make([]uint64, 0, len(m.vocab))
	for h := range m.vocab {
		voc = append(voc, h)
	}
	slices.Sort(voc)
	uv(uint64(len(voc)))
	prev = 0
	for _, h := range voc {
		uv(h - prev)
		prev = h
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return len(hashes), zw.Close()
}

// ReadModel reads a model written by Write.
func ReadModel(r io.Reader) (*Model, error) {
	const op = "ner.ReadModel"
	bad := func(what string) error { return marsad.Errorf(op, marsad.Invalid, "bad model file: %s", what) }
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, bad("magic")
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 256 {
		return nil, bad("version")
	}
	ver := make([]byte, n)
	if _, err := io.ReadFull(br, ver); err != nil || string(ver) != featureVersion {
		return nil, marsad.Errorf(op, marsad.Invalid, "model features %q, want %q: retrain the model", ver, featureVersion)
	}
	m := &Model{}
	var scale float32
	if err := binary.Read(br, binary.LittleEndian, &scale); err != nil {
		return nil, bad("scale")
	}
	if err := binary.Read(br, binary.LittleEndian, &m.oBias); err != nil || math.IsNaN(float64(m.oBias)) || math.IsInf(float64(m.oBias), 0) {
		return nil, bad("O bias")
	}
	if err := binary.Read(br, binary.LittleEndian, m.trans[:]); err != nil {
		return nil, bad("transitions")
	}
	nf, err := binary.ReadUvarint(br)
	if err != nil || nf > 1<<23 {
		return nil, bad("feature count")
	}
	m.tab = newTable(int(nf))
	var h uint64
	var row [nTags]float32
	for i := 0; i < int(nf); i++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, bad("feature")
		}
		h += d
		mask, err := br.ReadByte()
		if err != nil {
			return nil, bad("mask")
		}
		clear(row[:])
		for g := range nTags {
			if mask&(1<<g) == 0 {
				continue
			}
			q, err := binary.ReadVarint(br)
			if err != nil {
				return nil, bad("weight")
			}
			row[g] = float32(q) * scale
		}
		if i > 0 && d == 0 {
			return nil, bad("repeated feature")
		}
		m.tab.put(h, row[:])
	}
	nv, err := binary.ReadUvarint(br)
	if err != nil || nv > 1<<24 {
		return nil, bad("vocabulary size")
	}
	if nv > 0 {
		m.vocab = make(map[uint64]struct{}, nv)
	}
	h = 0
	for i := 0; i < int(nv); i++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, bad("vocabulary")
		}
		h += d
		m.vocab[h] = struct{}{}
	}
	return m, nil
}
