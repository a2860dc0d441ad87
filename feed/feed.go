// Package feed polls RSS, Atom and JSON feeds (parsed with github.com/mmcdole/gofeed)
// politely and defensively: conditional GET with the ETag and Last-Modified the feed
// last sent, per-feed exponential backoff with jitter after errors (and Retry-After),
// a body size limit that also holds after gzip decompression (bombs), a redirect limit
// and a timeout on every request.
//
// A Poller is stateless: the caller keeps each feed's State (validators, failures,
// next poll time, keys of the items already seen) and stores it between polls.
//
//	p := feed.NewPoller(feed.Options{Logger: log})
//	st := feed.State{URL: "https://example.org/rss"}   // or the stored state
//	items, st, err := p.Poll(ctx, st)                  // items: new since last time
//	save(st)                                           // always, error or not
//
// A Scheduler polls a set of feeds at an interval, each when it is due (its backoff
// respected), and passes new items and the updated state to a handler:
//
//	s := feed.NewScheduler(p, feed.SchedulerOptions{Interval: 15 * time.Minute,
//		Handler: func(ctx context.Context, r feed.Result) { store(r.Items); save(r.State) }})
//	s.Add(st)
//	err := s.Run(ctx) // until ctx is done
package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/marsad-project/marsad"
)

// Defaults of Options.
const (
	DefaultMaxBytes     = 10 << 20
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
	DefaultMinBackoff   = time.Minute
	DefaultMaxBackoff   = 6 * time.Hour
	DefaultMaxSeen      = 2000
	DefaultMaxItems     = 500
)

// Options configure a Poller. Zero fields take the defaults.
type Options struct {
	// Client makes the requests. nil builds one with Timeout and MaxRedirects; a
	// given client is used as it is (its own timeout and redirect policy apply).
	Client *http.Client
	// Timeout bounds each request, body included (DefaultTimeout).
	Timeout time.Duration
	// MaxBytes is the largest feed body accepted, after decompression
	// (DefaultMaxBytes). A larger body is an error of kind marsad.TooLarge.
	MaxBytes int64
	// MaxRedirects is the most redirects followed (DefaultMaxRedirects).
	MaxRedirects int
	// MinBackoff and MaxBackoff bound the wait after consecutive failures: MinBackoff
	// after the first, doubling up to MaxBackoff, with jitter (half of it random).
	MinBackoff, MaxBackoff time.Duration
	// MaxSeen is how many item keys a State remembers (DefaultMaxSeen).
	MaxSeen int
	// MaxItems is the most items taken from one feed document (DefaultMaxItems).
	MaxItems int
	// UserAgent is sent with each request.
	UserAgent string
	// Logger receives one debug line per poll; nil discards.
	Logger *slog.Logger
	// Now and Rand replace the clock and the jitter source (tests).
	Now  func() time.Time
	Rand func() float64
}

// State is what a caller stores for a feed between polls.
type State struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastPoll     time.Time `json:"last_poll,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	// Failures counts consecutive failed polls; NextPoll is the earliest time the feed
	// should be polled again (after a failure or a Retry-After).
	Failures  int       `json:"failures,omitempty"`
	NextPoll  time.Time `json:"next_poll,omitzero"`
	LastError string    `json:"last_error,omitempty"`
	// Seen holds the keys of the items already returned, newest first.
	Seen []string `json:"seen,omitempty"`
}

// Item is one new feed entry.
type Item struct {
	Feed      string    `json:"feed"`
	GUID      string    `json:"guid,omitempty"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Author    string    `json:"author,omitempty"`
	// Content is the item's full content (HTML) when the feed carries it;
	// Description is its summary (HTML).
	Content     string `json:"content,omitempty"`
	Description string `json:"description,omitempty"`
}

// Key identifies an item within its feed: its GUID, else its URL, else a hash of its
// title and publication time.
func (it *Item) Key() string {
	switch {
	case it.GUID != "":
		return it.GUID
	case it.URL != "":
		return it.URL
	}
	h := sha256.Sum256([]byte(it.Title + "\x00" + it.Published.UTC().Format(time.RFC3339)))
	return "sha256:" + hex.EncodeToString(h[:12])
}

// Poller fetches feeds. It is safe for concurrent use.
type Poller struct {
	opts   Options
	client *http.Client
	log    *slog.Logger
}

