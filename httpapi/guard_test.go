package httpapi_test

import (
	"bufio"
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/httpapi"
)

const token = "test-token-0123456789abcdef"

func send(t *testing.T, method, u, auth string, hdr ...string) *http.Response {
	t.Helper()
	var body *strings.Reader
	if method == "POST" {
		body = strings.NewReader("قصف الجيش مواقع " + strconv.Itoa(len(u)))
	} else {
		body = strings.NewReader("")
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestTokens(t *testing.T) {
	for _, private := range []bool{false, true} {
		ts, _ := newServerWith(t, func(c *httpapi.Config) {
			c.Guard.Tokens = []httpapi.TokenHash{httpapi.HashToken("another-token-0123456789"), httpapi.HashToken(token)}
			c.Guard.Private = private
		})
		for _, tc := range []struct {
			method, path, auth string
			want               int
		}{
			{"POST", "/api/v1/articles", "", 401},
			{"POST", "/api/v1/articles", "Bearer wrong-token-0123456789", 401},
			{"POST", "/api/v1/articles", "Bearer " + token[:len(token)-1], 401},
			{"POST", "/api/v1/articles", "Basic " + token, 401},
			{"POST", "/api/v1/articles", token, 401},
			{"POST", "/api/v1/articles", "Bearer " + token, 201},
			{"POST", "/api/v1/articles?id=b", "bearer  " + token, 201},
			{"DELETE", "/api/v1/articles/x", "", 401},
			{"PUT", "/metrics", "", 401},
			{"GET", "/api/v1/health", "", 200},
			{"GET", "/api/v1/events", "", map[bool]int{false: 200, true: 401}[private]},
			{"GET", "/api/v1/export/csv", "", map[bool]int{false: 200, true: 401}[private]},
			{"GET", "/metrics", "", map[bool]int{false: 200, true: 401}[private]},
			{"GET", "/api/v1/events", "Bearer " + token, 200},
			{"GET", "/metrics", "Bearer " + token, 200},
		} {
			resp := send(t, tc.method, ts.URL+tc.path, tc.auth)
			if resp.StatusCode != tc.want {
				t.Errorf("private=%v %s %s (%q): %d, want %d", private, tc.method, tc.path, tc.auth, resp.StatusCode, tc.want)
			}
			if resp.StatusCode == 401 && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without WWW-Authenticate: %v", resp.Header)
			}
		}
	}
}

func TestParseTokens(t *testing.T) {
	h := httpapi.HashToken(token)
	got, err := httpapi.ParseTokens(strings.NewReader("# tokens\n\n  " + token + "  \n" + h.String() + "\n"))
	if err != nil || len(got) != 2 || got[0] != h || got[1] != h {
		t.Fatalf("ParseTokens = %v, %v; want twice %v", got, err, h)
	}
	for _, bad := range []string{"short", "sha256:abc", "sha256:" + strings.Repeat("zz", 32)} {
		if _, err := httpapi.ParseTokens(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseTokens(%q) accepted", bad)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts, _ := newServerWith(t, func(c *httpapi.Config) {
		c.UI = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<!DOCTYPE html><p>ui")) })
	})
	for _, path := range []string{"/api/v1/health", "/api/v1/events?limit=x", "/api/v1/nothing", "/metrics", "/", "/app.js"} {
		resp := send(t, "GET", ts.URL+path, "")
		h := resp.Header
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("GET %s: headers %v", path, h)
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe") || !strings.Contains(csp, "default-src") {
			t.Errorf("GET %s: CSP %q", path, csp)
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("GET %s: CORS on by default", path)
		}
	}
}

func TestCORS(t *testing.T) {
	ts, _ := newServerWith(t, func(c *httpapi.Config) { c.Guard.CORSOrigins = []string{"https://ok.example"} })
	resp := send(t, "GET", ts.URL+"/api/v1/events", "", "Origin", "https://ok.example")
	if resp.Header.Get("Access-Control-Allow-Origin") != "https://ok.example" {
		t.Errorf("allowed origin: %v", resp.Header)
	}
	resp = send(t, "GET", ts.URL+"/api/v1/events", "", "Origin", "https://evil.example")
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin allowed: %v", resp.Header)
	}
	resp = send(t, "OPTIONS", ts.URL+"/api/v1/articles", "", "Origin", "https://ok.example", "Access-Control-Request-Method", "POST")
	if resp.StatusCode != 204 || !strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
}

// TestRateLimit: a client past its burst gets 429 with Retry-After; another client
// is not affected. The rate (one request in 1,000 s) makes it independent of speed.
func TestRateLimit(t *testing.T) {
	ts, _ := newServerWith(t, func(c *httpapi.Config) {
		c.Guard.Rate, c.Guard.Burst = 0.001, 3
		c.Guard.ClientIP = func(r *http.Request) string { return r.Header.Get("X-Test-Client") }
	})
	for i := range 3 {
		if resp := send(t, "GET", ts.URL+"/api/v1/events", "", "X-Test-Client", "a"); resp.StatusCode != 200 {
			t.Fatalf("request %d: %d", i+1, resp.StatusCode)
		}
	}
	resp := send(t, "GET", ts.URL+"/api/v1/events", "", "X-Test-Client", "a")
	ra, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	if resp.StatusCode != 429 || ra < 1 {
		t.Errorf("4th request: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp := send(t, "GET", ts.URL+"/api/v1/events", "", "X-Test-Client", "b"); resp.StatusCode != 200 {
		t.Errorf("other client: %d", resp.StatusCode)
	}
}

func TestForwardedIP(t *testing.T) {
	r := &http.Request{RemoteAddr: "10.0.0.1:5555", Header: http.Header{}}
	if ip := httpapi.ForwardedIP(r); ip != "10.0.0.1" {
		t.Errorf("no header: %q", ip)
	}
	r.Header.Add("X-Forwarded-For", "1.1.1.1, 2.2.2.2")
	if ip := httpapi.ForwardedIP(r); ip != "2.2.2.2" {
		t.Errorf("forwarded: %q", ip)
	}
	r.Header.Set("X-Forwarded-For", "garbage")
	if ip := httpapi.ForwardedIP(r); ip != "10.0.0.1" {
		t.Errorf("bad header: %q", ip)
	}
}

func TestRequestLimits(t *testing.T) {
	ts, _ := newServerWith(t, func(c *httpapi.Config) { c.Guard.MaxStreams = 1 })
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"q=" + strings.Repeat("ا", 3000), 414},
		{strings.Repeat("country=IRN&", 70), 400},
		{"root=" + strings.Repeat("1,", 70), 400},
		{"root=" + strings.Repeat("1%2C", 70), 400},
		{"root=19,18,14&country=IRN", 200},
	} {
		if resp := send(t, "GET", ts.URL+"/api/v1/events?"+tc.query, ""); resp.StatusCode != tc.want {
			t.Errorf("query of %d bytes: %d, want %d", len(tc.query), resp.StatusCode, tc.want)
		}
	}
	// The body limit of the test server is 64 KiB.
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/articles", strings.NewReader(strings.Repeat("قصف ", 20000)))
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 {
		t.Errorf("body of 160 KB: %d, want 413", resp.StatusCode)
	}

	// One event stream at a time.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ = http.NewRequestWithContext(ctx, "GET", ts.URL+"/api/v1/stream", nil)
	first, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Body.Close()
	if _, err := bufio.NewReader(first.Body).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	if resp := send(t, "GET", ts.URL+"/api/v1/stream", ""); resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("second stream: %d, want 503 with Retry-After", resp.StatusCode)
	}
	cancel()
	first.Body.Close()
}
