package web_test

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/web"
)

func TestHandler(t *testing.T) {
	h := web.Handler()
	for _, c := range []struct {
		method, path string
		status       int
		ctype        string
	}{
		{"GET", "/", 200, "text/html"},
		{"HEAD", "/", 200, "text/html"},
		{"GET", "/index.html", 301, ""}, // to "/"
		{"GET", "/app.js", 200, "text/javascript"},
		{"GET", "/app.css", 200, "text/css"},
		{"GET", "/countries-110m.json", 200, "application/json"},
		{"GET", "/nope.js", 404, ""},
		{"GET", "/../web.go", 404, ""},
		{"POST", "/", 405, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		if rec.Code != c.status {
			t.Errorf("%s %s: status %d, want %d", c.method, c.path, rec.Code, c.status)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); c.ctype != "" && !strings.HasPrefix(ct, c.ctype) {
			t.Errorf("%s %s: Content-Type %q, want %s", c.method, c.path, ct, c.ctype)
		}
		if c.status == 200 && !strings.Contains(rec.Header().Get("Content-Security-Policy"), "script-src 'self'") {
			t.Errorf("%s %s: no script-src 'self' policy", c.method, c.path)
		}
	}
}

// TestAssets checks that the committed build is whole: every file index.html and app.js
// load is embedded, and the page is the Arabic, right-to-left one.
func TestAssets(t *testing.T) {
	assets := web.Assets()
	read := func(name string) string {
		b, err := fs.ReadFile(assets, name)
		if err != nil {
			t.Fatalf("%v (run make web)", err)
		}
		return string(b)
	}
	index := read("index.html")
	if !strings.Contains(index, `<html lang="ar" dir="rtl">`) {
		t.Errorf("index.html is not Arabic RTL by default")
	}
	refs := regexp.MustCompile(`(?:href|src)="([^":]+)"`).FindAllStringSubmatch(index, -1)
	refs = append(refs, regexp.MustCompile(`from"\./([^"]+)"|import\("\./([^"]+)"\)`).FindAllStringSubmatch(read("app.js"), -1)...)
	if len(refs) < 3 {
		t.Fatalf("found only %d asset references", len(refs))
	}
	for _, m := range refs {
		name := m[1]
		if name == "" && len(m) > 2 {
			name = m[2]
		}
		if _, err := fs.Stat(assets, name); err != nil {
			t.Errorf("referenced asset %q is not embedded (run make web)", name)
		}
	}
	// No data reaches the page as markup.
	jsFiles, _ := fs.Glob(assets, "*.js")
	for _, f := range jsFiles {
		if s := read(f); strings.Contains(s, "innerHTML") || strings.Contains(s, "insertAdjacentHTML") || strings.Contains(s, "document.write") {
			t.Errorf("%s writes markup (innerHTML, insertAdjacentHTML or document.write)", f)
		}
	}
	srv := httptest.NewServer(web.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(body) != index {
		t.Errorf("GET / does not serve index.html")
	}
}
