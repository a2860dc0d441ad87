package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

const entityCols = `en.key, en.type, en.name, en.country, en.code, en.kb_id, en.role,
	(SELECT count(*) FROM article_entities ae WHERE ae.key = en.key) AS n_articles,
	(SELECT count(*) FROM events e WHERE e.source_key = en.key OR e.target_key = en.key) AS n_events,
	(SELECT count(*) FROM quotes q WHERE q.speaker_key = en.key) AS n_quotes`

func scanEntity(sc pgx.Row) (marsad.EntitySummary, error) {
	var e marsad.EntitySummary
	err := sc.Scan(&e.Key, &e.Type, &e.Name, &e.Country, &e.Code, &e.KBID, &e.Role, &e.Articles, &e.Events, &e.Quotes)
	return e, err
}

// Entities lists the entities named by at least one stored article.
func (s *Store) Entities(ctx context.Context, f marsad.EntityFilter) (*marsad.Page[marsad.EntitySummary], error) {
	const op = "postgres.Entities"
	if err := s.check(op); err != nil {
		return nil, err
	}
	var w where
	w.Add("en.key IN (SELECT key FROM article_entities)")
	if f.Q != "" {
		if norm := arabic.FoldPhrase(f.Q); norm != "" {
			w.Add(`en.norm LIKE ? ESCAPE '\'`, "%"+likeEscape(norm)+"%")
		} else {
			w.Add("FALSE")
		}
	}
	w.Eq("en.type", f.Type)
	w.Eq("en.country", f.Country)
	order, err := orderBy(op, f.Sort, "-articles", map[string]string{
		"articles": "n_articles", "events": "n_events", "quotes": "n_quotes", "name": "en.name",
	}, "en.key")
	if err != nil {
		return nil, err
	}
	limit, offset, err := paging(op, f.Paging)
	if err != nil {
		return nil, err
	}
	page := &marsad.Page[marsad.EntitySummary]{Items: []marsad.EntitySummary{}}
	if err := s.pool.QueryRow(ctx, rebind(`SELECT count(*) FROM entities en`+w.SQL()), w.Args...).Scan(&page.Total); err != nil {
		return nil, dbErr(op, err)
	}
	rows, err := s.pool.Query(ctx, rebind(`SELECT `+entityCols+` FROM entities en`+w.SQL()+order+` LIMIT ? OFFSET ?`), append(w.Args, limit, offset)...)
	if err != nil {
		return nil, dbErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return nil, dbErr(op, err)
		}
		page.Items = append(page.Items, e)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr(op, err)
	}
	page.Next = nextCursor(offset, len(page.Items), page.Total)
	return page, nil
}

// Entity returns one entity by key.
func (s *Store) Entity(ctx context.Context, key string) (*marsad.EntitySummary, error) {
	const op = "postgres.Entity"
	if err := s.check(op); err != nil {
		return nil, err
	}
	e, err := scanEntity(s.pool.QueryRow(ctx, rebind(`SELECT `+entityCols+` FROM entities en WHERE en.key = ?`), key))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, marsad.Errorf(op, marsad.NotFound, "entity %q not found", key)
	}
	if err != nil {
		return nil, dbErr(op, err)
	}
	return &e, nil
}

