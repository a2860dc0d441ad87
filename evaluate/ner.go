// Package evaluate measures Marsad against annotated data: NER on CoNLL files
// (`marsad eval ner`), scored the way conlleval scores it — an entity counts when its
// type and its exact token span agree.
package evaluate

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/marsad-project/marsad"
)

// Sentence is a CoNLL sentence: tokens with their gold tags.
type Sentence struct {
	Tokens []string
	Tags   []string // IOB2: B-PERS, I-LOC, O
}

// ReadCoNLL reads `token tag` lines (space or tab separated; extra columns ignored), a
// blank line (or a line of white space) between sentences.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	flush := func() {
		if len(cur.Tokens) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		n++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			flush()
			continue
		}
		if len(f) < 2 {
			return nil, marsad.Errorf("evaluate.ReadCoNLL", marsad.Invalid, "line %d: want `token tag`, got %q", n, sc.Text())
		}
		cur.Tokens = append(cur.Tokens, f[0])
		cur.Tags = append(cur.Tags, f[1])
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, marsad.E("evaluate.ReadCoNLL", marsad.Invalid, err)
	}
	return out, nil
}

// Span is an entity over tokens [Start, End) of a sentence.
type Span struct {
	Sent, Start, End int
	Type             string
}

// Spans turns IOB2 (or IOB1) tags into entity spans; an I- tag without a B- starts one.
func Spans(sent int, tags []string) []Span {
	var out []Span
	open := -1
	typ := ""
	closeAt := func(i int) {
		if open >= 0 {
			out = append(out, Span{Sent: sent, Start: open, End: i, Type: typ})
		}
		open, typ = -1, ""
	}
	for i, t := range tags {
		switch {
		case strings.HasPrefix(t, "B-"):
			closeAt(i)
			open, typ = i, t[2:]
		case strings.HasPrefix(t, "I-"):
			if open < 0 || typ != t[2:] {
				closeAt(i)
				open, typ = i, t[2:]
			}
		default:
			closeAt(i)
		}
	}
	closeAt(len(tags))
	return out
}

// Score is precision, recall and F1 of one type (or overall).
type Score struct {
	Type       string
	TP, FP, FN int
}

// P is precision.
func (s Score) P() float64 { return ratio(s.TP, s.TP+s.FP) }

// R is recall.
func (s Score) R() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of P and R.
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Compare scores predicted spans against gold spans per type. Types in `overall` count
// towards the overall line (others are reported alone).
func Compare(gold, pred []Span, overall map[string]bool) (perType []Score, all Score) {
	key := func(s Span) string { return fmt.Sprintf("%d:%d:%d:%s", s.Sent, s.Start, s.End, s.Type) }
	g := map[string]bool{}
	for _, s := range gold {
		g[key(s)] = true
	}
	scores := map[string]*Score{}
	get := func(t string) *Score {
		if scores[t] == nil {
			scores[t] = &Score{Type: t}
		}
		return scores[t]
	}
	p := map[string]bool{}
	for _, s := range pred {
		k := key(s)
		if p[k] {
			continue
		}
		p[k] = true
		if g[k] {
			get(s.Type).TP++
		} else {
			get(s.Type).FP++
		}
	}
	for _, s := range gold {
		if !p[key(s)] {
			get(s.Type).FN++
		}
	}
	all.Type = "overall"
	for _, s := range scores {
		perType = append(perType, *s)
		if overall[s.Type] {
			all.TP += s.TP
			all.FP += s.FP
			all.FN += s.FN
		}
	}
	sort.Slice(perType, func(i, j int) bool { return perType[i].Type < perType[j].Type })
	return perType, all
}

// Report writes one line per type and the overall line.
func Report(w io.Writer, perType []Score, all Score) {
	for _, s := range append(perType, all) {
		fmt.Fprintf(w, "%-8s P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)\n", s.Type, s.P(), s.R(), s.F1(), s.TP, s.FP, s.FN)
	}
}

// Errors returns the predicted spans that are not gold (false positives) and the gold
// spans that were not predicted (false negatives), in input order.
func Errors(gold, pred []Span) (fp, fn []Span) {
	g, p := map[Span]bool{}, map[Span]bool{}
	for _, s := range gold {
		g[s] = true
	}
	for _, s := range pred {
		if !g[s] && !p[s] {
			fp = append(fp, s)
		}
		p[s] = true
	}
	for _, s := range gold {
		if !p[s] {
			fn = append(fn, s)
		}
	}
	return fp, fn
}
