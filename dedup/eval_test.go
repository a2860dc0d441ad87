package dedup_test

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/dedup"
)

// devDir holds the development articles (corpus format: header lines, a blank line,
// the body). They are read at test time, never copied into the repository.
const devDir = "../../shared/corpus/dev"

type article struct {
	id, title, body string
}

func loadDev(tb testing.TB) []article {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(devDir, "*.txt"))
	if len(files) < 50 {
		tb.Skipf("%s has %d articles: the evaluation needs the shared dev corpus", devDir, len(files))
	}
	sort.Strings(files)
	var out []article
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		head, body, ok := strings.Cut(string(b), "\n\n")
		if !ok {
			continue
		}
		a := article{id: strings.TrimSuffix(filepath.Base(f), ".txt"), body: strings.TrimSpace(body)}
		for _, l := range strings.Split(head, "\n") {
			if v, ok := strings.CutPrefix(l, "title:"); ok {
				a.title = strings.TrimSpace(v)
			}
		}
		out = append(out, a)
	}
	return out
}

var sentenceEnd = regexp.MustCompile(`[.!؟?]+["»”]?\s+|\n+`)

func sentences(s string) []string {
	var out []string
	last := 0
	for _, m := range sentenceEnd.FindAllStringIndex(s, -1) {
		if t := strings.TrimSpace(s[last:m[1]]); t != "" {
			out = append(out, t)
		}
		last = m[1]
	}
	if t := strings.TrimSpace(s[last:]); t != "" {
		out = append(out, t)
	}
	return out
}

// Edit kinds: how an outlet's copy of a wire story differs from another's.
var editKinds = []string{"drop", "add", "header", "furniture", "words", "all"}

// variant returns an edited copy of a (kind: one of editKinds); pool supplies the
// foreign sentences, titles and words that edits put in.
func variant(r *rand.Rand, a article, kind string, pool []article) string {
	sents := sentences(a.body)
	foreign := func() article { return pool[r.IntN(len(pool))] }
	drop := func(share float64) {
		n := int(float64(len(sents))*share + 0.5)
		n = max(1, min(n, len(sents)-2))
		for range n {
			if len(sents) <= 2 {
				break
			}
			i := r.IntN(len(sents))
			sents = append(sents[:i], sents[i+1:]...)
		}
	}
	add := func(share float64) {
		n := max(1, int(float64(len(sents))*share+0.5))
		for range n {
			fs := sentences(foreign().body)
			s := fs[r.IntN(len(fs))]
			i := r.IntN(len(sents) + 1)
			sents = append(sents[:i], append([]string{s}, sents[i:]...)...)
		}
	}
	words := func(share float64) {
		fw := strings.Fields(foreign().body)
		for i, s := range sents {
			ws := strings.Fields(s)
			for j := range ws {
				if r.Float64() < share {
					ws[j] = fw[r.IntN(len(fw))]
				}
			}
			sents[i] = strings.Join(ws, " ")
		}
	}
	title := a.title
	var top, bottom []string
	header := func() {
		// Another outlet's headline (the words of another article's title), a byline
		// and a dateline.
		title = foreign().title
		top = append(top, []string{"القاهرة - وكالات", "دبي - العربية.نت", "بيروت - رويترز"}[r.IntN(3)], "الأحد 15 نوفمبر 2020")
	}
	furniture := func() {
		top = append(top, "+ الخط -", "شارك")
		bottom = append(bottom, "اقرأ أيضاً:", foreign().title, foreign().title, foreign().title,
			"دلالات", "إيران العراق سوريا", "طباعة المقال")
	}
	switch kind {
	case "drop":
		drop(0.25)
	case "add":
		add(0.25)
	case "header":
		header()
	case "furniture":
		furniture()
	case "words":
		words(0.08)
	case "all":
		drop(0.1)
		add(0.1)
		words(0.04)
		header()
		furniture()
	}
	parts := append([]string{title}, top...)
	parts = append(parts, strings.Join(sents, " "))
	parts = append(parts, bottom...)
	return strings.Join(parts, "\n")
}

func original(a article) string { return a.title + "\n" + a.body }

// passageWords is the length of a verbatim passage that makes two corpus articles
// copies of one report (a wire story, an updated version) rather than different ones.
const passageWords = 20

// sharedPassages returns the pairs of articles (i<j) that share a verbatim run of
// passageWords folded words: the corpus's own near-duplicates, found independently of
// MinHash.
func sharedPassages(arts []article) map[[2]int]bool {
	owners := map[uint64][]int{}
	for i, a := range arts {
		var ws []uint64
		for _, w := range strings.FieldsFunc(arabic.Fold(original(a)), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			h := fnv.New64a()
			h.Write([]byte(w))
			ws = append(ws, h.Sum64())
		}
		seen := map[uint64]bool{}
		for k := 0; k+passageWords <= len(ws); k++ {
			key := uint64(14695981039346656037)
			for _, w := range ws[k : k+passageWords] {
				key = (key ^ w) * 1099511628211
			}
			if !seen[key] {
				seen[key] = true
				owners[key] = append(owners[key], i)
			}
		}
	}
	pairs := map[[2]int]bool{}
	for _, o := range owners {
		for x := 0; x < len(o) && len(o) < 50; x++ {
			for y := x + 1; y < len(o); y++ {
				pairs[[2]int{min(o[x], o[y]), max(o[x], o[y])}] = true
			}
		}
	}
	return pairs
}

