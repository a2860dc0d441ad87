package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/marsad-project/marsad/bench"
)

// BenchCommand measures the coder's speed on a corpus (package bench).
type BenchCommand struct {
	Stdout, Stderr io.Writer
}

const benchUsage = `Usage: marsad bench [flags] PATH

Codes PATH (a file, or every *.txt under a folder) and reports start-up time and memory,
each stage's speed, the whole pipeline's MB/s, words/s and articles/s on one worker and
on --workers, allocations per article, peak RSS, and bleve's Arabic analyzer (tokenizer,
normalisation and light stemming only) over the same text in the same run, with the
ratio of the two: the machine-independent figure. Each measure is the fastest of
--rounds rounds.

Flags:
`

// Run runs the command.
func (c *BenchCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	workers := fs.Int("workers", runtime.NumCPU(), "workers of the parallel run (1: none)")
	rounds := fs.Int("rounds", 3, "rounds of each measure; the fastest counts")
	minTime := fs.Duration("min-time", 0, "repeat the corpus within a round until this much time has passed")
	noTagger := fs.Bool("no-tagger", false, "code without the statistical NER tagger")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	memProfile := fs.String("memprofile", "", "write an allocation profile at the end to this file")
	quiet := fs.Bool("q", false, "no progress lines on stderr")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, benchUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return errUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	// Start-up is timed from here: the corpus is read after the coder is ready.
	start := time.Now()
	corpus, err := bench.LoadCorpus(fs.Arg(0))
	if err != nil {
		return err
	}
	readTime := time.Since(start)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cfg := bench.Config{Workers: *workers, Rounds: *rounds, NoTagger: *noTagger, MinTime: *minTime}
	if !*quiet {
		cfg.Progress = c.Stderr
	}
	rep, err := bench.Run(ctx, corpus, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "marsad bench %s (corpus read in %.0f ms)\n", fs.Arg(0), readTime.Seconds()*1000)
	rep.Write(c.Stdout)
	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			return err
		}
	}
	return nil
}
