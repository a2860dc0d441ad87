package quote_test

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

// quoteCase is one rule case of testdata/cases.json or testdata/known_failures.json.
type quoteCase struct {
	Name      string      `json:"name"`
	Published string      `json:"published,omitempty"` // YYYY-MM-DD; "" for none
	Input     string      `json:"input"`
	Want      []quoteWant `json:"want"`
	// NotQuotes are texts that must not be (inside) a quote: quoted names, attributions.
	NotQuotes []string `json:"not_quotes,omitempty"`
	// NotSpeakers are names that must not be the speaker of any quote.
	NotSpeakers []string `json:"not_speakers,omitempty"`
	// Count, when set, is the exact number of quotes.
	Count *int   `json:"count,omitempty"`
	Why   string `json:"why,omitempty"` // known failures: what the coder gets
}

// quoteWant is an expected quote: its text contains Contains (compared after
// arabic.FoldPhrase) and its speaker is the entity whose name or one of whose mention
// texts equals Speaker after folding; "speaker": "" asks for no speaker, and a missing
// speaker is not checked.
type quoteWant struct {
	Contains string  `json:"contains"`
	Speaker  *string `json:"speaker"`
}

var newCoder = sync.OnceValues(func() (*coder.Coder, error) { return coder.New(coder.Config{}) })

func loadCases(t *testing.T, file string) []quoteCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatalf("reading cases: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var cs []quoteCase
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
		case len(c.Want) == 0 && len(c.NotQuotes) == 0 && len(c.NotSpeakers) == 0 && c.Count == nil:
			t.Fatalf("%s: case %q checks nothing", file, c.Name)
		}
		for _, w := range c.Want {
			if w.Contains == "" {
				t.Fatalf("%s: case %q: a want has no contains", file, c.Name)
			}
		}
		seen[c.Name] = true
	}
	return cs
}

// code runs the whole pipeline (reader, dates, entity, quote, event) on the case.
func code(c quoteCase) (*marsad.Article, error) {
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
	cd, err := newCoder()
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

func renderAll(a *marsad.Article) string {
	if len(a.Quotes) == 0 {
		return "  (no quotes)"
	}
	var b strings.Builder
	for _, q := range a.Quotes {
		cue := ""
		if q.Cue != nil {
			cue = q.Cue.Text
		}
		fmt.Fprintf(&b, "  %q speaker=%q cue=%q rule=%s\n", q.Text, q.SpeakerName, cue, q.Rule)
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
				t.Errorf("Code(%q):\n%s\nquotes found:\n%s", c.Input, strings.Join(ps, "\n"), renderAll(a))
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
	wrong := "متحدث لا يوجد"
	for _, c := range loadCases(t, "cases.json") {
		a, err := code(c)
		if err != nil {
			t.Fatalf("Code(%q): %v", c.Input, err)
		}
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
