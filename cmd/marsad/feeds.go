package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/feed"
	"github.com/marsad-project/marsad/httpapi"
	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/sqlite"
)

const feedsUsage = `Usage:
  marsad feeds add [--data DIR] [--source NAME] URL...   register RSS, Atom or JSON feeds
  marsad feeds list [--data DIR]                         show the feeds and their polling state

A running 'marsad serve' on the same --data polls the registered feeds (it picks up
new ones within a minute), each at --feed-interval, with conditional GETs and a
per-feed backoff after errors. New items are ingested like POSTed articles: the
item's full content when the feed carries it, else the page at the item's link.
`

// FeedsCommand registers and lists feeds.
type FeedsCommand struct {
	Stdout, Stderr io.Writer
}

// Run runs the command.
func (c *FeedsCommand) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprint(c.Stdout, feedsUsage)
			return flag.ErrHelp
		}
		fmt.Fprint(c.Stderr, feedsUsage)
		return errUsage
	}
	fs := flag.NewFlagSet("feeds "+args[0], flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	dataDir := fs.String("data", "marsad-data", "folder of the database")
	source := fs.String("source", "", "outlet name given to the feed's articles (default: the feed's host)")
	fs.Usage = func() { fmt.Fprint(c.Stderr, feedsUsage) }
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	store, err := sqlite.OpenDir(ctx, *dataDir, sqlite.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	if args[0] == "list" {
		feeds, err := store.Feeds(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(c.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "URL\tSOURCE\tARTICLES\tLAST POLLED\tFAILURES\tLAST ERROR")
		for _, f := range feeds {
			polled := "never"
			if !f.LastPolled.IsZero() {
				polled = f.LastPolled.UTC().Format(time.DateTime)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\t%s\n", f.URL, f.Source, f.Articles, polled, f.Failures, f.LastError)
		}
		return tw.Flush()
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(c.Stderr, "marsad feeds add: no URL given")
		return errUsage
	}
	for _, raw := range fs.Args() {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return marsad.Errorf("feeds add", marsad.Invalid, "%q is not an http(s) URL", raw)
		}
		src := *source
		if src == "" {
			src = strings.TrimPrefix(u.Hostname(), "www.")
		}
		if err := store.AddFeed(ctx, &marsad.Feed{URL: u.String(), Source: src}); err != nil {
			return err
		}
		fmt.Fprintf(c.Stdout, "added %s (source %s)\n", u, src)
	}
	return nil
}

// feedRunner polls the stored feeds and ingests their new items.
type feedRunner struct {
	store    marsad.Store
	pipeline *ingest.Pipeline
	sched    *feed.Scheduler
	log      *slog.Logger
	client   *http.Client
	reload   time.Duration

	mu    sync.Mutex
	feeds map[string]marsad.Feed
}

func newFeedRunner(store marsad.Store, p *ingest.Pipeline, interval, reload time.Duration, log *slog.Logger) *feedRunner {
	r := &feedRunner{store: store, pipeline: p, log: log, reload: reload, feeds: map[string]marsad.Feed{},
		client: &http.Client{Timeout: 30 * time.Second}}
	poller := feed.NewPoller(feed.Options{Logger: log, UserAgent: "marsad/" + marsad.Version})
	r.sched = feed.NewScheduler(poller, feed.SchedulerOptions{Interval: interval, Handler: r.handle})
	return r
}

// run polls until ctx is done, picking up feeds added to the store meanwhile.
func (r *feedRunner) run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.sched.Run(ctx)
	}()
	t := time.NewTicker(r.reload)
	defer t.Stop()
	for {
		if err := r.load(ctx); err != nil && ctx.Err() == nil {
			r.log.Warn("loading feeds", "err", err)
		}
		select {
		case <-ctx.Done():
			wg.Wait()
			return
		case <-t.C:
		}
	}
}

// load schedules the stored feeds not yet scheduled.
func (r *feedRunner) load(ctx context.Context) error {
	feeds, err := r.store.Feeds(ctx)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, f := range feeds {
		if _, ok := r.feeds[f.URL]; ok {
			continue
		}
		r.feeds[f.URL] = f
		r.sched.Add(feed.State{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified, LastPoll: f.LastPolled,
			LastSuccess: f.LastSuccess, Failures: f.Failures, NextPoll: f.NextPoll, LastError: f.LastError, Seen: f.Seen})
		r.log.Info("feed scheduled", "url", f.URL)
	}
	return nil
}

