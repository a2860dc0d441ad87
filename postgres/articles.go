package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

// PutArticle stores a new article with its annotations in one transaction. The insert
// is keyed by the content hash (ON CONFLICT DO NOTHING), so writers racing with the
// same article — a redelivered message next to its first delivery — store it once.
func (s *Store) PutArticle(ctx context.Context, a *marsad.StoredArticle) (string, bool, error) {
	const op = "postgres.PutArticle"
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
	var record []byte
	var codedAt any
	if meta.Record != nil {
		b, err := json.Marshal(meta.Record)
		if err != nil {
			return "", false, marsad.E(op, marsad.Invalid, err)
		}
		record = b
		codedAt = nullTime(meta.CodedAt)
		if codedAt == nil {
			codedAt = time.Now().UTC()
		}
	}
	keys := strings.Join(arabic.SearchKeys(meta.Title+"\n"+meta.Text), " ")
	var id string
	var dup bool
	err := s.write(ctx, func(tx pgx.Tx) error {
		id, dup = "", false
		if meta.Record != nil {
			// Annotation writers of one story take turns (event group counts).
			if err := lockStories(ctx, tx, meta.Story); err != nil {
				return err
			}
		}
		var seq int64
		err := tx.QueryRow(ctx, `INSERT INTO articles (id, hash, story, title, published, source, url, author,
			content_type, raw, text, record, ingested_at, coded_at, fingerprint, search_keys)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) ON CONFLICT DO NOTHING RETURNING seq`,
			a.ID, a.Hash, meta.Story, meta.Title, meta.Published, meta.Source, meta.URL, meta.Author,
			meta.ContentType, meta.Raw, meta.Text, record, meta.IngestedAt.UTC(), codedAt, meta.Fingerprint, keys).Scan(&seq)
		if errors.Is(err, pgx.ErrNoRows) {
			var have, haveHash string
			err := tx.QueryRow(ctx, `SELECT id, hash FROM articles WHERE hash = $1 OR id = $2 ORDER BY hash = $1 DESC LIMIT 1`,
				a.Hash, a.ID).Scan(&have, &haveHash)
			switch {
			case err == nil && haveHash == a.Hash:
				id, dup = have, true
				return nil
			case err == nil:
				return marsad.Errorf(op, marsad.Conflict, "article id %q is taken by other content", a.ID)
			default:
				return dbErr(op, err)
			}
		}
		if err != nil {
			return dbErr(op, err)
		}
		if meta.Record != nil {
			art := articleCtx{seq: seq, id: a.ID, story: meta.Story, outlet: meta.Source, published: meta.Published, ingested: meta.IngestedAt.UTC()}
			if err := writeAnnotations(ctx, tx, art, meta.Record, nil); err != nil {
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

// lockStories takes the transaction-scoped advisory locks of stories, in a fixed
// order: writers of the same story's event groups take turns, others run in parallel.
func lockStories(ctx context.Context, tx pgx.Tx, stories ...string) error {
	stories = append([]string(nil), stories...)
	sort.Strings(stories)
	for _, st := range stories {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('marsad.story.' || $1))`, st); err != nil {
			return dbErr("postgres.lockStories", err)
		}
	}
	return nil
}

// articleCtx is what the annotation writer needs to know of the article.
type articleCtx struct {
	seq                          int64
	id, story, outlet, published string
	ingested                     time.Time
}

// writeAnnotations inserts rec's entities, mentions, quotes and events for the article,
// updates its counts and record, and refreshes the event groups of the signatures in
// oldSigs and in rec. The statements go in one pipelined batch.
func writeAnnotations(ctx context.Context, tx pgx.Tx, art articleCtx, rec *marsad.Article, oldSigs map[string]bool) error {
	const op = "postgres.writeAnnotations"
	b := &pgx.Batch{}
	keyOf := make(map[string]string, len(rec.Entities))
	// Entities are upserted in key order, so that concurrent writers lock them in the
	// same order and cannot deadlock.
	order := make([]int, len(rec.Entities))
	for i := range rec.Entities {
		order[i] = i
		keyOf[rec.Entities[i].ID] = marsad.EntityKey(&rec.Entities[i], arabic.FoldPhrase)
	}
	sort.SliceStable(order, func(i, j int) bool {
		return keyOf[rec.Entities[order[i]].ID] < keyOf[rec.Entities[order[j]].ID]
	})
	upserted := map[string]bool{}
	for _, i := range order {
		e := &rec.Entities[i]
		key := keyOf[e.ID]
		if !upserted[key] {
			upserted[key] = true
			b.Queue(`INSERT INTO entities (key, type, name, norm, country, code, kb_id, role)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (key) DO UPDATE SET
			role = CASE WHEN excluded.role <> '' THEN excluded.role ELSE entities.role END,
			country = CASE WHEN entities.country = '' THEN excluded.country ELSE entities.country END,
			code = CASE WHEN entities.code = '' THEN excluded.code ELSE entities.code END
			WHERE (excluded.role <> '' AND excluded.role <> entities.role) OR (entities.country = '' AND excluded.country <> '')
			   OR (entities.code = '' AND excluded.code <> '')`,
				key, e.Type, e.Name, arabic.FoldPhrase(e.Name), e.Country, e.Code, e.KBID, e.Role)
		}
	}
	for i := range rec.Entities {
		e := &rec.Entities[i]
		key := keyOf[e.ID]
		b.Queue(`INSERT INTO article_entities (article, local_id, key, n_mentions) VALUES ($1,$2,$3,$4)
			ON CONFLICT (article, local_id) DO NOTHING`, art.seq, e.ID, key, len(e.Mentions))
		for _, m := range e.Mentions {
			b.Queue(`INSERT INTO mentions (article, key, start_, end_, text, rule) VALUES ($1,$2,$3,$4,$5,$6)`,
				art.seq, key, m.Start, m.End, m.Text, m.Rule)
		}
	}
	for i, q := range rec.Quotes {
		b.Queue(`INSERT INTO quotes (id, article, start_, end_, text, speaker_key, speaker_name, rule, search_keys)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, fmt.Sprintf("%s:q%d", art.id, i+1), art.seq, q.Start, q.End, q.Text,
			keyOf[q.Speaker], q.SpeakerName, q.Rule, strings.Join(arabic.SearchKeys(q.Text), " "))
	}
	sigs := make(map[string]bool, len(oldSigs)+len(rec.Events))
	for k := range oldSigs {
		sigs[k] = true
	}
	for i := range rec.Events {
		ev := &rec.Events[i]
		js, err := json.Marshal(ev)
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
		b.Queue(`INSERT INTO events (id, article, story, sig, code, root, quad, goldstein, plover, mode,
			date, source_country, target_country, loc_country, source_key, target_key, source_norm, target_norm, lat, lon,
			confidence, mentions, outlet, ingested_at, sentence_start, sentence_end, trigger_start, trigger_end, trigger_text,
			pattern, record) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31)`,
			art.id+":"+ev.ID, art.seq, art.story, sig, ev.Code, ev.Root, ev.QuadClass, ev.Goldstein, ev.Plover.Event, ev.Mode,
			date, ev.Source.Country, ev.Target.Country, locCountry, keyOf[ev.Source.Entity], keyOf[ev.Target.Entity],
			arabic.FoldPhrase(ev.Source.Name), arabic.FoldPhrase(ev.Target.Name), lat, lon,
			ev.Confidence, max(ev.Mentions, 1), art.outlet, art.ingested, ev.Evidence.Sentence.Start, ev.Evidence.Sentence.End,
			ev.Evidence.Trigger.Start, ev.Evidence.Trigger.End, ev.Evidence.Trigger.Text, ev.Evidence.Pattern, js)
	}
	sorted := make([]string, 0, len(sigs))
	for sig := range sigs {
		sorted = append(sorted, sig)
	}
	sort.Strings(sorted)
	for _, sig := range sorted {
		queueRefreshGroup(b, art.story, sig)
	}
	js, err := json.Marshal(rec)
	if err != nil {
		return marsad.E(op, marsad.Invalid, err)
	}
	b.Queue(`UPDATE articles SET record = $1, coder_version = $2, kb_version = $3, n_events = $4,
		n_entities = $5, n_quotes = $6, coded_at = now() WHERE seq = $7`, js, rec.Coder.Version, rec.Coder.KBVersion,
		len(rec.Events), len(rec.Entities), len(rec.Quotes), art.seq)
	return dbErr(op, tx.SendBatch(ctx, b).Close())
}

// queueRefreshGroup queues the recomputation of the GDELT-style counts of one event of
// a story.
func queueRefreshGroup(b *pgx.Batch, story, sig string) {
	b.Queue(`DELETE FROM event_groups WHERE story = $1 AND sig = $2`, story, sig)
	b.Queue(`INSERT INTO event_groups (story, sig, num_articles, num_sources, num_mentions, first_seen)
		SELECT story, sig, count(DISTINCT article), count(DISTINCT CASE WHEN outlet = '' THEN 'article:' || article ELSE outlet END),
		sum(mentions), min(ingested_at) FROM events WHERE story = $1 AND sig = $2 GROUP BY story, sig`, story, sig)
}

// Recode replaces the annotations of a stored article atomically.
func (s *Store) Recode(ctx context.Context, id string, rec *marsad.Article) error {
	const op = "postgres.Recode"
	if rec == nil {
		return marsad.Errorf(op, marsad.Invalid, "no record")
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		var story string
		err := tx.QueryRow(ctx, `SELECT story FROM articles WHERE id = $1`, id).Scan(&story)
		if errors.Is(err, pgx.ErrNoRows) {
			return marsad.Errorf(op, marsad.NotFound, "article %q not found", id)
		}
		if err != nil {
			return dbErr(op, err)
		}
		if err := lockStories(ctx, tx, story); err != nil {
			return err
		}
		var art articleCtx
		// FOR UPDATE: a second Recode of the same article waits for this one.
		err = tx.QueryRow(ctx, `SELECT seq, id, story, source, published, ingested_at FROM articles WHERE id = $1 FOR UPDATE`, id).
			Scan(&art.seq, &art.id, &art.story, &art.outlet, &art.published, &art.ingested)
		if err != nil {
			return dbErr(op, err)
		}
		if art.story != story { // merged meanwhile: lock the new story too
			if err := lockStories(ctx, tx, art.story); err != nil {
				return err
			}
		}
		if art.published == "" && rec.Published != "" {
			art.published = rec.Published
			if _, err := tx.Exec(ctx, `UPDATE articles SET published = $1 WHERE seq = $2`, rec.Published, art.seq); err != nil {
				return dbErr(op, err)
			}
		}
		old := map[string]bool{}
		rows, err := tx.Query(ctx, `SELECT DISTINCT sig FROM events WHERE article = $1`, art.seq)
		if err != nil {
			return dbErr(op, err)
		}
		sigs, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return dbErr(op, err)
		}
		for _, sig := range sigs {
			old[sig] = true
		}
		for _, q := range []string{
			`DELETE FROM quotes WHERE article = $1`,
			`DELETE FROM events WHERE article = $1`,
			`DELETE FROM mentions WHERE article = $1`,
			`DELETE FROM article_entities WHERE article = $1`,
		} {
			if _, err := tx.Exec(ctx, q, art.seq); err != nil {
				return dbErr(op, err)
			}
		}
		return writeAnnotations(ctx, tx, art, rec, old)
	})
}

// ArticleByHash returns the id of the article with this content hash.
func (s *Store) ArticleByHash(ctx context.Context, hash string) (string, error) {
	const op = "postgres.ArticleByHash"
	if err := s.check(op); err != nil {
		return "", err
	}
	var id string
	err := s.pool.QueryRow(ctx, `SELECT id FROM articles WHERE hash = $1`, hash).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", marsad.Errorf(op, marsad.NotFound, "no article with hash %q", hash)
	}
	return id, dbErr(op, err)
}