// Quotes lists quotes.
func (s *Store) Quotes(ctx context.Context, f marsad.QuoteFilter) (*marsad.Page[marsad.QuoteRow], error) {
	const op = "postgres.Quotes"
	if err := s.check(op); err != nil {
		return nil, err
	}
	var w where
	w.Eq("q.speaker_key", f.Speaker)
	fts(&w, "q.tsv", f.Q)
	if err := w.DateRange(op, "a.published", f.From, f.To); err != nil {
		return nil, err
	}
	w.Eq("a.id", f.Article)
	order, err := orderBy(op, f.Sort, "-published", map[string]string{"published": "a.published"}, "q.seq")
	if err != nil {
		return nil, err
	}
	limit, offset, err := paging(op, f.Paging)
	if err != nil {
		return nil, err
	}
	const from = ` FROM quotes q JOIN articles a ON a.seq = q.article`
	page := &marsad.Page[marsad.QuoteRow]{Items: []marsad.QuoteRow{}}
	if err := s.pool.QueryRow(ctx, rebind(`SELECT count(*)`+from+w.SQL()), w.Args...).Scan(&page.Total); err != nil {
		return nil, dbErr(op, err)
	}
	rows, err := s.pool.Query(ctx, rebind(`SELECT q.id, a.id, q.text, q.speaker_key, q.speaker_name, a.published, q.start_, q.end_, q.rule`+
		from+w.SQL()+order+` LIMIT ? OFFSET ?`), append(w.Args, limit, offset)...)
	if err != nil {
		return nil, dbErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var q marsad.QuoteRow
		if err := rows.Scan(&q.ID, &q.Article, &q.Text, &q.SpeakerKey, &q.SpeakerName, &q.Published, &q.Span.Start, &q.Span.End, &q.Rule); err != nil {
			return nil, dbErr(op, err)
		}
		page.Items = append(page.Items, q)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr(op, err)
	}
	page.Next = nextCursor(offset, len(page.Items), page.Total)
	return page, nil
}

const storyCols = `a.story, (SELECT a2.title FROM articles a2 WHERE a2.story = a.story ORDER BY a2.seq LIMIT 1),
	min(a.ingested_at), count(*), count(DISTINCT CASE WHEN a.source = '' THEN 'article:' || a.seq ELSE a.source END)`

func scanStory(sc pgx.Row) (*marsad.Story, error) {
	var st marsad.Story
	var first time.Time
	if err := sc.Scan(&st.ID, &st.Title, &first, &st.NumArticles, &st.NumSources); err != nil {
		return nil, err
	}
	st.FirstSeen = first.UTC()
	return &st, nil
}

// storyArticles fills st.Articles.
func (s *Store) storyArticles(ctx context.Context, st *marsad.Story) error {
	rows, err := s.pool.Query(ctx, rebind(`SELECT `+summaryCols+` FROM articles a WHERE a.story = ? ORDER BY a.seq`), st.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	st.Articles = []marsad.ArticleSummary{}
	for rows.Next() {
		a, err := scanSummary(rows)
		if err != nil {
			return err
		}
		st.Articles = append(st.Articles, a)
	}
	return rows.Err()
}

// Stories lists stories, most recently first seen first.
func (s *Store) Stories(ctx context.Context, f marsad.StoryFilter) (*marsad.Page[marsad.Story], error) {
	const op = "postgres.Stories"
	if err := s.check(op); err != nil {
		return nil, err
	}
	var having where
	if err := having.DateRange(op, "to_char(min(a.ingested_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD')", f.From, f.To); err != nil {
		return nil, err
	}
	order, err := orderBy(op, f.Sort, "-first_seen", map[string]string{"first_seen": "min(a.ingested_at)", "num_articles": "count(*)"}, "a.story")
	if err != nil {
		return nil, err
	}
	limit, offset, err := paging(op, f.Paging)
	if err != nil {
		return nil, err
	}
	h := ""
	if len(having.Conds) > 0 {
		h = " HAVING " + having.SQL()[len(" WHERE "):]
	}
	page := &marsad.Page[marsad.Story]{Items: []marsad.Story{}}
	if err := s.pool.QueryRow(ctx, rebind(`SELECT count(*) FROM (SELECT a.story FROM articles a GROUP BY a.story`+h+`) t`), having.Args...).Scan(&page.Total); err != nil {
		return nil, dbErr(op, err)
	}
	rows, err := s.pool.Query(ctx, rebind(`SELECT `+storyCols+` FROM articles a GROUP BY a.story`+h+order+` LIMIT ? OFFSET ?`), append(having.Args, limit, offset)...)
	if err != nil {
		return nil, dbErr(op, err)
	}
	var items []*marsad.Story
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			rows.Close()
			return nil, dbErr(op, err)
		}
		items = append(items, st)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, dbErr(op, err)
	}
	for _, st := range items {
		if err := s.storyArticles(ctx, st); err != nil {
			return nil, dbErr(op, err)
		}
		page.Items = append(page.Items, *st)
	}
	page.Next = nextCursor(offset, len(page.Items), page.Total)
	return page, nil
}