// handle ingests a poll's new items and saves the feed's state.
func (r *feedRunner) handle(ctx context.Context, res feed.Result) {
	r.mu.Lock()
	f := r.feeds[res.State.URL]
	r.mu.Unlock()
	if res.Err != nil {
		r.log.Warn("feed poll failed", "url", res.State.URL, "failures", res.State.Failures, "next", res.State.NextPoll, "err", res.Err)
	}
	for _, it := range res.Items {
		req, err := r.request(ctx, it, f.Source)
		if err == nil {
			var out ingest.Result
			out, err = r.pipeline.Submit(ctx, req)
			if err == nil && !out.Duplicate {
				f.Articles++
			}
		}
		if err != nil {
			r.log.Warn("feed item not ingested", "feed", f.URL, "item", it.URL, "err", err)
			if marsad.ErrorKind(err) == marsad.Unavailable {
				// Shutting down: keep the stored state, so that the next run polls
				// the feed afresh and takes the items not stored (the stored ones
				// are then duplicates).
				return
			}
		}
	}
	st := res.State
	f.ETag, f.LastModified, f.LastPolled, f.LastSuccess = st.ETag, st.LastModified, st.LastPoll, st.LastSuccess
	f.Failures, f.NextPoll, f.LastError, f.Seen = st.Failures, st.NextPoll, st.LastError, st.Seen
	r.mu.Lock()
	r.feeds[f.URL] = f
	r.mu.Unlock()
	if err := r.store.UpdateFeed(context.WithoutCancel(ctx), &f); err != nil {
		r.log.Error("saving feed state", "url", f.URL, "err", err)
	}
}

// minFeedText is the length (code points) under which an item's content is taken for
// a summary and the linked page is fetched instead.
const minFeedText = 400

// request builds the ingest request of a feed item: its content when the feed carries
// the article, else the extracted page at its link.
func (r *feedRunner) request(ctx context.Context, it feed.Item, source string) (ingest.Request, error) {
	body := it.Content
	if body == "" {
		body = it.Description
	}
	text := fragmentText(body)
	req := ingest.Request{Raw: []byte(body), ContentType: "text/html"}
	if utf8.RuneCountInString(text) < minFeedText && it.URL != "" && extractPage != nil {
		page, err := r.fetch(ctx, it.URL)
		if err == nil {
			var p httpapi.Page
			if p, err = extractPage(page, it.URL); err == nil && utf8.RuneCountInString(string(p.Input.Raw)) > utf8.RuneCountInString(text) {
				req.Raw, req.Input, req.Author, req.Body = page, p.Input, p.Author, p.Body
			}
		}
		if err != nil {
			r.log.Debug("feed item page", "url", it.URL, "err", err)
		}
	}
	if req.Input.Raw == nil {
		if strings.TrimSpace(text) == "" {
			return req, marsad.Errorf("feed", marsad.Invalid, "item has no text")
		}
		if it.Title != "" && !strings.HasPrefix(text, it.Title) {
			text = it.Title + "\n\n" + text // the headline first, as on the page
		}
		req.Input.Raw = []byte(text)
	}
	in := &req.Input
	setIf(&in.Title, it.Title)
	setIf(&in.URL, it.URL)
	setIf(&in.Source, source)
	setIf(&req.Author, it.Author)
	if in.Published.IsZero() && !it.Published.IsZero() {
		in.Published = it.Published
	}
	return req, nil
}

// fetch GETs a page, at most 8 MiB.
func (r *feedRunner) fetch(ctx context.Context, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, marsad.E("feed.fetch", marsad.Invalid, err)
	}
	req.Header.Set("User-Agent", "marsad/"+marsad.Version)
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, marsad.E("feed.fetch", marsad.Unavailable, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, marsad.Errorf("feed.fetch", marsad.Unavailable, "%s: %s", u, resp.Status)
	}
	const max = 8 << 20
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, marsad.E("feed.fetch", marsad.Unavailable, err)
	}
	if len(b) > max {
		return nil, marsad.Errorf("feed.fetch", marsad.TooLarge, "%s: page over %d bytes", u, max)
	}
	return b, nil
}

// fragmentText turns the HTML of a feed item (an article body, no page furniture)
// into text: one line per block element, tags dropped, entities decoded.
func fragmentText(s string) string {
	if !strings.Contains(s, "<") {
		return html.UnescapeString(strings.TrimSpace(s))
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(collapseBlankLines(b.String()))
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Join(strings.Fields(string(z.Text())), " "))
				b.WriteByte(' ')
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tt := z.Token().Type
			switch string(name) {
			case "script", "style", "noscript":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figcaption":
				b.WriteString("\n\n")
			}
		}
	}
}

func collapseBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.Join(out, "\n")
}
