// Package geonames imports GeoNames dumps (cities*.txt with alternateNamesV2.txt) into
// Marsad's gazetteer format, so that users who want the whole world can load it as a
// user dictionary (`marsad gazetteer import`, then `marsad code --kb-dir DIR`).
//
// GeoNames data is licensed CC BY 4.0 (https://www.geonames.org): attribute it when you
// redistribute what this package writes.
package geonames

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/kb"
)

// Options filter the import.
type Options struct {
	MinPopulation int             // cities under it are skipped
	Countries     map[string]bool // ISO3 codes to keep; empty keeps all
	Language      string          // alternate-name language; default "ar"
}

type city struct {
	id         string
	name       string
	lat, lon   float64
	code       string // feature code (PPLC is a capital)
	country    string // ISO3
	population int
}

// Import reads a cities file (the 19-column GeoNames table) and an alternate-names
// file (alternateNamesV2.txt, or the older 8-column alternateNames.txt) and returns
// places with their names in opts.Language; cities without such a name are skipped.
// Historic names are left out; preferred and short names come first.
func Import(cities, alternates io.Reader, opts Options) ([]kb.Place, error) {
	const op = "geonames.Import"
	if opts.Language == "" {
		opts.Language = "ar"
	}
	byID := map[string]*city{}
	var order []string
	sc := bufio.NewScanner(cities)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 15 {
			return nil, marsad.Errorf(op, marsad.Invalid, "cities line %d: %d columns, want 19", n, len(f))
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return nil, marsad.Errorf(op, marsad.Invalid, "cities line %d: bad coordinates %q %q", n, f[4], f[5])
		}
		pop, _ := strconv.Atoi(f[14])
		iso3 := kb.ISO2To3[f[8]]
		if iso3 == "" || pop < opts.MinPopulation || (len(opts.Countries) > 0 && !opts.Countries[iso3]) {
			continue
		}
		c := &city{id: f[0], name: f[1], lat: lat, lon: lon, code: f[7], country: iso3, population: pop}
		byID[c.id] = c
		order = append(order, c.id)
	}
	if err := sc.Err(); err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	type alt struct {
		name      string
		preferred bool
	}
	names := map[string][]alt{}
	sc = bufio.NewScanner(alternates)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	n = 0
	for sc.Scan() {
		n++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 4 {
			continue
		}
		if f[2] != opts.Language || byID[f[1]] == nil {
			continue
		}
		if len(f) > 7 && f[7] == "1" { // isHistoric
			continue
		}
		name := strings.TrimSpace(f[3])
		if name == "" {
			continue
		}
		names[f[1]] = append(names[f[1]], alt{name: name, preferred: len(f) > 4 && (f[4] == "1" || (len(f) > 5 && f[5] == "1"))})
	}
	if err := sc.Err(); err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	var out []kb.Place
	for _, id := range order {
		c := byID[id]
		as := names[id]
		if len(as) == 0 {
			continue
		}
		sort.SliceStable(as, func(i, j int) bool { return as[i].preferred && !as[j].preferred })
		p := kb.Place{ID: "gn" + id, Type: "city", Country: c.country, Lat: c.lat, Lon: c.lon}
		if c.code == "PPLC" {
			p.Type = "capital"
		}
		seen := map[string]bool{}
		for _, a := range as {
			if !seen[a.name] && !strings.ContainsAny(a.name, "|\t") {
				seen[a.name] = true
				p.Names = append(p.Names, a.name)
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// WriteTSV writes places in the places.tsv format of the knowledge base.
func WriteTSV(w io.Writer, places []kb.Place) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Imported from GeoNames (CC BY 4.0, https://www.geonames.org) by `marsad gazetteer import`.")
	fmt.Fprintln(bw, "# id\tnames\ttype\tcountry\tadm1\tlat\tlon")
	for _, p := range places {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%.4f\t%.4f\n", p.ID, strings.Join(p.Names, "|"), p.Type, p.Country, p.ADM1, p.Lat, p.Lon)
	}
	return bw.Flush()
}