// Story returns one story with its articles.
func (s *Store) Story(ctx context.Context, id string) (*marsad.Story, error) {
	const op = "postgres.Story"
	if err := s.check(op); err != nil {
		return nil, err
	}
	st, err := scanStory(s.pool.QueryRow(ctx, rebind(`SELECT `+storyCols+` FROM articles a WHERE a.story = ? GROUP BY a.story`), id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, marsad.Errorf(op, marsad.NotFound, "story %q not found", id)
	}
	if err != nil {
		return nil, dbErr(op, err)
	}
	return st, dbErr(op, s.storyArticles(ctx, st))
}

// AddFeed registers a feed.
func (s *Store) AddFeed(ctx context.Context, f *marsad.Feed) error {
	const op = "postgres.AddFeed"
	if f == nil || f.URL == "" {
		return marsad.Errorf(op, marsad.Invalid, "a feed needs a URL")
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		added := f.AddedAt
		if added.IsZero() {
			added = time.Now()
		}
		tag, err := tx.Exec(ctx, `INSERT INTO feeds (url, title, source, etag, last_modified, last_polled, next_poll,
			failures, last_error, articles, added_at, seen, last_success) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
			ON CONFLICT DO NOTHING`,
			f.URL, f.Title, f.Source, f.ETag, f.LastModified, nullTime(f.LastPolled), nullTime(f.NextPoll), f.Failures,
			f.LastError, f.Articles, added.UTC(), seenOf(f.Seen), nullTime(f.LastSuccess))
		if err != nil {
			return dbErr(op, err)
		}
		if tag.RowsAffected() == 0 {
			return marsad.Errorf(op, marsad.Conflict, "feed %s is already registered", f.URL)
		}
		return nil
	})
}

// Feeds lists the registered feeds in the order they were added.
func (s *Store) Feeds(ctx context.Context) ([]marsad.Feed, error) {
	const op = "postgres.Feeds"
	if err := s.check(op); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT url, title, source, etag, last_modified, last_polled, next_poll, failures,
		last_error, articles, added_at, seen, last_success FROM feeds ORDER BY added_at, url`)
	if err != nil {
		return nil, dbErr(op, err)
	}
	defer rows.Close()
	out := []marsad.Feed{}
	for rows.Next() {
		var f marsad.Feed
		var polled, next, success *time.Time
		if err := rows.Scan(&f.URL, &f.Title, &f.Source, &f.ETag, &f.LastModified, &polled, &next, &f.Failures,
			&f.LastError, &f.Articles, &f.AddedAt, &f.Seen, &success); err != nil {
			return nil, dbErr(op, err)
		}
		f.LastPolled, f.NextPoll, f.AddedAt, f.LastSuccess = timeOf(polled), timeOf(next), f.AddedAt.UTC(), timeOf(success)
		out = append(out, f)
	}
	return out, dbErr(op, rows.Err())
}

// UpdateFeed saves a feed's polling state.
func (s *Store) UpdateFeed(ctx context.Context, f *marsad.Feed) error {
	const op = "postgres.UpdateFeed"
	if f == nil || f.URL == "" {
		return marsad.Errorf(op, marsad.Invalid, "a feed needs a URL")
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE feeds SET title = $1, source = $2, etag = $3, last_modified = $4, last_polled = $5,
			next_poll = $6, failures = $7, last_error = $8, articles = $9, seen = $10, last_success = $11 WHERE url = $12`,
			f.Title, f.Source, f.ETag, f.LastModified, nullTime(f.LastPolled), nullTime(f.NextPoll), f.Failures, f.LastError,
			f.Articles, seenOf(f.Seen), nullTime(f.LastSuccess), f.URL)
		if err != nil {
			return dbErr(op, err)
		}
		if tag.RowsAffected() == 0 {
			return marsad.Errorf(op, marsad.NotFound, "feed %s not found", f.URL)
		}
		return nil
	})
}

// seenOf is the seen-items array of a feed (never NULL).
func seenOf(seen []string) []string {
	if seen == nil {
		return []string{}
	}
	return seen
}
