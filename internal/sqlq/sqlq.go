// Package sqlq builds the SQL that the SQLite and PostgreSQL stores share: filter
// conditions with their arguments (values only ever travel as arguments), sorting,
// paging, and the event filter, with a Dialect for what the two engines do differently.
package sqlq

import (
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

// Dialect is what an engine does its own way in the event filter.
type Dialect struct {
	// ArticleText adds "col is the row key of an article whose text matches q" (q has
	// words; the engine's full-text search).
	ArticleText func(w *Where, col, q string)
	// ArticleKey is the articles column that events' article column refers to.
	ArticleKey string
}

// Where collects the conditions of a query and their arguments. Conditions are SQL
// written by the stores; values only ever travel as arguments.
type Where struct {
	Conds []string
	Args  []any
}

// Add adds a condition and the arguments of its placeholders.
func (w *Where) Add(cond string, args ...any) {
	w.Conds = append(w.Conds, cond)
	w.Args = append(w.Args, args...)
}

// Eq adds col = v when v is not empty.
func (w *Where) Eq(col, v string) {
	if v != "" {
		w.Add(col+" = ?", v)
	}
}

func (w *Where) SQL() string {
	if len(w.Conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.Conds, " AND ")
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// DateRange adds from <= col <= to for the dates given; a malformed date is Invalid.
func (w *Where) DateRange(op, col, from, to string) error {
	for _, d := range []string{from, to} {
		if d != "" && !dateRE.MatchString(d) {
			return marsad.Errorf(op, marsad.Invalid, "date %q: want YYYY-MM-DD", d)
		}
	}
	if from != "" {
		w.Add(col+" >= ?", from)
	}
	if to != "" {
		w.Add(col+" <= ? AND "+col+" <> ''", to)
	}
	return nil
}

// LikeEscape escapes s for a LIKE pattern with ESCAPE '\'.
func LikeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// OrderBy returns the ORDER BY clause of sort ("field" or "-field") among fields, with
// tie as the last key in the same direction so that pages are stable.
func OrderBy(op, sort, def string, fields map[string]string, tie string) (string, error) {
	if sort == "" {
		sort = def
	}
	dir := " ASC"
	name := sort
	if strings.HasPrefix(sort, "-") {
		dir, name = " DESC", sort[1:]
	}
	col, ok := fields[name]
	if !ok {
		names := make([]string, 0, len(fields))
		for k := range fields {
			names = append(names, k)
		}
		return "", marsad.Errorf(op, marsad.Invalid, "cannot sort by %q (one of %s, - for descending)", name, strings.Join(names, ", "))
	}
	return " ORDER BY " + col + dir + ", " + tie + dir, nil
}

// Paging validates a page request and returns its limit and offset.
func Paging(op string, p marsad.Paging) (limit, offset int, err error) {
	limit = p.Limit
	switch {
	case limit == 0:
		limit = marsad.DefaultLimit
	case limit < 0 || limit > marsad.MaxLimit:
		return 0, 0, marsad.Errorf(op, marsad.Invalid, "limit %d: want 1 to %d", limit, marsad.MaxLimit)
	}
	if p.Cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(p.Cursor)
		if err == nil && strings.HasPrefix(string(b), "o:") {
			offset, err = strconv.Atoi(string(b[2:]))
		}
		if err != nil || offset < 0 || !strings.HasPrefix(string(b), "o:") {
			return 0, 0, marsad.Errorf(op, marsad.Invalid, "bad cursor %q", p.Cursor)
		}
	}
	return limit, offset, nil
}

// NextCursor returns the cursor of the page after the one at offset with n items, or
// "" when it was the last.
func NextCursor(offset, n, total int) string {
	if offset+n >= total || n == 0 {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset+n)))
}

var (
	// keyRE matches an entity key (docs/api.md), which the actor filter takes as is.
	keyRE  = regexp.MustCompile(`^(kb|PERSON|ORG|LOC):.`)
	rootRE = regexp.MustCompile(`^\d{2}$`)
	codeRE = regexp.MustCompile(`^\d{1,4}$`)
)

// EventWhere builds the conditions of an event filter over events e.
func EventWhere(op string, f marsad.EventFilter, d Dialect) (*Where, error) {
	var w Where
	if f.Country != "" {
		w.Add("(e.source_country = ? OR e.target_country = ? OR e.loc_country = ?)", f.Country, f.Country, f.Country)
	}
	w.Eq("e.source_country", f.SourceCountry)
	w.Eq("e.target_country", f.TargetCountry)
	if keyRE.MatchString(f.Actor) {
		w.Add("(e.source_key = ? OR e.target_key = ?)", f.Actor, f.Actor)
	} else if f.Actor != "" {
		if words := arabic.FoldPhrase(f.Actor); words == "" {
			// No words (punctuation, symbols): only a key can match. A LIKE '' would
			// match every actor without a name.
			w.Add("(e.source_key = ? OR e.target_key = ?)", f.Actor, f.Actor)
		} else {
			pat := "%" + LikeEscape(words) + "%"
			w.Add(`(e.source_key = ? OR e.target_key = ? OR e.source_norm LIKE ? ESCAPE '\' OR e.target_norm LIKE ? ESCAPE '\')`,
				f.Actor, f.Actor, pat, pat)
		}
	}
	if f.Entity != "" {
		w.Add("(e.source_key = ? OR e.target_key = ?)", f.Entity, f.Entity)
	}
	if len(f.Roots) > 0 {
		ph := make([]string, len(f.Roots))
		for i, r := range f.Roots {
			if !rootRE.MatchString(r) {
				return nil, marsad.Errorf(op, marsad.Invalid, "root %q: want two digits", r)
			}
			ph[i] = "?"
			w.Args = append(w.Args, r)
		}
		w.Conds = append(w.Conds, "e.root IN ("+strings.Join(ph, ",")+")")
	}
	if f.Code != "" {
		if !codeRE.MatchString(f.Code) {
			return nil, marsad.Errorf(op, marsad.Invalid, "code %q: want a CAMEO code prefix (digits)", f.Code)
		}
		w.Add(`e.code LIKE ? ESCAPE '\'`, LikeEscape(f.Code)+"%")
	}
	w.Eq("e.plover", strings.ToUpper(f.Plover))
	w.Eq("e.mode", f.Mode)
	if f.Quad != 0 {
		if f.Quad < 1 || f.Quad > 4 {
			return nil, marsad.Errorf(op, marsad.Invalid, "quad %d: want 1 to 4", f.Quad)
		}
		w.Add("e.quad = ?", f.Quad)
	}
	if err := w.DateRange(op, "e.date", f.From, f.To); err != nil {
		return nil, err
	}
	w.Eq("e.outlet", f.Outlet)
	if strings.TrimSpace(f.Q) != "" {
		d.ArticleText(&w, "e.article", f.Q)
	}
	if b := f.BBox; b != nil {
		if b.MinLon > b.MaxLon || b.MinLat > b.MaxLat {
			return nil, marsad.Errorf(op, marsad.Invalid, "bbox: min above max")
		}
		w.Add("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?", b.MinLon, b.MaxLon, b.MinLat, b.MaxLat)
	}
	w.Eq("e.story", f.Story)
	if f.Article != "" {
		w.Add("e.article = (SELECT "+d.ArticleKey+" FROM articles WHERE id = ?)", f.Article)
	}
	if f.MinConfidence > 0 {
		w.Add("e.confidence >= ?", f.MinConfidence)
	}
	return &w, nil
}
