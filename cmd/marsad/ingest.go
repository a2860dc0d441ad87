package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/dedup"
	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/sqlite"
)

const ingestUsage = `Usage: marsad ingest [flags] PATH...

Stores and codes articles: text files (.txt, .text, in the corpus format or as
scraped), saved HTML pages (.html, .htm), JSON Lines batches (.jsonl: one
{"id","text"|"html","title","published","url","source"} per line, as in
examples/batch.jsonl), and folders of them, read recursively. The same content is
stored once; near-duplicates join one story.

By default the articles go straight into the database under --data (do not run this
beside a server on the same folder: POST to it with --server instead).

Flags:
`

// IngestCommand stores articles from files, folders and JSON Lines batches, directly in
// a data folder or through a running server's API.
type IngestCommand struct {
	Stdout, Stderr io.Writer
	// Progress forces the progress bar on or off; nil shows it when stderr is a terminal.
	Progress *bool

	dataDir   string
	server    string
	workers   int
	kbDir     string
	noTagger  bool
	source    string
	published string
	maxBytes  int
}

// IngestStats counts what an ingest run did.
type IngestStats struct {
	Inputs, Stored, Duplicates, Failed, Events int
	Elapsed                                    time.Duration
}

// item is one article to ingest.
type item struct {
	where                         string // file, or file:line
	id                            string
	raw                           []byte
	html                          bool
	title, published, url, source string
	err                           error
}

func (c *IngestCommand) flags() *flag.FlagSet {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.StringVar(&c.dataDir, "data", "marsad-data", "folder of the database")
	fs.StringVar(&c.server, "server", "", "base URL of a running marsad server (e.g. http://127.0.0.1:8080): POST there instead")
	fs.IntVar(&c.workers, "workers", runtime.NumCPU(), "articles coded (or POSTs sent) in parallel")
	fs.StringVar(&c.kbDir, "kb-dir", os.Getenv("MARSAD_KB_DIR"), "folder of user dictionaries (direct mode)")
	fs.BoolVar(&c.noTagger, "no-tagger", false, "names from the knowledge base and rules only (direct mode)")
	fs.StringVar(&c.source, "source", "", "outlet name for articles that do not give one")
	fs.StringVar(&c.published, "published", "", "publication date YYYY-MM-DD for articles that do not give one")
	fs.IntVar(&c.maxBytes, "max-bytes", 8<<20, "largest article accepted, in bytes")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, ingestUsage)
		fs.PrintDefaults()
	}
	return fs
}

// Run runs the command.
func (c *IngestCommand) Run(ctx context.Context, args []string) error {
	_, err := c.run(ctx, args)
	return err
}

func (c *IngestCommand) run(ctx context.Context, args []string) (IngestStats, error) {
	var st IngestStats
	fs := c.flags()
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return st, err
		}
		return st, errUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(c.Stderr, "marsad ingest: no PATH given")
		return st, errUsage
	}
	if c.workers < 1 {
		c.workers = 1
	}
	if _, err := coder.ParseDate(c.published); err != nil {
		fmt.Fprintf(c.Stderr, "marsad ingest: %v\n", err)
		return st, errUsage
	}
	items, err := c.collect(fs.Args())
	if err != nil {
		return st, err
	}
	var send func(context.Context, *item) (ingest.Result, error)
	if c.server != "" {
		send = c.poster()
	} else {
		var closeFn func()
		if send, closeFn, err = c.direct(ctx); err != nil {
			return st, err
		}
		defer closeFn()
	}
	st = c.ingestAll(ctx, items, send)
	fmt.Fprintf(c.Stdout, "ingested %d inputs in %s: %d stored, %d duplicates, %d failed, %d events (%.1f articles/s)\n",
		st.Inputs, st.Elapsed.Round(time.Millisecond), st.Stored, st.Duplicates, st.Failed, st.Events,
		float64(st.Inputs)/max(st.Elapsed.Seconds(), 1e-9))
	if st.Failed > 0 {
		return st, fmt.Errorf("%d of %d inputs failed", st.Failed, st.Inputs)
	}
	return st, ctx.Err()
}

