// Package web serves Marsad's analyst dashboard: a single-page app (Arabic RTL by
// default, English on a switch) over the HTTP API v1 (docs/api.md), built from src/ by
// `make web` into dist/, which is committed and embedded so that `go build` alone works.
//
// Mount it at the root of the server that serves the API at /api/v1/:
//
//	mux.Handle("/", web.Handler())
//
// The app addresses the API relative to its own page (api/v1/…), so it also works
// behind a proxy that adds a path prefix, as long as the API sits beside it.
package web

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed dist
var dist embed.FS

// Assets returns the built files (index.html, app.js, app.css, chunks, the world map).
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil { // cannot happen: "dist" is embedded
		panic(err)
	}
	return sub
}

// contentSecurityPolicy allows only the app's own scripts, styles and API: even markup
// that slipped into the page from data could not load or run anything.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"

// Handler serves the dashboard: index.html at "/" and the assets beside it. Paths that
// are not assets get 404 (the app routes with the URL fragment, so it needs no fallback).
func Handler() http.Handler {
	assets := Assets()
	files := http.FileServerFS(assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		if _, err := fs.Stat(assets, name); err != nil {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if strings.HasPrefix(name, "chunk-") {
			h.Set("Cache-Control", "public, max-age=31536000, immutable") // content-hashed names
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		if name == "index.html" {
			// Serve the file directly: FileServer would redirect /index.html to /.
			http.ServeFileFS(w, r, assets, name)
			return
		}
		files.ServeHTTP(w, r)
	})
}
