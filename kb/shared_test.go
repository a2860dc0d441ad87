package kb

// Checks of the knowledge base against the material in ../shared (beside the
// repository): the dr5hn gazetteer and the ANERcorp NER test split. They measure the
// coverage of our lexicon; nothing is copied from ../shared. They skip when it is absent.

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/arabic"
)

// sharedDir returns ../shared relative to the repository root, or skips the test.
func sharedDir(t *testing.T, parts ...string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared")
	p := filepath.Join(append([]string{dir}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("../shared not found: %v", err)
		}
		t.Fatalf("stat %s: %v", p, err)
	}
	return p
}

var iso2to3 = ISO2To3

// menaISO2 are the Arab League states plus Iran, Turkey, Israel (and Palestine).
var menaISO2 = map[string]bool{}

func init() {
	for _, c := range strings.Fields("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE IR TR IL") {
		menaISO2[c] = true
	}
}

type gazRow struct {
	line                  int
	level, nameAr, nameEn string
	iso2, iso3            string
	lat, lon, pop         float64
	hasCoord              bool
}

func readGazetteer(t *testing.T) []gazRow {
	t.Helper()
	path := sharedDir(t, "gazetteer", "arabic_gazetteer_dr5hn.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []gazRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	var col map[string]int
	for sc.Scan() {
		n++
		fs := strings.Split(sc.Text(), "\t")
		if n == 1 {
			col = map[string]int{}
			for i, h := range fs {
				col[h] = i
			}
			for _, h := range []string{"level", "name_ar", "name_en", "country_iso2", "lat", "lon", "population"} {
				if _, ok := col[h]; !ok {
					t.Fatalf("%s: no column %q in header %v", path, h, fs)
				}
			}
			continue
		}
		if len(fs) < len(col) {
			t.Fatalf("%s:%d: %d fields, want %d", path, n, len(fs), len(col))
		}
		r := gazRow{line: n, level: fs[col["level"]], nameAr: strings.TrimSpace(fs[col["name_ar"]]),
			nameEn: fs[col["name_en"]], iso2: fs[col["country_iso2"]]}
		r.iso3 = iso2to3[r.iso2]
		lat, err1 := strconv.ParseFloat(fs[col["lat"]], 64)
		lon, err2 := strconv.ParseFloat(fs[col["lon"]], 64)
		if err1 == nil && err2 == nil {
			r.lat, r.lon, r.hasCoord = lat, lon, true
		}
		r.pop, _ = strconv.ParseFloat(fs[col["population"]], 64)
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// wholeName returns the entries of m matching all of name (not just a prefix of it).
func wholeName(m *Matcher, name string) []*Entry {
	toks := arabic.Tokenize(name)
	for len(toks) > 0 && toks[len(toks)-1].Kind == arabic.Punct {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return nil
	}
	mt, ok := m.At(toks, 0, nil)
	if !ok || mt.Last != len(toks) {
		return nil
	}
	return mt.Entries
}

func hasEntry(es []*Entry, ok func(*Entry) bool) bool {
	for _, e := range es {
		if ok(e) {
			return true
		}
	}
	return false
}

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func TestSharedGazetteerCountries(t *testing.T) {
	rows := readGazetteer(t)
	k := loadKB(t)
	const floor = 0.80 // measured 0.831 (207/249)
	total, found, right := 0, 0, 0
	var missed, wrong []string
	for _, r := range rows {
		if r.level != "country" || r.nameAr == "" {
			continue
		}
		total++
		es := wholeName(k.Names, r.nameAr)
		if len(es) == 0 {
			missed = append(missed, fmt.Sprintf("%s %s", r.iso2, r.nameAr))
			continue
		}
		found++
		if hasEntry(es, func(e *Entry) bool { return e.Kind == KCountry && e.ID == r.iso3 }) {
			right++
		} else {
			wrong = append(wrong, fmt.Sprintf("%s %s", r.iso2, r.nameAr))
		}
	}
	if total < 200 {
		t.Fatalf("gazetteer countries = %d, want >= 200", total)
	}
	got := frac(found, total)
	t.Logf("gazetteer countries: %d/%d = %.3f found by Names, %d (%.3f) as the right country", found, total, got, right, frac(right, total))
	if len(missed) > 0 {
		t.Logf("not found: %s", strings.Join(missed, ", "))
	}
	if len(wrong) > 0 {
		t.Logf("found as something else: %s", strings.Join(wrong, ", "))
	}
	if got < floor {
		t.Errorf("country coverage = %.3f, want >= %.2f", got, floor)
	}
	if r := frac(right, total); r < floor {
		t.Errorf("country coverage as the right ISO3 = %.3f, want >= %.2f", r, floor)
	}
}

func TestSharedGazetteerMENACities(t *testing.T) {
	rows := readGazetteer(t)
	k := loadKB(t)
	const floor = 0.41 // measured 0.460 (283/615)
	total, found := 0, 0
	var missed []string
	for _, r := range rows {
		if r.level != "city" || !menaISO2[r.iso2] || r.pop < 100000 || r.nameAr == "" {
			continue
		}
		total++
		es := wholeName(k.Names, r.nameAr)
		if hasEntry(es, func(e *Entry) bool { return e.Kind == KPlace || e.Kind == KCountry }) {
			found++
		} else {
			missed = append(missed, fmt.Sprintf("%s %s (%s)", r.iso2, r.nameAr, r.nameEn))
		}
	}
	if total < 50 {
		t.Fatalf("MENA cities with population >= 100000 = %d, want >= 50", total)
	}
	got := frac(found, total)
	t.Logf("MENA cities (pop >= 100000): %d/%d = %.3f found by Names as a place", found, total, got)
	sort.Strings(missed)
	t.Logf("not found (%d): %s", len(missed), strings.Join(missed, ", "))
	if got < floor {
		t.Errorf("MENA city coverage = %.3f, want >= %.2f", got, floor)
	}
}

// haversine returns the great-circle distance in km.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

func TestHaversine(t *testing.T) {
	// Baghdad–Tehran is about 690 km.
	if d := haversine(33.3152, 44.3661, 35.6892, 51.3890); d < 670 || d > 710 {
		t.Errorf("haversine(Baghdad, Tehran) = %.0f km, want about 690", d)
	}
	if d := haversine(10, 20, 10, 20); d != 0 {
		t.Errorf("haversine(p, p) = %v, want 0", d)
	}
}

func TestSharedGazetteerCoordinates(t *testing.T) {
	rows := readGazetteer(t)
	k := loadKB(t)
	const maxKm, minShare = 50.0, 0.90
	byName := map[string][]gazRow{} // iso3 + name_ar → rows
	for _, r := range rows {
		if r.hasCoord && r.iso3 != "" && r.nameAr != "" {
			byName[r.iso3+"\t"+r.nameAr] = append(byName[r.iso3+"\t"+r.nameAr], r)
		}
	}
	type far struct {
		id   string
		km   float64
		desc string
	}
	var fars []far
	compared := 0
	for _, p := range k.Places {
		if p.Lat == 0 && p.Lon == 0 {
			continue
		}
		cands := byName[p.Country+"\t"+p.Names[0]]
		if len(cands) == 0 {
			continue
		}
		compared++
		best, bestRow := math.Inf(1), gazRow{}
		for _, r := range cands {
			if d := haversine(p.Lat, p.Lon, r.lat, r.lon); d < best {
				best, bestRow = d, r
			}
		}
		if best > maxKm {
			fars = append(fars, far{p.ID, best, fmt.Sprintf("%s (%s %s, ours %.2f,%.2f; gazetteer line %d %s %s %.2f,%.2f)",
				p.ID, p.Type, p.Names[0], p.Lat, p.Lon, bestRow.line, bestRow.level, bestRow.nameEn, bestRow.lat, bestRow.lon)})
		}
	}
	if compared < 100 {
		t.Fatalf("KB places with a same-name gazetteer row = %d, want >= 100", compared)
	}
	sort.Slice(fars, func(i, j int) bool { return fars[i].km > fars[j].km })
	share := 1 - frac(len(fars), compared)
	t.Logf("KB places with a same-country gazetteer name: %d; within %.0f km: %d (%.3f)", compared, maxKm, compared-len(fars), share)
	for _, f := range fars {
		t.Logf("  %6.0f km  %s", f.km, f.desc)
	}
	if share < minShare {
		t.Errorf("places within %.0f km of the gazetteer = %.3f, want >= %.2f", maxKm, share, minShare)
	}
}

// nerEntities reads a CoNLL file of "token tag" lines (IOB2, blank line between
// sentences) and returns the distinct entity strings by type (LOC, ORG, PERS, MISC).
func nerEntities(t *testing.T, path string) map[string]map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]map[string]bool{}
	var cur []string
	typ := ""
	flush := func() {
		if typ != "" && len(cur) > 0 {
			if out[typ] == nil {
				out[typ] = map[string]bool{}
			}
			out[typ][strings.Join(cur, " ")] = true
		}
		cur, typ = nil, ""
	}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			flush()
			continue
		}
		i := strings.LastIndexAny(line, " \t")
		if i <= 0 {
			t.Fatalf("%s:%d: want \"token tag\", got %q", path, n, line)
		}
		tok, tag := strings.TrimSpace(line[:i]), line[i+1:]
		switch {
		case tag == "O":
			flush()
		case strings.HasPrefix(tag, "B-"):
			flush()
			typ, cur = tag[2:], []string{tok}
		case strings.HasPrefix(tag, "I-"):
			if typ != tag[2:] { // an I- without its B-: start an entity
				flush()
				typ = tag[2:]
			}
			cur = append(cur, tok)
		default:
			t.Fatalf("%s:%d: bad tag %q", path, n, tag)
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSharedNERRecall(t *testing.T) {
	path := sharedDir(t, "ner", "anercorp_camel_test", "ANERCorp_CamelLab_test.txt")
	ents := nerEntities(t, path)
	k := loadKB(t)
	for _, c := range []struct {
		typ   string
		kinds []EntryKind
		floor float64 // for any Names entry
	}{
		{"LOC", []EntryKind{KCountry, KPlace}, 0.62}, // measured 0.664 (186/280)
		{"ORG", []EntryKind{KOrg}, 0.27},             // measured 0.302 (76/252)
		{"PERS", []EntryKind{KPerson}, 0.08},         // measured 0.103 (67/649)
	} {
		t.Run(c.typ, func(t *testing.T) {
			gold := ents[c.typ]
			if len(gold) < 50 {
				t.Fatalf("distinct gold %s = %d, want >= 50", c.typ, len(gold))
			}
			found, typed := 0, 0
			var hits []string
			for s := range gold {
				es := wholeName(k.Names, s)
				if len(es) == 0 {
					continue
				}
				found++
				hits = append(hits, s)
				if hasEntry(es, func(e *Entry) bool {
					for _, kd := range c.kinds {
						if e.Kind == kd {
							return true
						}
					}
					return false
				}) {
					typed++
				}
			}
			got := frac(found, len(gold))
			t.Logf("ANERcorp test %s: %d distinct, %d found by Names (%.3f), %d as the right kind (%.3f)",
				c.typ, len(gold), found, got, typed, frac(typed, len(gold)))
			if got < c.floor {
				t.Errorf("ANERcorp %s recall = %.3f, want >= %.2f", c.typ, got, c.floor)
			}
		})
	}
}

// adm1Countries are the countries whose first-level divisions the gazetteer must cover:
// the Arab League states, Iran, Turkey, Israel/Palestine, Afghanistan and Pakistan.
var adm1Countries = map[string]bool{}

func init() {
	for _, c := range strings.Fields("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM IRN TUR ISR AFG PAK") {
		adm1Countries[c] = true
	}
}

// adm1Key folds a division's name and drops the words that say what it is, so that
// «محافظة نينوى», «نينوى» and «ولاية نينوى» compare equal.
func adm1Key(s string) string {
	var out []string
	for _, w := range strings.Fields(arabic.FoldPhrase(s)) {
		switch w {
		case "محافظه", "ولايه", "منطقه", "اقليم", "مقاطعه", "امانه", "مديريه", "لواء", "محافظات", "استان", "اقليميه":
			continue
		}
		out = append(out, arabic.StripArticle(w))
	}
	return strings.Join(out, " ")
}

// TestSharedADM1Coverage: the first-level divisions of the countries above in the
// shared gazetteer (its level "state") are places of ours in the same country. The
// gazetteer's Arabic names are partly machine-made (Persian or Kurdish for Iran), so
// the floor is set from measurement and the misses are logged for review.
func TestSharedADM1Coverage(t *testing.T) {
	rows := readGazetteer(t)
	k := loadKB(t)
	ours := map[string]bool{} // iso3 + key
	var adm1s []*Place
	for _, p := range k.Places {
		for _, n := range p.Names {
			ours[p.Country+"\t"+adm1Key(n)] = true
		}
		if p.Type == "adm1" {
			adm1s = append(adm1s, p)
		}
	}
	// A division is covered when one of ours has its name, or — the gazetteer's names
	// being partly machine-made («يشيد» for Ha'il) — when one of our first-level
	// divisions of that country has its seat within 60 km of the gazetteer's point.
	near := func(r gazRow) bool {
		for _, p := range adm1s {
			if p.Country == r.iso3 && r.hasCoord && haversine(p.Lat, p.Lon, r.lat, r.lon) <= 60 {
				return true
			}
		}
		return false
	}
	total, found := 0, 0
	var missed []string
	for _, r := range rows {
		if r.level != "state" || !adm1Countries[r.iso3] || r.nameAr == "" {
			continue
		}
		total++
		if ours[r.iso3+"\t"+adm1Key(r.nameAr)] || near(r) {
			found++
			continue
		}
		missed = append(missed, r.iso3+" "+r.nameAr+" ("+r.nameEn+")")
	}
	if total < 100 {
		t.Fatalf("gazetteer divisions in scope = %d, want >= 100", total)
	}
	share := frac(found, total)
	t.Logf("first-level divisions covered: %d of %d (%.3f)", found, total, share)
	for _, m := range missed {
		t.Logf("  missed %s", m)
	}
	const floor = 0.90
	if share < floor {
		t.Errorf("divisions covered = %.3f, want >= %.2f", share, floor)
	}
}

// TestSharedGazetteerMedianDistance: for our places whose name (any spelling) and
// country match a gazetteer row, the median distance to the nearest such row.
func TestSharedGazetteerMedianDistance(t *testing.T) {
	rows := readGazetteer(t)
	k := loadKB(t)
	byName := map[string][]gazRow{}
	for _, r := range rows {
		if r.hasCoord && r.iso3 != "" && r.nameAr != "" && r.level != "country" {
			byName[r.iso3+"\t"+arabic.FoldPhrase(r.nameAr)] = append(byName[r.iso3+"\t"+arabic.FoldPhrase(r.nameAr)], r)
		}
	}
	var ds []float64
	for _, p := range k.Places {
		best := math.Inf(1)
		for _, n := range p.Names {
			for _, r := range byName[p.Country+"\t"+arabic.FoldPhrase(n)] {
				if d := haversine(p.Lat, p.Lon, r.lat, r.lon); d < best {
					best = d
				}
			}
		}
		if !math.IsInf(best, 1) {
			ds = append(ds, best)
		}
	}
	if len(ds) < 200 {
		t.Fatalf("matched places = %d, want >= 200", len(ds))
	}
	sort.Float64s(ds)
	median := ds[len(ds)/2]
	t.Logf("places matched by name and country: %d; median distance %.1f km; 90th percentile %.1f km", len(ds), median, ds[len(ds)*9/10])
	if median > 10 {
		t.Errorf("median distance = %.1f km, want <= 10", median)
	}
}
