package export

import (
	"bufio"
	"strconv"
	"strings"

	"github.com/marsad-project/marsad"
)

// GDELTColumns are the 61 columns of the GDELT 2.0 event table, in order. The gdelt
// format writes no header; the names are here for documentation and for callers that
// want one.
var GDELTColumns = []string{
	"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
	"Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
	"Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
	"ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// GDELT geography types (the *Geo_Type columns).
const (
	geoNone    = 0
	geoCountry = 1
	geoCity    = 4 // "world city"
	geoADM1    = 5 // "world state"
)

type gdeltWriter struct {
	w      *bufio.Writer
	fields []string
}

func (g *gdeltWriter) Write(r marsad.EventRow) error {
	f := gdeltRecord(&r, g.fields[:0])
	g.fields = f
	for i, s := range f {
		if i > 0 {
			g.w.WriteByte('\t')
		}
		g.w.WriteString(cleanTSV(s))
	}
	return g.w.WriteByte('\n')
}

func (g *gdeltWriter) Flush() error { return g.w.Flush() }
func (g *gdeltWriter) Close() error { return g.w.Flush() }

// gdeltRecord appends the 61 fields of r to dst.
func gdeltRecord(r *marsad.EventRow, dst []string) []string {
	f := dst
	f = append(f, r.ID)
	if t, ok := day(r); ok {
		frac := float64(t.Year()) + float64(t.YearDay()-1)/365
		f = append(f, t.Format("20060102"), t.Format("200601"), t.Format("2006"), strconv.FormatFloat(frac, 'f', 4, 64))
	} else {
		f = append(f, "", "", "", "")
	}
	f = appendActor(f, &r.Source)
	f = appendActor(f, &r.Target)
	base := r.Code
	if len(base) > 3 {
		base = base[:3]
	}
	root := r.Root
	if root == "" && len(r.Code) >= 2 {
		root = r.Code[:2]
	}
	mentions := r.NumMentions
	if mentions == 0 {
		mentions = max(r.Mentions, 1)
	}
	f = append(f, "0", r.Code, base, root, quad(r.QuadClass), strconv.FormatFloat(r.Goldstein, 'f', 1, 64),
		itoa(mentions), itoa(max(r.NumSources, 1)), itoa(max(r.NumArticles, 1)), "")
	// Actor1Geo and Actor2Geo: not placed.
	for range 2 {
		f = append(f, "0", "", "", "", "", "", "", "")
	}
	f = appendGeo(f, r.Location)
	added := ""
	if !r.FirstSeen.IsZero() {
		added = r.FirstSeen.UTC().Format("20060102150405")
	}
	return append(f, added, r.URL)
}

func quad(q int) string {
	if q == 0 {
		return ""
	}
	return itoa(q)
}

// appendActor appends the ten actor columns: code, name, country, known group, ethnic,
// two religions and three types. The type codes are the three-letter parts of the
// CAMEO actor code after its country part.
func appendActor(f []string, a *marsad.Actor) []string {
	code := a.Code
	if code == "" {
		code = a.Country
	}
	var types []string
	rest := code
	if a.Country != "" && strings.HasPrefix(rest, a.Country) {
		rest = rest[len(a.Country):]
	}
	for len(rest) >= 3 && len(types) < 3 {
		types = append(types, rest[:3])
		rest = rest[3:]
	}
	for len(types) < 3 {
		types = append(types, "")
	}
	return append(f, code, a.Name, a.Country, "", "", "", "", types[0], types[1], types[2])
}

// appendGeo appends the eight ActionGeo columns.
func appendGeo(f []string, l *marsad.Location) []string {
	if l == nil || (l.Name == "" && l.Country == "" && l.Lat == nil) {
		return append(f, "0", "", "", "", "", "", "", "")
	}
	typ := geoCity
	switch {
	case l.Lat == nil && l.ADM1 == "":
		typ = geoCountry
	case l.Lat == nil:
		typ = geoADM1
	}
	return append(f, itoa(typ), l.Name, l.Country, l.ADM1, "", ptrFloat(l.Lat, 4), ptrFloat(l.Lon, 4), l.PlaceID)
}

// cleanTSV replaces tabs, newlines and other control characters with spaces and drops
// invalid UTF-8, so that a field never splits a row.
func cleanTSV(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 || r == 0xFFFD {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}
