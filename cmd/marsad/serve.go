package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/cluster"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/dedup"
	"github.com/marsad-project/marsad/httpapi"
	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/internal/config"
	"github.com/marsad-project/marsad/kb"
)

const serveUsage = `Usage: marsad serve [flags]

Runs the Marsad server: the JSON API of docs/api.md (ingestion, events, entities,
quotes, stories, stats, exports, a live stream), /metrics for Prometheus and, when
built in, the dashboard. Articles and events are kept in an embedded SQLite database
under --data. SIGINT or SIGTERM shut it down gracefully: requests in flight finish and
queued articles are stored.

Flags:
`

// Main is the server process: NewMain, ParseFlags, Run (returns once listening), then
// Close. Tests start it on 127.0.0.1:0 with a temporary data folder.
type Main struct {
	Stdout, Stderr io.Writer

	Addr    string
	DataDir string
	// StoreURL, when set, names the store instead of DataDir (a postgres:// URL).
	StoreURL string
	// NATS, when set, makes this server a cluster front: articles go to the JetStream
	// work queue under Prefix for `marsad worker` processes, instead of being coded here.
	NATS, Prefix string
	KBDir        string
	Workers      int
	QueueSize    int
	MaxBody      int64
	NoTagger     bool
	LogFormat    string
	LogLevel     slog.Level
	// FeedInterval is the time between two polls of a feed; FeedReload how often the
	// store is read for feeds added by 'marsad feeds add'.
	FeedInterval, FeedReload time.Duration
	// Access is the access policy and limits (access.go).
	Access Access
	// Coder, when set, is used instead of building one (tests share one coder).
	Coder *coder.Coder

	log      *slog.Logger
	store    marsad.Store
	pipeline httpapi.Ingester
	nats     *cluster.Conn
	api      *httpapi.Server
	server   *http.Server
	ln       net.Listener
	served   chan error
	feeds    *feedRunner
	stopFeed context.CancelFunc
	feedDone chan struct{}
}

// NewMain returns a Main with the default settings.
func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{
		Stdout: stdout, Stderr: stderr,
		Addr: "127.0.0.1:8080", DataDir: "marsad-data", KBDir: os.Getenv("MARSAD_KB_DIR"),
		Workers: runtime.NumCPU(), QueueSize: 256, MaxBody: httpapi.DefaultMaxBody, LogFormat: "text",
		FeedInterval: 15 * time.Minute, FeedReload: time.Minute, Access: defaultAccess(),
	}
}

// ParseFlags reads the command line of `marsad serve`.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&m.Addr, "addr", m.Addr, "address to listen on")
	fs.StringVar(&m.DataDir, "data", m.DataDir, "folder of the database (created if missing)")
	fs.StringVar(&m.StoreURL, "store", m.StoreURL, "shared store: a postgres:// URL (instead of --data)")
	fs.StringVar(&m.NATS, "nats", m.NATS, "NATS URL: publish articles to JetStream for `marsad worker` instead of coding them here")
	fs.StringVar(&m.Prefix, "prefix", "marsad", "name prefix of the cluster's NATS streams, subjects and buckets")
	configFile := fs.String("config", os.Getenv("MARSAD_CONFIG"), "TOML configuration file (keys are flag names; see README, Cluster)")
	fs.StringVar(&m.KBDir, "kb-dir", m.KBDir, "folder of user dictionaries loaded after the embedded knowledge base")
	fs.IntVar(&m.Workers, "workers", m.Workers, "articles coded in parallel")
	fs.IntVar(&m.QueueSize, "queue", m.QueueSize, "articles waiting for a coding worker before POSTs wait")
	fs.Int64Var(&m.MaxBody, "max-body", m.MaxBody, "largest request body, in bytes")
	fs.BoolVar(&m.NoTagger, "no-tagger", m.NoTagger, "names from the knowledge base and rules only")
	fs.StringVar(&m.LogFormat, "log-format", m.LogFormat, "log format: text or json")
	fs.DurationVar(&m.FeedInterval, "feed-interval", m.FeedInterval, "time between two polls of a feed (see 'marsad feeds')")
	m.Access.flags(fs)
	verbose := fs.Bool("v", false, "debug logs")
	fs.Usage = func() {
		fmt.Fprint(m.Stderr, serveUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if err := config.Apply(fs, "serve", *configFile, nil); err != nil {
		fmt.Fprintf(m.Stderr, "marsad serve: %v\n", err)
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(m.Stderr, "marsad serve: unexpected arguments %q\n", fs.Args())
		return errUsage
	}
	if m.LogFormat != "text" && m.LogFormat != "json" {
		fmt.Fprintf(m.Stderr, "marsad serve: --log-format must be text or json\n")
		return errUsage
	}
	if *verbose {
		m.LogLevel = slog.LevelDebug
	}
	return nil
}

func (m *Main) logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: m.LogLevel}
	if m.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(m.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(m.Stderr, opts))
}

