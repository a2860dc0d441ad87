package main

import (
	"net/http"

	"github.com/marsad-project/marsad/web"
)

// dashboard returns the web dashboard served at / by `marsad serve`: the API keeps
// /api/ and /metrics, the dashboard gets every other path.
func dashboard() http.Handler { return web.Handler() }
