package cluster_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/cluster"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/sqlite"
)

// The tests run against the nats-server (with JetStream) named by MARSAD_TEST_NATS;
// .ci/services.sh starts one. Each test uses its own prefix (streams, consumer,
// bucket), so tests do not see each other's messages.
const envNATS = "MARSAD_TEST_NATS"

var seq atomic.Int64

func natsURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(envNATS)
	if u == "" {
		t.Skipf("%s is not set: no nats-server to test against (.ci/services.sh starts one)", envNATS)
	}
	return u
}

func connect(t *testing.T, prefix string, maxDeliver int, ackWait time.Duration) *cluster.Conn {
	t.Helper()
	c, err := cluster.Connect(context.Background(), cluster.Config{URL: natsURL(t), Prefix: prefix, MaxDeliver: maxDeliver, AckWait: ackWait})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func prefix() string { return fmt.Sprintf("t%d-%d", os.Getpid(), seq.Add(1)) }

// fakeCoder codes one event per line with «قصف»; a text with FAIL fails every time,
// one with FLAKY fails on its first try.
type fakeCoder struct{ flaky atomic.Int32 }

func (f *fakeCoder) Code(_ context.Context, in coder.Input) (*marsad.Article, error) {
	text := string(in.Raw)
	if strings.Contains(text, "FAIL") {
		return nil, marsad.Errorf("fake", marsad.Internal, "always fails")
	}
	if strings.Contains(text, "FLAKY") && f.flaky.Add(1) == 1 {
		return nil, marsad.Errorf("fake", marsad.Internal, "fails once")
	}
	a := &marsad.Article{ID: in.ID, Title: in.Title, Source: in.Source}
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "قصف") {
			a.Events = append(a.Events, marsad.Event{ID: fmt.Sprintf("ev%d", i+1), Code: "195", Root: "19", QuadClass: 4,
				Source: marsad.Actor{Country: "IRN"}, Target: marsad.Actor{Country: "IRQ"}, Date: "2020-11-15"})
		}
	}
	return a, nil
}

