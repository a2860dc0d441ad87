package main

import (
	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/httpapi"
)

// extractPage turns a saved or posted HTML page into the article to code.
func extractPage(page []byte, pageURL string) (httpapi.Page, error) {
	return httpapi.Page{}, marsad.Errorf("extract", marsad.Invalid, "HTML pages are not supported in this build")
}
