package ner

import (
	"io"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/kb"
)

func isLetter(r rune) bool { return unicode.IsLetter(r) }

// Unknown is the tag of a token whose tag the training data does not give (partly
// labelled text, such as the coder's names in raw news: a word it names is a name, a
// word it does not name may still be one).
const Unknown = "?"

// Sentence is a training sentence: words and their BIO tags (TagNames, or Unknown).
type Sentence struct {
	Tokens []string
	Tags   []string
}

// CoarseType maps a WikiFANE/NewsFANE fine-grained type (Alotaibi & Lee 2014, an
// ACE-style two-level taxonomy) to PERS, ORG or LOC, or "" for the types dropped to O.
//
//	PERS ← Politician, Religious_PER, Artist, Other_PER, Scientist, Athlete,
//	       Businessperson, Engineer, Lawyer, Police (PER subtypes)
//	ORG  ← Government, Non-Governmental, Commercial, Educational, Media, Sports,
//	       Entertainment, Medical-Science, Religious_ORG (ORG subtypes)
//	LOC  ← Nation, Population-Center, State-or-Province, County-or-District,
//	       Continent, GPE-Cluster (GPE subtypes); Water-Body, Land-Region-Natural
//	       (LOC subtypes); Building-Grounds, Path, Airport, Subarea-Facility (FAC)
//	O    ← Group (PER.Group: «العرب», «المسلمين» — peoples, not names of persons),
//	       Celestial («الشمس», «الارض»), Plant (FAC.Plant: mostly «مصنع …»),
//	       vehicles (Air, Land, Water), weapons (Blunt, Chemical, Exploding, Nuclear,
//	       Projectile, Sharp, Shooting), products (Book, Movie, Sound, Software,
//	       Hardware, Drug, Food)
func CoarseType(fine string) string {
	switch fine {
	case "Politician", "Religious_PER", "Artist", "Other_PER", "Scientist", "Athlete",
		"Businessperson", "Engineer", "Lawyer", "Police":
		return "PERS"
	case "Government", "Non-Governmental", "Commercial", "Educational", "Media", "Sports",
		"Entertainment", "Medical-Science", "Religious_ORG":
		return "ORG"
	case "Nation", "Population-Center", "State-or-Province", "County-or-District", "Continent",
		"GPE-Cluster", "Water-Body", "Land-Region-Natural", "Building-Grounds", "Path", "Airport",
		"Subarea-Facility":
		return "LOC"
	}
	return ""
}

// ReadFANE reads a WikiFANE/NewsFANE Gold file (token<TAB>tag, CRLF lines, a line of
// white space between sentences, left-to-right marks before tokens) and maps its tags
// to coarse BIO tags with CoarseType. An I- tag after a dropped or different type
// becomes B-.
func ReadFANE(r io.Reader) ([]Sentence, error) {
	clean := func(line string) string {
		line = strings.ReplaceAll(line, "\u200E", "")
		return strings.ReplaceAll(line, "\u200F", "")
	}
	return readColumns(r, "ner.ReadFANE", "`token<TAB>tag`", clean, func(f []string) string {
		if t := f[len(f)-1]; len(t) > 2 && (t[:2] == "B-" || t[:2] == "I-") {
			if ty := CoarseType(t[2:]); ty != "" {
				return t[:2] + ty
			}
		}
		return "O"
	})
}

// proclitics are the one-letter words WikiFANE splits off the front of a word.
var proclitics = map[string]bool{"و": true, "ف": true, "ب": true, "ل": true, "ك": true}

// enclitics are the pronoun suffixes WikiFANE splits off the end of a word.
var enclitics = map[string]bool{"ه": true, "ها": true, "هم": true}