// Run opens the store, builds the coder and the pipeline, and starts serving. It
// returns once the server listens; Close stops it.
func (m *Main) Run(ctx context.Context) error {
	m.log = m.logger()
	start := time.Now()
	spec := m.DataDir
	if m.StoreURL != "" {
		spec = m.StoreURL
	}
	st, err := openStore(ctx, spec, m.log)
	if err != nil {
		return err
	}
	m.store = st
	cd := m.Coder
	if cd == nil {
		if cd, err = newCoder(m.KBDir, m.NoTagger, m.log.WithGroup("coder")); err != nil {
			return err
		}
	}
	ix := dedup.NewIndex(dedup.Options{})
	n := 0
	if m.NATS == "" { // the near-duplicate index serves the in-process pipeline only
		if n, err = ingest.RestoreDedup(ctx, st, ix); err != nil {
			return err
		}
	}
	metrics := httpapi.NewMetrics(prometheus.NewRegistry())
	guard, err := m.Access.guard()
	if err != nil {
		return err
	}
	if m.NATS != "" {
		m.nats, err = cluster.Connect(ctx, cluster.Config{URL: m.NATS, Prefix: m.Prefix, Name: "marsad-serve", Logger: m.log.WithGroup("nats")})
		if err != nil {
			return err
		}
		m.pipeline = m.nats.Publisher()
	} else {
		m.pipeline = ingest.New(ingest.Config{
			Store: st, Coder: cd, Workers: m.Workers, QueueSize: m.QueueSize, Dedup: ix,
			Logger: m.log.WithGroup("ingest"), Metrics: metrics.Ingest(), MaxText: m.Access.MaxArticle,
		})
	}
	m.api = httpapi.New(httpapi.Config{
		Store: st, Pipeline: m.pipeline, Extract: extractPage, Roles: kbRoles(cd.KB()),
		Version: marsad.Version, KBVersion: cd.KB().Version, MaxBody: m.MaxBody, Metrics: metrics,
		UI: dashboard(), Logger: m.log.WithGroup("http"), Guard: guard,
	})
	m.ln, err = net.Listen("tcp", m.Addr)
	if err != nil {
		return marsad.E("serve", marsad.Unavailable, err)
	}
	m.server = &http.Server{
		Handler:           m.api,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       m.Access.ReadTimeout,
		WriteTimeout:      m.Access.WriteTimeout, // event streams and exports lift it
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(m.log.Handler(), slog.LevelWarn),
	}
	m.served = make(chan error, 1)
	go func() { m.served <- m.server.Serve(m.ln) }()
	var claim func(context.Context, string) bool
	if m.nats != nil {
		// Servers of one cluster share the feeds: each poll needs the feed's lease, which
		// its holder renews at every poll and loses two intervals after it stops.
		host, _ := os.Hostname()
		leases, err := m.nats.Leases(ctx, fmt.Sprintf("%s:%d", host, os.Getpid()), max(2*m.FeedInterval, time.Minute))
		if err != nil {
			return err
		}
		flog := m.log.WithGroup("feed")
		claim = func(ctx context.Context, url string) bool {
			ok, err := leases.Acquire(ctx, url)
			if err != nil {
				flog.Warn("feed lease", "url", url, "err", err)
			}
			return ok
		}
	}
	m.feeds = newFeedRunner(st, m.pipeline, m.FeedInterval, m.FeedReload, claim, m.log.WithGroup("feed"))
	fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	m.stopFeed, m.feedDone = cancel, make(chan struct{})
	go func() {
		defer close(m.feedDone)
		m.feeds.run(fctx)
	}()
	if len(guard.Tokens) == 0 {
		m.log.Warn("no access token: anyone who reaches the server may write (see --token-file)")
	}
	m.log.Info("serving", "addr", m.URL(), "data", m.DataDir, "articles", n, "workers", m.Workers,
		"version", marsad.Version, "kb", cd.KB().Version, "startup", time.Since(start).Round(time.Millisecond))
	return nil
}

