package coder_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/internal/golden"
)

// sharedDir is the project's shared material (corpora, gold annotations), a sibling of
// the module root. Tests that need it skip when it is absent.
const sharedDir = "../../shared"

// goldArticle is an article of the shared corpora that the golden test codes.
type goldArticle struct {
	ID   string // golden file name, without .golden
	Path string // the article's text file
}

// goldArticles lists the seed articles and every article a gold annotation names, once
// each, sorted by id.
func goldArticles(t *testing.T) []goldArticle {
	t.Helper()
	if _, err := os.Stat(sharedDir); err != nil {
		t.Skip("../shared not found: ", err)
	}
	byID := map[string]string{}
	seeds, err := filepath.Glob(filepath.Join(sharedDir, "corpus", "seed", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range seeds {
		byID[strings.TrimSuffix(filepath.Base(p), ".txt")] = p
	}
	golds, err := filepath.Glob(filepath.Join(sharedDir, "eval", "gold", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range golds {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var head struct {
			ID   string `json:"id"`
			File string `json:"file"`
		}
		if err := json.Unmarshal(b, &head); err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		if head.File == "" {
			t.Fatalf("%s: no \"file\" field", g)
		}
		p := filepath.Join(sharedDir, filepath.FromSlash(head.File))
		// The golden file is named without the corpus prefix («ant_»): it holds our
		// output only, and the repository keeps no file named like the corpus's.
		id := strings.TrimPrefix(strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)), "ant_")
		byID[id] = p
	}
	if len(byID) == 0 {
		t.Skip("../shared not found: no seed articles and no gold annotations")
	}
	out := make([]goldArticle, 0, len(byID))
	for id, p := range byID {
		out = append(out, goldArticle{ID: id, Path: p})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// TestGolden codes the seed and the gold-annotated articles as `marsad code FILE` does
// (no --published: the date comes from the header or the dateline) and compares what
// was extracted with testdata/golden/<id>.golden. Run with -update to accept changes.
func TestGolden(t *testing.T) {
	arts := goldArticles(t)
	cd := mustCoder(t)
	for _, a := range arts {
		t.Run(a.ID, func(t *testing.T) {
			raw, err := os.ReadFile(a.Path)
			if err != nil {
				t.Fatal(err)
			}
			rec, err := cd.Code(context.Background(), coder.Input{ID: a.ID, Raw: raw})
			if err != nil {
				t.Fatalf("Code(%s): %v", a.Path, err)
			}
			got := render(rec)
			path := filepath.Join("testdata", "golden", a.ID+".golden")
			if d := golden.Compare(t, path, got, "go test ./coder -run TestGolden -update"); d != "" {
				t.Errorf("coding %s differs from %s (-want +got; go test ./coder -run TestGolden -update accepts it):\n%s", a.Path, path, d)
			}
		})
	}
}

// render is the golden rendering of a record: only what the coder extracted (names,
// spans, codes, rules), never the article's sentences, one annotation per line.
//
//	ARTICLE <id> published=<date>(<from>) lang=<lang> length=<n>
//	ENT e1 PERSON IRQGOV 120:135 جمعة عناد سعدون
//	  at 120:135 410:415
//	QUOTE 300:410 speaker=e4 rule=quote.speech_verb_subject سامح شكري
//	EVENT 042 IRQGOV->IRN date=2020-11-14 mode=asserted loc=IRN fatal=- pattern=consult.visit.n trigger=120:126
func render(a *marsad.Article) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ARTICLE %s published=%s(%s) lang=%s length=%d\n", a.ID, dash(a.Published), dash(a.PubDateSrc), a.Language, a.Length)
	for _, e := range a.Entities {
		first := "-"
		if len(e.Mentions) > 0 {
			first = span(e.Mentions[0].Span)
		}
		fmt.Fprintf(&b, "ENT %s %s %s %s %s\n", e.ID, e.Type, dash(e.Code), first, e.Name)
		spans := make([]string, len(e.Mentions))
		for i, m := range e.Mentions {
			spans[i] = span(m.Span)
		}
		fmt.Fprintf(&b, "  at %s\n", strings.Join(spans, " "))
	}
	for _, q := range a.Quotes {
		fmt.Fprintf(&b, "QUOTE %s speaker=%s rule=%s %s\n", span(q.Span), dash(q.Speaker), q.Rule, dash(q.SpeakerName))
	}
	for _, e := range a.Events {
		loc := "-"
		if e.Location != nil && e.Location.Country != "" {
			loc = e.Location.Country
		}
		fatal := "-"
		if e.Fatalities != nil {
			fatal = fmt.Sprint(*e.Fatalities)
		}
		fmt.Fprintf(&b, "EVENT %s %s->%s date=%s mode=%s loc=%s fatal=%s pattern=%s trigger=%s\n",
			e.Code, actor(e.Source), actor(e.Target), dash(e.Date), e.Mode, loc, fatal, e.Evidence.Pattern, span(e.Evidence.Trigger.Span))
	}
	return b.String()
}

func actor(a marsad.Actor) string {
	switch {
	case a.Code != "":
		return a.Code
	case a.Country != "":
		return a.Country
	}
	return "?"
}

func span(s marsad.Span) string { return fmt.Sprintf("%d:%d", s.Start, s.End) }

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
