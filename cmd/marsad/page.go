package main

import (
	"github.com/marsad-project/marsad/httpapi"
)

// extractPage turns a saved or posted HTML page into the article to code; nil while
// no extraction package is built in (HTML bodies then get 415).
var extractPage func(page []byte, pageURL string) (httpapi.Page, error)
