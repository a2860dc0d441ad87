package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Two reports written for this test, as a feed carries them (HTML content).
var feedItems = []struct{ guid, title, body string }{
	{"item-1", "قصف مدفعي على قرى حدودية", "<p>قصفت المدفعية الإيرانية مساء السبت مواقع لمسلحين أكراد في إقليم كردستان العراق، بحسب مصادر محلية.</p><p>وقال مسؤول محلي إن القصف استهدف قرى حدودية وأدى إلى أضرار مادية.</p>"},
	{"item-2", "وزير الخارجية الأردني يلتقي نظيره المصري", "<p>التقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري في القاهرة أمس.</p><script>track()</script><p>وبحث الوزيران العلاقات الثنائية.</p>"},
}

func rss() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test feed</title><link>http://example.org/</link>`)
	for _, it := range feedItems {
		fmt.Fprintf(&b, "<item><guid>%s</guid><title>%s</title><link>http://example.org/%s</link><pubDate>Sun, 15 Nov 2020 10:00:00 GMT</pubDate><content:encoded>%s</content:encoded></item>",
			it.guid, it.title, it.guid, html.EscapeString(it.body))
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// TestFeeds registers a local feed, runs the server until it has ingested the feed's
// items, and checks conditional GETs and that a restart does not take them again.
func TestFeeds(t *testing.T) {
	var gets, notModified atomic.Int32
	feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss())
	}))
	defer feedSrv.Close()
	dir := t.TempDir()
	if r := runCmd(t, "", "feeds", "add", "--data", dir, "--source", "test-feed", feedSrv.URL+"/rss.xml"); r.code != 0 {
		t.Fatalf("feeds add: %d %s", r.code, r.stderr)
	}
	if r := runCmd(t, "", "feeds", "add", "--data", dir, feedSrv.URL+"/rss.xml"); r.code == 0 {
		t.Errorf("feeds add twice: exit 0, want an error")
	}
	if r := runCmd(t, "", "feeds", "add", "--data", dir, "ftp://x/y"); r.code == 0 {
		t.Errorf("feeds add ftp: exit 0, want an error")
	}
	start := func() *Main {
		m := NewMain(&bytes.Buffer{}, &bytes.Buffer{})
		m.Addr, m.DataDir, m.Coder = "127.0.0.1:0", dir, testCoder(t)
		m.FeedInterval, m.FeedReload = 20*time.Millisecond, 20*time.Millisecond
		if err := m.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := start()
	c := client{t, m.URL()}
	waitFor(t, "the feed's items to be stored and a conditional GET", func() bool {
		var h struct{ Articles int }
		c.get("/api/v1/health", &h)
		return h.Articles == 2 && notModified.Load() > 0
	})
	var page struct {
		Items []struct{ Source, Title, URL string } `json:"items"`
	}
	c.get("/api/v1/articles", &page)
	for _, a := range page.Items {
		if a.Source != "test-feed" || a.Title == "" || !strings.HasPrefix(a.URL, "http://example.org/item-") {
			t.Errorf("feed article %+v, want source, title and the item's link", a)
		}
	}
	var evs eventPage
	c.get("/api/v1/events?country=IRQ", &evs)
	if evs.Total == 0 {
		t.Errorf("no events coded from the feed's items")
	}
	m.Close()
	if r := runCmd(t, "", "feeds", "list", "--data", dir); r.code != 0 || !strings.Contains(r.stdout, "test-feed") ||
		!strings.Contains(r.stdout, "  2  ") {
		t.Errorf("feeds list: %d %q, want the feed with 2 articles", r.code, r.stdout)
	}
	// After a restart the stored ETag is sent again.
	before := notModified.Load()
	m = start()
	defer m.Close()
	waitFor(t, "a conditional GET after the restart", func() bool { return notModified.Load() > before })
}

// waitFor polls cond until it holds or a minute passes (a timeout, not a measurement).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestFragmentText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", " نص عادي ", "نص عادي"},
		{"entities", "A &amp; B", "A & B"},
		{"paragraphs", "<p>الأول</p><p>الثاني <b>بخط</b> عريض</p>", "الأول\n\nالثاني بخط عريض"},
		{"script dropped", "<p>نص</p><script>var x = 1;</script><style>p{}</style>", "نص"},
		{"br", "سطر<br>سطر آخر", "سطر\n\nسطر آخر"},
		{"broken", "<p>غير <i>مغلق", "غير مغلق"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fragmentText(tc.in); got != tc.want {
				t.Errorf("fragmentText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
