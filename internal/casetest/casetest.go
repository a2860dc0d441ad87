// Package casetest runs the rule-case lists of the entity, quote and event tests:
// testdata/cases.json (every case must pass) and testdata/known_failures.json (cases the
// coder gets wrong today, logged, never failing). Each package keeps its own case type,
// embedding Meta, and its own check.
package casetest

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

// Meta is what every case has: a unique name, the input text, the publication date and,
// for a known failure, what the coder gets.
type Meta struct {
	Name      string `json:"name"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD; "" for none
	Input     string `json:"input"`
	Why       string `json:"why,omitempty"` // known failures: what the coder gets
}

// CaseMeta returns m; a case type gets it by embedding Meta.
func (m Meta) CaseMeta() Meta { return m }

// Case is a case type: a struct embedding Meta.
type Case interface{ CaseMeta() Meta }

// Coder returns the coder every case runs through, built once with the default
// configuration.
var Coder = sync.OnceValues(func() (*coder.Coder, error) { return coder.New(coder.Config{}) })

// Load reads testdata/<file>, a JSON list of cases, refusing unknown fields. Every case
// must have a name, unique in the file, and an input; valid reports what else is wrong
// with a case (such as checking nothing), nil when nothing is.
func Load[C Case](t *testing.T, file string, valid func(C) error) []C {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatalf("reading cases: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var cs []C
	if err := dec.Decode(&cs); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	seen := map[string]bool{}
	for i, c := range cs {
		m := c.CaseMeta()
		switch {
		case m.Name == "" || m.Input == "":
			t.Fatalf("%s: case %d has no name or no input", file, i)
		case seen[m.Name]:
			t.Fatalf("%s: duplicate case name %q", file, m.Name)
		}
		if err := valid(c); err != nil {
			t.Fatalf("%s: case %q: %v", file, m.Name, err)
		}
		seen[m.Name] = true
	}
	return cs
}

// Code runs the whole pipeline (reader, dates, entity, quote, event) on the case.
func Code(c Case) (*marsad.Article, error) {
	m := c.CaseMeta()
	cd, err := Coder()
	if err != nil {
		return nil, err
	}
	pub, err := coder.ParseDate(m.Published)
	if err != nil {
		return nil, err
	}
	return cd.Code(context.Background(), coder.Input{Raw: []byte(m.Input), Published: pub})
}

// MustCode is Code, failing the test on an error.
func MustCode(t *testing.T, c Case) *marsad.Article {
	t.Helper()
	a, err := Code(c)
	if err != nil {
		t.Fatalf("Code(%q): %v", c.CaseMeta().Input, err)
	}
	return a
}

// Check returns what is wrong with the coder's article for a case, nil when it passes.
type Check[C Case] func(C, *marsad.Article) []string

// RunCases runs testdata/cases.json, each case a parallel subtest that fails when check
// finds a problem; the failure lists the problems and then renderAll of the article,
// under the heading "<what> found:".
func RunCases[C Case](t *testing.T, valid func(C) error, check Check[C], what string, renderAll func(*marsad.Article) string) {
	for _, c := range Load(t, "cases.json", valid) {
		m := c.CaseMeta()
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			a := MustCode(t, c)
			if ps := check(c, a); len(ps) > 0 {
				t.Errorf("Code(%q) (published %s):\n%s\n%s found:\n%s", m.Input, m.Published, strings.Join(ps, "\n"), what, renderAll(a))
			}
		})
	}
}

// RunKnownFailures runs testdata/known_failures.json, the cases the coder gets wrong
// today, without failing: it logs whether each still fails, so that a fix shows up as
// "NOW PASSES" and the case can move to cases.json.
func RunKnownFailures[C Case](t *testing.T, valid func(C) error, check Check[C]) {
	for _, c := range Load(t, "known_failures.json", valid) {
		m := c.CaseMeta()
		t.Run(m.Name, func(t *testing.T) {
			a := MustCode(t, c)
			t.Log(knownFailure(m, check(c, a)))
		})
	}
}

// knownFailure is the log line of a known failure with the check's problems.
func knownFailure(m Meta, problems []string) string {
	if len(problems) > 0 {
		return fmt.Sprintf("still fails (%s): %s", m.Why, strings.Join(problems, "; "))
	}
	return fmt.Sprintf("NOW PASSES: move %q to cases.json", m.Name)
}

// Lines renders items for a failure message, one line(item) a line indented by two
// spaces, or "  (<none>)" when there are no items.
func Lines[T any](items []T, line func(T) string, none string) string {
	if len(items) == 0 {
		return "  (" + none + ")"
	}
	var b strings.Builder
	for _, it := range items {
		b.WriteString("  " + line(it) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