// errTooManyRedirects is the cause of a redirect chain over the limit.
var errTooManyRedirects = errors.New("too many redirects")

// NewPoller returns a Poller.
func NewPoller(opts Options) *Poller {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = DefaultMinBackoff
	}
	if opts.MaxBackoff < opts.MinBackoff {
		opts.MaxBackoff = max(DefaultMaxBackoff, opts.MinBackoff)
	}
	if opts.MaxSeen <= 0 {
		opts.MaxSeen = DefaultMaxSeen
	}
	if opts.MaxItems <= 0 {
		opts.MaxItems = DefaultMaxItems
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "marsad/" + marsad.Version + " (feed poller)"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Rand == nil {
		opts.Rand = rand.Float64
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	client := opts.Client
	if client == nil {
		maxRedirects := opts.MaxRedirects
		client = &http.Client{
			Timeout: opts.Timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) > maxRedirects {
					return fmt.Errorf("%w (%d)", errTooManyRedirects, len(via))
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return fmt.Errorf("redirect to a %q URL", req.URL.Scheme)
				}
				return nil
			},
		}
	}
	return &Poller{opts: opts, client: client, log: log.With("component", "feed")}
}

// Poll fetches the feed of st.URL and returns the items not seen before (in the
// feed's order) and the updated state, which the caller stores whatever the outcome.
// A 304 Not Modified returns no items. On an error the state counts the failure and
// sets NextPoll after a backoff (except when ctx is cancelled: then st comes back as
// it was); errors have a marsad.Kind: Invalid (bad URL, a 4xx
// answer, a document that is no feed), TooLarge (body over MaxBytes, decompressed),
// Unavailable (network, timeout, 5xx, 429).
func (p *Poller) Poll(ctx context.Context, st State) ([]Item, State, error) {
	now := p.opts.Now()
	prev := st
	st.LastPoll = now
	items, retryAfter, err := p.fetch(ctx, &st)
	if err != nil && ctx.Err() != nil {
		// Cancelled (shutting down): not the feed's failure.
		return nil, prev, marsad.E("feed.Poll", marsad.Unavailable, ctx.Err())
	}
	if err != nil {
		st.Failures++
		st.LastError = err.Error()
		st.NextPoll = now.Add(max(p.backoff(st.Failures), retryAfter))
		p.log.Debug("poll failed", "url", st.URL, "failures", st.Failures, "next", st.NextPoll, "err", err)
		return nil, st, err
	}
	st.Failures, st.LastError, st.LastSuccess = 0, "", now
	st.NextPoll = time.Time{}
	if retryAfter > 0 {
		st.NextPoll = now.Add(retryAfter)
	}
	fresh := p.unseen(&st, items)
	p.log.Debug("polled", "url", st.URL, "items", len(items), "new", len(fresh))
	return fresh, st, nil
}

// backoff is the wait after n consecutive failures: MinBackoff·2^(n-1) capped at
// MaxBackoff, its second half random.
func (p *Poller) backoff(n int) time.Duration {
	d := float64(p.opts.MinBackoff) * math.Pow(2, float64(min(n-1, 40)))
	d = min(d, float64(p.opts.MaxBackoff))
	return time.Duration(d/2 + p.opts.Rand()*d/2)
}

// unseen returns the items whose keys st has not seen and records all the feed's keys
// in st.Seen, newest first, at most MaxSeen.
func (p *Poller) unseen(st *State, items []Item) []Item {
	seen := make(map[string]bool, len(st.Seen))
	for _, k := range st.Seen {
		seen[k] = true
	}
	var fresh []Item
	var keys []string
	for i := range items {
		k := items[i].Key()
		if seen[k] {
			continue
		}
		seen[k] = true
		fresh = append(fresh, items[i])
		keys = append(keys, k)
	}
	st.Seen = append(keys, st.Seen...)
	if len(st.Seen) > p.opts.MaxSeen {
		st.Seen = st.Seen[:p.opts.MaxSeen]
	}
	return fresh
}

