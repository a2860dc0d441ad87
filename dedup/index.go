package dedup

import "sync"

// DefaultThreshold is the Similarity from which two articles are near-duplicates.
const DefaultThreshold = 0.5

const (
	bands = 64
	rows  = NumHashes / bands
)

// Options configure an Index.
type Options struct {
	// Threshold is the least Similarity of near-duplicates; 0 means DefaultThreshold.
	Threshold float64
	// Window is how many of the most recent articles new ones are compared with
	// (0: DefaultWindow; negative: all). Older articles keep their story but leave
	// the LSH buckets and drop their fingerprint, which bounds memory: wire copies
	// appear within days, not months.
	Window int
}

// DefaultWindow is the default Options.Window: with about 4.5 KB per indexed
// article (measured on 100,000 random fingerprints), some 225 MB.
const DefaultWindow = 50_000

// Result is what Index.Add says about a new article.
type Result struct {
	// Story is the story the article belongs to: the id of the story's first article
	// (the article's own id when it has no earlier near-duplicate).
	Story string
	// Match is the earlier article most similar to this one, "" when none reaches the
	// threshold; Similarity is its similarity.
	Match      string
	Similarity float64
	// Merged lists the stories that this article joined to Story: their articles now
	// belong to Story (a caller that stores story ids relabels them).
	Merged []string
}

// Index holds the fingerprints of the articles seen so far. It is safe for concurrent
// use.
type Index struct {
	mu        sync.Mutex
	threshold float64
	window    int
	evicted   int // docs[:evicted] have left the buckets
	docs      []doc
	byID      map[string]int
	buckets   map[uint64][]int32 // band key → docs
	parent    []int32            // union-find over docs
	storyRoot map[string]int32   // story given to Restore → one of its docs
}

type doc struct {
	id    string
	story string       // the story id given at Restore; "" otherwise
	fp    *Fingerprint // nil once evicted
}

// NewIndex returns an empty Index.
func NewIndex(opts Options) *Index {
	if opts.Threshold <= 0 {
		opts.Threshold = DefaultThreshold
	}
	if opts.Window == 0 {
		opts.Window = DefaultWindow
	}
	return &Index{threshold: opts.Threshold, window: opts.Window, byID: map[string]int{}, buckets: map[uint64][]int32{}, storyRoot: map[string]int32{}}
}

// Len returns the number of articles in the index.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.docs)
}

// bandKey hashes band b of a signature, the band number mixed in.
func bandKey(fp *Fingerprint, b int) uint64 {
	h := splitmix(uint64(b) + 1)
	for _, v := range fp.Sig[b*rows : (b+1)*rows] {
		h = splitmix(h ^ uint64(v))
	}
	return h
}

func (ix *Index) find(i int32) int32 {
	for ix.parent[i] != i {
		ix.parent[i] = ix.parent[ix.parent[i]]
		i = ix.parent[i]
	}
	return i
}

// storyOf is the story id of a union-find root.
func (ix *Index) storyOf(root int32) string {
	if s := ix.docs[root].story; s != "" {
		return s
	}
	return ix.docs[root].id
}

// Add indexes an article and returns its story and closest earlier near-duplicate.
// Adding an id again returns its current story and changes nothing. An empty
// fingerprint is a story of its own.
func (ix *Index) Add(id string, fp Fingerprint) Result {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if i, ok := ix.byID[id]; ok {
		return Result{Story: ix.storyOf(ix.find(int32(i)))}
	}
	n := int32(len(ix.docs))
	ix.docs = append(ix.docs, doc{id: id, fp: &fp})
	ix.parent = append(ix.parent, n)
	ix.byID[id] = int(n)
	defer ix.evict()
	if fp.Empty() {
		return Result{Story: id}
	}
	var res Result
	best := int32(-1)
	var roots []int32
	checked := map[int32]bool{}
	keys := make([]uint64, bands)
	for b := range bands {
		keys[b] = bandKey(&fp, b)
		for _, c := range ix.buckets[keys[b]] {
			if checked[c] {
				continue
			}
			checked[c] = true
			s := Similarity(&fp, ix.docs[c].fp)
			if s < ix.threshold {
				continue
			}
			roots = append(roots, ix.find(c))
			if s > res.Similarity || (s == res.Similarity && c < best) {
				res.Similarity, best = s, c
			}
		}
	}
	for _, k := range keys {
		ix.buckets[k] = append(ix.buckets[k], n)
	}
	if best < 0 {
		return Result{Story: id}
	}
	res.Match = ix.docs[best].id
	// The story's root is the earliest root among the matches, so a story keeps the id
	// of its first article.
	root := roots[0]
	for _, r := range roots {
		root = min(root, r)
	}
	seen := map[int32]bool{root: true}
	for _, r := range roots {
		if !seen[r] {
			seen[r] = true
			res.Merged = append(res.Merged, ix.storyOf(r))
			ix.parent[r] = root
		}
	}
	ix.parent[n] = root
	res.Story = ix.storyOf(root)
	return res
}

// Restore puts back an article whose story is known (e.g. read from a store after a
// restart): it joins that story without comparing fingerprints. Articles restored with
// the same story form one story; later Adds match them as usual.
func (ix *Index) Restore(id, story string, fp Fingerprint) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, ok := ix.byID[id]; ok {
		return
	}
	n := int32(len(ix.docs))
	ix.docs = append(ix.docs, doc{id: id, fp: &fp})
	ix.parent = append(ix.parent, n)
	ix.byID[id] = int(n)
	defer ix.evict()
	if story == "" {
		story = id
	}
	switch j, ok := ix.byID[story]; {
	case ok && int32(j) != n:
		ix.parent[n] = ix.find(int32(j))
	default:
		if r, ok := ix.storyRoot[story]; ok {
			ix.parent[n] = ix.find(r)
		} else {
			ix.docs[n].story = story
			ix.storyRoot[story] = n
		}
	}
	if !fp.Empty() {
		for b := range bands {
			k := bandKey(&fp, b)
			ix.buckets[k] = append(ix.buckets[k], n)
		}
	}
}

// evict takes the articles beyond the window out of the buckets.
func (ix *Index) evict() {
	if ix.window < 0 {
		return
	}
	for len(ix.docs)-ix.evicted > ix.window {
		d := &ix.docs[ix.evicted]
		if d.fp != nil && !d.fp.Empty() {
			for b := range bands {
				k := bandKey(d.fp, b)
				list := ix.buckets[k]
				for i, c := range list {
					if c == int32(ix.evicted) {
						list = append(list[:i], list[i+1:]...)
						break
					}
				}
				if len(list) == 0 {
					delete(ix.buckets, k)
				} else {
					ix.buckets[k] = list
				}
			}
		}
		d.fp = nil
		ix.evicted++
	}
}

// Story returns the story of an indexed article, and false when the id is unknown.
func (ix *Index) Story(id string) (string, bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	i, ok := ix.byID[id]
	if !ok {
		return "", false
	}
	return ix.storyOf(ix.find(int32(i))), true
}
