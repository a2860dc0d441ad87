-- Articles: raw input, the coded text, metadata, content hash and the coded record.
CREATE TABLE articles (
	rowid         INTEGER PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,
	hash          TEXT NOT NULL UNIQUE,
	story         TEXT NOT NULL,
	title         TEXT NOT NULL DEFAULT '',
	published     TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL DEFAULT '',
	url           TEXT NOT NULL DEFAULT '',
	author        TEXT NOT NULL DEFAULT '',
	content_type  TEXT NOT NULL DEFAULT '',
	raw           BLOB,
	text          TEXT NOT NULL,
	record        TEXT,             -- marsad.Article as JSON; NULL when not coded
	coder_version TEXT NOT NULL DEFAULT '',
	kb_version    TEXT NOT NULL DEFAULT '',
	n_events      INTEGER NOT NULL DEFAULT 0,
	n_entities    INTEGER NOT NULL DEFAULT 0,
	n_quotes      INTEGER NOT NULL DEFAULT 0,
	ingested_at   TEXT NOT NULL,     -- RFC 3339, UTC
	coded_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_source ON articles(source);

-- Entities across the store, by key (docs/api.md), and their mentions per article.
CREATE TABLE entities (
	key     TEXT PRIMARY KEY,
	type    TEXT NOT NULL,
	name    TEXT NOT NULL,
	norm    TEXT NOT NULL,  -- folded name, for name search
	country TEXT NOT NULL DEFAULT '',
	code    TEXT NOT NULL DEFAULT '',
	kb_id   TEXT NOT NULL DEFAULT '',
	role    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE article_entities (
	article    INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	local_id   TEXT NOT NULL,
	key        TEXT NOT NULL REFERENCES entities(key),
	n_mentions INTEGER NOT NULL,
	PRIMARY KEY (article, local_id)
);
CREATE INDEX article_entities_key ON article_entities(key);
CREATE TABLE mentions (
	article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	key     TEXT NOT NULL,
	start   INTEGER NOT NULL,
	end     INTEGER NOT NULL,
	text    TEXT NOT NULL,
	rule    TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article);

CREATE TABLE quotes (
	rowid        INTEGER PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	article      INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	start        INTEGER NOT NULL,
	end          INTEGER NOT NULL,
	text         TEXT NOT NULL,
	speaker_key  TEXT NOT NULL DEFAULT '',
	speaker_name TEXT NOT NULL DEFAULT '',
	rule         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker ON quotes(speaker_key);

-- Events: filter columns, the evidence, and the event record as JSON.
CREATE TABLE events (
	rowid          INTEGER PRIMARY KEY,
	id             TEXT NOT NULL UNIQUE,
	article        INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	story          TEXT NOT NULL,
	sig            TEXT NOT NULL,   -- what makes two events of a story the same event
	code           TEXT NOT NULL,
	root           TEXT NOT NULL,
	quad           INTEGER NOT NULL,
	goldstein      REAL NOT NULL,
	plover         TEXT NOT NULL DEFAULT '',
	mode           TEXT NOT NULL DEFAULT '',
	date           TEXT NOT NULL DEFAULT '',
	source_country TEXT NOT NULL DEFAULT '',
	target_country TEXT NOT NULL DEFAULT '',
	loc_country    TEXT NOT NULL DEFAULT '',
	source_key     TEXT NOT NULL DEFAULT '',
	target_key     TEXT NOT NULL DEFAULT '',
	source_norm    TEXT NOT NULL DEFAULT '',
	target_norm    TEXT NOT NULL DEFAULT '',
	lat            REAL,
	lon            REAL,
	confidence     REAL NOT NULL,
	mentions       INTEGER NOT NULL,
	outlet         TEXT NOT NULL DEFAULT '',
	ingested_at    TEXT NOT NULL,
	sentence_start INTEGER NOT NULL,
	sentence_end   INTEGER NOT NULL,
	trigger_start  INTEGER NOT NULL,
	trigger_end    INTEGER NOT NULL,
	trigger_text   TEXT NOT NULL,
	pattern        TEXT NOT NULL,
	record         TEXT NOT NULL
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
-- in the transactions that write events.
CREATE TABLE event_groups (
	story        TEXT NOT NULL,
	sig          TEXT NOT NULL,
	num_articles INTEGER NOT NULL,
	num_sources  INTEGER NOT NULL,
	num_mentions INTEGER NOT NULL,
	first_seen   TEXT NOT NULL,
	PRIMARY KEY (story, sig)
);

-- Full-text index: the search keys (arabic.SearchKeys) of each article's title and text.
CREATE VIRTUAL TABLE article_fts USING fts5(keys, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE quote_fts USING fts5(keys, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	title         TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_polled   TEXT NOT NULL DEFAULT '',
	next_poll     TEXT NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	articles      INTEGER NOT NULL DEFAULT 0,
	added_at      TEXT NOT NULL
);
