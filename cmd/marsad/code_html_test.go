package main

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/reader"
)

// seedPath is the seed article, read at test time (never copied into the repository).
const seedPath = "../../../shared/corpus/seed/alaraby-2020-11-15-iran-iraq-defence.txt"

// pageOf lays a scraped text out as a news page: the reader's regions of the text
// become the page's headline, <time>, <figure>, share widget and paragraphs, inside
// the chrome of a news site (menu, scripts, related links, footer).
func pageOf(t *testing.T, text []byte) []byte {
	t.Helper()
	doc, err := reader.New(reader.Options{}).Read(reader.Input{Raw: text})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	title := doc.Meta.Title
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\n<title>%s | موقع</title>\n", html.EscapeString(title))
	b.WriteString("<script>window.dataLayer=[];function x(){return '<p>لا</p>'}</script><style>.a{}</style></head>\n<body>\n")
	b.WriteString(`<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/p">سياسة</a></li><li><a href="/e">اقتصاد</a></li></ul></nav>` + "\n<main><article>\n")
	for _, r := range doc.Regions {
		s := html.EscapeString(doc.Slice(r.Start, r.End))
		switch r.Kind {
		case marsad.RegionTitle:
			fmt.Fprintf(&b, "<h1>%s</h1>\n", s)
		case marsad.RegionDateline:
			pub := doc.Meta.Published.Format("2006-01-02")
			fmt.Fprintf(&b, "<div class=\"date\"><time datetime=\"%s\">%s</time></div>\n", pub, s)
		case marsad.RegionCaption:
			fmt.Fprintf(&b, "<figure><img src=\"/i.jpg\" alt=\"\"><figcaption>%s</figcaption></figure>\n", s)
		case marsad.RegionFurniture:
			fmt.Fprintf(&b, "<div class=\"tools\"><span>%s</span> <a href=\"#\">طباعة</a></div>\n", s)
		case marsad.RegionBody:
			fmt.Fprintf(&b, "<p>%s</p>\n", s)
		}
	}
	b.WriteString("</article>\n<aside class=\"related\"><h3>اقرأ أيضاً</h3><ul><li><a href=\"/1\">الجيش يعلن مقتل مسلحين</a></li><li><a href=\"/2\">وزير يزور عاصمة</a></li></ul></aside></main>\n")
	b.WriteString("<footer><p>جميع الحقوق محفوظة</p></footer><script>track()</script></body></html>\n")
	return []byte(b.String())
}

// codedEvent is the part of an event that must agree between the codings of the text
// and of the page (offsets differ, so they are left out).
type codedEvent struct {
	Code   string `json:"code"`
	Date   string `json:"date"`
	Mode   string `json:"mode"`
	Source struct {
		Name    string `json:"name"`
		Country string `json:"country"`
	} `json:"source"`
	Target struct {
		Name    string `json:"name"`
		Country string `json:"country"`
	} `json:"target"`
	Evidence struct {
		Trigger struct {
			Text string `json:"text"`
		} `json:"trigger"`
	} `json:"evidence"`
}

func events(t *testing.T, out string) (title, published string, keys []string) {
	t.Helper()
	var rec struct {
		Title     string       `json:"title"`
		Published string       `json:"published"`
		Events    []codedEvent `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("not a record: %v", err)
	}
	for _, e := range rec.Events {
		keys = append(keys, fmt.Sprintf("%s %s %s %s:%s → %s:%s «%s»", e.Code, e.Date, e.Mode,
			e.Source.Country, e.Source.Name, e.Target.Country, e.Target.Name, e.Evidence.Trigger.Text))
	}
	slices.Sort(keys)
	return rec.Title, rec.Published, keys
}

func TestCodeHTMLPageOfSeed(t *testing.T) {
	text, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article not found (%v): this test needs ../shared", err)
	}
	dir := t.TempDir()
	txt := writeFile(t, dir, "seed.txt", text)
	page := writeFile(t, dir, "seed.html", pageOf(t, text))
	noExt := writeFile(t, dir, "seed-saved", pageOf(t, text)) // sniffed, not by name

	want := runCmd(t, "", "code", txt)
	if want.code != 0 {
		t.Fatalf("marsad code %s: exit %d: %s", txt, want.code, want.stderr)
	}
	wantTitle, wantPub, wantEvents := events(t, want.stdout)
	if len(wantEvents) == 0 {
		t.Fatal("the seed text gives no events: nothing to compare")
	}
	t.Logf("%d events from the text, title %q, published %s", len(wantEvents), wantTitle, wantPub)
	for _, p := range []string{page, noExt} {
		got := runCmd(t, "", "code", p)
		if got.code != 0 {
			t.Fatalf("marsad code %s: exit %d: %s", p, got.code, got.stderr)
		}
		title, pub, gotEvents := events(t, got.stdout)
		if title != wantTitle || pub != wantPub {
			t.Errorf("%s: title %q published %q; want %q %q", filepath.Base(p), title, pub, wantTitle, wantPub)
		}
		if !slices.Equal(gotEvents, wantEvents) {
			t.Errorf("%s: events differ from the text's:\n got %d:\n  %s\nwant %d:\n  %s", filepath.Base(p),
				len(gotEvents), strings.Join(gotEvents, "\n  "), len(wantEvents), strings.Join(wantEvents, "\n  "))
		}
	}
}
