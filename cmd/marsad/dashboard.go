package main

import "net/http"

// dashboard returns the web dashboard served at / by `marsad serve`, or nil for none.
// Hook: when package web lands, return web.Handler() here; the API keeps /api/ and
// /metrics, the dashboard gets every other path.
func dashboard() http.Handler { return nil }