// TestEvaluation builds a near-duplicate evaluation set from the dev articles: every
// article as published, and for 360 of them a copy edited the way another outlet
// would (sentences dropped or added, another headline and byline, page furniture,
// words changed, or all of these), then indexes them all and counts: a copy whose
// story is its original's is a true positive, one that is not a false negative, and
// any match between articles of different origins (different articles, same-topic
// ones among them) a false positive. Two corpus articles that share a verbatim passage
// of passageWords words are copies of one report (the corpus has such: updated
// versions, one wire story in two outlets); a match between them is counted apart,
// neither true nor false. Precision and recall must both reach 0.95.
func TestEvaluation(t *testing.T) {
	arts := loadDev(t)
	r := rand.New(rand.NewPCG(1, 2))
	ix := dedup.NewIndex(dedup.Options{})
	origin := map[string]string{} // indexed id → original article id
	var tp, fp, fn, copies int
	perKind := map[string][2]int{}
	shared := sharedPassages(arts)
	index := map[string]int{}
	fps := make([]dedup.Fingerprint, len(arts))
	for i, a := range arts {
		fps[i] = dedup.Compute(original(a))
	}
	for i, a := range arts {
		origin[a.id] = a.id
		index[a.id] = i
		res := ix.Add(a.id, fps[i])
		if res.Match == "" {
			continue
		}
		if j := index[res.Match]; shared[[2]int{min(i, j), max(i, j)}] {
			copies++
			continue
		}
		fp++
		t.Logf("different articles matched: %s ~ %s (%.2f)", a.id, res.Match, res.Similarity)
	}
	minPos, minPosID := 1.0, ""
	perm := r.Perm(len(arts))
	n := min(360, len(arts))
	for i := range n {
		a := arts[perm[i]]
		kind := editKinds[i%len(editKinds)]
		id := fmt.Sprintf("%s~%s", a.id, kind)
		origin[id] = a.id
		vfp := dedup.Compute(variant(r, a, kind, arts))
		if sim := dedup.Similarity(&fps[perm[i]], &vfp); sim < minPos {
			minPos, minPosID = sim, id
		}
		res := ix.Add(id, vfp)
		st, _ := ix.Story(a.id)
		k := perKind[kind]
		switch {
		case res.Match != "" && res.Story == st && origin[res.Match] == a.id:
			tp++
			k[0]++
		case res.Match != "" && origin[res.Match] != a.id:
			fp++
			fn++
			t.Logf("%s matched %s (%.2f)", id, res.Match, res.Similarity)
		default:
			fn++
			t.Logf("%s missed (best %q %.2f)", id, res.Match, res.Similarity)
		}
		k[1]++
		perKind[kind] = k
	}
	// Same-topic negatives: for each article, its most similar other article by the
	// estimated Jaccard index, and how similar the closest such pair is.
	var maxSim float64
	closest := ""
	for i := range fps {
		for j := i + 1; j < len(fps); j++ {
			if shared[[2]int{i, j}] {
				continue
			}
			if s := dedup.Similarity(&fps[i], &fps[j]); s > maxSim {
				maxSim, closest = s, arts[i].id+" ~ "+arts[j].id
			}
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(max(1, tp+fn))
	t.Logf("articles %d, edited copies %d: TP %d FP %d FN %d precision %.3f recall %.3f", len(arts), n, tp, fp, fn, precision, recall)
	for _, k := range editKinds {
		t.Logf("  %-9s %d/%d found", k, perKind[k][0], perKind[k][1])
	}
	grouped := 0
	for p := range shared {
		a, _ := ix.Story(arts[p[0]].id)
		b, _ := ix.Story(arts[p[1]].id)
		if a == b {
			grouped++
		}
	}
	t.Logf("corpus pairs sharing a %d-word passage: %d, grouped in one story: %d; matches between them (not counted): %d", passageWords, len(shared), grouped, copies)
	t.Logf("least similar edited copy: %s, similarity %.3f to its original", minPosID, minPos)
	t.Logf("closest pair of different articles: %s, similarity %.3f (threshold %.2f)", closest, maxSim, dedup.DefaultThreshold)
	if precision < 0.95 || recall < 0.95 {
		t.Errorf("precision %.3f, recall %.3f: want both ≥ 0.95", precision, recall)
	}
}

func BenchmarkCompute(b *testing.B) {
	arts := loadDev(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a := arts[i%len(arts)]
		b.SetBytes(int64(len(a.body)))
		dedup.Compute(original(a))
		i++
	}
}

// BenchmarkAdd adds the dev articles' fingerprints to an index that grows to b.N
// articles (fingerprints computed beforehand).
func BenchmarkAdd(b *testing.B) {
	arts := loadDev(b)
	fps := make([]dedup.Fingerprint, len(arts))
	for i, a := range arts {
		fps[i] = dedup.Compute(original(a))
	}
	ix := dedup.NewIndex(dedup.Options{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Add(fmt.Sprint(i), fps[i%len(fps)])
		i++
	}
}
