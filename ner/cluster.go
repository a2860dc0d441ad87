package ner

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

// Word classes learnt from unlabelled text: a word the labelled data never saw may
// share a class with words it did see («كوزمولوفسكي» with other foreign surnames,
// «الاهلي» with clubs). The classes are learnt by the predictive exchange algorithm
// (Uszkoreit & Brants, ACL 2008; after Kneser & Ney 1993): each stem is put in the
// class that best predicts it from the words before it, maximising the likelihood of
// p(w_i | w_{i-1}) ≈ p(w_i | c(w_i)) · p(c(w_i) | w_{i-1}). Run once on the text and
// once on the text reversed, it gives a class of left contexts and one of right
// contexts. Only the stems' hashes are kept (clusterHash), no word list.

// noClass marks a stem that has no class.
const noClass = 0xFFFF

// clusterHash is the key of a stem in Clusters.
func clusterHash(stem string) uint64 { return hashStr(fClusterKey, stem) }

// Clusters maps stems (clusterHash) to their classes of left and right contexts.
type Clusters struct {
	keys    []uint64 // increasing
	classes []uint32 // left class | right class << 16
}

// Len returns the number of stems with classes.
func (c *Clusters) Len() int {
	if c == nil {
		return 0
	}
	return len(c.keys)
}

// classOf returns the left and right classes of a stem hash (noClass when none).
func (c *Clusters) classOf(h uint64) (left, right uint16) {
	if c == nil {
		return noClass, noClass
	}
	i, ok := slices.BinarySearch(c.keys, h)
	if !ok {
		return noClass, noClass
	}
	v := c.classes[i]
	return uint16(v), uint16(v >> 16)
}

// TokenStem is the form a token is clustered and featured by: the shortest clitic key
// of a word (arabic.Keys, future-tense keys aside), "<num>" for a number, the folded
// form of anything else.
func TokenStem(t arabic.Token) string {
	w := wordNorm(t)
	if t.Kind != arabic.Word {
		return w
	}
	return stemOf(w, t.Keys())
}

// stemOf is the shortest of the keys of w that is not a future-tense reading.
func stemOf(w string, keys []string) string {
	stem := w
	for _, key := range keys {
		if !arabic.IsFutureKey(w, key) && len(key) < len(stem) {
			stem = key
		}
	}
	return stem
}

// ClusterConfig sets LearnClusters' parameters.
type ClusterConfig struct {
	Classes  int // number of classes (at most 65,535)
	MinCount int // stems seen fewer times get no class
	Iters    int // passes of the exchange algorithm
	Logf     func(string, ...any)
}

