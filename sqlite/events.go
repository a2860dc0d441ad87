package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/internal/sqlq"
)

const eventFrom = ` FROM events e JOIN articles a ON a.rowid = e.article
	LEFT JOIN event_groups g ON g.story = e.story AND g.sig = e.sig`

const eventCols = `e.id, e.record, a.id, a.title, a.source, a.published, a.url, e.story,
	coalesce(g.num_articles, 1), coalesce(g.num_sources, 1), coalesce(g.num_mentions, e.mentions),
	coalesce(g.first_seen, e.ingested_at), e.source_key, e.target_key`

var eventSorts = map[string]string{
	"date":         "e.date",
	"goldstein":    "e.goldstein",
	"confidence":   "e.confidence",
	"num_articles": "coalesce(g.num_articles, 1)",
	"published":    "a.published",
}

func scanEvent(sc interface{ Scan(...any) error }) (*marsad.EventRow, error) {
	var r marsad.EventRow
	var id, record, first string
	if err := sc.Scan(&id, &record, &r.Article, &r.ArticleTitle, &r.Outlet, &r.Published, &r.URL, &r.Story,
		&r.NumArticles, &r.NumSources, &r.NumMentions, &first, &r.SourceKey, &r.TargetKey); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(record), &r.Event); err != nil {
		return nil, marsad.E("sqlite.scanEvent", marsad.Internal, err)
	}
	r.ID = id
	r.FirstSeen = parseTime(first)
	return &r, nil
}

// Events lists event rows.
func (s *Store) Events(ctx context.Context, f marsad.EventFilter) (*marsad.Page[marsad.EventRow], error) {
	const op = "sqlite.Events"
	if err := s.check(op); err != nil {
		return nil, err
	}
	w, err := eventWhere(op, f)
	if err != nil {
		return nil, err
	}
	order, err := orderBy(op, f.Sort, "-date", eventSorts, "e.rowid")
	if err != nil {
		return nil, err
	}
	limit, offset, err := paging(op, f.Paging)
	if err != nil {
		return nil, err
	}
	page := &marsad.Page[marsad.EventRow]{Items: []marsad.EventRow{}}
	// The filters name events' own columns only, so counting needs no join.
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events e`+w.SQL(), w.Args...).Scan(&page.Total); err != nil {
		return nil, dbErr(op, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+eventCols+eventFrom+w.SQL()+order+` LIMIT ? OFFSET ?`, append(w.Args, limit, offset)...)
	if err != nil {
		return nil, dbErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanEvent(rows)
		if err != nil {
			return nil, dbErr(op, err)
		}
		page.Items = append(page.Items, *r)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr(op, err)
	}
	page.Next = nextCursor(offset, len(page.Items), page.Total)
	return page, nil
}

// WalkEvents streams every event row matching f.
func (s *Store) WalkEvents(ctx context.Context, f marsad.EventFilter, fn func(*marsad.EventRow) error) error {
	const op = "sqlite.WalkEvents"
	if err := s.check(op); err != nil {
		return err
	}
	w, err := eventWhere(op, f)
	if err != nil {
		return err
	}
	order, err := orderBy(op, f.Sort, "date", eventSorts, "e.rowid")
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+eventCols+eventFrom+w.SQL()+order, w.Args...)
	if err != nil {
		return dbErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanEvent(rows)
		if err != nil {
			return dbErr(op, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return dbErr(op, rows.Err())
}

// Event returns one event row.
func (s *Store) Event(ctx context.Context, id string) (*marsad.EventRow, error) {
	const op = "sqlite.Event"
	if err := s.check(op); err != nil {
		return nil, err
	}
	r, err := scanEvent(s.db.QueryRowContext(ctx, `SELECT `+eventCols+eventFrom+` WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, marsad.Errorf(op, marsad.NotFound, "event %q not found", id)
	}
	return r, dbErr(op, err)
}

// Stats counts events in buckets: by day in date order, the others by count.
func (s *Store) Stats(ctx context.Context, by string, f marsad.EventFilter) ([]marsad.StatBucket, error) {
	const op = "sqlite.Stats"
	if err := s.check(op); err != nil {
		return nil, err
	}
	w, err := eventWhere(op, f)
	if err != nil {
		return nil, err
	}
	q, err := sqlq.StatsQuery(op, by, eventFrom, w)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, q, w.Args...)
	if err != nil {
		return nil, dbErr(op, err)
	}
	defer rows.Close()
	out, err := sqlq.ReadBuckets(rows, by)
	return out, dbErr(op, err)
}

// Network returns the actor graph (see sqlq.NetworkQuery) with the names of its entities.
func (s *Store) Network(ctx context.Context, f marsad.EventFilter) (*marsad.Network, error) {
	const op = "sqlite.Network"
	if err := s.check(op); err != nil {
		return nil, err
	}
	w, err := eventWhere(op, f)
	if err != nil {
		return nil, err
	}
	q, args, err := sqlq.NetworkQuery(op, eventFrom, f, w)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, dbErr(op, err)
	}
	net, err := sqlq.ReadNetwork(rows)
	rows.Close()
	if err != nil {
		return nil, dbErr(op, err)
	}
	for i := range net.Nodes {
		nd := &net.Nodes[i]
		var name, country string
		err := s.db.QueryRowContext(ctx, `SELECT name, country FROM entities WHERE key = ?`, nd.ID).Scan(&name, &country)
		switch {
		case err == nil:
			nd.Name = name
			if country != "" {
				nd.Country = country
			}
		case errors.Is(err, sql.ErrNoRows):
		default:
			return nil, dbErr(op, err)
		}
	}
	return net, nil
}
