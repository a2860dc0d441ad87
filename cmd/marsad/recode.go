package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/sqlite"
)

const recodeUsage = `Usage: marsad recode [flags]

Codes every stored article again with this build's coder and knowledge base (e.g.
after a lexicon or rule update) and replaces its entities, quotes and events; each
article's annotations change in one transaction. Stop the server on the same folder
first, or run it during a quiet time: SQLite lets both write, one at a time.

Flags:
`

// RecodeCommand recodes the stored articles.
type RecodeCommand struct {
	Stdout, Stderr io.Writer
}

// Run runs the command.
func (c *RecodeCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("recode", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	dataDir := fs.String("data", "marsad-data", "folder of the database")
	workers := fs.Int("workers", runtime.NumCPU(), "articles coded in parallel")
	kbDir := fs.String("kb-dir", os.Getenv("MARSAD_KB_DIR"), "folder of user dictionaries")
	noTagger := fs.Bool("no-tagger", false, "names from the knowledge base and rules only")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, recodeUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if _, err := os.Stat(*dataDir); err != nil {
		fmt.Fprintf(c.Stderr, "marsad recode: no data folder %s\n", *dataDir)
		return errUsage
	}
	store, err := sqlite.OpenDir(ctx, *dataDir, sqlite.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	cd, err := newCoder(*kbDir, *noTagger, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	counts, err := store.Counts(ctx)
	if err != nil {
		return err
	}
	var progress func()
	if f, ok := c.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar := progressbar.NewOptions(counts.Articles, progressbar.OptionSetWriter(c.Stderr), progressbar.OptionSetDescription("recode"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("articles"),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
		defer bar.Finish()
		progress = func() { bar.Add(1) }
	}
	start := time.Now()
	st, err := ingest.Recode(ctx, store, cd, *workers, progress)
	fmt.Fprintf(c.Stdout, "recoded %d articles in %s: %d events (was %d), %d failed\n",
		st.Articles, time.Since(start).Round(time.Millisecond), st.Events, counts.Events, st.Failed)
	return err
}
