package postgres

import (
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

// where collects the conditions of a query and their arguments. Conditions are SQL
// written in this package; values only ever travel as arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// eq adds col = v when v is not empty.
func (w *where) eq(col, v string) {
	if v != "" {
		w.add(col+" = ?", v)
	}
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// dateRange adds from <= col <= to for the dates given; a malformed date is Invalid.
func (w *where) dateRange(op, col, from, to string) error {
	for _, d := range []string{from, to} {
		if d != "" && !dateRE.MatchString(d) {
			return marsad.Errorf(op, marsad.Invalid, "date %q: want YYYY-MM-DD", d)
		}
	}
	if from != "" {
		w.add(col+" >= ?", from)
	}
	if to != "" {
		w.add(col+" <= ? AND "+col+" <> ''", to)
	}
	return nil
}

// fts adds "the tsvector column tsv matches every search key of q". A query without
// words matches nothing. The keys go through the same 'simple' parser as the indexed
// keys (plainto_tsquery ANDs them), so both sides are tokenised alike.
func (w *where) fts(tsv, q string) {
	if strings.TrimSpace(q) == "" {
		return
	}
	keys := searchKeys(q)
	if keys == "" {
		w.add("FALSE")
		return
	}
	w.add(tsv+" @@ plainto_tsquery('simple', ?)", keys)
}

// searchKeys returns the distinct search keys of q, space-separated.
func searchKeys(q string) string {
	keys := arabic.SearchKeys(q)
	seen := make(map[string]bool, len(keys))
	var parts []string
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		parts = append(parts, k)
	}
	return strings.Join(parts, " ")
}

// likeEscape escapes s for a LIKE pattern with ESCAPE '\'.
func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// orderBy returns the ORDER BY clause of sort ("field" or "-field") among fields, with
// tie as the last key in the same direction so that pages are stable.
func orderBy(op, sort, def string, fields map[string]string, tie string) (string, error) {
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

// paging validates a page request and returns its limit and offset.
func paging(op string, p marsad.Paging) (limit, offset int, err error) {
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

// nextCursor returns the cursor of the page after the one at offset with n items, or
// "" when it was the last.
func nextCursor(offset, n, total int) string {
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

// eventWhere builds the conditions of an event filter over events e.
func eventWhere(op string, f marsad.EventFilter) (*where, error) {
	var w where
	if f.Country != "" {
		w.add("(e.source_country = ? OR e.target_country = ? OR e.loc_country = ?)", f.Country, f.Country, f.Country)
	}
	w.eq("e.source_country", f.SourceCountry)
	w.eq("e.target_country", f.TargetCountry)
	if keyRE.MatchString(f.Actor) {
		w.add("(e.source_key = ? OR e.target_key = ?)", f.Actor, f.Actor)
	} else if f.Actor != "" {
		if words := arabic.FoldPhrase(f.Actor); words == "" {
			// No words (punctuation, symbols): only a key can match. A LIKE '' would
			// match every actor without a name.
			w.add("(e.source_key = ? OR e.target_key = ?)", f.Actor, f.Actor)
		} else {
			pat := "%" + likeEscape(words) + "%"
			w.add(`(e.source_key = ? OR e.target_key = ? OR e.source_norm LIKE ? ESCAPE '\' OR e.target_norm LIKE ? ESCAPE '\')`,
				f.Actor, f.Actor, pat, pat)
		}
	}
	if f.Entity != "" {
		w.add("(e.source_key = ? OR e.target_key = ?)", f.Entity, f.Entity)
	}
	if len(f.Roots) > 0 {
		ph := make([]string, len(f.Roots))
		for i, r := range f.Roots {
			if !rootRE.MatchString(r) {
				return nil, marsad.Errorf(op, marsad.Invalid, "root %q: want two digits", r)
			}
			ph[i] = "?"
			w.args = append(w.args, r)
		}
		w.conds = append(w.conds, "e.root IN ("+strings.Join(ph, ",")+")")
	}
	if f.Code != "" {
		if !codeRE.MatchString(f.Code) {
			return nil, marsad.Errorf(op, marsad.Invalid, "code %q: want a CAMEO code prefix (digits)", f.Code)
		}
		w.add(`e.code LIKE ? ESCAPE '\'`, likeEscape(f.Code)+"%")
	}
	w.eq("e.plover", strings.ToUpper(f.Plover))
	w.eq("e.mode", f.Mode)
	if f.Quad != 0 {
		if f.Quad < 1 || f.Quad > 4 {
			return nil, marsad.Errorf(op, marsad.Invalid, "quad %d: want 1 to 4", f.Quad)
		}
		w.add("e.quad = ?", f.Quad)
	}
	if err := w.dateRange(op, "e.date", f.From, f.To); err != nil {
		return nil, err
	}
	w.eq("e.outlet", f.Outlet)
	if strings.TrimSpace(f.Q) != "" {
		var sub where
		sub.fts("fa.tsv", f.Q)
		w.add("e.article IN (SELECT fa.seq FROM articles fa"+sub.sql()+")", sub.args...)
	}
	if b := f.BBox; b != nil {
		if b.MinLon > b.MaxLon || b.MinLat > b.MaxLat {
			return nil, marsad.Errorf(op, marsad.Invalid, "bbox: min above max")
		}
		w.add("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?", b.MinLon, b.MaxLon, b.MinLat, b.MaxLat)
	}
	w.eq("e.story", f.Story)
	if f.Article != "" {
		w.add("e.article = (SELECT seq FROM articles WHERE id = ?)", f.Article)
	}
	if f.MinConfidence > 0 {
		w.add("e.confidence >= ?", f.MinConfidence)
	}
	return &w, nil
}
