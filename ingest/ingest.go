// Package ingest is the write path of the server and of `marsad ingest`: a bounded
// queue of articles, N workers that code them, group near-duplicates into stories and
// store them, and a fan-out of "article stored" notices for live clients. Submit
// returns once the article is committed to the store, so an acknowledged article
// survives a crash of the process.
package ingest

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/dedup"
)

// Coder codes one article (coder.Coder satisfies it).
type Coder interface {
	Code(ctx context.Context, in coder.Input) (*marsad.Article, error)
}

// Request is one article to ingest.
type Request struct {
	// Input is the text to code with its metadata (an HTML page is extracted before).
	Input coder.Input
	// Raw is the input as received (the HTML page, or the text) and ContentType its type;
	// nil Raw keeps Input.Raw.
	Raw         []byte
	ContentType string
	// Author is metadata the coder does not read (from page extraction).
	Author string
	// Body, when set, is the article's text without metadata lines (an extracted page's
	// headline and paragraphs): the content hash is taken over it, so the same page
	// posted with other metadata is the same content. "" hashes Input.Raw.
	Body string
}

// Result says what became of a Request.
type Result struct {
	ID        string `json:"id"`
	Duplicate bool   `json:"duplicate"`
	Story     string `json:"story"`
	Events    int    `json:"events"`
	Title     string `json:"title,omitempty"`
	// Queued says the article was accepted for a cluster worker (cluster.Publisher) and
	// is not coded yet: Story and Events are unknown.
	Queued bool `json:"queued,omitempty"`
}

// Metrics receives counts from the pipeline; nil fields are skipped.
type Metrics struct {
	Stored     func(events int)      // a new article was stored with its events
	Duplicate  func()                // an article was already stored
	Failed     func()                // an article could not be coded or stored
	CodingTime func(d time.Duration) // time spent coding one article
}

// Config configures a Pipeline.
type Config struct {
	Store marsad.Store
	Coder Coder
	// Workers code articles in parallel (0: 2). QueueSize is how many articles wait for
	// a worker before Submit blocks (0: 64).
	Workers, QueueSize int
	// Dedup groups near-duplicates into stories; nil makes every article its own story.
	Dedup   *dedup.Index
	Logger  *slog.Logger
	Metrics Metrics
	// MaxText is the largest article text coded, in bytes (0: DefaultMaxText); a longer
	// one is an error of kind marsad.TooLarge.
	MaxText int
	// MaxEvents caps the events kept of one article (0: DefaultMaxEvents); the first
	// ones in text order are kept and the cut is logged.
	MaxEvents int
}

// Default limits of one article.
const (
	DefaultMaxText   = 2 << 20
	DefaultMaxEvents = 1000
)

type job struct {
	ctx  context.Context
	req  Request
	done chan outcome
}

type outcome struct {
	res Result
	err error
}

// Pipeline ingests articles.
type Pipeline struct {
	cfg   Config
	log   *slog.Logger
	queue chan job
	wg    sync.WaitGroup

	mu     sync.Mutex
	closed bool
	subs   map[chan Result]struct{}
}