// LearnClusters learns the classes of the stems of texts (sequences of stems, as
// TokenStem gives them). It is deterministic: the same texts give the same classes.
func LearnClusters(texts [][]string, cfg ClusterConfig) (*Clusters, error) {
	if cfg.Classes < 2 || cfg.Classes >= noClass || cfg.MinCount < 1 || cfg.Iters < 0 {
		return nil, marsad.Errorf("ner.LearnClusters", marsad.Invalid, "bad configuration %+v", cfg)
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	// Vocabulary: stems seen MinCount times or more, most frequent first.
	counts := map[string]int{}
	for _, t := range texts {
		for _, w := range t {
			counts[w]++
		}
	}
	var words []string
	for w, n := range counts {
		if n >= cfg.MinCount {
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	id := make(map[string]int32, len(words))
	for i, w := range words {
		id[w] = int32(i)
	}
	cfg.Logf("ner: clusters: %d stems seen %d times or more (of %d)", len(words), cfg.MinCount, len(counts))
	left := exchange(texts, id, len(words), cfg, false)
	right := exchange(texts, id, len(words), cfg, true)
	c := &Clusters{}
	type kv struct {
		h uint64
		v uint32
	}
	kvs := make([]kv, 0, len(words))
	for i, w := range words {
		kvs = append(kvs, kv{clusterHash(w), uint32(left[i]) | uint32(right[i])<<16})
	}
	slices.SortFunc(kvs, func(a, b kv) int { return cmp.Compare(a.h, b.h) })
	for i, e := range kvs {
		if i > 0 && e.h == kvs[i-1].h {
			continue // a hash collision: the first keeps it
		}
		c.keys = append(c.keys, e.h)
		c.classes = append(c.classes, e.v)
	}
	return c, nil
}

// exchange runs the predictive exchange algorithm over the word ids (reversed: over
// the texts read backwards) and returns each word's class.
func exchange(texts [][]string, id map[string]int32, nw int, cfg ClusterConfig, reversed bool) []uint16 {
	C := cfg.Classes
	// Predecessor counts of every word: pred[w] lists (v, n(v w)); v = nw is any word
	// outside the vocabulary or the start of a text.
	type pc struct{ v, n int32 }
	bigrams := map[[2]int32]int32{}
	freq := make([]int64, nw)
	for _, t := range texts {
		prev := int32(nw)
		for k := range t {
			w := t[k]
			if reversed {
				w = t[len(t)-1-k]
			}
			cur, ok := id[w]
			if !ok {
				prev = int32(nw)
				continue
			}
			bigrams[[2]int32{prev, cur}]++
			freq[cur]++
			prev = cur
		}
	}
	pred := make([][]pc, nw)
	for b, n := range bigrams {
		pred[b[1]] = append(pred[b[1]], pc{b[0], n})
	}
	for w := range pred {
		slices.SortFunc(pred[w], func(a, b pc) int { return cmp.Compare(a.v, b.v) })
	}
	bigrams = nil
	// Initial classes: by frequency rank, round robin.
	class := make([]uint16, nw)
	for w := range class {
		class[w] = uint16(w % C)
	}
	// N[v][c]: how often v precedes a word of class c; Nc[c]: the class's count.
	N := make([]int32, (nw+1)*C)
	Nc := make([]int64, C)
	for w := range pred {
		c := int(class[w])
		Nc[c] += freq[w]
		for _, p := range pred[w] {
			N[int(p.v)*C+c] += p.n
		}
	}
	f := func(x float64) float64 {
		if x <= 0 {
			return 0
		}
		return x * math.Log(x)
	}
	gain := make([]float64, C)
	for it := 0; it < cfg.Iters; it++ {
		moved := 0
		for w := 0; w < nw; w++ {
			a := int(class[w])
			// Take w out of its class.
			for _, p := range pred[w] {
				N[int(p.v)*C+a] -= p.n
			}
			Nc[a] -= freq[w]
			// The gain of putting it in each class.
			for c := range C {
				gain[c] = f(float64(Nc[c])) - f(float64(Nc[c]+freq[w]))
			}
			for _, p := range pred[w] {
				row := N[int(p.v)*C : int(p.v)*C+C]
				n := float64(p.n)
				for c, x := range row {
					if x == 0 {
						gain[c] += f(n)
					} else {
						xf := float64(x)
						gain[c] += f(xf+n) - f(xf)
					}
				}
			}
			best := a
			for c := range C {
				if gain[c] > gain[best]+1e-9 {
					best = c
				}
			}
			if best != a {
				moved++
			}
			class[w] = uint16(best)
			for _, p := range pred[w] {
				N[int(p.v)*C+best] += p.n
			}
			Nc[best] += freq[w]
		}
		dir := "left"
		if reversed {
			dir = "right"
		}
		cfg.Logf("ner: clusters (%s contexts): pass %d, %d stems moved", dir, it+1, moved)
		if moved == 0 {
			break
		}
	}
	return class
}

// WriteClusters writes the classes as text: one line per stem, its hash in hex and its
// left and right classes.
func (c *Clusters) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# marsad ner word classes: stem hash, class of left contexts, class of right contexts\n")
	for i, h := range c.keys {
		fmt.Fprintf(bw, "%016x %d %d\n", h, uint16(c.classes[i]), c.classes[i]>>16)
	}
	return bw.Flush()
}

// ReadClusters reads what Clusters.Write wrote.
func ReadClusters(r io.Reader) (*Clusters, error) {
	const op = "ner.ReadClusters"
	c := &Clusters{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, marsad.Errorf(op, marsad.Invalid, "line %d: want `HASH LEFT RIGHT`, got %q", n, line)
		}
		h, err1 := strconv.ParseUint(f[0], 16, 64)
		l, err2 := strconv.ParseUint(f[1], 10, 16)
		r, err3 := strconv.ParseUint(f[2], 10, 16)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, marsad.Errorf(op, marsad.Invalid, "line %d: bad number in %q", n, line)
		}
		if len(c.keys) > 0 && h <= c.keys[len(c.keys)-1] {
			return nil, marsad.Errorf(op, marsad.Invalid, "line %d: hashes out of order", n)
		}
		c.keys = append(c.keys, h)
		c.classes = append(c.classes, uint32(l)|uint32(r)<<16)
	}
	if err := sc.Err(); err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	return c, nil
}

// SentenceStems returns the stems (TokenStem) of already tokenised words.
func SentenceStems(words []string) []string {
	toks := TokensOf(words)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = TokenStem(t)
	}
	return out
}

// ReadTextStems reads raw text (ReadTexts) and returns the stems of each line.
func ReadTextStems(path string) ([][]string, error) {
	docs, err := ReadTexts(path)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, d := range docs {
		for line := range strings.Lines(d) {
			toks := arabic.Tokenize(line)
			if len(toks) == 0 {
				continue
			}
			stems := make([]string, len(toks))
			for i, t := range toks {
				stems[i] = TokenStem(t)
			}
			out = append(out, stems)
		}
	}
	return out, nil
}

// ReadTexts reads raw text from a file or from the .txt files of a folder (in name
// order): one string per file, a leading block of "key: value" header lines (as in
// the news corpus's files) left out.
func ReadTexts(path string) ([]string, error) {
	const op = "ner.ReadTexts"
	var files []string
	st, err := os.Stat(path)
	if err != nil {
		return nil, marsad.E(op, marsad.NotFound, err)
	}
	if st.IsDir() {
		err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return nil, marsad.E(op, marsad.NotFound, err)
		}
		slices.Sort(files)
	} else {
		files = []string{path}
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, marsad.E(op, marsad.NotFound, err)
		}
		text := string(data)
		for {
			line, rest, _ := strings.Cut(text, "\n")
			k, _, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || k == "" || strings.ContainsAny(k, " \t") || !isASCII(k) {
				break
			}
			text = rest
		}
		out = append(out, text)
	}
	return out, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
