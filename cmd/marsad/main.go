// Command marsad codes Arabic news into explainable political event data.
//
//	marsad code [flags] [PATH...]   code articles (files, folders, or stdin)
//	marsad serve [flags]            run the server (API, dashboard, metrics)
//	marsad worker [flags]           code and store articles from NATS JetStream (cluster)
//	marsad ingest [flags] PATH...   store and code articles
//	marsad feeds add|list …         register and list feeds the server polls
//	marsad recode [flags]           recode the stored articles
//	marsad export [flags]           write the stored events (GDELT, PLOVER, ACLED, CSV, JSONL)
//	marsad version                  print the version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `marsad codes Arabic news reports into explainable political event data.

Usage:
  marsad code [flags] [PATH...]   code articles: files, folders (recursively) or - for stdin
  marsad serve [flags]            run the server: JSON API, dashboard, /metrics (--data DIR)
  marsad worker [flags]           a cluster worker: code articles from NATS into PostgreSQL
  marsad ingest [flags] PATH...   store and code articles: files, folders, .jsonl batches, HTML pages
  marsad feeds add|list …         RSS/Atom feeds that the server polls
  marsad recode [flags]           recode every stored article with this build's coder
  marsad export [flags]           write stored events: gdelt, plover, acled, csv, jsonl
  marsad kb lookup|stats|check     inspect and validate the knowledge base
  marsad eval gold|gsr|ner …       score the coder on gold annotations, the GSR set or a CoNLL file
  marsad gazetteer import …       turn a GeoNames dump into a user gazetteer (--kb-dir)
  marsad train ner …              train the statistical NER tagger (see ner/README.md)
  marsad bench [flags] PATH       speed: start-up, stages, pipeline, allocations, RSS, vs bleve
  marsad loadtest --server URL    bounded load test of a running server (rate, latency, memory)
  marsad version                  print the coder and knowledge-base versions

Run 'marsad code -h' for the coder's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches a subcommand and returns the exit code: 0 ok, 1 some input failed,
// 2 usage error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "code":
		err = (&CodeCommand{Stdin: stdin, Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "worker":
		err = (&WorkerCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "serve":
		err = (&ServeCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "ingest":
		err = (&IngestCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "feeds":
		err = (&FeedsCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "recode":
		err = (&RecodeCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "export":
		err = (&ExportCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "gazetteer":
		err = (&GazetteerCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "train":
		err = (&TrainCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "eval":
		err = (&EvalCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "bench":
		err = (&BenchCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "loadtest":
		err = (&LoadtestCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "kb":
		err = (&KBCommand{Stdout: stdout, Stderr: stderr}).Run(ctx, args[1:])
	case "version", "-version", "--version":
		err = (&VersionCommand{Stdout: stdout}).Run(ctx, args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "marsad: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(stderr, "marsad: %v\n", err)
	return 1
}

var errUsage = errors.New("usage")
