// Package httpapi serves Marsad's JSON API (docs/api.md) on net/http ServeMux patterns:
// ingestion through the ingest pipeline, queries on a marsad.Store, streamed exports,
// Server-Sent Events of stored articles, the OpenAPI document and Prometheus metrics.
// Errors are JSON {"error","kind"} with the status of their marsad.Kind.
package httpapi

import (
	"context"
	_ "embed"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/ingest"
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the embedded OpenAPI 3.1 document of the API.
func OpenAPI() []byte { return openAPI }

// DefaultMaxBody is the largest request body accepted unless configured.
const DefaultMaxBody = 8 << 20

// Role is a role a knowledge-base entity held.
type Role struct {
	Role    string `json:"role"`
	Country string `json:"country,omitempty"`
	Org     string `json:"org,omitempty"`
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`
}

// Page is an extracted HTML page: the input to code and metadata the coder does not read.
type Page struct {
	Input  coder.Input
	Author string
	// Body is the headline and main text without metadata (see ingest.Request.Body).
	Body string
}

// Ingester is the write path the server hands articles to: the in-process
// *ingest.Pipeline, or a cluster publisher (cluster.Publisher, NATS JetStream).
type Ingester interface {
	Submit(ctx context.Context, req ingest.Request) (ingest.Result, error)
	Subscribe() (<-chan ingest.Result, func())
	QueueDepth() int
}

// Config configures a Server.
type Config struct {
	Store    marsad.Store
	Pipeline Ingester
	// Extract turns an HTML page (and its URL, maybe "") into an article; nil refuses
	// HTML bodies.
	Extract func(page []byte, pageURL string) (Page, error)
	// Roles returns the roles of a knowledge-base entity id; nil gives none.
	Roles              func(kbID string) []Role
	Version, KBVersion string
	// MaxBody is the largest request body (0: DefaultMaxBody).
	MaxBody int64
	// Metrics is where request and ingestion metrics go; nil makes a fresh set.
	Metrics *Metrics
	// UI, when set, serves every path outside /api/ and /metrics (the dashboard).
	UI     http.Handler
	Logger *slog.Logger
	// Guard is the access policy: tokens, CORS, rate and size limits (see Guard).
	Guard Guard
}

// Server is the API's http.Handler.
type Server struct {
	cfg     Config
	log     *slog.Logger
	mux     *http.ServeMux
	guard   *guard
	handler http.Handler
	metrics *Metrics
	done    chan struct{}
	once    sync.Once
}

// New builds a Server.
func New(cfg Config) *Server {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics(prometheus.NewRegistry())
	}
	s := &Server{cfg: cfg, log: cfg.Logger, mux: http.NewServeMux(), metrics: cfg.Metrics, done: make(chan struct{})}
	if cfg.Pipeline != nil {
		s.metrics.watchQueue(cfg.Pipeline.QueueDepth)
	}
	s.routes()
	s.guard = newGuard(cfg.Guard)
	s.handler = s.guard.wrap(s.mux)
	return s
}

func (s *Server) routes() {
	h := func(pattern string, fn func(http.ResponseWriter, *http.Request) error) {
		s.mux.Handle(pattern, s.metrics.instrument(pattern, s.handle(fn)))
	}
	h("GET /api/v1/health", s.health)
	h("GET /api/v1/version", s.version)
	h("POST /api/v1/articles", s.postArticle)
	h("GET /api/v1/articles", s.articles)
	h("GET /api/v1/articles/{id}", s.article)
	h("GET /api/v1/events", s.events)
	h("GET /api/v1/events/{id}", s.event)
	h("GET /api/v1/entities", s.entities)
	h("GET /api/v1/entities/{key}", s.entity)
	h("GET /api/v1/quotes", s.quotes)
	h("GET /api/v1/stories", s.stories)
	h("GET /api/v1/stories/{id}", s.story)
	h("GET /api/v1/stats", s.stats)
	h("GET /api/v1/network", s.network)
	h("GET /api/v1/export/{format}", s.export)
	h("GET /api/v1/stream", s.stream)
	h("GET /api/v1/openapi.json", s.openapi)
	h("/api/", func(w http.ResponseWriter, r *http.Request) error {
		return marsad.Errorf("httpapi", marsad.NotFound, "no endpoint %s %s", r.Method, r.URL.Path)
	})
	s.mux.Handle("GET /metrics", s.metrics.Handler())
	if s.cfg.UI != nil {
		s.mux.Handle("/", s.cfg.UI)
	}
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Close ends the long-lived responses (event streams) so that an http.Server can shut
// down gracefully.
func (s *Server) Close() { s.once.Do(func() { close(s.done) }) }

// handle turns a handler's error into a JSON error response.
func (s *Server) handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	c, err := s.cfg.Store.Counts(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "version": s.cfg.Version, "articles": c.Articles, "events": c.Events})
}

func (s *Server) version(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]string{"version": s.cfg.Version, "kb_version": s.cfg.KBVersion})
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(openAPI)
	return err
}

// Metrics are the server's Prometheus metrics.
type Metrics struct {
	reg       *prometheus.Registry
	articles  *prometheus.CounterVec
	events    prometheus.Counter
	coding    prometheus.Histogram
	latency   *prometheus.HistogramVec
	queueOnce sync.Once
}

// NewMetrics registers the metrics in reg (Go and process collectors included).
func NewMetrics(reg *prometheus.Registry) *Metrics {
	m := &Metrics{
		reg: reg,
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "marsad_articles_ingested_total",
			Help: "Articles submitted, by result: stored, duplicate or failed (rate() gives articles/s).",
		}, []string{"result"}),
		events: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "marsad_events_coded_total",
			Help: "Events coded in stored articles (rate() gives events/s).",
		}),
		coding: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "marsad_coding_duration_seconds",
			Help:    "Time to code one article.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
		}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "marsad_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern, method and status.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}, []string{"route", "code"}),
	}
	for _, r := range []string{"stored", "duplicate", "failed"} {
		m.articles.WithLabelValues(r)
	}
	reg.MustRegister(m.articles, m.events, m.coding, m.latency)
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Ingest returns the hooks that feed the ingestion metrics.
func (m *Metrics) Ingest() ingest.Metrics {
	return ingest.Metrics{
		Stored: func(n int) {
			m.articles.WithLabelValues("stored").Inc()
			m.events.Add(float64(n))
		},
		Duplicate:  func() { m.articles.WithLabelValues("duplicate").Inc() },
		Failed:     func() { m.articles.WithLabelValues("failed").Inc() },
		CodingTime: func(d time.Duration) { m.coding.Observe(d.Seconds()) },
	}
}

func (m *Metrics) watchQueue(depth func() int) {
	m.queueOnce.Do(func() {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "marsad_ingest_queue_depth",
			Help: "Articles waiting for a coding worker.",
		}, func() float64 { return float64(depth()) }))
	})
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

func (m *Metrics) instrument(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		m.latency.WithLabelValues(route, statusClass(sw.code)).Observe(time.Since(start).Seconds())
	})
}

func statusClass(code int) string {
	return string(rune('0'+code/100)) + "xx"
}

// statusWriter records the status of a response; it passes Flush through for streams.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