// New starts a Pipeline's workers. Close stops them.
func New(cfg Config) *Pipeline {
	if cfg.Workers <= 0 {
		cfg.Workers = 2
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 64
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	p := &Pipeline{cfg: cfg, log: cfg.Logger, queue: make(chan job, cfg.QueueSize), subs: map[chan Result]struct{}{}}
	for range cfg.Workers {
		p.wg.Add(1)
		go p.work()
	}
	return p
}

// RestoreDedup fills the near-duplicate index from the store's articles (after a
// restart). Articles stored without a fingerprint get one from their text.
func RestoreDedup(ctx context.Context, s marsad.Store, ix *dedup.Index) (int, error) {
	n := 0
	err := s.WalkArticles(ctx, func(a *marsad.StoredArticle) error {
		var fp dedup.Fingerprint
		if len(a.Fingerprint) == 0 || fp.UnmarshalBinary(a.Fingerprint) != nil {
			fp = dedup.Compute(a.Text)
		}
		ix.Restore(a.ID, a.Story, fp)
		n++
		return nil
	})
	return n, err
}

// QueueDepth returns the number of articles waiting for a worker.
func (p *Pipeline) QueueDepth() int { return len(p.queue) }

// Submit queues an article and waits until it is stored (or found stored before). It
// blocks while the queue is full; a cancelled ctx gives up with Unavailable.
func (p *Pipeline) Submit(ctx context.Context, req Request) (Result, error) {
	const op = "ingest.Submit"
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return Result{}, marsad.Errorf(op, marsad.Unavailable, "the server is shutting down")
	}
	j := job{ctx: ctx, req: req, done: make(chan outcome, 1)}
	select {
	case p.queue <- j:
	case <-ctx.Done():
		return Result{}, marsad.E(op, marsad.Unavailable, ctx.Err())
	}
	select {
	case o := <-j.done:
		return o.res, o.err
	case <-ctx.Done():
		// The worker finishes the job; the caller just stops waiting.
		return Result{}, marsad.E(op, marsad.Unavailable, ctx.Err())
	}
}

// Close stops taking articles, lets the workers finish the queued ones and waits.
func (p *Pipeline) Close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	p.mu.Unlock()
	close(p.queue)
	p.wg.Wait()
	p.mu.Lock()
	for ch := range p.subs {
		close(ch)
		delete(p.subs, ch)
	}
	p.mu.Unlock()
}

// Subscribe returns a channel of the articles stored from now on, and a function that
// ends the subscription. A subscriber that does not keep up misses notices.
func (p *Pipeline) Subscribe() (<-chan Result, func()) {
	ch := make(chan Result, 64)
	p.mu.Lock()
	if p.closed {
		close(ch)
	} else {
		p.subs[ch] = struct{}{}
	}
	p.mu.Unlock()
	return ch, func() {
		p.mu.Lock()
		if _, ok := p.subs[ch]; ok {
			delete(p.subs, ch)
			close(ch)
		}
		p.mu.Unlock()
	}
}

func (p *Pipeline) publish(r Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for ch := range p.subs {
		select {
		case ch <- r:
		default:
		}
	}
}

func (p *Pipeline) work() {
	defer p.wg.Done()
	for j := range p.queue {
		// A job whose caller gave up is still stored: it may have been acknowledged
		// to nobody, but storing it is harmless and keeps the path simple.
		ctx := context.WithoutCancel(j.ctx)
		res, err := p.ingest(ctx, j.req)
		if err != nil {
			if p.cfg.Metrics.Failed != nil {
				p.cfg.Metrics.Failed()
			}
			level := slog.LevelWarn
			if k := marsad.ErrorKind(err); k == marsad.Invalid || k == marsad.TooLarge || k == marsad.Conflict {
				level = slog.LevelDebug // the client's input: the client is told
			}
			p.log.Log(ctx, level, "article not ingested", "id", j.req.Input.ID, "url", j.req.Input.URL, "err", err)
		}
		j.done <- outcome{res, err}
	}
}

// ingest codes, groups and stores one article.
func (p *Pipeline) ingest(ctx context.Context, req Request) (Result, error) {
	return Ingest(ctx, p.cfg, req, p.publish)
}

