package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marsad-project/marsad"
)

const eventFrom = ` FROM events e JOIN articles a ON a.seq = e.article
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

func scanEvent(sc pgx.Row) (*marsad.EventRow, error) {
	var r marsad.EventRow
	var id string
	var record []byte
	var first time.Time
	if err := sc.Scan(&id, &record, &r.Article, &r.ArticleTitle, &r.Outlet, &r.Published, &r.URL, &r.Story,
		&r.NumArticles, &r.NumSources, &r.NumMentions, &first, &r.SourceKey, &r.TargetKey); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(record, &r.Event); err != nil {
		return nil, marsad.E("postgres.scanEvent", marsad.Internal, err)
	}
	r.ID = id
	r.FirstSeen = first.UTC()
	return &r, nil
}

// Events lists event rows.
func (s *Store) Events(ctx context.Context, f marsad.EventFilter) (*marsad.Page[marsad.EventRow], error) {
	const op = "postgres.Events"
	if err := s.check(op); err != nil {
		return nil, err
	}
	w, err := eventWhere(op, f)
	if err != nil {
		return nil, err
	}
	order, err := orderBy(op, f.Sort, "-date", eventSorts, "e.seq")
	if err != nil {
		return nil, err
	}
	limit, offset, err := paging(op, f.Paging)
	if err != nil {
		return nil, err
	}
	page := &marsad.Page[marsad.EventRow]{Items: []marsad.EventRow{}}
	// The filters name events' own columns only, so counting needs no join.
	if err := s.pool.QueryRow(ctx, rebind(`SELECT count(*) FROM events e`+w.SQL()), w.Args...).Scan(&page.Total); err != nil {
		return nil, dbErr(op, err)
	}
	rows, err := s.pool.Query(ctx, rebind(`SELECT `+eventCols+eventFrom+w.SQL()+order+` LIMIT ? OFFSET ?`), append(w.Args, limit, offset)...)
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
	const op = "postgres.WalkEvents"
	if err := s.check(op); err != nil {
		return err
	}
	w, err := eventWhere(op, f)
	if err != nil {
		return err
	}
	order, err := orderBy(op, f.Sort, "date", eventSorts, "e.seq")
	if err != nil {
		return err
	}
	rows, err := s.pool.Query(ctx, rebind(`SELECT `+eventCols+eventFrom+w.SQL()+order), w.Args...)
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
	const op = "postgres.Event"
	if err := s.check(op); err != nil {
		return nil, err
	}
	r, err := scanEvent(s.pool.QueryRow(ctx, rebind(`SELECT `+eventCols+eventFrom+` WHERE e.id = ?`), id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, marsad.Errorf(op, marsad.NotFound, "event %q not found", id)
	}
	return r, dbErr(op, err)
}

var statKeys = map[string]string{
	"day":     "e.date",
	"country": "CASE WHEN e.loc_country <> '' THEN e.loc_country ELSE e.source_country END",
	"root":    "e.root",
	"quad":    "CAST(e.quad AS TEXT)",
	"outlet":  "e.outlet",
}

// Stats counts events in buckets: by day in date order, the others by count.
func (s *Store) Stats(ctx context.Context, by string, f marsad.EventFilter) ([]marsad.StatBucket, error) {
	const op = "postgres.Stats"
	if err := s.check(op); err != nil {
		return nil, err
	}
	key, ok := statKeys[by]
	if !ok {
		return nil, marsad.Errorf(op, marsad.Invalid, "stats by %q: want day, country, root, quad or outlet", by)
	}
	w, err := eventWhere(op, f)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, rebind(`SELECT `+key+`, e.quad, count(*)`+eventFrom+w.SQL()+` GROUP BY 1, 2`), w.Args...)
	if err != nil {
		return nil, dbErr(op, err)
	}
	defer rows.Close()
	idx := map[string]int{}
	out := []marsad.StatBucket{}
	for rows.Next() {
		var k string
		var quad, n int
		if err := rows.Scan(&k, &quad, &n); err != nil {
			return nil, dbErr(op, err)
		}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, marsad.StatBucket{Key: k, Quad: map[string]int{}})
		}
		out[i].Count += n
		if quad >= 1 && quad <= 4 {
			out[i].Quad[strconv.Itoa(quad)] += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr(op, err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if by == "day" || by == "quad" {
			return out[i].Key < out[j].Key
		}
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// Network returns the actor graph: actors are entity keys, or "country:XXX" for actors
// known by their country only; the f.Limit (default 200) heaviest edges are kept.
func (s *Store) Network(ctx context.Context, f marsad.EventFilter) (*marsad.Network, error) {
	const op = "postgres.Network"
	if err := s.check(op); err != nil {
		return nil, err
	}
	w, err := eventWhere(op, f)
	if err != nil {
		return nil, err
	}
	limit := f.Limit
	if limit == 0 {
		limit = 200
	}
	if limit < 0 || limit > marsad.MaxLimit {
		return nil, marsad.Errorf(op, marsad.Invalid, "limit %d: want 1 to %d", limit, marsad.MaxLimit)
	}
	node := func(side string) string {
		return `CASE WHEN e.` + side + `_key <> '' THEN e.` + side + `_key WHEN e.` + side + `_country <> '' THEN 'country:' || e.` + side + `_country ELSE '' END`
	}
	w.Add(node("source") + " <> ''")
	w.Add(node("target") + " <> ''")
	q := `SELECT ` + node("source") + `, ` + node("target") + `, count(*), avg(e.goldstein),
		max(e.source_country), max(e.target_country)` + eventFrom + w.SQL() + ` GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?`
	rows, err := s.pool.Query(ctx, rebind(q), append(w.Args, limit)...)
	if err != nil {
		return nil, dbErr(op, err)
	}
	net := &marsad.Network{Nodes: []marsad.NetworkNode{}, Edges: []marsad.NetworkEdge{}}
	nodes := map[string]*marsad.NetworkNode{}
	var order []string
	addNode := func(id, country string, n int) {
		nd, ok := nodes[id]
		if !ok {
			nd = &marsad.NetworkNode{ID: id, Name: id, Country: country}
			nodes[id] = nd
			order = append(order, id)
		}
		nd.Count += n
	}
	for rows.Next() {
		var e marsad.NetworkEdge
		var sc, tc string
		if err := rows.Scan(&e.Source, &e.Target, &e.Count, &e.Goldstein, &sc, &tc); err != nil {
			rows.Close()
			return nil, dbErr(op, err)
		}
		net.Edges = append(net.Edges, e)
		addNode(e.Source, sc, e.Count)
		addNode(e.Target, tc, e.Count)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, dbErr(op, err)
	}
	for _, id := range order {
		nd := nodes[id]
		var name, country string
		err := s.pool.QueryRow(ctx, rebind(`SELECT name, country FROM entities WHERE key = ?`), id).Scan(&name, &country)
		switch {
		case err == nil:
			nd.Name = name
			if country != "" {
				nd.Country = country
			}
		case errors.Is(err, pgx.ErrNoRows):
			if len(id) > len("country:") && id[:len("country:")] == "country:" {
				nd.Name = id[len("country:"):]
			}
		default:
			return nil, dbErr(op, err)
		}
		net.Nodes = append(net.Nodes, *nd)
	}
	return net, nil
}
