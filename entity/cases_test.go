package entity_test

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
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/coder"
)

// entityCase is one rule case of testdata/cases.json or testdata/known_failures.json: an
// input a linguist wrote, the entities the coder must find in it and the names it must
// not take for entities.
type entityCase struct {
	Name      string       `json:"name"`
	Published string       `json:"published"` // YYYY-MM-DD; "" for none
	Input     string       `json:"input"`
	Want      []entityWant `json:"want"`
	Not       []string     `json:"not"`
	Why       string       `json:"why,omitempty"` // known failures: what the coder gets
}

// entityWant is an expected entity: its type and a name that equals, after
// arabic.FoldPhrase, the entity's name or the text of one of its mentions; code and role,
// when given, must equal the entity's.
type entityWant struct {
	Type string `json:"type"`
	Name string `json:"name"`
	Code string `json:"code,omitempty"`
	Role string `json:"role,omitempty"`
}

var newCoder = sync.OnceValues(func() (*coder.Coder, error) { return coder.New(coder.Config{}) })

func loadCases(t *testing.T, file string) []entityCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatalf("reading cases: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var cs []entityCase
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
		case len(c.Want) == 0 && len(c.Not) == 0:
			t.Fatalf("%s: case %q checks nothing", file, c.Name)
		}
		seen[c.Name] = true
	}
	return cs
}

// code runs the whole pipeline (reader, dates, entity, quote, event) on the case.
func code(c entityCase) (*marsad.Article, error) {
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

// names returns the folded name and mention texts of e.
func names(e marsad.Entity) []string {
	out := []string{arabic.FoldPhrase(e.Name)}
	for _, m := range e.Mentions {
		out = append(out, arabic.FoldPhrase(m.Text))
	}
	return out
}

func hasName(e marsad.Entity, name string) bool {
	f := arabic.FoldPhrase(name)
	for _, n := range names(e) {
		if n == f {
			return true
		}
	}
	return false
}

// check returns what is wrong with the coder's entities for c (nil when the case passes).
func check(c entityCase, a *marsad.Article) []string {
	var problems []string
	for _, w := range c.Want {
		found := false
		for _, e := range a.Entities {
			if e.Type == w.Type && hasName(e, w.Name) && (w.Code == "" || e.Code == w.Code) && (w.Role == "" || e.Role == w.Role) {
				found = true
				break
			}
		}
		if !found {
			problems = append(problems, fmt.Sprintf("missing %s %q%s%s", w.Type, w.Name, opt(" code=", w.Code), opt(" role=", w.Role)))
		}
	}
	for _, n := range c.Not {
		for _, e := range a.Entities {
			if hasName(e, n) {
				problems = append(problems, fmt.Sprintf("%q must not be an entity, got %s", n, render(e)))
			}
		}
	}
	return problems
}

func opt(label, v string) string {
	if v == "" {
		return ""
	}
	return label + v
}

func render(e marsad.Entity) string {
	var ms []string
	for _, m := range e.Mentions {
		ms = append(ms, m.Text+"/"+m.Rule)
	}
	s := fmt.Sprintf("%s %q", e.Type, e.Name)
	s += opt(" code=", e.Code) + opt(" role=", e.Role)
	if e.Generic {
		s += " generic"
	}
	return s + " [" + strings.Join(ms, ", ") + "]"
}

func renderAll(a *marsad.Article) string {
	if len(a.Entities) == 0 {
		return "  (no entities)"
	}
	var b strings.Builder
	for _, e := range a.Entities {
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
				t.Errorf("Code(%q) (published %s):\n%s\nentities found:\n%s", c.Input, c.Published, strings.Join(ps, "\n"), renderAll(a))
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

// TestCheckCanFail makes sure the checker is not vacuous: each passing case, with a
// wanted entity renamed or a found name listed as forbidden, must fail.
func TestCheckCanFail(t *testing.T) {
	cs := loadCases(t, "cases.json")
	for _, c := range cs {
		a, err := code(c)
		if err != nil {
			t.Fatalf("Code(%q): %v", c.Input, err)
		}
		if len(c.Want) > 0 {
			bad := c
			bad.Want = append([]entityWant(nil), c.Want...)
			bad.Want[0].Name = "اسم لا يوجد"
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a wrong want passed the check", c.Name)
			}
		}
		if len(a.Entities) > 0 {
			bad := c
			bad.Not = []string{a.Entities[0].Name}
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a forbidden name present in the output passed the check", c.Name)
			}
		}
	}
}