// fetch makes the conditional GET and parses the answer; it updates st's validators.
func (p *Poller) fetch(ctx context.Context, st *State) (items []Item, retryAfter time.Duration, err error) {
	const op = "feed.Poll"
	u, err := url.Parse(st.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, 0, marsad.Errorf(op, marsad.Invalid, "%q is not an http(s) URL", st.URL)
	}
	ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, marsad.E(op, marsad.Invalid, err)
	}
	req.Header.Set("User-Agent", p.opts.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	// Asked for explicitly, so that the transport leaves decompression to us and the
	// size limit applies to the decompressed bytes.
	req.Header.Set("Accept-Encoding", "gzip")
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		if errors.Is(err, errTooManyRedirects) {
			return nil, 0, marsad.E(op, marsad.Invalid, err)
		}
		return nil, 0, marsad.E(op, marsad.Unavailable, err)
	}
	defer resp.Body.Close()
	retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), p.opts.Now())
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, retryAfter, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return nil, retryAfter, marsad.Errorf(op, marsad.Unavailable, "%s: %s", st.URL, resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, retryAfter, marsad.Errorf(op, marsad.Invalid, "%s: %s", st.URL, resp.Status)
	}
	body, err := p.readBody(resp)
	if err != nil {
		return nil, 0, err
	}
	items, err = Parse(body, resp.Request.URL.String())
	if err != nil {
		return nil, 0, err
	}
	if len(items) > p.opts.MaxItems {
		items = items[:p.opts.MaxItems]
	}
	st.ETag = resp.Header.Get("ETag")
	st.LastModified = resp.Header.Get("Last-Modified")
	return items, retryAfter, nil
}

// readBody reads the body, gunzipping it when the server says so, and fails with
// marsad.TooLarge past MaxBytes of (decompressed) content.
func (p *Poller) readBody(resp *http.Response) ([]byte, error) {
	const op = "feed.Poll"
	max := p.opts.MaxBytes
	if resp.ContentLength > max {
		return nil, marsad.Errorf(op, marsad.TooLarge, "feed body is %d bytes, over the limit of %d", resp.ContentLength, max)
	}
	var r io.Reader = io.LimitReader(resp.Body, max+1) // compressed bytes, also bounded
	if strings.EqualFold(strings.TrimSpace(resp.Header.Get("Content-Encoding")), "gzip") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, marsad.Errorf(op, marsad.Invalid, "bad gzip body: %w", err)
		}
		defer zr.Close()
		r = zr
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, marsad.Errorf(op, marsad.Invalid, "bad gzip body: %w", err)
		}
		return nil, marsad.E(op, marsad.Unavailable, err)
	}
	if int64(len(b)) > max {
		return nil, marsad.Errorf(op, marsad.TooLarge, "feed body over the limit of %d bytes", max)
	}
	return b, nil
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date. It returns 0
// when absent or unreadable, and at most a day.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
		d = time.Duration(min(n, 86400)) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), 24*time.Hour)
}

// Parse reads a feed document (RSS 0.9x–2.0, Atom, JSON Feed) and returns its items;
// relative item links are resolved against feedURL. A document that is no feed gives
// an error of kind marsad.Invalid. Strings are valid UTF-8.
func Parse(doc []byte, feedURL string) (items []Item, err error) {
	const op = "feed.Parse"
	defer func() {
		if r := recover(); r != nil {
			items, err = nil, marsad.Errorf(op, marsad.Invalid, "feed parser panic: %v", r)
		}
	}()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(doc))
	if err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	base, _ := url.Parse(feedURL)
	for _, gi := range f.Items {
		if gi == nil {
			continue
		}
		it := Item{
			Feed:        feedURL,
			GUID:        clean(gi.GUID),
			URL:         resolve(base, gi.Link),
			Title:       strings.TrimSpace(clean(gi.Title)),
			Content:     clean(gi.Content),
			Description: clean(gi.Description),
		}
		if it.URL == "" && len(gi.Links) > 0 {
			it.URL = resolve(base, gi.Links[0])
		}
		switch {
		case gi.PublishedParsed != nil:
			it.Published = gi.PublishedParsed.UTC()
		case gi.UpdatedParsed != nil:
			it.Published = gi.UpdatedParsed.UTC()
		}
		var names []string
		for _, a := range gi.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				names = append(names, strings.TrimSpace(clean(a.Name)))
			}
		}
		if len(names) == 0 && gi.DublinCoreExt != nil {
			for _, c := range gi.DublinCoreExt.Creator {
				names = append(names, strings.TrimSpace(clean(c)))
			}
		}
		it.Author = strings.Join(names, ", ")
		items = append(items, it)
	}
	return items, nil
}

func clean(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// resolve makes link absolute against base; it returns "" for a link that is not an
// http(s) URL with a host (javascript:, data:, "https:", garbage).
func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
