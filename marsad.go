// Package marsad holds the domain types of Marsad, a coder that turns Arabic news
// reports into explainable political event data (CAMEO and PLOVER).
//
// The article record (Article) is what every interface of Marsad produces: the CLI's
// `marsad code`, the batch mode and, later, the API and exports. Every annotation in it
// carries code-point offsets into the input text as given (Span), and the rule that
// produced it, so that an analyst can check each field against the exact words.
//
// The pipeline that fills the record lives in one package per stage:
//
//	reader  → header lines, title, dateline, caption, page furniture
//	arabic  → normalisation with an offset map, tokens, sentences, clitics, numbers
//	dates   → absolute and relative date expressions resolved against publication
//	kb      → the knowledge base (countries, places, organisations, persons, roles)
//	entity  → entity mentions, title+name patterns, coreference, roles by date
//	quote   → direct quotes and their speakers
//	event   → CAMEO events with actors, mode, date, place and casualties
//	nlp     → the Document passed between stages and the Pipeline that runs them
//	coder   → wiring: builds the pipeline and turns a Document into an Article
package marsad

// Version is the coder's version, stamped into every record. It is set at build time
// with -ldflags "-X github.com/marsad-project/marsad.Version=…".
var Version = "0.1.0-dev"

// Span is a half-open range [Start, End) of Unicode code points in the input text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of code points the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Article is the coded record of one input article.
type Article struct {
	ID         string    `json:"id"`
	Title      string    `json:"title,omitempty"`
	Published  string    `json:"published,omitempty"` // YYYY-MM-DD
	Source     string    `json:"source,omitempty"`
	URL        string    `json:"url,omitempty"`
	Author     string    `json:"author,omitempty"`
	Language   string    `json:"language"`
	Length     int       `json:"length"` // code points of the input
	Caption    *Text     `json:"caption,omitempty"`
	Credit     *Text     `json:"credit,omitempty"`
	Regions    []Region  `json:"regions,omitempty"`
	Sentences  []Span    `json:"sentences,omitempty"`
	Tags       []string  `json:"tags"`
	Entities   []Entity  `json:"entities"`
	Quotes     []Quote   `json:"quotes"`
	Events     []Event   `json:"events"`
	Coder      CoderInfo `json:"coder"`
	Warnings   []string  `json:"warnings,omitempty"`
	Error      string    `json:"error,omitempty"`
	PubDateSrc string    `json:"published_from,omitempty"` // header, dateline, flag, none
}

// CoderInfo says which coder and knowledge base produced a record.
type CoderInfo struct {
	Version   string `json:"version"`
	KBVersion string `json:"kb_version"`
}

// Text is a piece of the input with its span.
type Text struct {
	Span
	Text string `json:"text"`
}

// Region kinds of the input that the reader recognises.
const (
	RegionHeader    = "header"    // "title: …" metadata lines
	RegionTitle     = "title"     // the headline
	RegionDateline  = "dateline"  // a line holding only the publication date
	RegionCaption   = "caption"   // photo caption (credit included)
	RegionFurniture = "furniture" // page widgets: «+ الخط -», «دلالات», share, read-also lists
	RegionBody      = "body"      // a paragraph of the report
	RegionByline    = "byline"    // author / place line
)

// Region is a classified line or block of the input.
type Region struct {
	Span
	Kind string `json:"kind"`
}

// Entity types.
const (
	Person = "PERSON"
	Org    = "ORG"
	Loc    = "LOC"
)

// Entity is a person, organisation or place the article names, with all its mentions.
type Entity struct {
	ID       string    `json:"id"`
	Type     string    `json:"type"`
	Name     string    `json:"name"`
	Country  string    `json:"country,omitempty"`
	Code     string    `json:"code,omitempty"`  // CAMEO actor code
	KBID     string    `json:"kb_id,omitempty"` // knowledge-base id when linked
	Role     string    `json:"role,omitempty"`  // role held on the article's date
	Generic  bool      `json:"generic,omitempty"`
	Lat      *float64  `json:"lat,omitempty"`
	Lon      *float64  `json:"lon,omitempty"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one place where an entity is named.
type Mention struct {
	Span
	Text string `json:"text"`
	Rule string `json:"rule"`
}

// Quote is a stretch of direct speech with its speaker.
type Quote struct {
	Span
	Text        string `json:"text"`
	Speaker     string `json:"speaker,omitempty"` // entity id
	SpeakerName string `json:"speaker_name,omitempty"`
	Cue         *Text  `json:"cue,omitempty"` // the speech verb
	Rule        string `json:"rule"`
}

// Actor is the source or target of an event.
type Actor struct {
	Entity  string `json:"entity,omitempty"` // entity id, when the actor is a named entity
	Name    string `json:"name,omitempty"`
	Country string `json:"country"` // ISO3 or a CAMEO group code (IGO, IMG, KUR); "" unknown
	Code    string `json:"code,omitempty"`
	Span    *Span  `json:"span,omitempty"`
	Rule    string `json:"rule,omitempty"`
}

// Location is where an event happened.
type Location struct {
	Name    string   `json:"name,omitempty"`
	PlaceID string   `json:"place_id,omitempty"`
	Country string   `json:"country,omitempty"`
	ADM1    string   `json:"adm1,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
	Span    *Span    `json:"span,omitempty"`
	Rule    string   `json:"rule,omitempty"`
}

// Plover is the PLOVER view of an event.
type Plover struct {
	Event   string `json:"event,omitempty"`
	Mode    string `json:"mode,omitempty"`
	Context string `json:"context,omitempty"`
}

// Event modes.
const (
	ModeAsserted    = "asserted"
	ModeIntended    = "intended"
	ModeThreatened  = "threatened"
	ModeDemanded    = "demanded"
	ModeDenied      = "denied"
	ModeConditional = "conditional"
	ModeReported    = "reported"
	ModeQuestion    = "question"
	ModeHoped       = "hoped"
)

// Event is one coded event.
type Event struct {
	ID         string    `json:"id"`
	Code       string    `json:"code"`
	Root       string    `json:"root"`
	Label      string    `json:"label,omitempty"`
	QuadClass  int       `json:"quad_class,omitempty"`
	Goldstein  float64   `json:"goldstein"`
	Plover     Plover    `json:"plover"`
	Source     Actor     `json:"source"`
	Target     Actor     `json:"target"`
	Date       string    `json:"date,omitempty"`
	DateSource *Text     `json:"date_text,omitempty"`
	DateRule   string    `json:"date_rule,omitempty"`
	Location   *Location `json:"location,omitempty"`
	Mode       string    `json:"mode"`
	ModeCue    *Text     `json:"mode_cue,omitempty"`
	Fatalities *int      `json:"fatalities"`
	Wounded    *int      `json:"wounded,omitempty"`
	Arrested   *int      `json:"arrested,omitempty"`
	Mentions   int       `json:"mentions"`
	// Confidence in [0,1] that the event is reported as coded (pattern strength,
	// actors found, mode); users filter on it.
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// Evidence points to the words that produced an event.
type Evidence struct {
	Sentence Span     `json:"sentence"`
	Trigger  Text     `json:"trigger"`
	Pattern  string   `json:"pattern"`
	Rules    []string `json:"rules,omitempty"`
	Also     []Span   `json:"also,omitempty"` // other mentions merged into this event
}
