package main

import (
	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

func marsadContentHash(s string) string { return marsad.ContentHash(s, arabic.Fold) }
