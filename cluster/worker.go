package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/ingest"
)

// WorkerStats count what a Worker did.
type WorkerStats struct {
	Stored, Duplicates, Retried, Dead int
	// Redelivered counts the messages this worker got after another delivery (a
	// worker that died or lost its connection, or a retry).
	Redelivered int
}

// Worker pulls articles from the work queue and ingests them (ingest.Ingest: code,
// store) with explicit acknowledgements.
type Worker struct {
	c   *Conn
	cfg ingest.Config

	mu    sync.Mutex
	stats WorkerStats
}

// Worker returns a worker that ingests with cfg (its Store, Coder and Workers — the
// number of articles coded at once in this process; Dedup should be nil: near-duplicate
// grouping needs one index for the whole cluster, see the README).
func (c *Conn) Worker(cfg ingest.Config) *Worker {
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	if cfg.Logger == nil {
		cfg.Logger = c.log
	}
	return &Worker{c: c, cfg: cfg}
}

// Stats returns the worker's counts so far.
func (w *Worker) Stats() WorkerStats {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stats
}

// consumer creates or updates the durable pull consumer all workers share.
func (c *Conn) consumerFor(ctx context.Context) (jetstream.Consumer, error) {
	return c.js.CreateOrUpdateConsumer(ctx, c.cfg.stream(), jetstream.ConsumerConfig{
		Durable: c.cfg.consumer(), AckPolicy: jetstream.AckExplicitPolicy, MaxDeliver: c.cfg.MaxDeliver,
		AckWait: c.cfg.AckWait, MaxAckPending: 1024, Description: "Marsad workers",
	})
}

// Run processes articles until ctx is done, then finishes (and acknowledges) the
// articles in hand and returns nil.
func (w *Worker) Run(ctx context.Context) error {
	const op = "cluster.Worker"
	cons, err := w.c.consumerFor(ctx)
	if err != nil {
		return marsad.E(op, marsad.Unavailable, err)
	}
	// Articles whose last delivery was lost with its worker (killed while coding) get
	// no failure reply: the server's max-deliveries advisory dead-letters them.
	adv, err := w.c.nc.Subscribe("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES."+w.c.cfg.stream()+"."+w.c.cfg.consumer(), w.onMaxDeliveries)
	if err != nil {
		return marsad.E(op, marsad.Unavailable, err)
	}
	defer adv.Unsubscribe()
	iter, err := cons.Messages(jetstream.PullMaxMessages(w.cfg.Workers), jetstream.PullExpiry(5*time.Second))
	if err != nil {
		return marsad.E(op, marsad.Unavailable, err)
	}
	jobs := make(chan jetstream.Msg)
	var runErr error
	var wg sync.WaitGroup
	for range w.cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range jobs {
				w.handle(m)
			}
		}()
	}
	ended := make(chan struct{})
	defer close(ended)
	go func() {
		select {
		case <-ctx.Done():
			iter.Stop()
		case <-ended:
		}
	}()
	for {
		m, err := iter.Next()
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if w.c.nc.IsClosed() { // closed for good (not a reconnect)
				runErr = marsad.E(op, marsad.Unavailable, err)
				iter.Stop()
				break
			}
			if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
				break
			}
			// Heartbeats missed during a reconnect: the iterator goes on by itself.
			w.cfg.Logger.Warn("pull", "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(500 * time.Millisecond):
			}
			continue
		}
		jobs <- m
	}
	close(jobs)
	wg.Wait()
	return runErr
}