// URL returns the server's base URL (after Run).
func (m *Main) URL() string {
	if m.ln == nil {
		return ""
	}
	return "http://" + m.ln.Addr().String()
}

// Store returns the open store (after Run).
func (m *Main) Store() marsad.Store { return m.store }

// Close shuts the server down gracefully: event streams end, requests in flight get up
// to 30 s, queued articles are stored, then the database is closed.
func (m *Main) Close() error {
	var errs []error
	if m.api != nil {
		m.api.Close()
	}
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := m.server.Shutdown(ctx); err != nil {
			errs = append(errs, err)
		}
		if err := <-m.served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, err)
		}
	}
	if m.stopFeed != nil {
		m.stopFeed()
		<-m.feedDone
	}
	if p, ok := m.pipeline.(*ingest.Pipeline); ok {
		p.Close()
	}
	if m.nats != nil {
		m.nats.Close()
	}
	if m.store != nil {
		if err := m.store.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	if m.log != nil {
		m.log.Info("stopped")
	}
	return errors.Join(errs...)
}

// ServeCommand runs `marsad serve` until ctx is done (SIGINT, SIGTERM).
type ServeCommand struct {
	Stdout, Stderr io.Writer
}

// Run runs the command.
func (c *ServeCommand) Run(ctx context.Context, args []string) error {
	m := NewMain(c.Stdout, c.Stderr)
	if err := m.ParseFlags(args); err != nil {
		return err
	}
	if err := m.Run(ctx); err != nil {
		m.Close()
		return err
	}
	select {
	case <-ctx.Done():
		m.log.Info("shutting down", "cause", context.Cause(ctx))
	case err := <-m.served:
		m.served <- err
	}
	return m.Close()
}

func newCoder(kbDir string, noTagger bool, log *slog.Logger) (*coder.Coder, error) {
	k, err := kb.LoadDir(kbDir)
	if err != nil {
		return nil, err
	}
	return coder.New(coder.Config{KB: k, NoTagger: noTagger, Logger: log})
}

// kbRoles lists the tenures of a knowledge-base person for the entity page.
func kbRoles(k *kb.KB) func(string) []httpapi.Role {
	return func(id string) []httpapi.Role {
		p := k.Persons[id]
		if p == nil {
			return nil
		}
		out := make([]httpapi.Role, 0, len(p.Roles))
		for _, t := range p.Roles {
			r := httpapi.Role{Role: t.Role, Country: t.Country, Org: t.Org}
			if !t.From.IsZero() {
				r.From = t.From.Format(time.DateOnly)
			}
			if !t.To.IsZero() {
				r.To = t.To.Format(time.DateOnly)
			}
			out = append(out, r)
		}
		return out
	}
}
