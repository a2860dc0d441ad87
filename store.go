package marsad

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
)

// Store keeps articles with their annotations and answers the queries of the API and
// the exports. Implementations (package sqlite; later PostgreSQL) pass the conformance
// suite in package storetest. All methods are safe for concurrent use.
//
// Error kinds: every method returns Unavailable when the store is closed or its
// backend cannot be reached, Invalid for a malformed filter or record, Internal for a
// broken invariant; the methods below name the other kinds they return.
type Store interface {
	// PutArticle stores a new article — its raw input, text, metadata and coded record
	// (entities, mentions, quotes, events with evidence) — in one transaction. When an
	// article with the same Hash is already stored, nothing is written and the stored
	// article's id is returned with duplicate true. An ID already taken by different
	// content gives Conflict. a.ID and a.Hash are required (Invalid).
	PutArticle(ctx context.Context, a *StoredArticle) (id string, duplicate bool, err error)
	// ArticleByHash returns the id of the article with this content hash (NotFound).
	ArticleByHash(ctx context.Context, hash string) (string, error)
	// Article returns one stored article with its record (NotFound).
	Article(ctx context.Context, id string) (*StoredArticle, error)
	// Articles lists article summaries.
	Articles(ctx context.Context, f ArticleFilter) (*Page[ArticleSummary], error)
	// WalkArticles calls fn for every stored article in ingestion order; an error from
	// fn stops the walk and is returned.
	WalkArticles(ctx context.Context, fn func(*StoredArticle) error) error
	// MergeStories moves the articles of the stories from into story to, and their
	// events' GDELT-style counts with them (near-duplicate detection joined them).
	MergeStories(ctx context.Context, to string, from []string) error
	// Recode replaces the annotations of a stored article with rec (a newer coding of
	// the same text) atomically: readers see the old annotations or the new ones, never
	// a mix (NotFound).
	Recode(ctx context.Context, id string, rec *Article) error

	// Events lists event rows.
	Events(ctx context.Context, f EventFilter) (*Page[EventRow], error)
	// WalkEvents calls fn for every event row matching f (its Limit and Cursor are
	// ignored), in f's sort order, without holding them all in memory.
	WalkEvents(ctx context.Context, f EventFilter, fn func(*EventRow) error) error
	// Event returns one event row by its store-wide id (NotFound).
	Event(ctx context.Context, id string) (*EventRow, error)

	// Entities lists entities across the store.
	Entities(ctx context.Context, f EntityFilter) (*Page[EntitySummary], error)
	// Entity returns one entity by key (NotFound).
	Entity(ctx context.Context, key string) (*EntitySummary, error)
	// Quotes lists quotes.
	Quotes(ctx context.Context, f QuoteFilter) (*Page[QuoteRow], error)
	// Stories lists stories (groups of near-duplicate articles), newest first.
	Stories(ctx context.Context, f StoryFilter) (*Page[Story], error)
	// Story returns one story with its articles (NotFound).
	Story(ctx context.Context, id string) (*Story, error)
	// Stats counts the events matching f in buckets (Invalid for an unknown by).
	Stats(ctx context.Context, by string, f EventFilter) ([]StatBucket, error)
	// Network returns the actor network of the events matching f.
	Network(ctx context.Context, f EventFilter) (*Network, error)
	// Counts returns the numbers of stored articles and events.
	Counts(ctx context.Context) (Counts, error)

	// AddFeed registers a feed to poll; an existing URL gives Conflict.
	AddFeed(ctx context.Context, f *Feed) error
	// Feeds lists the registered feeds.
	Feeds(ctx context.Context) ([]Feed, error)
	// UpdateFeed saves a feed's polling state (NotFound).
	UpdateFeed(ctx context.Context, f *Feed) error

	// Close releases the store; later calls give Unavailable.
	Close() error
}

// StoredArticle is an article as a store keeps it.
type StoredArticle struct {
	ID string
	// Hash identifies the content (ContentHash of Text); the same content is stored once.
	Hash string
	// Raw is the input as received (text or HTML) and ContentType its media type.
	Raw         []byte
	ContentType string
	// Text is the text that was coded; every span of Record indexes it in code points.
	Text string
	// Title, Published (YYYY-MM-DD), Source (the outlet), URL and Author are the
	// article's metadata; the store fills them from Record when empty.
	Title, Published, Source, URL, Author string
	// Story groups near-duplicate articles; empty makes the article its own story.
	Story string
	// Fingerprint is the near-duplicate fingerprint of Text (opaque to the store), kept
	// so that the duplicate index can be rebuilt after a restart.
	Fingerprint []byte
	// Record is the coded article; nil stores the article uncoded.
	Record     *Article
	IngestedAt time.Time
	CodedAt    time.Time
}

