package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

// PutArticle stores a new article with its annotations in one transaction.
func (s *Store) PutArticle(ctx context.Context, a *marsad.StoredArticle) (string, bool, error) {
	const op = "sqlite.PutArticle"
	if a == nil || a.ID == "" || a.Hash == "" {
		return "", false, marsad.Errorf(op, marsad.Invalid, "an article needs an id and a content hash")
	}
	meta := *a
	if rec := a.Record; rec != nil {
		fill(&meta.Title, rec.Title)
		fill(&meta.Published, rec.Published)
		fill(&meta.Source, rec.Source)
		fill(&meta.URL, rec.URL)
		fill(&meta.Author, rec.Author)
	}
	if meta.Story == "" {
		meta.Story = "s-" + a.Hash[:min(12, len(a.Hash))]
	}
	if meta.IngestedAt.IsZero() {
		meta.IngestedAt = time.Now()
	}
	var id string
	var dup bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		var have, haveHash string
		err := tx.QueryRowContext(ctx, `SELECT id, hash FROM articles WHERE hash = ? OR id = ? ORDER BY hash = ? DESC LIMIT 1`, a.Hash, a.ID, a.Hash).Scan(&have, &haveHash)
		switch {
		case err == nil && haveHash == a.Hash:
			id, dup = have, true
			return nil
		case err == nil:
			return marsad.Errorf(op, marsad.Conflict, "article id %q is taken by other content", a.ID)
		case !errors.Is(err, sql.ErrNoRows):
			return dbErr(op, err)
		}
		var record any
		codedAt := ""
		if meta.Record != nil {
			b, err := json.Marshal(meta.Record)
			if err != nil {
				return marsad.E(op, marsad.Invalid, err)
			}
			record = string(b)
			codedAt = fmtTime(meta.CodedAt)
			if codedAt == "" {
				codedAt = now()
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO articles (id, hash, story, title, published, source, url, author,
			content_type, raw, text, record, ingested_at, coded_at, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			a.ID, a.Hash, meta.Story, meta.Title, meta.Published, meta.Source, meta.URL, meta.Author,
			meta.ContentType, meta.Raw, meta.Text, record, fmtTime(meta.IngestedAt), codedAt, meta.Fingerprint)
		if err != nil {
			return dbErr(op, err)
		}
		rowid, err := res.LastInsertId()
		if err != nil {
			return dbErr(op, err)
		}
		keys := strings.Join(arabic.SearchKeys(meta.Title+"\n"+meta.Text), " ")
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_fts (rowid, keys) VALUES (?, ?)`, rowid, keys); err != nil {
			return dbErr(op, err)
		}
		if meta.Record != nil {
			art := articleCtx{rowid: rowid, id: a.ID, story: meta.Story, outlet: meta.Source, published: meta.Published, ingested: fmtTime(meta.IngestedAt)}
			if err := s.writeAnnotations(ctx, tx, art, meta.Record, nil); err != nil {
				return err
			}
		}
		id = a.ID
		return nil
	})
	if err != nil {
		return "", false, err
	}
	return id, dup, nil
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// articleCtx is what the annotation writer needs to know of the article.
type articleCtx struct {
	rowid                                  int64
	id, story, outlet, published, ingested string
}

// writeAnnotations inserts rec's entities, mentions, quotes and events for the article,
// updates its counts and record, and refreshes the event groups of the signatures in
// oldSigs and in rec.
func (s *Store) writeAnnotations(ctx context.Context, tx *sql.Tx, art articleCtx, rec *marsad.Article, oldSigs map[string]bool) error {
	const op = "sqlite.writeAnnotations"
	// The inserts repeat per entity, mention, quote and event: prepare each once.
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	exec := func(q string, args ...any) (sql.Result, error) {
		st, ok := stmts[q]
		if !ok {
			var err error
			if st, err = tx.PrepareContext(ctx, q); err != nil {
				return nil, err
			}
			stmts[q] = st
		}
		return st.ExecContext(ctx, args...)
	}
	keyOf := make(map[string]string, len(rec.Entities))
	for i := range rec.Entities {
		e := &rec.Entities[i]
		key := marsad.EntityKey(e, arabic.FoldPhrase)
		keyOf[e.ID] = key
		if _, err := exec(`INSERT INTO entities (key, type, name, norm, country, code, kb_id, role)
			VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET
			role = CASE WHEN excluded.role <> '' THEN excluded.role ELSE entities.role END,
			country = CASE WHEN entities.country = '' THEN excluded.country ELSE entities.country END,
			code = CASE WHEN entities.code = '' THEN excluded.code ELSE entities.code END`,
			key, e.Type, e.Name, arabic.FoldPhrase(e.Name), e.Country, e.Code, e.KBID, e.Role); err != nil {
			return dbErr(op, err)
		}
		if _, err := exec(`INSERT INTO article_entities (article, local_id, key, n_mentions) VALUES (?,?,?,?)
			ON CONFLICT(article, local_id) DO NOTHING`, art.rowid, e.ID, key, len(e.Mentions)); err != nil {
			return dbErr(op, err)
		}
		for _, m := range e.Mentions {
			if _, err := exec(`INSERT INTO mentions (article, key, start, end, text, rule) VALUES (?,?,?,?,?,?)`,
				art.rowid, key, m.Start, m.End, m.Text, m.Rule); err != nil {
				return dbErr(op, err)
			}
		}
	}
	for i, q := range rec.Quotes {
		res, err := exec(`INSERT INTO quotes (id, article, start, end, text, speaker_key, speaker_name, rule)
			VALUES (?,?,?,?,?,?,?,?)`, fmt.Sprintf("%s:q%d", art.id, i+1), art.rowid, q.Start, q.End, q.Text,
			keyOf[q.Speaker], q.SpeakerName, q.Rule)
		if err != nil {
			return dbErr(op, err)
		}
		qid, _ := res.LastInsertId()
		if _, err := exec(`INSERT INTO quote_fts (rowid, keys) VALUES (?, ?)`, qid,
			strings.Join(arabic.SearchKeys(q.Text), " ")); err != nil {
			return dbErr(op, err)
		}
	}
	sigs := make(map[string]bool, len(oldSigs)+len(rec.Events))
	for k := range oldSigs {
		sigs[k] = true
	}
	for i := range rec.Events {
		ev := &rec.Events[i]
		b, err := json.Marshal(ev)
		if err != nil {
			return marsad.E(op, marsad.Invalid, err)
		}
		date := ev.Date
		if date == "" {
			date = art.published
		}
		sig := ev.Code + "|" + ev.Source.Country + "|" + ev.Target.Country + "|" + date
		sigs[sig] = true
		var lat, lon any
		locCountry := ""
		if ev.Location != nil {
			locCountry = ev.Location.Country
			if ev.Location.Lat != nil && ev.Location.Lon != nil {
				lat, lon = *ev.Location.Lat, *ev.Location.Lon
			}
		}
		mentions := max(ev.Mentions, 1)
		if _, err := exec(`INSERT INTO events (id, article, story, sig, code, root, quad, goldstein, plover, mode,
			date, source_country, target_country, loc_country, source_key, target_key, source_norm, target_norm, lat, lon,
			confidence, mentions, outlet, ingested_at, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text,
			pattern, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			art.id+":"+ev.ID, art.rowid, art.story, sig, ev.Code, ev.Root, ev.QuadClass, ev.Goldstein, ev.Plover.Event, ev.Mode,
			date, ev.Source.Country, ev.Target.Country, locCountry, keyOf[ev.Source.Entity], keyOf[ev.Target.Entity],
			arabic.FoldPhrase(ev.Source.Name), arabic.FoldPhrase(ev.Target.Name), lat, lon,
			ev.Confidence, mentions, art.outlet, art.ingested, ev.Evidence.Sentence.Start, ev.Evidence.Sentence.End,
			ev.Evidence.Trigger.Start, ev.Evidence.Trigger.End, ev.Evidence.Trigger.Text, ev.Evidence.Pattern, string(b)); err != nil {
			return dbErr(op, err)
		}
	}
	for sig := range sigs {
		if err := refreshGroup(exec, art.story, sig); err != nil {
			return err
		}
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return marsad.E(op, marsad.Invalid, err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE articles SET record = ?, coder_version = ?, kb_version = ?, n_events = ?,
		n_entities = ?, n_quotes = ?, coded_at = ? WHERE rowid = ?`, string(b), rec.Coder.Version, rec.Coder.KBVersion,
		len(rec.Events), len(rec.Entities), len(rec.Quotes), now(), art.rowid)
	return dbErr(op, err)
}

// refreshGroup recomputes the GDELT-style counts of one event of a story.
func refreshGroup(exec func(string, ...any) (sql.Result, error), story, sig string) error {
	const op = "sqlite.refreshGroup"
	if _, err := exec(`DELETE FROM event_groups WHERE story = ? AND sig = ?`, story, sig); err != nil {
		return dbErr(op, err)
	}
	_, err := exec(`INSERT INTO event_groups (story, sig, num_articles, num_sources, num_mentions, first_seen)
		SELECT story, sig, count(DISTINCT article), count(DISTINCT CASE WHEN outlet = '' THEN 'article:' || article ELSE outlet END),
		sum(mentions), min(ingested_at) FROM events WHERE story = ? AND sig = ? GROUP BY story, sig`, story, sig)
	return dbErr(op, err)
}

// Recode replaces the annotations of a stored article atomically.
func (s *Store) Recode(ctx context.Context, id string, rec *marsad.Article) error {
	const op = "sqlite.Recode"
	if rec == nil {
		return marsad.Errorf(op, marsad.Invalid, "no record")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var art articleCtx
		err := tx.QueryRowContext(ctx, `SELECT rowid, id, story, source, published, ingested_at FROM articles WHERE id = ?`, id).
			Scan(&art.rowid, &art.id, &art.story, &art.outlet, &art.published, &art.ingested)
		if errors.Is(err, sql.ErrNoRows) {
			return marsad.Errorf(op, marsad.NotFound, "article %q not found", id)
		}
		if err != nil {
			return dbErr(op, err)
		}
		if art.published == "" && rec.Published != "" {
			art.published = rec.Published
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET published = ? WHERE rowid = ?`, rec.Published, art.rowid); err != nil {
				return dbErr(op, err)
			}
		}
		old := map[string]bool{}
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT sig FROM events WHERE article = ?`, art.rowid)
		if err != nil {
			return dbErr(op, err)
		}
		for rows.Next() {
			var sig string
			if err := rows.Scan(&sig); err != nil {
				rows.Close()
				return dbErr(op, err)
			}
			old[sig] = true
		}
		rows.Close()
		for _, q := range []string{
			`DELETE FROM quote_fts WHERE rowid IN (SELECT rowid FROM quotes WHERE article = ?)`,
			`DELETE FROM quotes WHERE article = ?`,
			`DELETE FROM events WHERE article = ?`,
			`DELETE FROM mentions WHERE article = ?`,
			`DELETE FROM article_entities WHERE article = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, art.rowid); err != nil {
				return dbErr(op, err)
			}
		}
		return s.writeAnnotations(ctx, tx, art, rec, old)
	})
}

