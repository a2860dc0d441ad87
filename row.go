package marsad

import "time"

// EventRow is an event as a store holds it: the coded event with the context of its
// article and story. Stores return it, the API serves it and the exports write it.
// Event.ID in a row is unique across the store.
type EventRow struct {
	Event
	Article      string    `json:"article"`
	ArticleTitle string    `json:"article_title,omitempty"`
	Outlet       string    `json:"outlet,omitempty"`
	Published    string    `json:"published,omitempty"` // YYYY-MM-DD
	URL          string    `json:"url,omitempty"`
	Story        string    `json:"story,omitempty"`
	NumArticles  int       `json:"num_articles"`
	NumSources   int       `json:"num_sources"`
	NumMentions  int       `json:"num_mentions"`
	FirstSeen    time.Time `json:"first_seen"`
	SourceKey    string    `json:"source_key,omitempty"` // entity key of the source actor
	TargetKey    string    `json:"target_key,omitempty"`
}
