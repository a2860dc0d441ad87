-- Marsad's PostgreSQL schema: the same tables and meaning as the SQLite store's
-- (sqlite/migrations), with PostgreSQL types. Text that is sorted or compared uses the
-- "C" collation so that orders are byte orders, as in SQLite.

-- Articles: raw input, the coded text, metadata, content hash and the coded record.
CREATE TABLE articles (
	seq           BIGSERIAL PRIMARY KEY,   -- ingestion order
	id            TEXT COLLATE "C" NOT NULL UNIQUE,
	hash          TEXT COLLATE "C" NOT NULL UNIQUE,
	story         TEXT COLLATE "C" NOT NULL,
	title         TEXT COLLATE "C" NOT NULL DEFAULT '',
	published     TEXT COLLATE "C" NOT NULL DEFAULT '',
	source        TEXT COLLATE "C" NOT NULL DEFAULT '',
	url           TEXT NOT NULL DEFAULT '',
	author        TEXT NOT NULL DEFAULT '',
	content_type  TEXT NOT NULL DEFAULT '',
	raw           BYTEA,
	text          TEXT NOT NULL,
	record        JSONB,                   -- marsad.Article; NULL when not coded
	coder_version TEXT NOT NULL DEFAULT '',
	kb_version    TEXT NOT NULL DEFAULT '',
	n_events      INTEGER NOT NULL DEFAULT 0,
	n_entities    INTEGER NOT NULL DEFAULT 0,
	n_quotes      INTEGER NOT NULL DEFAULT 0,
	ingested_at   TIMESTAMPTZ NOT NULL,
	coded_at      TIMESTAMPTZ,
	fingerprint   BYTEA,
	-- Full-text search: the search keys (arabic.SearchKeys) of the title and text,
	-- indexed as a 'simple' tsvector (no stemming: the keys are already normalised).
	search_keys   TEXT NOT NULL DEFAULT '',
	tsv           TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', search_keys)) STORED
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

-- Entities across the store, by key (docs/api.md), and their mentions per article.
CREATE TABLE entities (
	key     TEXT COLLATE "C" PRIMARY KEY,
	type    TEXT COLLATE "C" NOT NULL,
	name    TEXT COLLATE "C" NOT NULL,
	norm    TEXT COLLATE "C" NOT NULL,  -- folded name, for name search
	country TEXT COLLATE "C" NOT NULL DEFAULT '',
	code    TEXT NOT NULL DEFAULT '',
	kb_id   TEXT NOT NULL DEFAULT '',
	role    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE article_entities (
	article    BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
	local_id   TEXT NOT NULL,
	key        TEXT COLLATE "C" NOT NULL REFERENCES entities(key),
	n_mentions INTEGER NOT NULL,
	PRIMARY KEY (article, local_id)
);
CREATE INDEX article_entities_key ON article_entities(key);
CREATE TABLE mentions (
	article BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
	key     TEXT COLLATE "C" NOT NULL,
	start_  INTEGER NOT NULL,
	end_    INTEGER NOT NULL,
	text    TEXT NOT NULL,
	rule    TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article);

CREATE TABLE quotes (
	seq          BIGSERIAL PRIMARY KEY,
	id           TEXT COLLATE "C" NOT NULL UNIQUE,
	article      BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
	start_       INTEGER NOT NULL,
	end_         INTEGER NOT NULL,
	text         TEXT NOT NULL,
	speaker_key  TEXT COLLATE "C" NOT NULL DEFAULT '',
	speaker_name TEXT NOT NULL DEFAULT '',
	rule         TEXT NOT NULL DEFAULT '',
	search_keys  TEXT NOT NULL DEFAULT '',
	tsv          TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', search_keys)) STORED
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker ON quotes(speaker_key);
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);

-- Events: filter columns, the evidence, and the event record.
CREATE TABLE events (
	seq            BIGSERIAL PRIMARY KEY,
	id             TEXT COLLATE "C" NOT NULL UNIQUE,
	article        BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
	story          TEXT COLLATE "C" NOT NULL,
	sig            TEXT COLLATE "C" NOT NULL,   -- what makes two events of a story the same event
	code           TEXT COLLATE "C" NOT NULL,
	root           TEXT COLLATE "C" NOT NULL,
	quad           INTEGER NOT NULL,
	goldstein      DOUBLE PRECISION NOT NULL,
	plover         TEXT COLLATE "C" NOT NULL DEFAULT '',
	mode           TEXT COLLATE "C" NOT NULL DEFAULT '',
	date           TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_country TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_country TEXT COLLATE "C" NOT NULL DEFAULT '',
	loc_country    TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_key     TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_key     TEXT COLLATE "C" NOT NULL DEFAULT '',
	source_norm    TEXT COLLATE "C" NOT NULL DEFAULT '',
	target_norm    TEXT COLLATE "C" NOT NULL DEFAULT '',
	lat            DOUBLE PRECISION,
	lon            DOUBLE PRECISION,
	confidence     DOUBLE PRECISION NOT NULL,
	mentions       INTEGER NOT NULL,
	outlet         TEXT COLLATE "C" NOT NULL DEFAULT '',
	ingested_at    TIMESTAMPTZ NOT NULL,
	sentence_start INTEGER NOT NULL,
	sentence_end   INTEGER NOT NULL,
	trigger_start  INTEGER NOT NULL,
	trigger_end    INTEGER NOT NULL,
	trigger_text   TEXT NOT NULL,
	pattern        TEXT NOT NULL,
	record         JSONB NOT NULL
);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_root ON events(root);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_loc_country ON events(loc_country);
CREATE INDEX events_source_key ON events(source_key);
CREATE INDEX events_target_key ON events(target_key);
CREATE INDEX events_story_sig ON events(story, sig);

-- The same event across the articles of a story, GDELT-style counts; kept up to date
-- in the transactions that write events (serialised per story by an advisory lock).
CREATE TABLE event_groups (
	story        TEXT COLLATE "C" NOT NULL,
	sig          TEXT COLLATE "C" NOT NULL,
	num_articles INTEGER NOT NULL,
	num_sources  INTEGER NOT NULL,
	num_mentions INTEGER NOT NULL,
	first_seen   TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (story, sig)
);

CREATE TABLE feeds (
	url           TEXT COLLATE "C" PRIMARY KEY,
	title         TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_polled   TIMESTAMPTZ,
	next_poll     TIMESTAMPTZ,
	failures      INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	articles      INTEGER NOT NULL DEFAULT 0,
	added_at      TIMESTAMPTZ NOT NULL
);
