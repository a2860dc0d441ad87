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

	"github.com/marsad-project/marsad/cluster"
	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/internal/config"
)

const workerUsage = `Usage: marsad worker --nats URL --store postgres://… [flags]

Pulls articles that servers (marsad serve --nats) published to NATS JetStream, codes
them and stores them in the shared store, acknowledging each article once it is
committed. Run as many as you like, on any machines: they share one durable consumer.
An article a worker could not finish (killed, disconnected) is redelivered to another
after --ack-wait and stored once; one that fails --max-deliver times goes to the
dead-letter stream (PREFIX_DEAD). SIGINT or SIGTERM finish the articles in hand, then
stop.

Every flag can also be set by the variable MARSAD_<NAME> (--ack-wait: MARSAD_ACK_WAIT)
or in the TOML file of --config (ack-wait = "30s"; a [worker] table applies to workers
only). A flag on the command line wins over the variable, which wins over the file.

Flags:
`

// WorkerCommand runs `marsad worker`.
type WorkerCommand struct {
	Stdout, Stderr io.Writer
}

// Run runs the command until ctx is done.
func (c *WorkerCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	configFile := fs.String("config", os.Getenv("MARSAD_CONFIG"), "TOML configuration file (keys are flag names)")
	natsURL := fs.String("nats", "", "NATS server URL(s), comma-separated (required)")
	storeSpec := fs.String("store", "", "store: a postgres:// URL (shared), or a folder for SQLite (one machine)")
	prefix := fs.String("prefix", "marsad", "name prefix of the cluster's streams, subjects and buckets")
	workers := fs.Int("workers", runtime.NumCPU(), "articles coded at once in this process")
	maxDeliver := fs.Int("max-deliver", 5, "deliveries of one article before it is dead-lettered")
	ackWait := fs.Duration("ack-wait", time.Minute, "time an article may be held before it is redelivered")
	kbDir := fs.String("kb-dir", "", "folder of user dictionaries loaded after the embedded knowledge base")
	noTagger := fs.Bool("no-tagger", false, "names from the knowledge base and rules only")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	name := fs.String("name", "", "this worker's name for NATS monitoring (default host:pid)")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, workerUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if err := config.Apply(fs, "worker", *configFile, nil); err != nil {
		fmt.Fprintf(c.Stderr, "marsad worker: %v\n", err)
		return errUsage
	}
	if *natsURL == "" || *storeSpec == "" || fs.NArg() > 0 {
		fmt.Fprintf(c.Stderr, "marsad worker: --nats and --store are required, and no arguments\n")
		return errUsage
	}
	var log *slog.Logger
	if *logFormat == "json" {
		log = slog.New(slog.NewJSONHandler(c.Stderr, nil))
	} else {
		log = slog.New(slog.NewTextHandler(c.Stderr, nil))
	}
	if *name == "" {
		host, _ := os.Hostname()
		*name = fmt.Sprintf("marsad-worker %s:%d", host, os.Getpid())
	}
	st, err := openStore(ctx, *storeSpec, log)
	if err != nil {
		return err
	}
	defer st.Close()
	cd, err := newCoder(*kbDir, *noTagger, log.WithGroup("coder"))
	if err != nil {
		return err
	}
	conn, err := cluster.Connect(ctx, cluster.Config{URL: *natsURL, Prefix: *prefix, MaxDeliver: *maxDeliver,
		AckWait: *ackWait, Name: *name, Logger: log.WithGroup("nats")})
	if err != nil {
		return err
	}
	defer conn.Close()
	w := conn.Worker(ingest.Config{Store: st, Coder: cd, Workers: *workers, Logger: log.WithGroup("ingest")})
	log.Info("worker started", "name", *name, "workers", *workers, "prefix", *prefix)
	err = w.Run(ctx)
	s := w.Stats()
	log.Info("worker stopped", "stored", s.Stored, "duplicates", s.Duplicates, "retried", s.Retried, "dead", s.Dead, "redelivered", s.Redelivered)
	return err
}
