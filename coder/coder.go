// Package coder wires Marsad's pipeline — reader, dates, entities, quotes, events — and
// turns a coded nlp.Document into the article record (marsad.Article). It is what the
// CLI and, later, the server call.
package coder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/dates"
	"github.com/marsad-project/marsad/entity"
	"github.com/marsad-project/marsad/event"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/ner"
	"github.com/marsad-project/marsad/nlp"
	"github.com/marsad-project/marsad/quote"
	"github.com/marsad-project/marsad/reader"
)

// Config configures a Coder.
type Config struct {
	// KB is the knowledge base; nil loads the embedded one.
	KB *kb.KB
	// MaxBytes is the largest input accepted (0: reader.DefaultMaxBytes).
	MaxBytes int
	// Logger receives debug messages; nil discards them.
	Logger *slog.Logger
	// NoTagger leaves out the statistical NER tagger (names then come from the
	// knowledge base and the rules only).
	NoTagger bool
	// MinConfidence leaves out events whose confidence is below it (0 keeps every
	// event, the denied and hypothetical ones included; DefaultMinConfidence keeps
	// the events the text reports as real, intended, threatened or demanded).
	MinConfidence float64
}

// DefaultMinConfidence is the threshold the command line uses: under it are the
// events the text denies, puts as a condition or a question, or only hopes for.
const DefaultMinConfidence = event.ReportedThreshold

// Coder codes articles. It is safe for concurrent use.
type Coder struct {
	kb       *kb.KB
	reader   *reader.Reader
	events   *event.Coder
	pipeline *nlp.Pipeline
	tagger   *ner.Tagger
	log      *slog.Logger

	minConfidence float64
}

// Preload starts loading the embedded tagger model and reading the event patterns in
// the background, for callers that load the knowledge base themselves before New: New
// then waits for them instead of loading them after the knowledge base.
func Preload() {
	go ner.Load()
	event.Preload()
}