const articleCols = `id, hash, story, title, published, source, url, author, content_type, raw, text, record, ingested_at, coded_at, fingerprint`

func scanArticle(sc pgx.Row) (*marsad.StoredArticle, error) {
	var a marsad.StoredArticle
	var record []byte
	var ingested time.Time
	var coded *time.Time
	if err := sc.Scan(&a.ID, &a.Hash, &a.Story, &a.Title, &a.Published, &a.Source, &a.URL, &a.Author,
		&a.ContentType, &a.Raw, &a.Text, &record, &ingested, &coded, &a.Fingerprint); err != nil {
		return nil, err
	}
	a.IngestedAt, a.CodedAt = ingested.UTC(), timeOf(coded)
	if record != nil {
		a.Record = new(marsad.Article)
		if err := json.Unmarshal(record, a.Record); err != nil {
			return nil, marsad.E("postgres.scanArticle", marsad.Internal, err)
		}
	}
	return &a, nil
}

// Article returns one stored article.
func (s *Store) Article(ctx context.Context, id string) (*marsad.StoredArticle, error) {
	const op = "postgres.Article"
	if err := s.check(op); err != nil {
		return nil, err
	}
	a, err := scanArticle(s.pool.QueryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, marsad.Errorf(op, marsad.NotFound, "article %q not found", id)
	}
	return a, dbErr(op, err)
}