// JoinClitics re-attaches WikiFANE's split clitics — و ف ب ل ك before a word, ه ها هم
// after one — so that the text looks like unsplit news text. The joined token takes the
// word's tag. «هم» after a function word is the pronoun and stays apart.
func JoinClitics(s Sentence) Sentence {
	var out Sentence
	isWord := func(w string) bool {
		for _, r := range w {
			return arabic.IsArabicLetter(r)
		}
		return false
	}
	for i := 0; i < len(s.Tokens); i++ {
		w, tag := s.Tokens[i], s.Tags[i]
		// Proclitics (possibly chained: و ب …) before an Arabic word.
		pre := ""
		j := i
		for j+1 < len(s.Tokens) && proclitics[s.Tokens[j]] && isWord(s.Tokens[j+1]) {
			pre += s.Tokens[j]
			j++
		}
		if pre != "" {
			w, tag = pre+s.Tokens[j], s.Tags[j]
			if s.Tags[i] != "O" && tag == "O" {
				tag = s.Tags[i]
			}
			i = j
		}
		for i+1 < len(s.Tokens) && enclitics[s.Tokens[i+1]] && isWord(w) && len(out.Tokens) >= 0 &&
			!(s.Tokens[i+1] == "هم" && (arabic.IsStopword(arabic.Fold(w)) || proclitics[w])) {
			w += s.Tokens[i+1]
			i++
		}
		out.Tokens = append(out.Tokens, w)
		out.Tags = append(out.Tags, tag)
	}
	// A B/I sequence may now start with I (an entity whose first word took a tag of a
	// clitic): repair.
	for k := range out.Tags {
		t := out.Tags[k]
		if strings.HasPrefix(t, "I-") && (k == 0 || out.Tags[k-1] == "O" || out.Tags[k-1][2:] != t[2:]) {
			out.Tags[k] = "B-" + t[2:]
		}
	}
	return out
}

// Train trains an averaged structured perceptron for epochs passes over sents, in an
// order shuffled with a fixed seed, so the same data gives the same model. Features
// seen once in the training data are left out.
func Train(sents []Sentence, k *kb.KB, epochs int, logf func(string, ...any)) *Model {
	return TrainGroups(sents, nil, k, epochs, logf)
}

// TrainGroups is Train with an order: when group is not nil (one number per sentence),
// each epoch visits the sentences of group 0 first, then group 1, and so on, each group
// shuffled with the fixed seed — so the data of the last group weighs most.
func TrainGroups(sents []Sentence, group []int, k *kb.KB, epochs int, logf func(string, ...any)) *Model {
	return TrainClustered(sents, group, k, nil, epochs, logf)
}

