package postgres

import (
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/sqlq"
)

// where is the shared condition builder (see sqlq).
type where = sqlq.Where

// fts adds "the tsvector column tsv matches every search key of q". A query without
// words matches nothing. The keys go through the same 'simple' parser as the indexed
// keys (plainto_tsquery ANDs them), so both sides are tokenised alike.
func fts(w *where, tsv, q string) {
	if strings.TrimSpace(q) == "" {
		return
	}
	keys := searchKeys(q)
	if keys == "" {
		w.Add("FALSE")
		return
	}
	w.Add(tsv+" @@ plainto_tsquery('simple', ?)", keys)
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

var (
	likeEscape = sqlq.LikeEscape
	orderBy    = sqlq.OrderBy
	paging     = sqlq.Paging
	nextCursor = sqlq.NextCursor
)

// dialect is PostgreSQL's part of the event filter: the articles' tsvector of search keys.
var dialect = sqlq.Dialect{
	ArticleText: func(w *where, col, q string) {
		var sub where
		fts(&sub, "fa.tsv", q)
		w.Add(col+" IN (SELECT fa.seq FROM articles fa"+sub.SQL()+")", sub.Args...)
	},
	ArticleKey: "seq",
}

// eventWhere builds the conditions of an event filter over events e.
func eventWhere(op string, f marsad.EventFilter) (*where, error) {
	return sqlq.EventWhere(op, f, dialect)
}
