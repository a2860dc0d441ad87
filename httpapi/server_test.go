package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/dedup"
	"github.com/marsad-project/marsad/httpapi"
	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/sqlite"
)

// fakeCoder codes «قصف» lines as one Iran→Iraq event each, and names Iran.
type fakeCoder struct{}

func (fakeCoder) Code(_ context.Context, in coder.Input) (*marsad.Article, error) {
	a := &marsad.Article{ID: in.ID, Title: in.Title, Source: in.Source, URL: in.URL, Tags: []string{}}
	if !in.Published.IsZero() {
		a.Published = in.Published.Format("2006-01-02")
	}
	a.Entities = []marsad.Entity{{ID: "e1", Type: marsad.Loc, Name: "إيران", KBID: "IRN", Country: "IRN",
		Mentions: []marsad.Mention{{Span: marsad.Span{Start: 0, End: 5}, Text: "إيران"}}}}
	for i, l := range strings.Split(string(in.Raw), "\n") {
		if strings.Contains(l, "قصف") {
			a.Events = append(a.Events, marsad.Event{ID: fmt.Sprintf("ev%d", i+1), Code: "195", Root: "19", QuadClass: 4,
				Source: marsad.Actor{Entity: "e1", Name: "إيران", Country: "IRN"}, Target: marsad.Actor{Country: "IRQ"}, Date: a.Published})
		}
	}
	return a, nil
}

func newServer(t testing.TB) (*httptest.Server, marsad.Store) {
	t.Helper()
	return newServerWith(t, nil)
}

// newServerWith is newServer with a change to the configuration (nil: none).
func newServerWith(t testing.TB, change func(*httpapi.Config)) (*httptest.Server, marsad.Store) {
	t.Helper()
	st, err := sqlite.OpenDir(context.Background(), t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	metrics := httpapi.NewMetrics(prometheus.NewRegistry())
	p := ingest.New(ingest.Config{Store: st, Coder: fakeCoder{}, Dedup: dedup.NewIndex(dedup.Options{}), Metrics: metrics.Ingest()})
	cfg := httpapi.Config{Store: st, Pipeline: p, Version: "test", KBVersion: "kb", MaxBody: 1 << 16, Metrics: metrics,
		Extract: func(page []byte, u string) (httpapi.Page, error) {
			s := string(page)
			s = s[strings.Index(s, "<body>")+len("<body>") : strings.Index(s, "</body>")]
			return httpapi.Page{Input: coder.Input{Raw: []byte(s), URL: u}, Author: "كاتب"}, nil
		},
		Roles: func(id string) []httpapi.Role { return []httpapi.Role{{Role: "state", Country: id}} },
	}
	if change != nil {
		change(&cfg)
	}
	srv := httpapi.New(cfg)
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		srv.Close()
		ts.Close()
		p.Close()
		st.Close()
	})
	return ts, st
}

func do(t *testing.T, method, url, ctype, body string) (int, map[string]any, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	json.Unmarshal(b, &m)
	return resp.StatusCode, m, string(b)
}

const text1 = "قصفت المدفعية الإيرانية مواقع في إقليم كردستان العراق\nوأفادت مصادر محلية بسقوط جرحى بين المدنيين في القرى الحدودية"