// ArticleByHash returns the id of the article with this content hash.
func (s *Store) ArticleByHash(ctx context.Context, hash string) (string, error) {
	const op = "sqlite.ArticleByHash"
	if err := s.check(op); err != nil {
		return "", err
	}
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT id FROM articles WHERE hash = ?`, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", marsad.Errorf(op, marsad.NotFound, "no article with hash %q", hash)
	}
	return id, dbErr(op, err)
}

const articleCols = `id, hash, story, title, published, source, url, author, content_type, raw, text, record, ingested_at, coded_at, fingerprint`

func scanArticle(sc interface{ Scan(...any) error }) (*marsad.StoredArticle, error) {
	var a marsad.StoredArticle
	var record sql.NullString
	var ingested, coded string
	if err := sc.Scan(&a.ID, &a.Hash, &a.Story, &a.Title, &a.Published, &a.Source, &a.URL, &a.Author,
		&a.ContentType, &a.Raw, &a.Text, &record, &ingested, &coded, &a.Fingerprint); err != nil {
		return nil, err
	}
	a.IngestedAt, a.CodedAt = parseTime(ingested), parseTime(coded)
	if record.Valid {
		a.Record = new(marsad.Article)
		if err := json.Unmarshal([]byte(record.String), a.Record); err != nil {
			return nil, marsad.E("sqlite.scanArticle", marsad.Internal, err)
		}
	}
	return &a, nil
}

// Article returns one stored article.
func (s *Store) Article(ctx context.Context, id string) (*marsad.StoredArticle, error) {
	const op = "sqlite.Article"
	if err := s.check(op); err != nil {
		return nil, err
	}
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleCols+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, marsad.Errorf(op, marsad.NotFound, "article %q not found", id)
	}
	return a, dbErr(op, err)
}

// WalkArticles calls fn for every article in ingestion order. It reads in batches so
// that fn may write to the store.
func (s *Store) WalkArticles(ctx context.Context, fn func(*marsad.StoredArticle) error) error {
	const op = "sqlite.WalkArticles"
	if err := s.check(op); err != nil {
		return err
	}
	var last int64
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT rowid, `+articleCols+` FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 64`, last)
		if err != nil {
			return dbErr(op, err)
		}
		var batch []*marsad.StoredArticle
		for rows.Next() {
			var a *marsad.StoredArticle
			a, err = scanArticle(scanFunc(func(dest ...any) error {
				return rows.Scan(append([]any{&last}, dest...)...)
			}))
			if err != nil {
				break
			}
			batch = append(batch, a)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
		if err != nil {
			return dbErr(op, err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, a := range batch {
			if err := fn(a); err != nil {
				return err
			}
		}
	}
}

type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// Articles lists article summaries.
func (s *Store) Articles(ctx context.Context, f marsad.ArticleFilter) (*marsad.Page[marsad.ArticleSummary], error) {
	const op = "sqlite.Articles"
	if err := s.check(op); err != nil {
		return nil, err
	}
	var w where
	if err := w.DateRange(op, "a.published", f.From, f.To); err != nil {
		return nil, err
	}
	w.Eq("a.source", f.Outlet)
	w.Eq("a.story", f.Story)
	if f.Entity != "" {
		w.Add("a.rowid IN (SELECT article FROM article_entities WHERE key = ?)", f.Entity)
	}
	fts(&w, "a.rowid", "article_fts", f.Q)
	order, err := orderBy(op, f.Sort, "-published", map[string]string{"published": "a.published", "ingested_at": "a.rowid", "events": "a.n_events"}, "a.rowid")
	if err != nil {
		return nil, err
	}
	limit, offset, err := paging(op, f.Paging)
	if err != nil {
		return nil, err
	}
	page := &marsad.Page[marsad.ArticleSummary]{Items: []marsad.ArticleSummary{}}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles a`+w.SQL(), w.Args...).Scan(&page.Total); err != nil {
		return nil, dbErr(op, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryCols+` FROM articles a`+w.SQL()+order+` LIMIT ? OFFSET ?`,
		append(w.Args, limit, offset)...)
	if err != nil {
		return nil, dbErr(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		sum, err := scanSummary(rows)
		if err != nil {
			return nil, dbErr(op, err)
		}
		page.Items = append(page.Items, sum)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr(op, err)
	}
	page.Next = nextCursor(offset, len(page.Items), page.Total)
	return page, nil
}

const summaryCols = `a.id, a.title, a.published, a.source, a.url, a.story, a.n_events, a.n_entities, a.n_quotes, a.ingested_at`

func scanSummary(sc interface{ Scan(...any) error }) (marsad.ArticleSummary, error) {
	var a marsad.ArticleSummary
	var ingested string
	err := sc.Scan(&a.ID, &a.Title, &a.Published, &a.Source, &a.URL, &a.Story, &a.Events, &a.Entities, &a.Quotes, &ingested)
	a.IngestedAt = parseTime(ingested)
	return a, err
}

// Counts returns the numbers of stored articles and events.
func (s *Store) Counts(ctx context.Context) (marsad.Counts, error) {
	const op = "sqlite.Counts"
	var c marsad.Counts
	if err := s.check(op); err != nil {
		return c, err
	}
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)`).Scan(&c.Articles, &c.Events)
	return c, dbErr(op, err)
}