// handle ingests one message and settles it: Ack when stored (or stored before),
// dead-letter and Term when it can never succeed or has used its deliveries, Nak with
// a growing delay otherwise.
func (w *Worker) handle(m jetstream.Msg) {
	log := w.cfg.Logger
	meta, err := m.Metadata()
	if err != nil {
		log.Error("message without metadata", "err", err)
		m.Term()
		return
	}
	if meta.NumDelivered > 1 {
		w.count(func(s *WorkerStats) { s.Redelivered++ })
	}
	// The work is not tied to the pull: it finishes (and is acknowledged) even when
	// the worker is asked to stop.
	ctx := context.Background()
	stop := w.keepAlive(m)
	run := func() (ingest.Result, error) {
		req, err := decode(m.Data())
		if err != nil {
			return ingest.Result{}, fmt.Errorf("%w: %w", errBadMessage, err)
		}
		return ingest.Ingest(ctx, w.cfg, req, nil)
	}
	res, err := run()
	// The store out of reach (a PostgreSQL restart) is no fault of the article: retry
	// here for about a minute, holding the message, before using up a delivery.
	for try := 0; marsad.ErrorKind(err) == marsad.Unavailable && try < 6; try++ {
		log.Warn("store unavailable; retrying", "seq", meta.Sequence.Stream, "err", err)
		time.Sleep(time.Second << try)
		res, err = run()
	}
	stop()
	if err == nil {
		// DoubleAck: the server confirms, so an ack lost with the connection shows here
		// (the message will come again and be found stored).
		if aerr := m.DoubleAck(ctx); aerr != nil {
			log.Warn("ack lost; the article will be redelivered and found stored", "seq", meta.Sequence.Stream, "err", aerr)
		}
		if !res.Duplicate {
			if b, err := json.Marshal(res); err == nil {
				w.c.nc.Publish(w.c.cfg.storedSubject(), b) // best effort: live views only
			}
		}
		w.count(func(s *WorkerStats) {
			if res.Duplicate {
				s.Duplicates++
			} else {
				s.Stored++
			}
		})
		return
	}
	last := meta.NumDelivered >= uint64(w.c.cfg.MaxDeliver)
	if isPermanent(err) || last {
		log.Error("article dead-lettered", "seq", meta.Sequence.Stream, "deliveries", meta.NumDelivered, "err", err)
		if derr := w.deadLetter(ctx, m.Data(), meta.Sequence.Stream, meta.NumDelivered, err.Error()); derr != nil {
			log.Error("dead letter not written; leaving the article for redelivery", "err", derr)
			m.Nak()
			return
		}
		m.Term()
		w.count(func(s *WorkerStats) { s.Dead++ })
		return
	}
	delay := time.Duration(1<<min(meta.NumDelivered, 6)) * time.Second
	log.Warn("article failed; retrying", "seq", meta.Sequence.Stream, "deliveries", meta.NumDelivered, "in", delay, "err", err)
	m.NakWithDelay(delay)
	w.count(func(s *WorkerStats) { s.Retried++ })
}

func (w *Worker) count(f func(*WorkerStats)) {
	w.mu.Lock()
	f(&w.stats)
	w.mu.Unlock()
}

// keepAlive tells the server the message is still being worked on every AckWait/3,
// until the returned function is called.
func (w *Worker) keepAlive(m jetstream.Msg) func() {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(w.c.cfg.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				m.InProgress()
			}
		}
	}()
	return func() { close(done) }
}

// deadLetter copies an article to the dead-letter subject with why it failed. The
// message id makes copies from several workers (or advisories) one.
func (w *Worker) deadLetter(ctx context.Context, data []byte, seq, deliveries uint64, reason string) error {
	msg := &nats.Msg{Subject: w.c.cfg.deadSubject(), Data: data, Header: nats.Header{}}
	msg.Header.Set("Marsad-Error", reason)
	msg.Header.Set("Marsad-Stream-Seq", strconv.FormatUint(seq, 10))
	msg.Header.Set("Marsad-Deliveries", strconv.FormatUint(deliveries, 10))
	_, err := w.c.js.PublishMsg(ctx, msg, jetstream.WithMsgID("dead-"+w.c.cfg.stream()+"-"+strconv.FormatUint(seq, 10)))
	return err
}

// onMaxDeliveries dead-letters an article the server stopped delivering without a
// failure reply (its last worker died with it), and removes it from the work queue.
func (w *Worker) onMaxDeliveries(msg *nats.Msg) {
	var adv struct {
		StreamSeq  uint64 `json:"stream_seq"`
		Deliveries uint64 `json:"deliveries"`
	}
	if err := json.Unmarshal(msg.Data, &adv); err != nil || adv.StreamSeq == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := w.c.js.Stream(ctx, w.c.cfg.stream())
	if err != nil {
		return
	}
	raw, err := s.GetMsg(ctx, adv.StreamSeq)
	if err != nil {
		return // already settled (acknowledged late, or another worker did it)
	}
	if err := w.deadLetter(ctx, raw.Data, adv.StreamSeq, adv.Deliveries, "delivered the maximum number of times without an answer"); err != nil {
		w.cfg.Logger.Error("dead letter not written", "seq", adv.StreamSeq, "err", err)
		return
	}
	if err := s.DeleteMsg(ctx, adv.StreamSeq); err == nil {
		w.cfg.Logger.Error("article dead-lettered after its deliveries ran out", "seq", adv.StreamSeq)
		w.count(func(s *WorkerStats) { s.Dead++ })
	}
}
