package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/coder"
)

// sharedDir is ../shared beside the repository (read-only corpora); MARSAD_SHARED
// overrides it.
func sharedDir() string {
	if d := os.Getenv("MARSAD_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

var (
	coderOnce sync.Once
	theCoder  *coder.Coder
	coderErr  error
)

// testCoder builds the coder once for all server tests.
func testCoder(tb testing.TB) *coder.Coder {
	tb.Helper()
	coderOnce.Do(func() { theCoder, coderErr = coder.New(coder.Config{}) })
	if coderErr != nil {
		tb.Fatal(coderErr)
	}
	return theCoder
}

// startMain starts the real server on a free port with the data folder dir.
func startMain(tb testing.TB, dir string) *Main {
	tb.Helper()
	m := NewMain(io.Discard, io.Discard)
	m.Addr, m.DataDir, m.Coder = "127.0.0.1:0", dir, testCoder(tb)
	m.LogLevel = slog.LevelWarn
	if err := m.Run(context.Background()); err != nil {
		m.Close()
		tb.Fatal(err)
	}
	return m
}

type client struct {
	tb   testing.TB
	base string
}

func (c client) do(method, path, ctype string, body []byte) (int, []byte) {
	c.tb.Helper()
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		c.tb.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.tb.Fatal(err)
	}
	return resp.StatusCode, b
}

func (c client) get(path string, v any) {
	c.tb.Helper()
	code, b := c.do("GET", path, "", nil)
	if code != http.StatusOK {
		c.tb.Fatalf("GET %s: %d %s", path, code, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			c.tb.Fatalf("GET %s: %v", path, err)
		}
	}
}

type posted struct {
	ID        string `json:"id"`
	Duplicate bool   `json:"duplicate"`
	Story     string `json:"story"`
	Events    int    `json:"events"`
}

func (c client) post(path, ctype string, body []byte, wantStatus int) posted {
	c.tb.Helper()
	code, b := c.do("POST", path, ctype, body)
	if code != wantStatus {
		c.tb.Fatalf("POST %s: %d %s, want %d", path, code, b, wantStatus)
	}
	var p posted
	json.Unmarshal(b, &p)
	return p
}

type eventPage struct {
	Items []struct {
		ID      string `json:"id"`
		Root    string `json:"root"`
		Article string `json:"article"`
		Story   string `json:"story"`
		Source  struct{ Country string }
		Target  struct{ Country string }
	} `json:"items"`
	Total int    `json:"total"`
	Next  string `json:"next"`
}

// articleIDs returns the ids of all articles matching the query string q.
func (c client) articleIDs(q string) []string {
	c.tb.Helper()
	var ids []string
	cursor := ""
	for {
		var page struct {
			Items []struct{ ID string } `json:"items"`
			Next  string                `json:"next"`
		}
		c.get("/api/v1/articles?limit=1000&"+q+"&cursor="+cursor, &page)
		for _, a := range page.Items {
			ids = append(ids, a.ID)
		}
		if page.Next == "" {
			sort.Strings(ids)
			return ids
		}
		cursor = page.Next
	}
}

// htmlPage renders a corpus-format text as a news page with navigation and footer
// around the article: the header lines go to <head>, the first line to <h1>, the
// rest to paragraphs.
func htmlPage(text string) string {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	title := strings.TrimSpace(lines[0])
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>%s | الموقع</title>", html.EscapeString(title))
	b.WriteString(`<meta property="og:site_name" content="العربي الجديد"><meta property="article:published_time" content="2020-11-15T10:00:00Z">`)
	b.WriteString("</head><body><nav><ul><li><a href=\"/\">الرئيسية</a></li><li><a href=\"/politics\">سياسة</a></li><li><a href=\"/sport\">رياضة</a></li></ul></nav>\n")
	fmt.Fprintf(&b, "<main><article><h1>%s</h1>\n", html.EscapeString(title))
	for _, l := range lines[1:] {
		if l = strings.TrimSpace(l); l != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l))
		}
	}
	b.WriteString("</article></main><footer><p>جميع الحقوق محفوظة</p><a href=\"/privacy\">سياسة الخصوصية</a></footer></body></html>\n")
	return b.String()
}