// MergeStories moves the articles of the stories from into to and recomputes the
// event groups of the merged story.
func (s *Store) MergeStories(ctx context.Context, to string, from []string) error {
	const op = "sqlite.MergeStories"
	if to == "" {
		return marsad.Errorf(op, marsad.Invalid, "no target story")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, f := range from {
			if f == to || f == "" {
				continue
			}
			for _, q := range []string{
				`UPDATE articles SET story = ? WHERE story = ?`,
				`UPDATE events SET story = ? WHERE story = ?`,
			} {
				if _, err := tx.ExecContext(ctx, q, to, f); err != nil {
					return dbErr(op, err)
				}
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM event_groups WHERE story = ?`, f); err != nil {
				return dbErr(op, err)
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT sig FROM events WHERE story = ?`, to)
		if err != nil {
			return dbErr(op, err)
		}
		var sigs []string
		for rows.Next() {
			var sig string
			if err := rows.Scan(&sig); err != nil {
				rows.Close()
				return dbErr(op, err)
			}
			sigs = append(sigs, sig)
		}
		rows.Close()
		exec := func(q string, args ...any) (sql.Result, error) { return tx.ExecContext(ctx, q, args...) }
		for _, sig := range sigs {
			if err := refreshGroup(exec, to, sig); err != nil {
				return err
			}
		}
		return nil
	})
}
