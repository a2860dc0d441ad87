package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/export"
	"github.com/marsad-project/marsad/sqlite"
)

const exportUsage = `Usage: marsad export [flags]

Writes the stored events matching the filters, streamed, in one format:
gdelt (the GDELT 2.0 event table's 61 tab-separated columns; see package export for
the deviations), plover (JSON Lines), acled (ACLED-style CSV), csv or jsonl.

Flags:
`

// ExportCommand writes stored events in an export format.
type ExportCommand struct {
	Stdout, Stderr io.Writer
}

// Run runs the command.
func (c *ExportCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	dataDir := fs.String("data", "marsad-data", "folder of the database")
	format := fs.String("format", "gdelt", "output format: "+strings.Join(export.Formats(), ", "))
	out := fs.String("o", "-", "output file (- for stdout)")
	var f marsad.EventFilter
	var roots string
	fs.StringVar(&f.Country, "country", "", "source, target or location country (ISO3 or CAMEO group)")
	fs.StringVar(&f.Actor, "actor", "", "entity key or part of an actor's name")
	fs.StringVar(&roots, "root", "", "CAMEO roots, comma-separated")
	fs.StringVar(&f.Code, "code", "", "CAMEO code prefix")
	fs.StringVar(&f.From, "from", "", "events on or after YYYY-MM-DD")
	fs.StringVar(&f.To, "to", "", "events on or before YYYY-MM-DD")
	fs.StringVar(&f.Outlet, "outlet", "", "article source")
	fs.StringVar(&f.Q, "q", "", "full-text query over the articles")
	fs.Float64Var(&f.MinConfidence, "min-confidence", 0, "least event confidence")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, exportUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if export.ContentType(*format) == "" {
		fmt.Fprintf(c.Stderr, "marsad export: --format must be one of %s\n", strings.Join(export.Formats(), ", "))
		return errUsage
	}
	for r := range strings.SplitSeq(roots, ",") {
		if r = strings.TrimSpace(r); r != "" {
			f.Roots = append(f.Roots, r)
		}
	}
	f.Country = strings.ToUpper(f.Country)
	f.Sort = "date"
	if _, err := os.Stat(*dataDir); err != nil {
		fmt.Fprintf(c.Stderr, "marsad export: no data folder %s\n", *dataDir)
		return errUsage
	}
	store, err := sqlite.OpenDir(ctx, *dataDir, sqlite.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	var w io.Writer = c.Stdout
	if *out != "-" {
		file, err := os.Create(*out)
		if err != nil {
			return marsad.E("export", marsad.Invalid, err)
		}
		defer file.Close()
		w = file
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	ew, err := export.New(*format, bw)
	if err != nil {
		return err
	}
	n := 0
	err = store.WalkEvents(ctx, f, func(r *marsad.EventRow) error {
		n++
		return ew.Write(*r)
	})
	if err != nil {
		return err
	}
	if err := ew.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(c.Stderr, "marsad export: %d events\n", n)
	return nil
}
