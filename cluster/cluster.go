// Package cluster distributes Marsad's ingestion over NATS JetStream: servers publish
// the articles they receive to a work-queue stream (Publisher), workers on any number
// of machines pull them, code them and store them in the shared store (Worker), and
// feed polling is shared out with leases in a JetStream key-value bucket (Leases).
//
// Guarantees. An article is acknowledged to its sender once JetStream has persisted it
// (the publish acknowledgement), with its content hash as the message id, so a resent
// article within the stream's duplicate window is dropped by the server. A worker
// acknowledges a message only after the article is committed to the store; a worker
// that dies or loses its connection before that leaves the message to be redelivered
// after AckWait, and the store's content-hash key makes the second write a no-op
// (stored once). A message that keeps failing is redelivered at most MaxDeliver times,
// then copied to the dead-letter stream and removed from the work queue.
package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/ingest"
)

// Config names the JetStream resources of a Marsad cluster and sets their limits.
// Every server and worker of one cluster uses the same Prefix.
type Config struct {
	// URL is the NATS server list (nats://host:4222, comma-separated).
	URL string
	// Prefix names everything (default "marsad"): subjects PREFIX.articles and
	// PREFIX.dead, streams PREFIX_ARTICLES and PREFIX_DEAD (upper case), the durable
	// consumer PREFIX-workers and the key-value bucket PREFIX_leases.
	Prefix string
	// MaxDeliver bounds the deliveries of one article (default 5); AckWait is how long a
	// worker may hold one before it is redelivered (default 60 s; a worker still
	// coding extends it).
	MaxDeliver int
	AckWait    time.Duration
	// Duplicates is the window in which the server drops a republished article with
	// the same content hash (default 2 h).
	Duplicates time.Duration
	// Name identifies this process to the NATS server (monitoring).
	Name   string
	Logger *slog.Logger
}

func (c *Config) defaults() error {
	if c.URL == "" {
		return marsad.Errorf("cluster", marsad.Invalid, "no NATS URL")
	}
	if c.Prefix == "" {
		c.Prefix = "marsad"
	}
	if !prefixRE.MatchString(c.Prefix) {
		return marsad.Errorf("cluster", marsad.Invalid, "prefix %q: want letters, digits, - and _", c.Prefix)
	}
	if c.MaxDeliver <= 0 {
		c.MaxDeliver = 5
	}
	if c.AckWait <= 0 {
		c.AckWait = 60 * time.Second
	}
	if c.Duplicates <= 0 {
		c.Duplicates = 2 * time.Hour
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

var prefixRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func (c *Config) subject() string     { return c.Prefix + ".articles" }
func (c *Config) deadSubject() string { return c.Prefix + ".dead" }
func (c *Config) stream() string {
	return strings.ToUpper(strings.ReplaceAll(c.Prefix, "-", "_")) + "_ARTICLES"
}
func (c *Config) deadStream() string {
	return strings.ToUpper(strings.ReplaceAll(c.Prefix, "-", "_")) + "_DEAD"
}
func (c *Config) storedSubject() string { return c.Prefix + ".stored" }
func (c *Config) consumer() string      { return c.Prefix + "-workers" }
func (c *Config) bucket() string        { return c.Prefix + "_leases" }

// Conn is a connection to the cluster's NATS servers with its JetStream resources.
type Conn struct {
	cfg Config
	nc  *nats.Conn
	js  jetstream.JetStream
	log *slog.Logger
}

// Connect connects to NATS (reconnecting for ever after a loss) and creates or updates
// the streams: the work queue (file storage, work-queue retention: a message is gone
// once a worker acknowledges it) and the dead-letter stream (kept 30 days).
func Connect(ctx context.Context, cfg Config) (*Conn, error) {
	const op = "cluster.Connect"
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	log := cfg.Logger
	nc, err := nats.Connect(cfg.URL, nats.Name(cfg.Name), nats.MaxReconnects(-1), nats.ReconnectWait(500*time.Millisecond),
		nats.RetryOnFailedConnect(false),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) { log.Warn("NATS disconnected", "err", err) }),
		nats.ReconnectHandler(func(c *nats.Conn) { log.Info("NATS reconnected", "url", c.ConnectedUrlRedacted()) }))
	if err != nil {
		return nil, marsad.E(op, marsad.Unavailable, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, marsad.E(op, marsad.Unavailable, err)
	}
	c := &Conn{cfg: cfg, nc: nc, js: js, log: log}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: cfg.stream(), Subjects: []string{cfg.subject()}, Retention: jetstream.WorkQueuePolicy,
		Storage: jetstream.FileStorage, Duplicates: cfg.Duplicates, Description: "Marsad articles waiting for a worker",
	}); err != nil {
		nc.Close()
		return nil, marsad.E(op, marsad.Unavailable, fmt.Errorf("stream %s: %w", cfg.stream(), err))
	}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: cfg.deadStream(), Subjects: []string{cfg.deadSubject()}, Retention: jetstream.LimitsPolicy,
		Storage: jetstream.FileStorage, MaxAge: 30 * 24 * time.Hour, Duplicates: cfg.Duplicates,
		Description: "Marsad articles that failed MaxDeliver times (or can never succeed)",
	}); err != nil {
		nc.Close()
		return nil, marsad.E(op, marsad.Unavailable, fmt.Errorf("stream %s: %w", cfg.deadStream(), err))
	}
	return c, nil
}

// Close drains and closes the connection.
func (c *Conn) Close() {
	if err := c.nc.Drain(); err != nil {
		c.nc.Close()
	}
}