func TestAPI(t *testing.T) {
	ts, _ := newServer(t)
	u := ts.URL + "/api/v1"
	body, _ := json.Marshal(map[string]string{"text": text1, "published": "2020-11-15", "source": "الجزيرة", "title": "قصف"})
	posts := []struct {
		name, ctype, path, body string
		status                  int
		dup                     bool
	}{
		{"json text", "application/json", "/articles", string(body), 201, false},
		{"same text again", "text/plain; charset=utf-8", "/articles?published=2020-11-15", text1, 200, true},
		{"html page", "text/html", "/articles?url=http://x/1&published=2020-11-16", "<html><body>قصف جديد على مواقع في العراق أمس</body></html>", 201, false},
		{"json html", "application/json", "/articles", `{"html":"<html><body>خبر آخر تماما عن قصف</body></html>"}`, 201, false},
		{"both", "application/json", "/articles", `{"text":"a","html":"b"}`, 400, false},
		{"neither", "application/json", "/articles", `{"title":"a"}`, 400, false},
		{"bad json", "application/json", "/articles", `{`, 400, false},
		{"empty", "text/plain", "/articles", "  \n", 400, false},
		{"bad date", "text/plain", "/articles?published=yesterday", "نص", 400, false},
		{"media type", "image/png", "/articles", "x", 415, false},
		{"too large", "text/plain", "/articles", strings.Repeat("ا", 1<<16), 413, false},
	}
	for _, tc := range posts {
		t.Run(tc.name, func(t *testing.T) {
			code, m, raw := do(t, "POST", u+tc.path, tc.ctype, tc.body)
			if code != tc.status {
				t.Fatalf("status %d, want %d: %s", code, tc.status, raw)
			}
			if code >= 400 {
				if m["kind"] == "" || m["error"] == "" {
					t.Errorf("error body %s, want {error, kind}", raw)
				}
				return
			}
			if m["duplicate"] != tc.dup || m["id"] == "" || m["story"] == "" {
				t.Errorf("body %s, want duplicate=%v with id and story", raw, tc.dup)
			}
		})
	}
	gets := []struct {
		path   string
		status int
		check  func(m map[string]any) bool
	}{
		{"/health", 200, func(m map[string]any) bool { return m["articles"] == 3.0 && m["status"] == "ok" }},
		{"/version", 200, func(m map[string]any) bool { return m["kb_version"] == "kb" }},
		{"/events?country=IRN&root=19", 200, func(m map[string]any) bool { return m["total"] == 3.0 }},
		{"/events?country=IRN&root=19&from=2020-11-16", 200, func(m map[string]any) bool { return m["total"] == 1.0 }},
		{"/events?q=الكردية", 200, func(m map[string]any) bool { return m["total"] == 0.0 }},
		{"/events?q=كردستان", 200, func(m map[string]any) bool { return m["total"] == 1.0 }},
		{"/events?limit=1", 200, func(m map[string]any) bool { return m["next"] != "" && len(m["items"].([]any)) == 1 }},
		{"/events?root=1x", 400, nil},
		{"/events?quad=9", 400, nil},
		{"/events?limit=5000", 400, nil},
		{"/events?bbox=1,2,3", 400, nil},
		{"/events?sort=nope", 400, nil},
		{"/events/nope", 404, nil},
		{"/articles?q=المدفعية", 200, func(m map[string]any) bool { return m["total"] == 1.0 }},
		{"/articles?outlet=الجزيرة", 200, func(m map[string]any) bool { return m["total"] == 1.0 }},
		{"/articles/nope", 404, nil},
		{"/entities", 200, func(m map[string]any) bool { return m["total"] == 1.0 }},
		{"/entities/kb:IRN", 200, func(m map[string]any) bool {
			return len(m["events_as_source"].([]any)) == 3 && len(m["roles"].([]any)) == 1
		}},
		{"/entities/kb:XXX", 404, nil},
		{"/quotes", 200, func(m map[string]any) bool { return m["total"] == 0.0 }},
		{"/stories", 200, func(m map[string]any) bool { return m["total"] == 3.0 }},
		{"/stories/nope", 404, nil},
		{"/stats?by=day", 200, func(m map[string]any) bool { return len(m["buckets"].([]any)) >= 2 }},
		{"/stats?by=weekday", 400, nil},
		{"/network", 200, func(m map[string]any) bool { return len(m["edges"].([]any)) == 1 }},
		{"/export/xml", 404, nil},
		{"/export/jsonl?root=xx", 400, nil},
		{"/nothing", 404, nil},
		{"/openapi.json", 200, func(m map[string]any) bool { return m["openapi"] == "3.1.0" }},
	}
	for _, tc := range gets {
		t.Run("GET "+tc.path, func(t *testing.T) {
			code, m, raw := do(t, "GET", u+tc.path, "", "")
			if code != tc.status {
				t.Fatalf("status %d, want %d: %.300s", code, tc.status, raw)
			}
			if code >= 400 && (m["kind"] == nil || m["error"] == nil) {
				t.Errorf("error body %s, want {error, kind}", raw)
			}
			if tc.check != nil && !tc.check(m) {
				t.Errorf("body %.500s", raw)
			}
		})
	}
	// An article and an event by id.
	_, m, _ := do(t, "GET", u+"/events?limit=1", "", "")
	ev := m["items"].([]any)[0].(map[string]any)
	if code, m, raw := do(t, "GET", u+"/events/"+ev["id"].(string), "", ""); code != 200 || m["id"] != ev["id"] {
		t.Errorf("event by id: %d %s", code, raw)
	}
	if code, m, raw := do(t, "GET", u+"/articles/"+ev["article"].(string), "", ""); code != 200 || m["text"] == "" || m["article"] == nil {
		t.Errorf("article by id: %d %s", code, raw)
	}
	// Exports stream every event.
	for _, f := range []string{"gdelt", "jsonl", "csv", "plover", "acled"} {
		code, _, raw := do(t, "GET", u+"/export/"+f+"?country=IRN", "", "")
		if code != 200 {
			t.Errorf("export %s: %d %s", f, code, raw)
		}
		if f == "gdelt" {
			lines := strings.Split(strings.TrimSpace(raw), "\n")
			if len(lines) != 3 {
				t.Errorf("gdelt export: %d rows, want 3", len(lines))
			}
			for _, l := range lines {
				if n := len(strings.Split(l, "\t")); n != 61 {
					t.Errorf("gdelt row has %d columns, want 61", n)
				}
			}
		}
	}
	// Metrics.
	code, _, raw := do(t, "GET", ts.URL+"/metrics", "", "")
	if !strings.Contains(raw, `marsad_articles_ingested_total{result="stored"} 3`) {
		t.Errorf("/metrics: want 3 stored articles counted")
	}
	for _, name := range []string{"marsad_articles_ingested_total", "marsad_events_coded_total", "marsad_ingest_queue_depth", "marsad_http_request_duration_seconds"} {
		if code != 200 || !strings.Contains(raw, name) {
			t.Errorf("/metrics lacks %s", name)
		}
	}
}

