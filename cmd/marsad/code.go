package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/extract"
	"github.com/marsad-project/marsad/kb"
)

// CodeCommand codes articles from files, folders, stdin or a JSON Lines batch.
type CodeCommand struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer

	format    string
	jsonl     bool
	workers   int
	published string
	maxBytes  int
	kbDir     string
	noTagger  bool
	verbose   bool
}

const codeUsage = `Usage: marsad code [flags] [PATH...]

Codes each PATH (a file, or a folder read recursively; - or no PATH reads stdin) and
prints its article record: one JSON object for one input, one JSON object per line for
several. Input is UTF-8 text as scraped, or the corpus format (title:, date:, source:,
url:, author:, summary:, corpus: header lines, a blank line, the body), or an HTML page
(a .html/.htm file, or input that starts like HTML): its article is extracted first
(headline, date, author, photo caption and credit, main text) and then coded.

With --jsonl, stdin holds one {"id", "text", "title"?, "published"?, "url"?, "source"?}
per line and stdout gets one record per line in the same order, "id" echoed; a bad line
gets a record with an "error" field and the batch goes on.

Flags:
`

func (c *CodeCommand) flags() *flag.FlagSet {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.StringVar(&c.format, "format", "json", "output format: json or text (a readable summary)")
	fs.BoolVar(&c.jsonl, "jsonl", false, "batch mode: JSON Lines in on stdin, records out, one per line")
	fs.IntVar(&c.workers, "workers", runtime.NumCPU(), "articles coded in parallel")
	fs.StringVar(&c.published, "published", "", "publication date YYYY-MM-DD, anchoring relative dates when the text has none")
	fs.IntVar(&c.maxBytes, "max-bytes", 8<<20, "largest input accepted, in bytes")
	fs.BoolVar(&c.verbose, "v", false, "log every event draft (pattern, actors, date) to stderr")
	fs.BoolVar(&c.noTagger, "no-tagger", false, "names from the knowledge base and rules only, without the statistical NER tagger")
	fs.StringVar(&c.kbDir, "kb-dir", os.Getenv("MARSAD_KB_DIR"), "folder of user dictionaries loaded after the embedded knowledge base")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, codeUsage)
		fs.PrintDefaults()
	}
	return fs
}

// Run runs the command.
func (c *CodeCommand) Run(ctx context.Context, args []string) error {
	fs := c.flags()
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if c.format != "json" && c.format != "text" {
		fmt.Fprintf(c.Stderr, "marsad code: --format must be json or text\n")
		return errUsage
	}
	if c.workers < 1 {
		c.workers = 1
	}
	pub, err := coder.ParseDate(c.published)
	if err != nil {
		fmt.Fprintf(c.Stderr, "marsad code: %v\n", err)
		return errUsage
	}
	k, err := kb.LoadDir(c.kbDir)
	if err != nil {
		return err
	}
	var log *slog.Logger
	if c.verbose {
		log = slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	cd, err := coder.New(coder.Config{MaxBytes: c.maxBytes, KB: k, NoTagger: c.noTagger, Logger: log})
	if err != nil {
		return err
	}
	if c.jsonl {
		return c.batch(ctx, cd, pub)
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	files, err := expand(paths)
	if err != nil {
		return err
	}
	jobs := make([]job, len(files))
	for i, f := range files {
		jobs[i] = job{path: f}
		var in coder.Input
		if f == "-" {
			b, err := io.ReadAll(io.LimitReader(c.Stdin, int64(c.maxBytes)+1))
			if err != nil {
				return marsad.E("code", marsad.Invalid, err)
			}
			in.Raw = b
		} else {
			b, err := readFile(f, c.maxBytes)
			if err != nil {
				jobs[i].err = err
				continue
			}
			in.Raw = b
			in.ID = strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		}
		if extract.IsHTML(f, in.Raw) {
			a, err := extract.Options{MaxBytes: c.maxBytes}.Extract(in.Raw, "")
			if err != nil {
				jobs[i].err = err
				continue
			}
			in = a.Input(in.ID)
		}
		if !pub.IsZero() || in.Published.IsZero() {
			in.Published = pub
		}
		jobs[i].in = in
	}
	c.runJobs(ctx, cd, jobs)
	failed := 0
	out := bufio.NewWriter(c.Stdout)
	defer out.Flush()
	for _, j := range jobs {
		if j.err != nil {
			failed++
			fmt.Fprintf(c.Stderr, "marsad code: %s: %v\n", j.path, j.err)
			continue
		}
		if err := c.write(out, j.rec, len(jobs) == 1); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d inputs failed", failed, len(jobs))
	}
	return nil
}

type job struct {
	path string
	in   coder.Input
	rec  *marsad.Article
	err  error
}

func (c *CodeCommand) runJobs(ctx context.Context, cd *coder.Coder, jobs []job) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < c.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if jobs[i].err != nil {
					continue
				}
				jobs[i].rec, jobs[i].err = codeSafely(ctx, cd, jobs[i].in)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
}

// codeSafely turns a panic in the coder into an error, so one bad article never stops
// a batch.
func codeSafely(ctx context.Context, cd *coder.Coder, in coder.Input) (rec *marsad.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = marsad.Errorf("code", marsad.Internal, "coder panic: %v", r)
		}
	}()
	return cd.Code(ctx, in)
}