// Ingest codes, groups and stores one article with cfg's store, coder and index, in
// the caller's goroutine; publish (may be nil) is told of a new article. The Pipeline
// calls it from its workers; batch tools may call it directly.
func Ingest(ctx context.Context, cfg Config, req Request, publish func(Result)) (Result, error) {
	const op = "ingest"
	text := string(req.Input.Raw)
	hashed := text
	if req.Body != "" {
		hashed = req.Body
	}
	hash := marsad.ContentHash(hashed, arabic.Fold)
	if strings.TrimSpace(text) == "" {
		return Result{}, marsad.Errorf(op, marsad.Invalid, "empty article")
	}
	maxText, maxEvents := cfg.MaxText, cfg.MaxEvents
	if maxText <= 0 {
		maxText = DefaultMaxText
	}
	if maxEvents <= 0 {
		maxEvents = DefaultMaxEvents
	}
	if len(text) > maxText {
		return Result{}, marsad.Errorf(op, marsad.TooLarge, "article text is %d bytes, over the limit of %d", len(text), maxText)
	}
	if id, err := cfg.Store.ArticleByHash(ctx, hash); err == nil {
		if cfg.Metrics.Duplicate != nil {
			cfg.Metrics.Duplicate()
		}
		return duplicate(ctx, cfg.Store, id), nil
	} else if marsad.ErrorKind(err) != marsad.NotFound {
		return Result{}, err
	}
	in := req.Input
	if in.ID == "" {
		in.ID = hash[:16]
	}
	start := time.Now()
	rec, err := codeSafely(ctx, cfg.Coder, in)
	if err != nil {
		return Result{}, err
	}
	if cfg.Metrics.CodingTime != nil {
		cfg.Metrics.CodingTime(time.Since(start))
	}
	if len(rec.Events) > maxEvents {
		if cfg.Logger != nil {
			cfg.Logger.Warn("events cut", "article", in.ID, "events", len(rec.Events), "kept", maxEvents)
		}
		rec.Events = rec.Events[:maxEvents]
	}
	raw := req.Raw
	if raw == nil {
		raw = req.Input.Raw
	}
	ctype := req.ContentType
	if ctype == "" {
		ctype = "text/plain"
	}
	a := &marsad.StoredArticle{
		ID: in.ID, Hash: hash, Raw: raw, ContentType: ctype, Text: text, Record: rec,
		Title: rec.Title, Published: rec.Published, Source: rec.Source, URL: rec.URL, Author: req.Author,
		IngestedAt: time.Now(), CodedAt: time.Now(),
	}
	if a.Author == "" {
		a.Author = rec.Author
	}
	var merged []string
	if cfg.Dedup != nil {
		fp := dedup.Compute(text)
		if b, err := fp.MarshalBinary(); err == nil {
			a.Fingerprint = b
		}
		r := cfg.Dedup.Add(in.ID, fp)
		a.Story, merged = r.Story, r.Merged
	}
	id, dup, err := cfg.Store.PutArticle(ctx, a)
	if err != nil {
		return Result{}, err
	}
	if dup {
		if cfg.Metrics.Duplicate != nil {
			cfg.Metrics.Duplicate()
		}
		return duplicate(ctx, cfg.Store, id), nil
	}
	if len(merged) > 0 {
		if err := cfg.Store.MergeStories(ctx, a.Story, merged); err != nil {
			return Result{}, err
		}
	}
	if cfg.Metrics.Stored != nil {
		cfg.Metrics.Stored(len(rec.Events))
	}
	stored, err := cfg.Store.Article(ctx, id)
	story := a.Story
	if err == nil {
		story = stored.Story
	}
	res := Result{ID: id, Story: story, Events: len(rec.Events), Title: a.Title}
	if publish != nil {
		publish(res)
	}
	return res, nil
}

func duplicate(ctx context.Context, s marsad.Store, id string) Result {
	r := Result{ID: id, Duplicate: true}
	if a, err := s.Article(ctx, id); err == nil {
		r.Story, r.Title = a.Story, a.Title
		if a.Record != nil {
			r.Events = len(a.Record.Events)
		}
	}
	return r
}

// codeSafely turns a panic in the coder into an Internal error, so one bad article
// never stops a worker.
func codeSafely(ctx context.Context, c Coder, in coder.Input) (rec *marsad.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = marsad.Errorf("ingest.code", marsad.Internal, "coder panic: %v", r)
		}
	}()
	return c.Code(ctx, in)
}