// direct returns a sender that codes and stores in the data folder.
func (c *IngestCommand) direct(ctx context.Context) (func(context.Context, *item) (ingest.Result, error), func(), error) {
	log := slog.New(slog.DiscardHandler)
	store, err := sqlite.OpenDir(ctx, c.dataDir, sqlite.Options{})
	if err != nil {
		return nil, nil, err
	}
	cd, err := newCoder(c.kbDir, c.noTagger, log)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	ix := dedup.NewIndex(dedup.Options{})
	if _, err := ingest.RestoreDedup(ctx, store, ix); err != nil {
		store.Close()
		return nil, nil, err
	}
	cfg := ingest.Config{Store: store, Coder: cd, Dedup: ix, Logger: log, MaxText: c.maxBytes}
	send := func(ctx context.Context, it *item) (ingest.Result, error) {
		req := ingest.Request{Raw: it.raw, ContentType: "text/plain"}
		if it.html {
			page, err := extractPage(it.raw, it.url)
			if err != nil {
				return ingest.Result{}, err
			}
			req.Input, req.Author, req.Body, req.ContentType = page.Input, page.Author, page.Body, "text/html"
		} else {
			req.Input.Raw = it.raw
		}
		in := &req.Input
		setIf(&in.ID, it.id)
		setIf(&in.Title, it.title)
		setIf(&in.URL, it.url)
		setIf(&in.Source, it.source)
		if it.published != "" {
			t, err := coder.ParseDate(it.published)
			if err != nil {
				return ingest.Result{}, err
			}
			in.Published = t
		}
		return ingest.Ingest(ctx, cfg, req, nil)
	}
	return send, func() { store.Close() }, nil
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// poster returns a sender that POSTs to the server.
func (c *IngestCommand) poster() func(context.Context, *item) (ingest.Result, error) {
	client := &http.Client{Timeout: 5 * time.Minute}
	url := strings.TrimSuffix(c.server, "/") + "/api/v1/articles"
	return func(ctx context.Context, it *item) (ingest.Result, error) {
		body := map[string]string{"id": it.id, "title": it.title, "published": it.published, "url": it.url, "source": it.source}
		if it.html {
			body["html"] = string(it.raw)
		} else {
			body["text"] = string(it.raw)
		}
		b, err := json.Marshal(body)
		if err != nil {
			return ingest.Result{}, err
		}
		var resp *http.Response
		for attempt := 0; ; attempt++ {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
			if err != nil {
				return ingest.Result{}, marsad.E("ingest", marsad.Invalid, err)
			}
			req.Header.Set("Content-Type", "application/json")
			if tok := envToken(); tok != "" {
				req.Header.Set("Authorization", "Bearer "+tok)
			}
			if resp, err = client.Do(req); err != nil {
				return ingest.Result{}, marsad.E("ingest", marsad.Unavailable, err)
			}
			if resp.StatusCode != http.StatusTooManyRequests || attempt == 5 {
				break
			}
			// Rate-limited: wait as told (at most 10 s) and try again.
			resp.Body.Close()
			wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			select {
			case <-ctx.Done():
				return ingest.Result{}, marsad.E("ingest", marsad.Unavailable, ctx.Err())
			case <-time.After(time.Duration(min(max(wait, 1), 10)) * time.Second):
			}
		}
		defer resp.Body.Close()
		var out struct {
			ingest.Result
			Error string `json:"error"`
		}
		if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&out); err != nil {
			return ingest.Result{}, marsad.Errorf("ingest", marsad.Unavailable, "%s: %v", resp.Status, err)
		}
		if resp.StatusCode >= 300 {
			return ingest.Result{}, fmt.Errorf("%s: %s", resp.Status, out.Error)
		}
		return out.Result, nil
	}
}