// TestServeEndToEnd runs the real server: the seed article as text and as an HTML page,
// the dev corpus through `marsad ingest --server`, queries, search, exports and a
// restart.
func TestServeEndToEnd(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join(sharedDir(), "corpus", "seed", "*.txt"))
	if len(seeds) == 0 {
		t.Skipf("%s/corpus/seed not found: the end-to-end test needs the shared corpora", sharedDir())
	}
	seed, err := os.ReadFile(seeds[0])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m := startMain(t, dir)
	defer func() { m.Close() }()
	c := client{t, m.URL()}

	// The seed, as text: stored once, its events coded.
	first := c.post("/api/v1/articles?source=alaraby&published=2020-11-15", "text/plain; charset=utf-8", seed, http.StatusCreated)
	if first.Events == 0 || first.ID == "" {
		t.Fatalf("seed: %+v, want events", first)
	}
	again := c.post("/api/v1/articles", "text/plain", seed, http.StatusOK)
	if !again.Duplicate || again.ID != first.ID {
		t.Errorf("seed again: %+v, want a duplicate of %s", again, first.ID)
	}
	// The seed as an HTML page: extracted, stored once, in the seed's story.
	page := []byte(htmlPage(string(seed)))
	code, b := c.do("POST", "/api/v1/articles?url=https://example.org/seed.html", "text/html; charset=utf-8", page)
	htmlStored := 0
	switch code {
	case http.StatusCreated:
		var p posted
		json.Unmarshal(b, &p)
		if p.Story != first.Story {
			t.Errorf("HTML page of the seed: story %q, want the seed's %q", p.Story, first.Story)
		}
		if p.Events == 0 {
			t.Errorf("HTML page of the seed: no events")
		}
		htmlStored = 1
		if p2 := c.post("/api/v1/articles", "application/json", mustJSON(t, map[string]string{"html": string(page)}), http.StatusOK); !p2.Duplicate {
			t.Errorf("HTML page again: %+v, want a duplicate", p2)
		}
	case http.StatusUnsupportedMediaType:
		t.Logf("HTML extraction is not in this build: %s", b)
	default:
		t.Fatalf("POST HTML: %d %s", code, b)
	}

	// The seed's events by country and root.
	var evs eventPage
	c.get("/api/v1/events?country=IRN&root=19", &evs)
	seedEvents := 0
	for _, e := range evs.Items {
		if e.Root != "19" || (e.Source.Country != "IRN" && e.Target.Country != "IRN") {
			t.Errorf("event %s: root %s, %s→%s; want root 19 with IRN", e.ID, e.Root, e.Source.Country, e.Target.Country)
		}
		if e.Article == first.ID {
			seedEvents++
		}
	}
	if seedEvents == 0 {
		t.Errorf("GET /api/v1/events?country=IRN&root=19: none of the seed's events (%d rows)", evs.Total)
	}

	// The dev corpus through the ingest command's code path.
	devDir := filepath.Join(sharedDir(), "corpus", "dev")
	dev, _ := filepath.Glob(filepath.Join(devDir, "*.txt"))
	if len(dev) == 0 {
		t.Skipf("%s not found", devDir)
	}
	if raceEnabled || testing.Short() {
		dev = dev[:min(len(dev), 60)]
		devDir = t.TempDir()
		for _, p := range dev {
			b, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(devDir, filepath.Base(p)), b, 0o644)
		}
	}
	off := false
	ing := &IngestCommand{Stdout: io.Discard, Stderr: io.Discard, Progress: &off}
	st, err := ing.run(context.Background(), []string{"--server", m.URL(), "--workers", "4", devDir})
	if err != nil {
		t.Fatalf("ingest dev: %v (%+v)", err, st)
	}
	hashes := map[string]bool{}
	for _, p := range dev {
		b, _ := os.ReadFile(p)
		hashes[contentHash(b)] = true
	}
	if st.Stored+st.Duplicates != len(dev) || st.Stored != len(hashes) {
		t.Errorf("ingest dev: %+v; want %d inputs, %d distinct stored", st, len(dev), len(hashes))
	}
	// Everything again: all duplicates, nothing new.
	st2, err := ing.run(context.Background(), []string{"--server", m.URL(), "--workers", "4", devDir})
	if err != nil || st2.Duplicates != len(dev) || st2.Stored != 0 {
		t.Errorf("ingest dev again: %+v, %v; want all %d duplicates", st2, err, len(dev))
	}
	var health struct{ Articles, Events int }
	c.get("/api/v1/health", &health)
	if want := 1 + htmlStored + len(hashes); health.Articles != want {
		t.Errorf("health: %d articles, want %d (each stored once)", health.Articles, want)
	}

	// Arabic search variants: a query finds the articles with any spelling and form.
	variants := []struct {
		q     string
		forms []string // the texts holding any of these (folded) are found
	}{
		{"الأمريكية", []string{"الأمريكية", "الأميركية", "الامريكية", "الاميركية"}},
		{"احتجاجات", []string{"احتجاجات", "الاحتجاجات", "والاحتجاجات"}},
	}
	for _, v := range variants {
		got := c.articleIDs("q=" + v.q)
		var want []string
		for _, p := range dev {
			b, _ := os.ReadFile(p)
			if containsWord(string(b), v.forms) {
				want = append(want, strings.TrimSuffix(filepath.Base(p), ".txt"))
			}
		}
		for _, id := range want {
			if _, ok := slices.BinarySearch(got, id); !ok {
				t.Errorf("q=%s: %s (holds one of %v) not found", v.q, id, v.forms)
			}
		}
		t.Logf("q=%s: %d articles, %d hold the listed forms", v.q, len(got), len(want))
	}

	// GDELT export: 61 tab-separated columns per row, one row per event.
	var all eventPage
	c.get("/api/v1/events?country=IRN&limit=1", &all)
	code, b = c.do("GET", "/api/v1/export/gdelt?country=IRN", "", nil)
	if code != http.StatusOK {
		t.Fatalf("export gdelt: %d %s", code, b)
	}
	rows := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(rows) != all.Total {
		t.Errorf("gdelt export: %d rows, want %d events", len(rows), all.Total)
	}
	for i, r := range rows {
		if n := strings.Count(r, "\t") + 1; n != 61 {
			t.Fatalf("gdelt row %d has %d columns, want 61", i+1, n)
		}
	}

	// A restart keeps everything.
	var before eventPage
	c.get("/api/v1/events?country=IRN&root=19&limit=1000", &before)
	searchBefore := c.articleIDs("q=الأمريكية")
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	m = startMain(t, dir)
	c = client{t, m.URL()}
	var health2 struct{ Articles, Events int }
	c.get("/api/v1/health", &health2)
	if health2 != health {
		t.Errorf("after restart: %+v, want %+v", health2, health)
	}
	var after eventPage
	c.get("/api/v1/events?country=IRN&root=19&limit=1000", &after)
	if after.Total != before.Total || len(after.Items) != len(before.Items) {
		t.Errorf("after restart: %d events, want %d", after.Total, before.Total)
	}
	if got := c.articleIDs("q=الأمريكية"); !slices.Equal(got, searchBefore) {
		t.Errorf("after restart: search finds %d articles, want %d", len(got), len(searchBefore))
	}
	if p := c.post("/api/v1/articles", "text/plain", seed, http.StatusOK); !p.Duplicate || p.Story != first.Story {
		t.Errorf("seed after restart: %+v, want a duplicate in story %s", p, first.Story)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// containsWord reports whether text has one of the forms as a whole word (folded).
func containsWord(text string, forms []string) bool {
	want := map[string]bool{}
	for _, f := range forms {
		want[arabic.Fold(f)] = true
	}
	for _, tok := range arabic.Tokenize(text) {
		if want[tok.Norm] {
			return true
		}
	}
	return false
}

// BenchmarkServeIngestDev POSTs the dev corpus with 8 concurrent clients to a fresh
// server per iteration, checks that every article is stored, and reports the ingest
// rate and the latency percentiles of GET /api/v1/events over mixed filters.
func BenchmarkServeIngestDev(b *testing.B) {
	dev, _ := filepath.Glob(filepath.Join(sharedDir(), "corpus", "dev", "*.txt"))
	if len(dev) == 0 {
		b.Skipf("%s/corpus/dev not found", sharedDir())
	}
	texts := make([][]byte, len(dev))
	distinct := map[string]bool{}
	for i, p := range dev {
		var err error
		if texts[i], err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
		distinct[contentHash(texts[i])] = true
	}
	testCoder(b)
	queries := []string{"country=IRN&root=19", "country=SYR", "root=14", "q=الأمريكية", "from=2018-01-01&to=2018-12-31&sort=-goldstein",
		"actor=kb:IRN", "quad=4&limit=200", "country=ISR&root=18,19,20", "plover=ASSAULT", ""}
	var ingestSecs float64
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		m := startMain(b, b.TempDir())
		c := client{b, m.URL()}
		b.StartTimer()
		start := time.Now()
		var wg sync.WaitGroup
		next := make(chan int)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					body, _ := json.Marshal(map[string]string{"id": strings.TrimSuffix(filepath.Base(dev[i]), ".txt"), "text": string(texts[i])})
					req, _ := http.NewRequest("POST", m.URL()+"/api/v1/articles", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						b.Error(err)
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 201 && resp.StatusCode != 200 {
						b.Errorf("POST %s: %d", dev[i], resp.StatusCode)
					}
				}
			}()
		}
		for i := range dev {
			next <- i
		}
		close(next)
		wg.Wait()
		ingestSecs += time.Since(start).Seconds()
		b.StopTimer()
		var health struct{ Articles int }
		c.get("/api/v1/health", &health)
		if health.Articles != len(distinct) {
			b.Fatalf("%d articles stored, want %d", health.Articles, len(distinct))
		}
		for i := range 500 {
			t0 := time.Now()
			c.get("/api/v1/events?"+queries[i%len(queries)], nil)
			lat = append(lat, time.Since(t0))
		}
		m.Close()
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(float64(b.N*len(dev))/ingestSecs, "articles/s")
	b.ReportMetric(pct(0.50), "events-p50-ms")
	b.ReportMetric(pct(0.99), "events-p99-ms")
}

// contentHash is the store's content identity of a text file.
func contentHash(b []byte) string { return marsadContentHash(string(b)) }
