package event_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/internal/casetest"
)

// eventCase is one rule case of testdata/cases.json or testdata/known_failures.json: an
// input, the events the coder must find in it, the CAMEO roots it must not code, and
// whether it must code no event at all.
type eventCase struct {
	casetest.Meta
	Want     []eventWant `json:"want"`
	NotRoots []string    `json:"not_roots,omitempty"`
	None     bool        `json:"none,omitempty"`   // no event at all
	Count    int         `json:"events,omitempty"` // exactly this many events (merging), when given
}

// eventWant is an expected event. Source and target are the actors' ISO3 (or group)
// codes: a missing field is not checked, "" asks for no known country. Mode, date
// (YYYY-MM-DD) and fatalities are checked when given.
type eventWant struct {
	Root       string  `json:"root"`
	Code       string  `json:"code,omitempty"` // the exact CAMEO code, when given
	Source     *string `json:"source,omitempty"`
	Target     *string `json:"target,omitempty"`
	Mode       string  `json:"mode,omitempty"`
	Date       string  `json:"date,omitempty"`
	Fatalities *int    `json:"fatalities,omitempty"`
	Location   *string `json:"location,omitempty"` // the place's country
}

func (w eventWant) String() string {
	s := "root " + w.Root
	if w.Code != "" {
		s += " code " + w.Code
	}
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
	if w.Location != nil {
		s += fmt.Sprintf(" location=%q", *w.Location)
	}
	return s
}

// valid reports what is wrong with a case besides a missing name or input (nil for
// nothing): casetest.Load refuses such a case.
func valid(c eventCase) error {
	switch {
	case len(c.Want) == 0 && len(c.NotRoots) == 0 && !c.None:
		return errors.New("checks nothing")
	case c.None && len(c.Want) > 0:
		return errors.New("wants events and none")
	case c.None && c.Count > 0:
		return errors.New("wants a number of events and none")
	}
	for _, w := range c.Want {
		if len(w.Root) != 2 {
			return fmt.Errorf("root %q is not a two-digit CAMEO root", w.Root)
		}
		if w.Code != "" && !strings.HasPrefix(w.Code, w.Root) {
			return fmt.Errorf("code %q is not under root %q", w.Code, w.Root)
		}
	}
	return nil
}

func matches(w eventWant, e marsad.Event) bool {
	switch {
	case e.Root != w.Root:
	case w.Code != "" && e.Code != w.Code:
	case w.Source != nil && e.Source.Country != *w.Source:
	case w.Target != nil && e.Target.Country != *w.Target:
	case w.Mode != "" && e.Mode != w.Mode:
	case w.Date != "" && e.Date != w.Date:
	case w.Fatalities != nil && (e.Fatalities == nil || *e.Fatalities != *w.Fatalities):
	case w.Location != nil && (e.Location == nil && *w.Location != "" || e.Location != nil && e.Location.Country != *w.Location):
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
	if c.Count > 0 && len(a.Events) != c.Count {
		problems = append(problems, fmt.Sprintf("want %d events, got %d", c.Count, len(a.Events)))
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

func renderAll(a *marsad.Article) string { return casetest.Lines(a.Events, render, "no events") }

// TestCases runs testdata/cases.json: every case must pass.
func TestCases(t *testing.T) {
	casetest.RunCases(t, valid, check, "events", renderAll)
}

// TestKnownFailures logs, never failing, which known failures still fail.
func TestKnownFailures(t *testing.T) {
	casetest.RunKnownFailures(t, valid, check)
}

// TestCheckCanFail makes sure the checker is not vacuous: each passing case with a
// wrong expectation must fail.
func TestCheckCanFail(t *testing.T) {
	xxx := "XXX"
	for _, c := range casetest.Load(t, "cases.json", valid) {
		a := casetest.MustCode(t, c)
		for i := range c.Want {
			bad := c
			bad.Want = append([]eventWant(nil), c.Want...)
			bad.Want[i].Source = &xxx
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a wrong source passed the check", c.Name)
			}
			if c.Want[i].Location != nil {
				bad.Want[i] = c.Want[i]
				bad.Want[i].Location = &xxx
				if len(check(bad, a)) == 0 {
					t.Errorf("%s: a wrong location passed the check", c.Name)
				}
			}
		}
		for _, e := range a.Events {
			bad := c
			bad.NotRoots = []string{e.Root}
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a forbidden root present in the output passed the check", c.Name)
			}
		}
		if c.Count > 0 {
			bad := c
			bad.Count = c.Count + 1
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a wrong number of events passed the check", c.Name)
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

// TestSuiteCoversEveryRoot: the regression suite (cases.json and known_failures.json
// together) holds at least ten cases for every CAMEO root, two of them negative (no
// event, a forbidden root, or a mode other than asserted).
func TestSuiteCoversEveryRoot(t *testing.T) {
	cases := append(casetest.Load(t, "cases.json", valid), casetest.Load(t, "known_failures.json", valid)...)
	all, negative := map[string]int{}, map[string]int{}
	for _, c := range cases {
		roots, neg := map[string]bool{}, c.None || len(c.NotRoots) > 0
		for _, w := range c.Want {
			roots[w.Root] = true
			neg = neg || (w.Mode != "" && w.Mode != marsad.ModeAsserted)
		}
		for _, r := range c.NotRoots {
			roots[r] = true
		}
		if len(c.Name) > len("root 00") && strings.HasPrefix(c.Name, "root ") {
			roots[c.Name[len("root "):len("root 00")]] = true // the suite names each case by its root
		}
		for r := range roots {
			all[r]++
			if neg {
				negative[r]++
			}
		}
	}
	for i := 1; i <= 20; i++ {
		r := fmt.Sprintf("%02d", i)
		if all[r] < 10 {
			t.Errorf("root %s: %d cases, want at least 10", r, all[r])
		}
		if negative[r] < 2 {
			t.Errorf("root %s: %d negative cases, want at least 2", r, negative[r])
		}
	}
}
