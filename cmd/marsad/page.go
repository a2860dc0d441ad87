package main

import (
	"github.com/marsad-project/marsad/extract"
	"github.com/marsad-project/marsad/httpapi"
)

// extractPage turns a saved or posted HTML page into the article to code (package
// extract: headline, date, author, caption and credit, main text, in the corpus
// format the reader reads). The server, `marsad ingest` and the feed poller use it.
var extractPage = func(page []byte, pageURL string) (httpapi.Page, error) {
	a, err := extract.Extract(page, pageURL)
	if err != nil {
		return httpapi.Page{}, err
	}
	return httpapi.Page{Input: a.Input(""), Author: a.Author, Body: a.Title + "\n\n" + a.Text()}, nil
}
