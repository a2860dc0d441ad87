package httpapi_test

import (
	"net/http"
	"testing"
)

// FuzzQuery sends arbitrary query strings to the list endpoints: the answer is 200 or
// a 4xx JSON error, never a panic or a 500.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"country=IRN&root=19", "root=1,2,,19", "bbox=1,2,3,4", "q=الأمريكية", "sort=-num_articles",
		"limit=0", "cursor=bzoz", "from=2020-13-45", "actor=%25", "q=\"*", "min_confidence=NaN", "quad=-1"} {
		f.Add(s)
	}
	ts, _ := newServer(f)
	f.Fuzz(func(t *testing.T, q string) {
		for _, path := range []string{"/api/v1/events", "/api/v1/articles", "/api/v1/stats", "/api/v1/network", "/api/v1/quotes",
			"/api/v1/entities", "/api/v1/stories"} {
			req, err := http.NewRequest("GET", ts.URL+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.URL.RawQuery = q
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Skip("the client refuses this query:", err) // control characters
			}
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Errorf("GET %s?%s: %d", path, q, resp.StatusCode)
			}
		}
	})
}
