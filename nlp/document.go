package nlp

import (
	"context"
	"fmt"
	"math"
	"time"
	"unicode/utf8"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

// Meta is what the reader learns about an article besides its body.
type Meta struct {
	ID            string
	Title         string
	TitleSpan     *marsad.Span
	Published     time.Time // zero when unknown
	PublishedFrom string    // header, dateline, flag or "" (unknown)
	Source        string
	URL           string
	Author        string
	Summary       string
	Corpus        string
	Caption       *marsad.Text
	Credit        *marsad.Text
}

// Sentence is a sentence of a processed region.
type Sentence struct {
	arabic.Sentence
	Region string // marsad.RegionTitle, RegionBody, RegionCaption…
}

// Coded reports whether events and quotes are coded in the sentence (captions only
// contribute entities).
func (s Sentence) Coded() bool { return s.Region != marsad.RegionCaption }

// DateExpr is a date expression found in the text and resolved to a day.
type DateExpr struct {
	First, Last int // token range
	Date        time.Time
	Year        bool   // only a year was given ("في عام 2014")
	Month       bool   // only a month and year were given
	Relative    bool   // resolved against the publication date
	Offset      int    // for "بعد يوم من" style expressions: days relative to an event anchor
	Anchored    bool   // the expression needs an event anchor (Offset applies to it)
	Rule        string // the rule that read it, e.g. "dates.weekday"
}

// MentionKind says what a mention names.
type MentionKind uint8

// Mention kinds.
const (
	MPerson  MentionKind = iota // a person (knowledge base or name pattern)
	MOrg                        // an organisation
	MPlace                      // a city, province, site
	MCountry                    // a country name
	MGroup                      // a generic group with a nationality (القوات الأميركية, مسلحين أكراد)
	MRole                       // a title without a name resolved to no person
	MNisba                      // a nationality adjective left over («غارات جوية روسية»): not an actor
)

// Mention is a stretch of tokens that names an entity or an actor.
type Mention struct {
	First, Last int // token range [First, Last)
	Outer       int // first token of the title that introduces it («وزير الدفاع العراقي جمعة…»); 0 when none
	Kind        MentionKind
	Entity      int    // index into Document.Entities, -1 for none
	Country     string // ISO3 or group code
	Code        string // CAMEO actor code
	Rule        string
	Role        string // role id when a title introduced the mention
	Capital     bool   // a capital city (may stand for its government)
}

// QuoteInfo is a quote with its token range.
type QuoteInfo struct {
	marsad.Quote
	First, Last int // token range of the quoted text (inside the marks)
	SpeakerIdx  int // entity index or -1
}

// Document is an article going through the pipeline.
type Document struct {
	Text      string
	Runes     []rune
	Meta      Meta
	Regions   []marsad.Region
	Tokens    []arabic.Token
	Sentences []Sentence
	Dates     []DateExpr
	Mentions  []Mention
	Entities  []*marsad.Entity
	Quotes    []QuoteInfo
	Events    []marsad.Event
	Warnings  []string

	// byteOff[i] is the byte offset in Text of code point i, for i up to len(Runes):
	// Slice then cuts Text instead of encoding runes anew. Set by NewDocument; a
	// Document made otherwise slices its Runes.
	byteOff []int32
}

// NewDocument returns a Document of text with its code points and the byte offset of
// each, read in one pass (text that is not valid UTF-8 gets no offsets).
func NewDocument(text string) *Document {
	n := utf8.RuneCountInString(text)
	d := &Document{Text: text, Runes: make([]rune, n), byteOff: make([]int32, n+1)}
	if len(text) > math.MaxInt32 || !utf8.ValidString(text) {
		d.Runes, d.byteOff = []rune(text), nil
		return d
	}
	i := 0
	for b, r := range text {
		d.Runes[i] = r
		d.byteOff[i] = int32(b)
		i++
	}
	d.byteOff[n] = int32(len(text))
	return d
}

// Slice returns the input text of the code-point span [start, end).
func (d *Document) Slice(start, end int) string {
	if start < 0 {
		start = 0
	}
	if end > len(d.Runes) {
		end = len(d.Runes)
	}
	if start >= end {
		return ""
	}
	if len(d.byteOff) == len(d.Runes)+1 {
		return d.Text[d.byteOff[start]:d.byteOff[end]]
	}
	return string(d.Runes[start:end])
}

// TokText returns the input text covered by tokens [first, last).
func (d *Document) TokText(first, last int) string {
	if first >= last || first < 0 || last > len(d.Tokens) {
		return ""
	}
	return d.Slice(d.Tokens[first].Start, d.Tokens[last-1].End)
}

// TokSpan returns the span of tokens [first, last).
func (d *Document) TokSpan(first, last int) marsad.Span {
	return marsad.Span{Start: d.Tokens[first].Start, End: d.Tokens[last-1].End}
}

// SentenceOf returns the index of the sentence holding token i, or -1.
func (d *Document) SentenceOf(i int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		s := d.Sentences[m]
		switch {
		case i < s.First:
			hi = m
		case i >= s.Last:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// Stage is one step of the pipeline.
type Stage interface {
	Process(ctx context.Context, doc *Document) error
}

// StageFunc adapts a function to Stage.
type StageFunc func(ctx context.Context, doc *Document) error

// Process calls f.
func (f StageFunc) Process(ctx context.Context, doc *Document) error { return f(ctx, doc) }

// NamedStage is a stage with the name its errors carry.
type NamedStage struct {
	Name  string
	Stage Stage
}

// Pipeline runs stages in order.
type Pipeline struct {
	stages []NamedStage
}

// NewPipeline returns a pipeline of the given stages.
func NewPipeline(stages ...NamedStage) *Pipeline { return &Pipeline{stages: stages} }

// Stages returns a copy of the pipeline's stages.
func (p *Pipeline) Stages() []NamedStage { return append([]NamedStage(nil), p.stages...) }

// Run runs every stage on doc, stopping at the first error, which it wraps with the
// stage's name. It checks ctx between stages.
func (p *Pipeline) Run(ctx context.Context, doc *Document) error {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Stage.Process(ctx, doc); err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
	}
	return nil
}
