package evaluate

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// RootConfusion is a confusion view of CAMEO root codes over the gold events. Within
// each article gold and predicted events are paired one to one, greedily, ignoring the
// code's exactness: a pair is possible when the predicted root is among the gold's
// acceptable roots, or when the roots differ but the source and target countries agree
// (as the scorer checks them). Pairs with an acceptable root go first, then pairs whose
// actors agree, then by the scorer's event score.
//
// Matched[gold][pred] counts the pairs: the gold row is the predicted root when it is
// acceptable, else the root of the gold's main code. Missed counts the gold events (not
// optional) left without a pair, by root; Unmatched the predictions left without one.
type RootConfusion struct {
	Matched   map[string]map[string]int `json:"matched"`
	Missed    map[string]int            `json:"missed"`
	Unmatched map[string]int            `json:"unmatched"`
}

func newRootConfusion() *RootConfusion {
	return &RootConfusion{Matched: map[string]map[string]int{}, Missed: map[string]int{}, Unmatched: map[string]int{}}
}

func (c *RootConfusion) add(o *RootConfusion) {
	if o == nil {
		return
	}
	for g, row := range o.Matched {
		if c.Matched[g] == nil {
			c.Matched[g] = map[string]int{}
		}
		for p, n := range row {
			c.Matched[g][p] += n
		}
	}
	for r, n := range o.Missed {
		c.Missed[r] += n
	}
	for r, n := range o.Unmatched {
		c.Unmatched[r] += n
	}
}

func rootKey(r string) string {
	if r == "" {
		return "-"
	}
	return r
}

func mainRoot(g obj) string {
	if r := root(g["code"]); r != "" {
		return r
	}
	r, _ := asStr(g["root"])
	return r
}

func confuseRoots(evs, gev []obj, byID map[string]obj) *RootConfusion {
	c := newRootConfusion()
	rootOK := func(i, j int) bool { return goldRoots(gev[j])[root(evs[i]["code"])] }
	m := greedyMatch(len(evs), len(gev),
		func(i, j int) bool { return rootOK(i, j) || sidesOK(evs[i], gev[j]) },
		func(i, j int) float64 {
			s := eventScore(evs[i], gev[j], byID) / 100
			if rootOK(i, j) {
				s += 2
			}
			if sidesOK(evs[i], gev[j]) {
				s++
			}
			return s
		})
	usedP, usedG := map[int]bool{}, map[int]bool{}
	for _, x := range m {
		usedP[x.I], usedG[x.J] = true, true
		pr := rootKey(root(evs[x.I]["code"]))
		gr := rootKey(mainRoot(gev[x.J]))
		if rootOK(x.I, x.J) {
			gr = pr
		}
		if c.Matched[gr] == nil {
			c.Matched[gr] = map[string]int{}
		}
		c.Matched[gr][pr]++
	}
	for j, g := range gev {
		if !usedG[j] && !truthy(g["optional"]) {
			c.Missed[rootKey(mainRoot(g))]++
		}
	}
	for i, e := range evs {
		if !usedP[i] {
			c.Unmatched[rootKey(root(e["code"]))]++
		}
	}
	return c
}

// Write prints the table: a row per gold root, a column per predicted root, a last
// column of missed gold events and a last row of unmatched predictions ("." for 0).
func (c *RootConfusion) Write(w io.Writer) {
	rowSet, colSet := map[string]bool{}, map[string]bool{}
	for g, row := range c.Matched {
		rowSet[g] = true
		for p := range row {
			colSet[p] = true
		}
	}
	for r := range c.Missed {
		rowSet[r] = true
	}
	for r := range c.Unmatched {
		colSet[r] = true
	}
	rows, cols := sortedKeys(rowSet), sortedKeys(colSet)
	cell := func(n int) string {
		if n == 0 {
			return "."
		}
		return fmt.Sprint(n)
	}
	fmt.Fprintln(w, "CAMEO roots, gold (rows) × predicted (columns), root-only matching; miss = gold events unmatched, extra = predictions unmatched")
	var b strings.Builder
	fmt.Fprintf(&b, "%-9s", "gold\\pred")
	for _, p := range cols {
		fmt.Fprintf(&b, " %3s", p)
	}
	fmt.Fprintf(&b, " %4s\n", "miss")
	for _, g := range rows {
		fmt.Fprintf(&b, "%-9s", g)
		for _, p := range cols {
			fmt.Fprintf(&b, " %3s", cell(c.Matched[g][p]))
		}
		fmt.Fprintf(&b, " %4s\n", cell(c.Missed[g]))
	}
	fmt.Fprintf(&b, "%-9s", "extra")
	for _, p := range cols {
		fmt.Fprintf(&b, " %3s", cell(c.Unmatched[p]))
	}
	b.WriteString("\n")
	io.WriteString(w, b.String())
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
