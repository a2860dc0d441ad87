package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/marsad-project/marsad"
)

// hostile are filter values that try SQL injection, LIKE and full-text wildcards,
// odd Unicode, bytes that are not UTF-8, and great lengths.
var hostile = []string{
	`' OR 1=1 --`,
	`'; DROP TABLE articles; --`,
	`"; DROP TABLE articles; --`,
	`1) UNION SELECT name, sql FROM sqlite_master --`,
	`x' AND (SELECT count(*) FROM events) > 0 AND 'a'='a`,
	`%`, `_`, `*`, `\`, `%'--`, `' || '`,
	`"unterminated`, `NEAR(a b)`, `a OR b`, `-x`, `^x`, `{x}`, `:x`, `$1`, `?`,
	"a\x00b", "\xff\xfe", "\u202e\ufeff😀\u200d", "ـــ", "\r\nX-Injected: 1",
	"-1", "0", "99999999999999999999999", "NaN", "1e308", "2024-02-30", "9999-99-99T99:99:99Z",
	strings.Repeat("x' OR '1'='1", 100),
	strings.Repeat("ا", 5000),
}

// matchFilters select by equality or search: a hostile value must match nothing.
var matchFilters = map[string][]string{
	"/api/v1/events": {"country", "source_country", "target_country", "actor", "entity", "code", "plover", "mode",
		"outlet", "q", "story", "article", "root"},
	"/api/v1/articles":   {"outlet", "q", "entity", "story"},
	"/api/v1/entities":   {"q", "type", "country"},
	"/api/v1/quotes":     {"speaker", "q", "article"},
	"/api/v1/stats":      {"country", "actor", "entity", "code", "outlet", "q", "story", "article", "root"},
	"/api/v1/network":    {"country", "actor", "entity", "code", "outlet", "q", "story", "article", "root"},
	"/api/v1/export/csv": {"country", "actor", "entity", "code", "outlet", "q", "story", "article", "root"},
}

// otherFilters are numbers, dates, sorts and cursors: any answer but a 5xx.
var otherFilters = map[string][]string{
	"/api/v1/events":     {"from", "to", "quad", "min_confidence", "bbox", "limit", "cursor", "sort"},
	"/api/v1/articles":   {"from", "to", "limit", "cursor", "sort"},
	"/api/v1/entities":   {"limit", "cursor", "sort"},
	"/api/v1/quotes":     {"from", "to", "limit", "cursor", "sort"},
	"/api/v1/stories":    {"from", "to", "limit", "cursor", "sort"},
	"/api/v1/stats":      {"by", "from", "to", "quad", "min_confidence", "bbox"},
	"/api/v1/network":    {"from", "to", "quad", "min_confidence", "bbox"},
	"/api/v1/export/csv": {"from", "to", "quad", "min_confidence", "bbox", "sort"},
}

// TestInjection sends every hostile value through every filter of the list endpoints:
// each answer is a 4xx or a 200 (empty for the matching filters), and afterwards the
// store holds what it held.
func TestInjection(t *testing.T) {
	ts, st := newServer(t)
	seed(t, ts.URL)
	ctx := context.Background()
	before, err := st.Counts(ctx)
	if err != nil || before.Articles != 3 || before.Events == 0 {
		t.Fatalf("seeded store: %+v, %v", before, err)
	}
	get := func(path, name, v string) (int, []byte) {
		u := ts.URL + path + "?" + url.Values{name: {v}}.Encode()
		resp, err := http.Get(u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	n := 0
	for path, names := range matchFilters {
		for _, name := range names {
			for _, v := range hostile {
				n++
				code, body := get(path, name, v)
				switch {
				case code >= 400 && code < 500:
				case code != 200:
					t.Errorf("GET %s %s=%q: %d %s", path, name, v, code, body)
				case strings.HasSuffix(path, "/csv"):
					if lines := strings.Count(strings.TrimSpace(string(body)), "\n"); lines > 0 {
						t.Errorf("GET %s %s=%q: %d rows", path, name, v, lines)
					}
				default:
					if k := found(t, body); k > 0 {
						t.Errorf("GET %s %s=%q: %d results, want none: %.300s", path, name, v, k, body)
					}
				}
			}
		}
	}
	for path, names := range otherFilters {
		for _, name := range names {
			for _, v := range hostile {
				n++
				if code, body := get(path, name, v); code >= 500 {
					t.Errorf("GET %s %s=%q: %d %s", path, name, v, code, body)
				}
			}
		}
	}
	t.Logf("%d requests", n)
	after, err := st.Counts(ctx)
	if err != nil || after != before {
		t.Fatalf("store after: %+v, %v; before %+v", after, err, before)
	}
	page, err := st.Events(ctx, marsad.EventFilter{Country: "IRN"})
	if err != nil || page.Total != before.Events {
		t.Fatalf("events after: %v, %v", page.Total, err)
	}
	if code, body := get("/api/v1/articles", "limit", "10"); code != 200 || found(t, body) != 3 {
		t.Fatalf("articles after: %d %s", code, body)
	}
}

// found counts the results of a JSON answer: items of a page, buckets of stats,
// nodes and edges of a network.
func found(t *testing.T, body []byte) int {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("not JSON: %.200s", body)
	}
	n := 0
	for _, k := range []string{"items", "buckets", "nodes", "edges"} {
		var xs []json.RawMessage
		if raw, ok := m[k]; ok && json.Unmarshal(raw, &xs) == nil {
			n += len(xs)
		}
	}
	return n
}

// seed posts three articles with events.
func seed(t *testing.T, base string) {
	t.Helper()
	for i, text := range []string{
		"قصف الجيش الإيراني مواقع في إقليم كردستان العراق\nوقال مسؤول إن القصف استمر ساعات",
		"قصفت المدفعية قرى حدودية\nقصف آخر في المساء",
		"بحث الوزيران العلاقات الثنائية في القاهرة",
	} {
		req, _ := http.NewRequest("POST", base+"/api/v1/articles?published=2020-11-1"+string(rune('5'+i)), strings.NewReader(text))
		req.Header.Set("Content-Type", "text/plain")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 201 {
			t.Fatalf("seed %d: %d", i, resp.StatusCode)
		}
	}
}
