package geonames_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/marsad-project/marsad/geonames"
	"github.com/marsad-project/marsad/kb"
)

// The fixtures in testdata are GeoNames-format files written for this test.
func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestImport(t *testing.T) {
	places, err := geonames.Import(open(t, "cities_fixture.txt"), open(t, "alternateNames_fixture.txt"), geonames.Options{MinPopulation: 20000})
	if err != nil {
		t.Fatal(err)
	}
	// Beta Village is under 20,000; Delta has no Arabic name.
	if len(places) != 2 {
		t.Fatalf("Import = %d places (%+v), want 2", len(places), places)
	}
	a := places[0]
	if a.ID != "gn9000001" || a.Type != "capital" || a.Country != "IRQ" || a.Names[0] != "ألفا" || len(a.Names) != 2 {
		t.Errorf("first place = %+v, want gn9000001 capital IRQ [ألفا مدينة ألفا]", a)
	}
	g := places[1]
	if g.Country != "IRN" || len(g.Names) != 1 || g.Names[0] != "غاما" {
		t.Errorf("second place = %+v, want IRN with the historic name left out", g)
	}
	only, err := geonames.Import(open(t, "cities_fixture.txt"), open(t, "alternateNames_fixture.txt"), geonames.Options{Countries: map[string]bool{"IRN": true}})
	if err != nil || len(only) != 1 || only[0].Country != "IRN" {
		t.Errorf("Import(IRN only) = %+v, %v", only, err)
	}
}

// The written file loads as a user dictionary on top of the embedded knowledge base.
func TestWriteTSVLoads(t *testing.T) {
	places, err := geonames.Import(open(t, "cities_fixture.txt"), open(t, "alternateNames_fixture.txt"), geonames.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := geonames.WriteTSV(&buf, places); err != nil {
		t.Fatal(err)
	}
	k, err := kb.LoadFS(fstest.MapFS{"places.tsv": {Data: buf.Bytes()}})
	if err != nil {
		t.Fatalf("LoadFS(imported places) = %v\n%s", err, buf.String())
	}
	if p := k.Places["gn9000002"]; p == nil || p.Names[0] != "بيتا" {
		t.Errorf("imported place gn9000002 = %+v", p)
	}
}

func TestImportBadInput(t *testing.T) {
	_, err := geonames.Import(strings.NewReader("1\tX\tX\t\tnot-a-number\t1\tP\tPPL\tIQ\t\t\t\t\t\t10\t\t\t\t\n"), strings.NewReader(""), geonames.Options{})
	if err == nil {
		t.Error("Import accepted bad coordinates")
	}
	_, err = geonames.Import(strings.NewReader("short\tline\n"), strings.NewReader(""), geonames.Options{})
	if err == nil {
		t.Error("Import accepted a short line")
	}
}
