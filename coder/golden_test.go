package coder_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden from the current output")

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
		id := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
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
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./coder -run TestGolden -update to create it)", err)
			}
			if d := lineDiff(string(want), got); d != "" {
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

// lineDiff returns "" when want and got are equal, and otherwise the first differing
// line (numbered from 1 in both) followed by a -want +got diff of the lines (a longest
// common subsequence, at most maxDiffLines lines shown).
func lineDiff(want, got string) string {
	if want == got {
		return ""
	}
	w := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	g := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	var b strings.Builder
	for i := 0; ; i++ {
		if i >= len(w) || i >= len(g) || w[i] != g[i] {
			wl, gl := "<end>", "<end>"
			if i < len(w) {
				wl = w[i]
			}
			if i < len(g) {
				gl = g[i]
			}
			fmt.Fprintf(&b, "first difference at line %d:\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			break
		}
	}
	// lcs[i][j] is the length of the longest common subsequence of w[i:] and g[j:].
	lcs := make([][]int, len(w)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(g)+1)
	}
	for i := len(w) - 1; i >= 0; i-- {
		for j := len(g) - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	const maxDiffLines = 60
	shown := 0
	emit := func(prefix string, n int, s string) {
		if shown < maxDiffLines {
			fmt.Fprintf(&b, "%s%4d %s\n", prefix, n, s)
		} else if shown == maxDiffLines {
			b.WriteString("…\n")
		}
		shown++
	}
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case i < len(w) && j < len(g) && w[i] == g[j]:
			i, j = i+1, j+1
		case j < len(g) && (i == len(w) || lcs[i][j+1] >= lcs[i+1][j]):
			emit("+", j+1, g[j])
			j++
		default:
			emit("-", i+1, w[i])
			i++
		}
	}
	return b.String()
}