// ingestAll sends the items with c.workers in parallel, showing progress.
func (c *IngestCommand) ingestAll(ctx context.Context, items []*item, send func(context.Context, *item) (ingest.Result, error)) IngestStats {
	st := IngestStats{Inputs: len(items)}
	start := time.Now()
	show := c.Progress != nil && *c.Progress
	if c.Progress == nil {
		if f, ok := c.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			show = true
		}
	}
	var bar *progressbar.ProgressBar
	if show {
		bar = progressbar.NewOptions(len(items), progressbar.OptionSetWriter(c.Stderr), progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("articles"),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	var mu sync.Mutex
	var stored, dups, failed, events atomic.Int64
	next := make(chan *item)
	var wg sync.WaitGroup
	for range c.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range next {
				err := it.err
				var res ingest.Result
				if err == nil {
					res, err = send(ctx, it)
				}
				switch {
				case err != nil:
					failed.Add(1)
					mu.Lock()
					fmt.Fprintf(c.Stderr, "marsad ingest: %s: %v\n", it.where, err)
					mu.Unlock()
				case res.Duplicate:
					dups.Add(1)
				default:
					stored.Add(1)
					events.Add(int64(res.Events))
				}
				if bar != nil {
					bar.Add(1)
				}
			}
		}()
	}
	for _, it := range items {
		if ctx.Err() != nil {
			break
		}
		next <- it
	}
	close(next)
	wg.Wait()
	if bar != nil {
		bar.Finish()
	}
	st.Stored, st.Duplicates, st.Failed, st.Events = int(stored.Load()), int(dups.Load()), int(failed.Load()), int(events.Load())
	st.Elapsed = time.Since(start)
	return st
}

// collect expands the paths into items: files, folders (recursively, sorted) and JSON
// Lines batches.
func (c *IngestCommand) collect(paths []string) ([]*item, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, marsad.E("ingest", marsad.NotFound, err)
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && path != p {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && ingestible(path) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, marsad.E("ingest", marsad.NotFound, err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	var items []*item
	for _, f := range files {
		if strings.EqualFold(filepath.Ext(f), ".jsonl") {
			lines, err := c.readBatch(f)
			if err != nil {
				return nil, err
			}
			items = append(items, lines...)
			continue
		}
		it := &item{where: f, id: strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), source: c.source, published: c.published}
		ext := strings.ToLower(filepath.Ext(f))
		it.html = ext == ".html" || ext == ".htm"
		it.raw, it.err = readFile(f, c.maxBytes)
		items = append(items, it)
	}
	return items, nil
}

func ingestible(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text", ".html", ".htm", ".jsonl":
		return true
	}
	return false
}

// readBatch reads a JSON Lines file; a bad line becomes a failed item.
func (c *IngestCommand) readBatch(path string) ([]*item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, marsad.E("ingest", marsad.NotFound, err)
	}
	defer f.Close()
	return c.readBatchFrom(f, path)
}

// readBatchFrom reads JSON Lines from r (path names it in messages).
func (c *IngestCommand) readBatchFrom(r io.Reader, path string) ([]*item, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), c.maxBytes*2+4096)
	var out []*item
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var bl struct {
			ID        json.RawMessage `json:"id"`
			Text      *string         `json:"text"`
			HTML      *string         `json:"html"`
			Title     string          `json:"title"`
			Published string          `json:"published"`
			URL       string          `json:"url"`
			Source    string          `json:"source"`
		}
		it := &item{where: fmt.Sprintf("%s:%d", path, n)}
		if err := json.Unmarshal(line, &bl); err != nil {
			it.err = marsad.Errorf("ingest", marsad.Invalid, "not a JSON object: %v", err)
			out = append(out, it)
			continue
		}
		var s string
		if json.Unmarshal(bl.ID, &s) == nil {
			it.id = s
		} else if len(bl.ID) > 0 && string(bl.ID) != "null" {
			it.id = string(bl.ID)
		}
		switch {
		case bl.Text != nil:
			it.raw = []byte(*bl.Text)
		case bl.HTML != nil:
			it.raw, it.html = []byte(*bl.HTML), true
		default:
			it.err = marsad.Errorf("ingest", marsad.Invalid, `no "text" or "html" field`)
		}
		it.title, it.url = bl.Title, bl.URL
		it.published, it.source = cmp(bl.Published, c.published), cmp(bl.Source, c.source)
		out = append(out, it)
	}
	if err := sc.Err(); err != nil {
		return nil, marsad.Errorf("ingest", marsad.Invalid, "%s: line %d: %v", path, n+1, err)
	}
	return out, nil
}

// cmp returns a, or b when a is empty.
func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
