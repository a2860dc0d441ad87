package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/geonames"
)

// GazetteerCommand imports gazetteers into user dictionaries.
type GazetteerCommand struct {
	Stdout, Stderr io.Writer
}

const gazetteerUsage = `Usage:
  marsad gazetteer import [--min-population N] [--countries ISO3,…] [--lang ar] --out DIR CITIES ALTNAMES

Reads a GeoNames dump (CITIES: cities500.txt, cities15000.txt… ; ALTNAMES: alternateNamesV2.txt)
and writes DIR/places.tsv with every city that has a name in --lang. Load it with
'marsad code --kb-dir DIR'. GeoNames is CC BY 4.0: attribute it when you share the file.
`

// Run runs the command.
func (c *GazetteerCommand) Run(_ context.Context, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprint(c.Stderr, gazetteerUsage)
		return errUsage
	}
	fs := flag.NewFlagSet("gazetteer import", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() { fmt.Fprint(c.Stderr, gazetteerUsage) }
	minPop := fs.Int("min-population", 0, "skip cities with fewer inhabitants")
	countries := fs.String("countries", "", "comma-separated ISO3 codes to keep (default all)")
	lang := fs.String("lang", "ar", "language of the names to keep")
	out := fs.String("out", "", "folder to write places.tsv into")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() != 2 || *out == "" {
		fmt.Fprint(c.Stderr, gazetteerUsage)
		return errUsage
	}
	opts := geonames.Options{MinPopulation: *minPop, Language: *lang, Countries: map[string]bool{}}
	for _, cc := range strings.Split(*countries, ",") {
		if cc = strings.TrimSpace(strings.ToUpper(cc)); cc != "" {
			opts.Countries[cc] = true
		}
	}
	cities, err := os.Open(fs.Arg(0))
	if err != nil {
		return marsad.E("gazetteer import", marsad.NotFound, err)
	}
	defer cities.Close()
	alts, err := os.Open(fs.Arg(1))
	if err != nil {
		return marsad.E("gazetteer import", marsad.NotFound, err)
	}
	defer alts.Close()
	places, err := geonames.Import(cities, alts, opts)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return marsad.E("gazetteer import", marsad.Invalid, err)
	}
	path := filepath.Join(*out, "places.tsv")
	f, err := os.Create(path)
	if err != nil {
		return marsad.E("gazetteer import", marsad.Invalid, err)
	}
	if err := geonames.WriteTSV(f, places); err != nil {
		f.Close()
		return marsad.E("gazetteer import", marsad.Internal, err)
	}
	if err := f.Close(); err != nil {
		return marsad.E("gazetteer import", marsad.Internal, err)
	}
	fmt.Fprintf(c.Stdout, "wrote %d places to %s (use: marsad code --kb-dir %s)\n", len(places), path, *out)
	return nil
}
