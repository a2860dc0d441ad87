package event_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
)

// eventCase is one rule case of testdata/cases.json or testdata/known_failures.json: an
// input, the events the coder must find in it, the CAMEO roots it must not code, and
// whether it must code no event at all.
type eventCase struct {
	Name      string      `json:"name"`
	Published string      `json:"published"` // YYYY-MM-DD; "" for none
	Input     string      `json:"input"`
	Want      []eventWant `json:"want"`
	NotRoots  []string    `json:"not_roots,omitempty"`
	None      bool        `json:"none,omitempty"` // no event at all
	Why       string      `json:"why,omitempty"`  // known failures: what the coder gets
}

// eventWant is an expected event. Source and target are the actors' ISO3 (or group)
// codes: a missing field is not checked, "" asks for no known country. Mode, date
// (YYYY-MM-DD) and fatalities are checked when given.
type eventWant struct {
	Root       string  `json:"root"`
	Source     *string `json:"source,omitempty"`
	Target     *string `json:"target,omitempty"`
	Mode       string  `json:"mode,omitempty"`
	Date       string  `json:"date,omitempty"`
	Fatalities *int    `json:"fatalities,omitempty"`
}

func (w eventWant) String() string {
	s := "root " + w.Root
	if w.Source != nil {
		s += fmt.Sprintf(" source=%q", *w.Source)
	}
	if w.Target != nil {
		s += fmt.Sprintf(" target=%q", *w.Target)
	}
	if w.Mode != "" {
		s += " mode=" + w.Mode
	}
	if w.Date != "" {
		s += " date=" + w.Date
	}
	if w.Fatalities != nil {
		s += fmt.Sprintf(" fatalities=%d", *w.Fatalities)
	}
	return s
}

var newCoder = sync.OnceValues(func() (*coder.Coder, error) { return coder.New(coder.Config{}) })

func loadCases(t *testing.T, file string) []eventCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatalf("reading cases: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var cs []eventCase
	if err := dec.Decode(&cs); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	seen := map[string]bool{}
	for i, c := range cs {
		switch {
		case c.Name == "" || c.Input == "":
			t.Fatalf("%s: case %d has no name or no input", file, i)
		case seen[c.Name]:
			t.Fatalf("%s: duplicate case name %q", file, c.Name)
		case len(c.Want) == 0 && len(c.NotRoots) == 0 && !c.None:
			t.Fatalf("%s: case %q checks nothing", file, c.Name)
		case c.None && len(c.Want) > 0:
			t.Fatalf("%s: case %q wants events and none", file, c.Name)
		}
		for _, w := range c.Want {
			if len(w.Root) != 2 {
				t.Fatalf("%s: case %q: root %q is not a two-digit CAMEO root", file, c.Name, w.Root)
			}
		}
		seen[c.Name] = true
	}
	return cs
}

// code runs the whole pipeline (reader, dates, entity, quote, event) on the case.
func code(c eventCase) (*marsad.Article, error) {
	cd, err := newCoder()
	if err != nil {
		return nil, err
	}
	pub, err := coder.ParseDate(c.Published)
	if err != nil {
		return nil, err
	}
	return cd.Code(context.Background(), coder.Input{Raw: []byte(c.Input), Published: pub})
}

func matches(w eventWant, e marsad.Event) bool {
	switch {
	case e.Root != w.Root:
	case w.Source != nil && e.Source.Country != *w.Source:
	case w.Target != nil && e.Target.Country != *w.Target:
	case w.Mode != "" && e.Mode != w.Mode:
	case w.Date != "" && e.Date != w.Date:
	case w.Fatalities != nil && (e.Fatalities == nil || *e.Fatalities != *w.Fatalities):
	default:
		return true
	}
	return false
}

// check returns what is wrong with the coder's events for c (nil when the case passes).
func check(c eventCase, a *marsad.Article) []string {
	var problems []string
	for _, w := range c.Want {
		found := false
		for _, e := range a.Events {
			found = found || matches(w, e)
		}
		if !found {
			problems = append(problems, "missing event "+w.String())
		}
	}
	for _, r := range c.NotRoots {
		for _, e := range a.Events {
			if e.Root == r {
				problems = append(problems, fmt.Sprintf("root %s must not be coded, got %s", r, render(e)))
			}
		}
	}
	if c.None && len(a.Events) > 0 {
		problems = append(problems, fmt.Sprintf("want no event, got %d", len(a.Events)))
	}
	return problems
}

func render(e marsad.Event) string {
	fat := "-"
	if e.Fatalities != nil {
		fat = fmt.Sprint(*e.Fatalities)
	}
	return fmt.Sprintf("%s (root %s) source=%q %s target=%q %s mode=%s date=%s fatalities=%s trigger=%q pattern=%s",
		e.Code, e.Root, e.Source.Country, e.Source.Name, e.Target.Country, e.Target.Name, e.Mode, e.Date, fat,
		e.Evidence.Trigger.Text, e.Evidence.Pattern)
}

func renderAll(a *marsad.Article) string {
	if len(a.Events) == 0 {
		return "  (no events)"
	}
	var b strings.Builder
	for _, e := range a.Events {
		b.WriteString("  " + render(e) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestCases runs testdata/cases.json: every case must pass.
func TestCases(t *testing.T) {
	for _, c := range loadCases(t, "cases.json") {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			a, err := code(c)
			if err != nil {
				t.Fatalf("Code(%q): %v", c.Input, err)
			}
			if ps := check(c, a); len(ps) > 0 {
				t.Errorf("Code(%q) (published %s):\n%s\nevents found:\n%s", c.Input, c.Published, strings.Join(ps, "\n"), renderAll(a))
			}
		})
	}
}

// TestKnownFailures runs testdata/known_failures.json, the cases the coder gets wrong
// today, without failing: it logs whether each still fails, so that a fix shows up as
// "now passes" and the case can move to cases.json.
func TestKnownFailures(t *testing.T) {
	for _, c := range loadCases(t, "known_failures.json") {
		t.Run(c.Name, func(t *testing.T) {
			a, err := code(c)
			if err != nil {
				t.Fatalf("Code(%q): %v", c.Input, err)
			}
			if ps := check(c, a); len(ps) > 0 {
				t.Logf("still fails (%s): %s", c.Why, strings.Join(ps, "; "))
			} else {
				t.Logf("NOW PASSES: move %q to cases.json", c.Name)
			}
		})
	}
}

// TestCheckCanFail makes sure the checker is not vacuous: each passing case with a
// wrong expectation must fail.
func TestCheckCanFail(t *testing.T) {
	xxx := "XXX"
	for _, c := range loadCases(t, "cases.json") {
		a, err := code(c)
		if err != nil {
			t.Fatalf("Code(%q): %v", c.Input, err)
		}
		for i := range c.Want {
			bad := c
			bad.Want = append([]eventWant(nil), c.Want...)
			bad.Want[i].Source = &xxx
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a wrong source passed the check", c.Name)
			}
		}
		for _, e := range a.Events {
			bad := c
			bad.NotRoots = []string{e.Root}
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a forbidden root present in the output passed the check", c.Name)
			}
		}
		if len(a.Events) == 0 && c.None {
			bad := c
			bad.None = false
			bad.Want = []eventWant{{Root: "19"}}
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a missing event passed the check", c.Name)
			}
		}
	}
}