// TrainClustered is TrainGroups with word classes (nil: none) as features; the model
// keeps them.
func TrainClustered(sents []Sentence, group []int, k *kb.KB, clus *Clusters, epochs int, logf func(string, ...any)) *Model {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	start := time.Now()
	// Extract and count features.
	type ex struct {
		feats []uint64
		off   []int32
		gold  []int
	}
	exs := make([]ex, len(sents))
	counts := map[uint64]int32{}
	var s seq
	s.clus = clus
	// The known-word vocabulary: stems seen vocabMin times or more.
	for _, st := range sents {
		extract(k, TokensOf(st.Tokens), &s, nil)
		for _, x := range s.words {
			if x.norm != "" && x.stem != "" {
				counts[vocabHash(x.stem)]++
			}
		}
	}
	var vocab vocabSet
	for h, c := range counts {
		if c >= vocabMin {
			vocab = append(vocab, h)
		}
	}
	slices.Sort(vocab)
	clear(counts)
	s.vocab = vocab
	logf("ner: vocabulary of %d stems seen %d times or more", len(vocab), vocabMin)
	for i, st := range sents {
		toks := TokensOf(st.Tokens)
		extract(k, toks, &s, nil)
		e := ex{feats: slices.Clone(s.feats), off: slices.Clone(s.off), gold: make([]int, len(st.Tags))}
		for j, t := range st.Tags {
			e.gold[j] = tagIndex(t)
			if t == Unknown {
				e.gold[j] = -1
			}
		}
		for _, h := range e.feats {
			counts[h]++
		}
		exs[i] = e
	}
	m := &Model{index: map[uint64]int32{}, vocab: vocab, clusters: clus}
	for _, e := range exs {
		for _, h := range e.feats {
			if counts[h] >= 2 {
				if _, ok := m.index[h]; !ok {
					m.index[h] = int32(len(m.index))
				}
			}
		}
	}
	counts = nil
	ids := make([][]int32, len(exs)) // feature rows, -1 for dropped
	for i, e := range exs {
		ids[i] = make([]int32, len(e.feats))
		for j, h := range e.feats {
			if r, ok := m.index[h]; ok {
				ids[i][j] = r
			} else {
				ids[i][j] = -1
			}
		}
		exs[i].feats = nil
	}
	nf := len(m.index)
	logf("ner: %d sentences, %d features (seen twice or more), extracted in %s", len(sents), nf, time.Since(start).Round(time.Millisecond))
	w := make([]float32, nf*nTags)
	u := make([]float32, nf*nTags) // sum of c·update, for lazy averaging
	var trans, transU [(nTags + 1) * nTags]float32
	c := float32(1)
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(2014, 1))
	var emit, cemit []float32
	var back []int8
	var pred, fill []int
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		if group != nil {
			sort.SliceStable(order, func(a, b int) bool { return group[order[a]] < group[order[b]] })
		}
		errs, toks := 0, 0
		for _, si := range order {
			e := exs[si]
			n := len(e.gold)
			if cap(emit) < n*nTags {
				emit = make([]float32, n*nTags)
				back = make([]int8, n*nTags)
			}
			em := emit[:n*nTags]
			clear(em)
			for i := 0; i < n; i++ {
				out := em[i*nTags : (i+1)*nTags]
				for _, r := range ids[si][e.off[i]:e.off[i+1]] {
					if r < 0 {
						continue
					}
					row := w[int(r)*nTags : int(r)*nTags+nTags]
					for g := range nTags {
						out[g] += row[g]
					}
				}
			}
			// A sentence with tokens of unknown tag is learnt against the best tagging
			// that keeps its known tags (the model's own guess for the rest).
			gold := e.gold
			if slices.Contains(gold, -1) {
				cemit = append(cemit[:0], em...)
				for i, g := range gold {
					if g < 0 {
						continue
					}
					for t := range nTags {
						if t != g {
							cemit[i*nTags+t] = negInf
						}
					}
				}
				fill = append(fill[:0], viterbi(cemit, back[:n*nTags], &trans, n, nil)...)
				gold = fill
			}
			pred = viterbi(em, back[:n*nTags], &trans, n, pred)
			toks += n
			upd := func(i, g int, d float32) {
				for _, r := range ids[si][e.off[i]:e.off[i+1]] {
					if r >= 0 {
						w[int(r)*nTags+g] += d
						u[int(r)*nTags+g] += c * d
					}
				}
			}
			for i := 0; i < n; i++ {
				gp, pp := nTags, nTags // start row
				if i > 0 {
					gp, pp = gold[i-1], pred[i-1]
				}
				if gold[i] != pred[i] {
					errs++
					upd(i, gold[i], 1)
					upd(i, pred[i], -1)
				}
				if gold[i] != pred[i] || gp != pp {
					trans[gp*nTags+gold[i]]++
					transU[gp*nTags+gold[i]] += c
					trans[pp*nTags+pred[i]]--
					transU[pp*nTags+pred[i]] -= c
				}
			}
			c++
		}
		logf("ner: epoch %d: %d/%d tokens wrong (%.2f%%), %s", ep+1, errs, toks, 100*float64(errs)/float64(max(toks, 1)), time.Since(start).Round(time.Millisecond))
	}
	for i := range w {
		w[i] -= u[i] / c
	}
	for i := range trans {
		trans[i] -= transU[i] / c
	}
	m.w, m.trans = w, trans
	m.compile()
	return m
}

// vocabMin is how many times a stem must occur in the training sentences (copies
// included: --clitics both and @N weights repeat sentences) to be a known word.
const vocabMin = 4

// Score is exact-span precision/recall counts of one entity type.
type Score struct {
	Type       string
	TP, FP, FN int
}

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	if 2*s.TP+s.FP+s.FN == 0 {
		return 0
	}
	return 2 * float64(s.TP) / float64(2*s.TP+s.FP+s.FN)
}

// Evaluate tags sents and scores the spans against their tags (exact span and type),
// per type in the order PERS, ORG, LOC, then overall.
func (t *Tagger) Evaluate(k *kb.KB, sents []Sentence) []Score {
	sc := map[string]*Score{"PERS": {Type: "PERS"}, "ORG": {Type: "ORG"}, "LOC": {Type: "LOC"}}
	all := &Score{Type: "ALL"}
	for _, s := range sents {
		gt := make([]int, len(s.Tags))
		for i, g := range s.Tags {
			gt[i] = tagIndex(g)
		}
		gold := map[Span]bool{}
		for _, sp := range Decode(gt) {
			gold[sp] = true
		}
		for _, sp := range t.Tag(k, TokensOf(s.Tokens)) {
			if gold[sp] {
				sc[sp.Type].TP++
				all.TP++
				delete(gold, sp)
			} else {
				sc[sp.Type].FP++
				all.FP++
			}
		}
		for sp := range gold {
			sc[sp.Type].FN++
			all.FN++
		}
	}
	return []Score{*sc["PERS"], *sc["ORG"], *sc["LOC"], *all}
}