// WalkArticles calls fn for every article in ingestion order. It reads in batches so
// that fn may write to the store.
func (s *Store) WalkArticles(ctx context.Context, fn func(*marsad.StoredArticle) error) error {
	const op = "postgres.WalkArticles"
	if err := s.check(op); err != nil {
		return err
	}
	var last int64
	for {
		rows, err := s.pool.Query(ctx, `SELECT seq, `+articleCols+` FROM articles WHERE seq > $1 ORDER BY seq LIMIT 64`, last)
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
	const op = "postgres.Articles"
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
		w.Add("a.seq IN (SELECT article FROM article_entities WHERE key = ?)", f.Entity)
	}
	fts(&w, "a.tsv", f.Q)
	order, err := orderBy(op, f.Sort, "-published", map[string]string{"published": "a.published", "ingested_at": "a.seq", "events": "a.n_events"}, "a.seq")
	if err != nil {
		return nil, err
	}
	limit, offset, err := paging(op, f.Paging)
	if err != nil {
		return nil, err
	}
	page := &marsad.Page[marsad.ArticleSummary]{Items: []marsad.ArticleSummary{}}
	if err := s.pool.QueryRow(ctx, rebind(`SELECT count(*) FROM articles a`+w.SQL()), w.Args...).Scan(&page.Total); err != nil {
		return nil, dbErr(op, err)
	}
	rows, err := s.pool.Query(ctx, rebind(`SELECT `+summaryCols+` FROM articles a`+w.SQL()+order+` LIMIT ? OFFSET ?`),
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

func scanSummary(sc pgx.Row) (marsad.ArticleSummary, error) {
	var a marsad.ArticleSummary
	err := sc.Scan(&a.ID, &a.Title, &a.Published, &a.Source, &a.URL, &a.Story, &a.Events, &a.Entities, &a.Quotes, &a.IngestedAt)
	a.IngestedAt = a.IngestedAt.UTC()
	return a, err
}

// Counts returns the numbers of stored articles and events.
func (s *Store) Counts(ctx context.Context) (marsad.Counts, error) {
	const op = "postgres.Counts"
	var c marsad.Counts
	if err := s.check(op); err != nil {
		return c, err
	}
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)`).Scan(&c.Articles, &c.Events)
	return c, dbErr(op, err)
}

// MergeStories moves the articles of the stories from into to and recomputes the
// event groups of the merged story.
func (s *Store) MergeStories(ctx context.Context, to string, from []string) error {
	const op = "postgres.MergeStories"
	if to == "" {
		return marsad.Errorf(op, marsad.Invalid, "no target story")
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		if err := lockStories(ctx, tx, append([]string{to}, from...)...); err != nil {
			return err
		}
		for _, f := range from {
			if f == to || f == "" {
				continue
			}
			for _, q := range []string{
				`UPDATE articles SET story = $1 WHERE story = $2`,
				`UPDATE events SET story = $1 WHERE story = $2`,
			} {
				if _, err := tx.Exec(ctx, q, to, f); err != nil {
					return dbErr(op, err)
				}
			}
			if _, err := tx.Exec(ctx, `DELETE FROM event_groups WHERE story = $1`, f); err != nil {
				return dbErr(op, err)
			}
		}
		rows, err := tx.Query(ctx, `SELECT DISTINCT sig FROM events WHERE story = $1 ORDER BY sig`, to)
		if err != nil {
			return dbErr(op, err)
		}
		sigs, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return dbErr(op, err)
		}
		b := &pgx.Batch{}
		for _, sig := range sigs {
			queueRefreshGroup(b, to, sig)
		}
		return dbErr(op, tx.SendBatch(ctx, b).Close())
	})
}