// NATS returns the underlying connection (tests cut it to simulate a network loss).
func (c *Conn) NATS() *nats.Conn { return c.nc }

// Pending returns the number of articles in the work queue (not yet acknowledged by a
// worker) and of dead letters.
func (c *Conn) Pending(ctx context.Context) (queued, dead uint64, err error) {
	for i, name := range []string{c.cfg.stream(), c.cfg.deadStream()} {
		s, err := c.js.Stream(ctx, name)
		if err != nil {
			return 0, 0, marsad.E("cluster.Pending", marsad.Unavailable, err)
		}
		info, err := s.Info(ctx)
		if err != nil {
			return 0, 0, marsad.E("cluster.Pending", marsad.Unavailable, err)
		}
		if i == 0 {
			queued = info.State.Msgs
		} else {
			dead = info.State.Msgs
		}
	}
	return queued, dead, nil
}

// message is an article on the wire: the raw input as received and its metadata.
type message struct {
	ID          string    `json:"id,omitempty"`
	Raw         []byte    `json:"raw"`
	ContentType string    `json:"content_type,omitempty"`
	Text        []byte    `json:"text,omitempty"` // the text to code when it differs from Raw (extracted HTML)
	Title       string    `json:"title,omitempty"`
	Published   time.Time `json:"published,omitzero"`
	URL         string    `json:"url,omitempty"`
	Source      string    `json:"source,omitempty"`
	Author      string    `json:"author,omitempty"`
	Plain       bool      `json:"plain,omitempty"`
}

func encode(req ingest.Request) ([]byte, error) {
	m := message{ID: req.Input.ID, Raw: req.Raw, ContentType: req.ContentType, Title: req.Input.Title,
		Published: req.Input.Published, URL: req.Input.URL, Source: req.Input.Source, Author: req.Author, Plain: req.Input.Plain}
	if m.Raw == nil {
		m.Raw = req.Input.Raw
	} else if string(req.Raw) != string(req.Input.Raw) {
		m.Text = req.Input.Raw
	}
	return json.Marshal(m)
}

func decode(b []byte) (ingest.Request, error) {
	var m message
	if err := json.Unmarshal(b, &m); err != nil {
		return ingest.Request{}, marsad.E("cluster.decode", marsad.Invalid, err)
	}
	text := m.Raw
	if m.Text != nil {
		text = m.Text
	}
	return ingest.Request{
		Input: coder.Input{ID: m.ID, Raw: text, Title: m.Title, Published: m.Published, URL: m.URL, Source: m.Source, Plain: m.Plain},
		Raw:   m.Raw, ContentType: m.ContentType, Author: m.Author,
	}, nil
}

// Publisher sends articles to the work queue. Its Submit has the signature of
// ingest.Pipeline's, so a server takes either.
type Publisher struct{ c *Conn }

// Publisher returns the connection's publisher.
func (c *Conn) Publisher() *Publisher { return &Publisher{c: c} }

// Submit publishes an article and returns once JetStream has persisted it. The result
// carries the id the article will be stored under (its content hash's prefix when the
// request names none, as ingest does) and Duplicate when the server had it already
// within the duplicate window; its Story and Events are unknown until a worker codes it.
func (p *Publisher) Submit(ctx context.Context, req ingest.Request) (ingest.Result, error) {
	const op = "cluster.Submit"
	text := string(req.Input.Raw)
	if strings.TrimSpace(text) == "" {
		return ingest.Result{}, marsad.Errorf(op, marsad.Invalid, "empty article")
	}
	hash := marsad.ContentHash(text, arabic.Fold)
	if req.Input.ID == "" {
		req.Input.ID = hash[:16]
	}
	b, err := encode(req)
	if err != nil {
		return ingest.Result{}, marsad.E(op, marsad.Invalid, err)
	}
	ack, err := p.c.js.Publish(ctx, p.c.cfg.subject(), b, jetstream.WithMsgID(hash))
	if err != nil {
		return ingest.Result{}, marsad.E(op, marsad.Unavailable, err)
	}
	return ingest.Result{ID: req.Input.ID, Duplicate: ack.Duplicate, Queued: !ack.Duplicate, Title: req.Input.Title}, nil
}

// QueueDepth returns the number of articles waiting in the work queue (-1 when the
// server cannot be asked).
func (p *Publisher) QueueDepth() int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	q, _, err := p.c.Pending(ctx)
	if err != nil {
		return -1
	}
	return int(q)
}

// Subscribe returns a channel of the articles the cluster's workers store from now on
// (they announce each on PREFIX.stored), and a function that ends the subscription. A
// subscriber that does not keep up misses notices, as with ingest.Pipeline.
func (p *Publisher) Subscribe() (<-chan ingest.Result, func()) {
	out := make(chan ingest.Result, 64)
	var mu sync.Mutex
	closed := false
	sub, err := p.c.nc.Subscribe(p.c.cfg.storedSubject(), func(m *nats.Msg) {
		var r ingest.Result
		if json.Unmarshal(m.Data, &r) != nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if closed {
			return
		}
		select {
		case out <- r:
		default:
		}
	})
	if err != nil {
		close(out)
		return out, func() {}
	}
	return out, func() {
		sub.Unsubscribe()
		mu.Lock()
		defer mu.Unlock()
		if !closed {
			closed = true
			close(out)
		}
	}
}

// isPermanent says whether an ingest error can never succeed on a retry.
func isPermanent(err error) bool {
	switch marsad.ErrorKind(err) {
	case marsad.Invalid, marsad.TooLarge, marsad.Conflict:
		return true
	}
	return errors.Is(err, errBadMessage)
}

var errBadMessage = errors.New("malformed message")