// New builds a Coder.
func New(cfg Config) (*Coder, error) {
	k := cfg.KB
	if k == nil {
		var err error
		if k, err = kb.Load(); err != nil {
			return nil, fmt.Errorf("coder.New: %w", err)
		}
	}
	// The tagger's model loads on the other core while the event patterns compile.
	type loaded struct {
		t   *ner.Tagger
		err error
	}
	model := make(chan loaded, 1)
	if cfg.NoTagger {
		model <- loaded{}
	} else {
		go func() {
			t, err := ner.Load()
			model <- loaded{t, err}
		}()
	}
	ev, err := event.New(k)
	m := <-model
	if err != nil {
		return nil, fmt.Errorf("coder.New: %w", err)
	}
	if m.err != nil {
		return nil, fmt.Errorf("coder.New: %w", m.err)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ev.SetLogger(log)
	if cfg.MinConfidence < 0 || cfg.MinConfidence > 1 {
		return nil, marsad.E("coder.New", marsad.Invalid, fmt.Errorf("MinConfidence %v is not in [0,1]", cfg.MinConfidence))
	}
	c := &Coder{kb: k, reader: reader.New(reader.Options{MaxBytes: cfg.MaxBytes}), events: ev, log: log, minConfidence: cfg.MinConfidence}
	tagger := m.t
	c.tagger = tagger
	c.pipeline = nlp.NewPipeline(
		nlp.NamedStage{Name: "dates", Stage: dates.NewStage()},
		nlp.NamedStage{Name: "entity", Stage: entity.NewStage(k, tagger)},
		nlp.NamedStage{Name: "quote", Stage: quote.NewStage()},
		nlp.NamedStage{Name: "event", Stage: ev},
	)
	return c, nil
}

// KB returns the knowledge base.
func (c *Coder) KB() *kb.KB { return c.kb }

// Codebook returns the CAMEO codebook.
func (c *Coder) Codebook() event.Codebook { return c.events.Codebook }

// Input is an article to code.
type Input = reader.Input

// Code reads and codes one article.
func (c *Coder) Code(ctx context.Context, in Input) (*marsad.Article, error) {
	doc, err := c.reader.Read(in)
	if err != nil {
		return nil, err
	}
	return c.CodeDocument(ctx, doc)
}

// Read runs the reader alone: the Document before any stage (for benchmarks and tools
// that time or inspect the stages one by one).
func (c *Coder) Read(in Input) (*nlp.Document, error) { return c.reader.Read(in) }

// Stages returns the pipeline's stages in order (dates, entity, quote, event).
func (c *Coder) Stages() []nlp.NamedStage { return c.pipeline.Stages() }

// Tagger returns the statistical NER tagger, or nil when the coder runs without it.
func (c *Coder) Tagger() *ner.Tagger { return c.tagger }

// Record builds the article record of a Document the stages have coded.
func (c *Coder) Record(doc *nlp.Document) *marsad.Article { return c.record(doc) }

// CodeDocument runs the pipeline on a Document the reader made.
func (c *Coder) CodeDocument(ctx context.Context, doc *nlp.Document) (*marsad.Article, error) {
	if err := c.pipeline.Run(ctx, doc); err != nil {
		return nil, marsad.E("coder.Code", marsad.Internal, err)
	}
	return c.record(doc), nil
}

// record builds the article record: entities that kept a mention are numbered e1…,
// and events and quotes point at those ids.
func (c *Coder) record(doc *nlp.Document) *marsad.Article {
	a := &marsad.Article{
		ID:       doc.Meta.ID,
		Title:    doc.Meta.Title,
		Source:   doc.Meta.Source,
		URL:      doc.Meta.URL,
		Author:   doc.Meta.Author,
		Language: language(doc),
		Length:   len(doc.Runes),
		Caption:  doc.Meta.Caption,
		Credit:   doc.Meta.Credit,
		Regions:  doc.Regions,
		Coder:    marsad.CoderInfo{Version: marsad.Version, KBVersion: c.kb.Version},
		Tags:     []string{},
		Entities: []marsad.Entity{},
		Quotes:   []marsad.Quote{},
		Events:   []marsad.Event{},
		Warnings: doc.Warnings,
	}
	if a.ID == "" {
		sum := sha256.Sum256([]byte(doc.Text))
		a.ID = "sha256:" + hex.EncodeToString(sum[:8])
	}
	if !doc.Meta.Published.IsZero() {
		a.Published = doc.Meta.Published.Format("2006-01-02")
		a.PubDateSrc = doc.Meta.PublishedFrom
	} else if len(doc.Events) > 0 {
		a.Warnings = append(a.Warnings, "no publication date: relative dates were not resolved (use --published)")
	}
	for _, s := range doc.Sentences {
		a.Sentences = append(a.Sentences, marsad.Span{Start: s.Start, End: s.End})
	}
	ids := map[int]string{}
	for i, e := range doc.Entities {
		if len(e.Mentions) == 0 {
			continue
		}
		id := fmt.Sprintf("e%d", len(a.Entities)+1)
		ids[i] = id
		ent := *e
		ent.ID = id
		a.Entities = append(a.Entities, ent)
	}
	for _, q := range doc.Quotes {
		out := q.Quote
		if q.SpeakerIdx >= 0 {
			out.Speaker = ids[q.SpeakerIdx]
		}
		a.Quotes = append(a.Quotes, out)
	}
	for _, e := range doc.Events {
		if e.Confidence < c.minConfidence {
			continue
		}
		e.ID = fmt.Sprintf("ev%d", len(a.Events)+1) // numbered again after the threshold
		e.Source.Entity = renumber(e.Source.Entity, ids)
		e.Target.Entity = renumber(e.Target.Entity, ids)
		a.Events = append(a.Events, e)
	}
	a.Tags = c.tags(a)
	return a
}

func renumber(ref string, ids map[int]string) string {
	if !strings.HasPrefix(ref, "#") {
		return ref
	}
	var i int
	fmt.Sscanf(ref[1:], "%d", &i)
	return ids[i]
}

// tags are what the page's empty «دلالات» box should have held: the article's most
// mentioned named entities and its event types.
func (c *Coder) tags(a *marsad.Article) []string {
	type tc struct {
		name string
		n    int
	}
	var ts []tc
	for _, e := range a.Entities {
		if e.Generic {
			continue
		}
		ts = append(ts, tc{e.Name, len(e.Mentions)})
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].n > ts[j].n })
	var out []string
	for i := 0; i < len(ts) && i < 6; i++ {
		out = append(out, ts[i].name)
	}
	seen := map[string]bool{}
	for _, e := range a.Events {
		if cd := c.events.Codebook.Lookup(e.Root); cd != nil && cd.LabelAr != "" && !seen[e.Root] {
			seen[e.Root] = true
			out = append(out, cd.LabelAr)
		}
	}
	if out == nil {
		out = []string{}
	}
	return out
}

// language tells Arabic from other text by the share of Arabic letters.
func language(doc *nlp.Document) string {
	ar, other := 0, 0
	for _, r := range doc.Runes {
		switch {
		case r >= 0x0600 && r <= 0x06FF:
			ar++
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 0x0400 && r <= 0x04FF:
			other++
		}
	}
	switch {
	case ar == 0 && other == 0:
		return "und"
	case ar >= other:
		return "ar"
	}
	return "other"
}

// ParseDate reads a --published value (YYYY-MM-DD or RFC 3339).
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, ok := dates.ParseISO(s); ok {
		return t, nil
	}
	return time.Time{}, marsad.Errorf("coder.ParseDate", marsad.Invalid, "bad date %q: want YYYY-MM-DD", s)
}