func TestStream(t *testing.T) {
	ts, _ := newServer(t)
	resp, err := http.Get(ts.URL + "/api/v1/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	buf := make([]byte, 4096)
	n, _ := resp.Body.Read(buf) // the opening comment
	if !strings.HasPrefix(string(buf[:n]), ":") {
		t.Fatalf("stream opened with %q", buf[:n])
	}
	go func() {
		resp, err := http.Post(ts.URL+"/api/v1/articles", "text/plain", strings.NewReader(text1))
		if err == nil {
			resp.Body.Close()
		}
	}()
	var got strings.Builder
	for !strings.Contains(got.String(), "\n\n") {
		n, err := resp.Body.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		got.Write(buf[:n])
	}
	if s := got.String(); !strings.HasPrefix(s, "event: article\ndata: {") || !strings.Contains(s, `"events":1`) {
		t.Errorf("stream sent %q", s)
	}
}

// TestOpenAPI checks that the OpenAPI document lists every route of docs/api.md.
func TestOpenAPI(t *testing.T) {
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(httpapi.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, route := range []string{"GET /api/v1/health", "GET /api/v1/version", "POST /api/v1/articles", "GET /api/v1/articles",
		"GET /api/v1/articles/{id}", "GET /api/v1/events", "GET /api/v1/events/{id}", "GET /api/v1/entities",
		"GET /api/v1/entities/{key}", "GET /api/v1/quotes", "GET /api/v1/stories", "GET /api/v1/stories/{id}",
		"GET /api/v1/stats", "GET /api/v1/network", "GET /api/v1/export/{format}", "GET /api/v1/stream",
		"GET /api/v1/openapi.json", "GET /metrics"} {
		method, path, _ := strings.Cut(route, " ")
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("OpenAPI document lacks %s", route)
		}
	}
}

func TestStatusOf(t *testing.T) {
	for k, want := range map[marsad.Kind]int{marsad.Invalid: 400, marsad.TooLarge: 413, marsad.NotFound: 404,
		marsad.Conflict: 409, marsad.Unavailable: 503, marsad.Internal: 500, marsad.Other: 500} {
		if got, _ := httpapi.StatusOf(marsad.E("x", k, nil)); got != want {
			t.Errorf("StatusOf(%v) = %d, want %d", k, got, want)
		}
	}
	if got, _ := httpapi.StatusOf(fmt.Errorf("wrapped: %w", marsad.E("x", marsad.NotFound, nil))); got != 404 {
		t.Errorf("StatusOf(wrapped NotFound) = %d", got)
	}
}
