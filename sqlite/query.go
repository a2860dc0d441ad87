package sqlite

import (
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/sqlq"
)

// where is the shared condition builder (see sqlq).
type where = sqlq.Where

// fts adds "col IN the rows of table matching q". A query without words matches
// nothing.
func fts(w *where, col, table, q string) {
	if strings.TrimSpace(q) == "" {
		return
	}
	expr := matchExpr(q)
	if expr == "" {
		w.Add("0")
		return
	}
	w.Add(col+" IN (SELECT rowid FROM "+table+" WHERE "+table+" MATCH ?)", expr)
}

// matchExpr turns a user query into an FTS5 expression: every search key of the query
// as a quoted string, all required.
func matchExpr(q string) string {
	keys := arabic.SearchKeys(q)
	seen := make(map[string]bool, len(keys))
	var parts []string
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		parts = append(parts, `"`+strings.ReplaceAll(k, `"`, `""`)+`"`)
	}
	return strings.Join(parts, " ")
}

var (
	likeEscape = sqlq.LikeEscape
	orderBy    = sqlq.OrderBy
	paging     = sqlq.Paging
	nextCursor = sqlq.NextCursor
)

// dialect is SQLite's part of the event filter: FTS5 over the article texts' keys.
var dialect = sqlq.Dialect{
	ArticleText: func(w *where, col, q string) { fts(w, col, "article_fts", q) },
	ArticleKey:  "rowid",
}

// eventWhere builds the conditions of an event filter over events e.
func eventWhere(op string, f marsad.EventFilter) (*where, error) {
	return sqlq.EventWhere(op, f, dialect)
}
