package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// FuzzPostArticle sends arbitrary bodies, content types and query strings to POST
// /api/v1/articles: the answer is 200, 201 or a 4xx JSON error, never a panic or a 5xx.
func FuzzPostArticle(f *testing.F) {
	for _, c := range [][3]string{
		{"application/json", `{"id":"a1","text":"قصف الجيش الإيراني مواقع في العراق.","published":"2024-03-05"}`, ""},
		{"application/json", `{"text":"x","html":"<p>y</p>"}`, ""},
		{"application/json", `{"text":null}`, ""},
		{"application/json", `{"text":"قصف","published":"2024-13-45T99:00:00Z"}`, ""},
		{"application/json", `[{"text":"قصف"}]`, ""},
		{"application/json", `{"text":"\u0000\ud800"}`, "id=%00"},
		{"application/json; charset=latin1", `{"text":"قصف"}`, ""},
		{"text/plain", "قصف الجيش مواقع", "id=x&published=2024-01-01&source=s"},
		{"text/html", "<html><body>قصف</body></html>", "url=http://x/"},
		{"multipart/form-data; boundary=x", "--x--", ""},
		{"", "", ""},
		{"text/plain", strings.Repeat("قصف\n", 100), "published=yesterday"},
	} {
		f.Add(c[0], c[1], c[2])
	}
	ts, _ := newServer(f)
	f.Fuzz(func(t *testing.T, ctype, body, query string) {
		req, err := http.NewRequest("POST", ts.URL+"/api/v1/articles", strings.NewReader(body))
		if err != nil {
			t.Skip(err)
		}
		req.URL.RawQuery = query
		if ctype != "" {
			if strings.ContainsAny(ctype, "\r\n\x00") {
				t.Skip("not a header value")
			}
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Skip("the client refuses this request:", err)
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Errorf("POST %q (%s) ?%s: %d", body, ctype, query, resp.StatusCode)
		}
	})
}