func openStore(t *testing.T) marsad.Store {
	t.Helper()
	s, err := sqlite.OpenDir(context.Background(), t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// waitFor polls cond until it holds or 30 s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 300 {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestPublishWork(t *testing.T) {
	ctx := context.Background()
	p := prefix()
	c := connect(t, p, 3, 2*time.Second)
	st := openStore(t)
	fc := &fakeCoder{}
	pub := c.Publisher()
	notices, stopNotices := pub.Subscribe()
	defer stopNotices()
	texts := []string{"قصفت المدفعية مواقع\nخبر آخر", "نص ثان بلا حدث", "نص FLAKY يفشل مرة\nقصف", "نص FAIL يفشل دائما", "قصفت المدفعية مواقع\nخبر آخر"}
	var ids []string
	for i, text := range texts {
		res, err := pub.Submit(ctx, ingest.Request{Input: coder.Input{Raw: []byte(text), Source: fmt.Sprintf("o%d", i)}})
		if err != nil {
			t.Fatal(err)
		}
		if res.ID == "" || res.Duplicate != (i == 4) {
			t.Errorf("Submit(%d) = %+v; want an id, duplicate only for the resent first text", i, res)
		}
		ids = append(ids, res.ID)
	}
	if _, err := pub.Submit(ctx, ingest.Request{Input: coder.Input{Raw: []byte("  ")}}); marsad.ErrorKind(err) != marsad.Invalid {
		t.Errorf("Submit(empty) = %v, want Invalid", err)
	}
	if d := pub.QueueDepth(); d != 4 {
		t.Errorf("QueueDepth = %d, want 4 (the duplicate dropped by the server)", d)
	}
	wctx, cancel := context.WithCancel(ctx)
	w := c.Worker(ingest.Config{Store: st, Coder: fc, Workers: 2})
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	waitFor(t, "3 stored and 1 dead letter", func() bool {
		q, dead, err := c.Pending(ctx)
		cnt, _ := st.Counts(ctx)
		return err == nil && q == 0 && dead == 1 && cnt.Articles == 3
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	s := w.Stats()
	if s.Stored != 3 || s.Dead != 1 || s.Retried < 1 {
		t.Errorf("stats %+v; want 3 stored, 1 dead, the flaky one retried", s)
	}
	for _, i := range []int{0, 1, 2} {
		if _, err := st.Article(ctx, ids[i]); err != nil {
			t.Errorf("article %d (%s): %v", i, ids[i], err)
		}
	}
	got := 0
	for range 3 {
		select {
		case <-notices:
			got++
		case <-time.After(2 * time.Second):
		}
	}
	if got != 3 {
		t.Errorf("%d stored notices, want 3", got)
	}
}

// TestRedelivery checks that an article held by a worker that vanished (its
// connection closed before the ack) is redelivered and stored once.
func TestRedelivery(t *testing.T) {
	ctx := context.Background()
	p := prefix()
	c := connect(t, p, 5, time.Second)
	st := openStore(t)
	for i := range 20 {
		if _, err := c.Publisher().Submit(ctx, ingest.Request{Input: coder.Input{Raw: []byte(fmt.Sprintf("مقال %d عن قصف", i))}}); err != nil {
			t.Fatal(err)
		}
	}
	// A first worker stores three articles, then loses its connection before it can
	// acknowledge them: they come again to the second worker, which finds them stored.
	lost := connect(t, p, 5, time.Second)
	cut := &cutAfter{Store: st, n: 3, cut: func() { lost.NATS().Close() }}
	w1 := lost.Worker(ingest.Config{Store: cut, Coder: &fakeCoder{}, Workers: 1})
	if err := w1.Run(ctx); marsad.ErrorKind(err) != marsad.Unavailable {
		t.Errorf("worker whose connection closed: Run = %v, want Unavailable", err)
	}
	if cnt, _ := st.Counts(ctx); cnt.Articles < 3 {
		t.Fatalf("the first worker stored %d articles, want at least 3", cnt.Articles)
	}
	w := c.Worker(ingest.Config{Store: st, Coder: &fakeCoder{}, Workers: 3})
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	waitFor(t, "the queue to empty", func() bool {
		q, _, err := c.Pending(ctx)
		return err == nil && q == 0
	})
	cancel()
	<-done
	if cnt, _ := st.Counts(ctx); cnt.Articles != 20 || cnt.Events != 20 {
		t.Errorf("counts %+v, want 20 articles, 20 events", cnt)
	}
}

func TestLeases(t *testing.T) {
	ctx := context.Background()
	p := prefix()
	c := connect(t, p, 0, 0)
	a, err := c.Leases(ctx, "server-a", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Leases(ctx, "server-b", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	feed := "https://example.org/feed.xml"
	step := func(l *cluster.Leases, want bool, what string) {
		t.Helper()
		got, err := l.Acquire(ctx, feed)
		if err != nil || got != want {
			t.Fatalf("%s: Acquire = %v, %v; want %v", what, got, err, want)
		}
	}
	step(a, true, "a first")
	step(b, false, "b while a holds")
	step(a, true, "a renews")
	if err := a.Release(ctx, feed); err != nil {
		t.Fatal(err)
	}
	step(b, true, "b after a released")
	step(a, false, "a while b holds")
	if err := a.Release(ctx, feed); err != nil { // not a's: no effect
		t.Fatal(err)
	}
	step(a, false, "a after releasing b's lease")
	time.Sleep(1500 * time.Millisecond) // b dies: its lease expires
	step(a, true, "a after b's lease expired")
	if _, err := c.Leases(ctx, "", time.Second); marsad.ErrorKind(err) != marsad.Invalid {
		t.Errorf("Leases(no holder) = %v, want Invalid", err)
	}
}

func TestConfigErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := cluster.Connect(ctx, cluster.Config{}); marsad.ErrorKind(err) != marsad.Invalid {
		t.Errorf("Connect(no URL) = %v, want Invalid", err)
	}
	if _, err := cluster.Connect(ctx, cluster.Config{URL: "nats://127.0.0.1:1", Prefix: "a.b"}); marsad.ErrorKind(err) != marsad.Invalid {
		t.Errorf("Connect(bad prefix) = %v, want Invalid", err)
	}
	if _, err := cluster.Connect(ctx, cluster.Config{URL: "nats://127.0.0.1:1"}); marsad.ErrorKind(err) != marsad.Unavailable {
		t.Errorf("Connect(no server) = %v, want Unavailable", err)
	}
}

// cutAfter is a store that runs cut after n articles are stored.
type cutAfter struct {
	marsad.Store
	n   int32
	cut func()
}

func (c *cutAfter) PutArticle(ctx context.Context, a *marsad.StoredArticle) (string, bool, error) {
	id, dup, err := c.Store.PutArticle(ctx, a)
	if atomic.AddInt32(&c.n, -1) == 0 {
		c.cut()
	}
	return id, dup, err
}