// ContentHash is the content identity of an article text: the SHA-256 of its folded
// words (case, diacritics, spelling variants of letters, spacing and punctuation do
// not count), as 32 hex digits.
func ContentHash(text string, fold func(string) string) string {
	if fold != nil {
		text = fold(text)
	}
	h := sha256.New()
	first := true
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !first {
			h.Write([]byte{' '})
		}
		first = false
		h.Write([]byte(w))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// EntityKey is the store-wide name of an entity: "kb:" and the knowledge-base id when
// the entity is linked, else its type, a colon and its name folded by fold (nil: the
// name as given).
func EntityKey(e *Entity, fold func(string) string) string {
	if e.KBID != "" {
		return "kb:" + e.KBID
	}
	name := e.Name
	if fold != nil {
		name = fold(name)
	}
	return e.Type + ":" + name
}

// Page is one page of a list: the items, the total number of matches and the cursor of
// the next page ("" on the last).
type Page[T any] struct {
	Items []T    `json:"items"`
	Total int    `json:"total"`
	Next  string `json:"next"`
}

// Paging is the page request every filter carries.
type Paging struct {
	// Limit is the page size: 0 means DefaultLimit, more than MaxLimit gives Invalid.
	Limit int
	// Cursor is the opaque Next of the previous page.
	Cursor string
	// Sort is a field name, "-field" for descending; "" is the list's default.
	Sort string
}

// Page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// EventFilter selects events; zero fields do not filter. See docs/api.md.
type EventFilter struct {
	Paging
	Country       string   // source, target or location country (ISO3 or CAMEO group)
	SourceCountry string   //
	TargetCountry string   //
	Actor         string   // entity key, or a substring of the actor's name
	Entity        string   // entity key of the source or target
	Roots         []string // CAMEO roots, two digits
	Code          string   // CAMEO code prefix
	Plover        string   // PLOVER event type
	Mode          string   //
	Quad          int      // 1–4
	From, To      string   // YYYY-MM-DD, inclusive, on the event date
	Outlet        string   // article source
	Q             string   // full-text query over the article text
	BBox          *BBox    // location inside the box
	Story         string   //
	Article       string   //
	MinConfidence float64  //
}

// BBox is a longitude/latitude box.
type BBox struct{ MinLon, MinLat, MaxLon, MaxLat float64 }

// ArticleFilter selects articles.
type ArticleFilter struct {
	Paging
	From, To string // YYYY-MM-DD on the publication date
	Outlet   string
	Q        string
	Entity   string // entity key
	Story    string
}

// ArticleSummary is a line of the article list.
type ArticleSummary struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	Published  string    `json:"published"`
	Source     string    `json:"source"`
	URL        string    `json:"url"`
	Story      string    `json:"story"`
	Events     int       `json:"events"`
	Entities   int       `json:"entities"`
	Quotes     int       `json:"quotes"`
	IngestedAt time.Time `json:"ingested_at"`
}

// EntityFilter selects entities.
type EntityFilter struct {
	Paging
	Q       string // substring of the name (folded)
	Type    string // PERSON, ORG, LOC
	Country string
}

// EntitySummary is an entity across the store with its counts.
type EntitySummary struct {
	Key      string `json:"key"`
	Type     string `json:"type"`
	Name     string `json:"name"`
	Country  string `json:"country,omitempty"`
	Code     string `json:"code,omitempty"`
	KBID     string `json:"kb_id,omitempty"`
	Role     string `json:"role,omitempty"`
	Articles int    `json:"articles"`
	Events   int    `json:"events"`
	Quotes   int    `json:"quotes"`
}

// QuoteFilter selects quotes.
type QuoteFilter struct {
	Paging
	Speaker  string // entity key
	Q        string // full-text over the quote
	From, To string // on the article's publication date
	Article  string
}

// QuoteRow is a stored quote.
type QuoteRow struct {
	ID          string `json:"id"`
	Article     string `json:"article"`
	Text        string `json:"text"`
	SpeakerKey  string `json:"speaker_key,omitempty"`
	SpeakerName string `json:"speaker_name,omitempty"`
	Published   string `json:"published,omitempty"`
	Span        Span   `json:"span"`
	Rule        string `json:"rule,omitempty"`
}

// StoryFilter selects stories.
type StoryFilter struct {
	Paging
	From, To string // on first_seen's date
}

// Story is a group of near-duplicate articles.
type Story struct {
	ID          string           `json:"id"`
	Title       string           `json:"title"`
	FirstSeen   time.Time        `json:"first_seen"`
	Articles    []ArticleSummary `json:"articles"`
	NumArticles int              `json:"num_articles"`
	NumSources  int              `json:"num_sources"`
}

// StatBucket is one bucket of Stats: its key, its event count and the count per quad
// class ("1"…"4").
type StatBucket struct {
	Key   string         `json:"key"`
	Count int            `json:"count"`
	Quad  map[string]int `json:"quad"`
}

// Stats buckets.
var StatsBy = []string{"day", "country", "root", "quad", "outlet"}

// Network is the actor graph of a set of events.
type Network struct {
	Nodes []NetworkNode `json:"nodes"`
	Edges []NetworkEdge `json:"edges"`
}

// NetworkNode is an actor: an entity key, or "country:" and a country code for actors
// known only by their country.
type NetworkNode struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	Count   int    `json:"count"`
}

// NetworkEdge links a source to a target with the number of events and their mean
// Goldstein score.
type NetworkEdge struct {
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Count     int     `json:"count"`
	Goldstein float64 `json:"goldstein"`
}

// Counts are the sizes of a store.
type Counts struct {
	Articles int `json:"articles"`
	Events   int `json:"events"`
}

// Feed is an RSS or Atom feed the server polls, with its polling state.
type Feed struct {
	URL          string    `json:"url"`
	Title        string    `json:"title,omitempty"`
	Source       string    `json:"source,omitempty"` // outlet name given to its articles
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastPolled   time.Time `json:"last_polled,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	NextPoll     time.Time `json:"next_poll,omitzero"`
	Failures     int       `json:"failures"`
	LastError    string    `json:"last_error,omitempty"`
	Articles     int       `json:"articles"`
	AddedAt      time.Time `json:"added_at"`
	// Seen holds the keys of the items already taken, newest first (feed.State.Seen).
	Seen []string `json:"-"`
}
