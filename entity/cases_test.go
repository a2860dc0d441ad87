package entity_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/casetest"
)

// entityCase is one rule case of testdata/cases.json or testdata/known_failures.json: an
// input a linguist wrote, the entities the coder must find in it and the names it must
// not take for entities.
type entityCase struct {
	casetest.Meta
	Want []entityWant `json:"want"`
	Not  []string     `json:"not"`
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

// valid reports what is wrong with a case besides a missing name or input (nil for
// nothing): casetest.Load refuses such a case.
func valid(c entityCase) error {
	if len(c.Want) == 0 && len(c.Not) == 0 {
		return errors.New("checks nothing")
	}
	return nil
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

func renderAll(a *marsad.Article) string { return casetest.Lines(a.Entities, render, "no entities") }

// TestCases runs testdata/cases.json: every case must pass.
func TestCases(t *testing.T) {
	casetest.RunCases(t, valid, check, "entities", renderAll)
}

// TestKnownFailures logs, never failing, which known failures still fail.
func TestKnownFailures(t *testing.T) {
	casetest.RunKnownFailures(t, valid, check)
}

// TestCheckCanFail makes sure the checker is not vacuous: each passing case, with a
// wanted entity renamed or a found name listed as forbidden, must fail.
func TestCheckCanFail(t *testing.T) {
	cs := casetest.Load(t, "cases.json", valid)
	for _, c := range cs {
		a := casetest.MustCode(t, c)
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