func (c *CodeCommand) write(w io.Writer, a *marsad.Article, single bool) error {
	if c.format == "text" {
		writeText(w, a)
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if single {
		enc.SetIndent("", " ")
	}
	return enc.Encode(a)
}

func readFile(path string, max int) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, marsad.E("code", marsad.NotFound, err)
	}
	if st.Size() > int64(max) {
		return nil, marsad.Errorf("code", marsad.TooLarge, "%d bytes, over the limit of %d (see --max-bytes)", st.Size(), max)
	}
	return os.ReadFile(path)
}

// expand turns folders into the files below them (sorted), skipping hidden files.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, marsad.E("code", marsad.NotFound, err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") && path != p {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && (strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, ".text") ||
				strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm")) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, marsad.E("code", marsad.NotFound, err)
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}

// batchLine is one line of --jsonl input.
type batchLine struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	URL       string          `json:"url"`
	Source    string          `json:"source"`
}

type batchOut struct {
	ID json.RawMessage `json:"id"`
	*marsad.Article
	Error string `json:"error,omitempty"`
}

// batch reads JSON Lines from stdin and writes one record per line, in order, coding
// up to --workers articles at once.
func (c *CodeCommand) batch(ctx context.Context, cd *coder.Coder, pub marsadTime) error {
	sc := bufio.NewScanner(c.Stdin)
	sc.Buffer(make([]byte, 0, 1<<20), c.maxBytes*2+4096)
	out := bufio.NewWriter(c.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	type item struct {
		n    int
		line []byte
		res  chan batchOut
	}
	work := make(chan item, c.workers*4)
	results := make(chan chan batchOut, c.workers*4)
	var wg sync.WaitGroup
	for w := 0; w < c.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range work {
				it.res <- c.batchOne(ctx, cd, it.n, it.line, pub)
			}
		}()
	}
	var werr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ch := range results {
			r := <-ch
			if werr == nil {
				werr = enc.Encode(r)
			}
		}
	}()
	n := 0
	for sc.Scan() {
		n++
		line := append([]byte(nil), sc.Bytes()...)
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		ch := make(chan batchOut, 1)
		results <- ch
		work <- item{n: n, line: line, res: ch}
	}
	close(work)
	wg.Wait()
	close(results)
	<-done
	if err := sc.Err(); err != nil {
		return marsad.Errorf("code --jsonl", marsad.Invalid, "line %d: %v", n+1, err)
	}
	return werr
}

func (c *CodeCommand) batchOne(ctx context.Context, cd *coder.Coder, n int, line []byte, pub marsadTime) batchOut {
	var bl batchLine
	if err := json.Unmarshal(line, &bl); err != nil {
		return batchOut{ID: idOrLine(nil, n), Error: fmt.Sprintf("line %d: not a JSON object: %v", n, err)}
	}
	id := idOrLine(bl.ID, n)
	if bl.Text == nil {
		return batchOut{ID: id, Error: fmt.Sprintf("line %d: no \"text\" field", n)}
	}
	in := coder.Input{Raw: []byte(*bl.Text), Title: bl.Title, URL: bl.URL, Source: bl.Source, Published: pub}
	if bl.Published != "" {
		t, err := coder.ParseDate(bl.Published)
		if err != nil {
			return batchOut{ID: id, Error: fmt.Sprintf("line %d: %v", n, err)}
		}
		in.Published = t
	}
	var s string
	if json.Unmarshal(id, &s) == nil {
		in.ID = s
	} else {
		in.ID = string(id)
	}
	rec, err := codeSafely(ctx, cd, in)
	if err != nil {
		return batchOut{ID: id, Error: err.Error()}
	}
	return batchOut{ID: id, Article: rec}
}

func idOrLine(id json.RawMessage, n int) json.RawMessage {
	if len(id) == 0 || string(id) == "null" {
		b, _ := json.Marshal(fmt.Sprintf("line-%d", n))
		return b
	}
	return id
}
