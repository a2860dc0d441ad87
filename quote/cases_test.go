package quote_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/casetest"
)

// quoteCase is one rule case of testdata/cases.json or testdata/known_failures.json.
type quoteCase struct {
	casetest.Meta
	Want []quoteWant `json:"want"`
	// NotQuotes are texts that must not be (inside) a quote: quoted names, attributions.
	NotQuotes []string `json:"not_quotes,omitempty"`
	// NotSpeakers are names that must not be the speaker of any quote.
	NotSpeakers []string `json:"not_speakers,omitempty"`
	// Count, when set, is the exact number of quotes.
	Count *int `json:"count,omitempty"`
}

// quoteWant is an expected quote: its text contains Contains (compared after
// arabic.FoldPhrase) and its speaker is the entity whose name or one of whose mention
// texts equals Speaker after folding; "speaker": "" asks for no speaker, and a missing
// speaker is not checked.
type quoteWant struct {
	Contains string  `json:"contains"`
	Speaker  *string `json:"speaker"`
}

// valid reports what is wrong with a case besides a missing name or input (nil for
// nothing): casetest.Load refuses such a case.
func valid(c quoteCase) error {
	if len(c.Want) == 0 && len(c.NotQuotes) == 0 && len(c.NotSpeakers) == 0 && c.Count == nil {
		return errors.New("checks nothing")
	}
	for _, w := range c.Want {
		if w.Contains == "" {
			return errors.New("a want has no contains")
		}
	}
	return nil
}

func entityOf(a *marsad.Article, id string) *marsad.Entity {
	for i := range a.Entities {
		if a.Entities[i].ID == id {
			return &a.Entities[i]
		}
	}
	return nil
}

// isSpeaker reports whether the quote's speaker is named name (its entity name or a
// mention text, folded).
func isSpeaker(a *marsad.Article, q marsad.Quote, name string) bool {
	f := arabic.FoldPhrase(name)
	if q.Speaker == "" {
		return false
	}
	if arabic.FoldPhrase(q.SpeakerName) == f {
		return true
	}
	if e := entityOf(a, q.Speaker); e != nil {
		if arabic.FoldPhrase(e.Name) == f {
			return true
		}
		for _, m := range e.Mentions {
			if arabic.FoldPhrase(m.Text) == f {
				return true
			}
		}
		for _, n := range kbNames(e.KBID) {
			if arabic.FoldPhrase(n) == f {
				return true
			}
		}
	}
	return false
}

// kbNames returns the knowledge-base names of a linked person or organisation, so a
// case may name a speaker by a short form («ظريف» for محمد جواد ظريف).
func kbNames(id string) []string {
	cd, err := casetest.Coder()
	if err != nil || id == "" {
		return nil
	}
	if p := cd.KB().Persons[id]; p != nil {
		return p.Names
	}
	if o := cd.KB().Orgs[id]; o != nil {
		return o.Names
	}
	return nil
}

func contains(q marsad.Quote, s string) bool {
	return strings.Contains(arabic.FoldPhrase(q.Text), arabic.FoldPhrase(s))
}

// check returns what is wrong with the coder's quotes for c (nil when the case passes).
func check(c quoteCase, a *marsad.Article) []string {
	var problems []string
	for _, w := range c.Want {
		var hits []marsad.Quote
		for _, q := range a.Quotes {
			if contains(q, w.Contains) {
				hits = append(hits, q)
			}
		}
		switch {
		case len(hits) == 0:
			problems = append(problems, fmt.Sprintf("no quote contains %q", w.Contains))
		case w.Speaker == nil:
		case *w.Speaker == "":
			for _, q := range hits {
				if q.Speaker != "" {
					problems = append(problems, fmt.Sprintf("quote %q: speaker %q, want none", w.Contains, q.SpeakerName))
				}
			}
		default:
			ok := false
			for _, q := range hits {
				ok = ok || isSpeaker(a, q, *w.Speaker)
			}
			if !ok {
				problems = append(problems, fmt.Sprintf("quote %q: speaker %q, want %q", w.Contains, hits[0].SpeakerName, *w.Speaker))
			}
		}
	}
	for _, n := range c.NotQuotes {
		for _, q := range a.Quotes {
			if contains(q, n) {
				problems = append(problems, fmt.Sprintf("%q must not be a quote, got quote %q", n, q.Text))
			}
		}
	}
	for _, n := range c.NotSpeakers {
		for _, q := range a.Quotes {
			if isSpeaker(a, q, n) {
				problems = append(problems, fmt.Sprintf("%q must not be a speaker, got it for quote %q", n, q.Text))
			}
		}
	}
	if c.Count != nil && len(a.Quotes) != *c.Count {
		problems = append(problems, fmt.Sprintf("%d quotes, want %d", len(a.Quotes), *c.Count))
	}
	return problems
}

func render(q marsad.Quote) string {
	cue := ""
	if q.Cue != nil {
		cue = q.Cue.Text
	}
	return fmt.Sprintf("%q speaker=%q cue=%q rule=%s", q.Text, q.SpeakerName, cue, q.Rule)
}

func renderAll(a *marsad.Article) string { return casetest.Lines(a.Quotes, render, "no quotes") }

// TestCases runs testdata/cases.json: every case must pass.
func TestCases(t *testing.T) {
	casetest.RunCases(t, valid, check, "quotes", renderAll)
}

// TestKnownFailures logs, never failing, which known failures still fail.
func TestKnownFailures(t *testing.T) {
	casetest.RunKnownFailures(t, valid, check)
}

// TestCheckCanFail makes sure the checker is not vacuous: each passing case with a
// wrong expectation must fail.
func TestCheckCanFail(t *testing.T) {
	wrong := "متحدث لا يوجد"
	for _, c := range casetest.Load(t, "cases.json", valid) {
		a := casetest.MustCode(t, c)
		for i, w := range c.Want {
			bad := c
			bad.Want = append([]quoteWant(nil), c.Want...)
			bad.Want[i].Contains = "نص لم يقله أحد"
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a quote that is not there passed the check", c.Name)
			}
			if w.Speaker != nil {
				bad.Want[i] = quoteWant{Contains: w.Contains, Speaker: &wrong}
				if len(check(bad, a)) == 0 {
					t.Errorf("%s: a wrong speaker passed the check", c.Name)
				}
			}
		}
		for _, q := range a.Quotes {
			bad := c
			bad.NotQuotes = []string{q.Text}
			if len(check(bad, a)) == 0 {
				t.Errorf("%s: a forbidden quote present in the output passed the check", c.Name)
			}
		}
	}
}
