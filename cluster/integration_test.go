package cluster_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/cluster"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/postgres"
	"github.com/marsad-project/marsad/sqlite"
)

// The integration test and the benchmark run the real binary: a server publishing to
// NATS, worker processes (so that one can be SIGKILLed) storing into PostgreSQL, and
// compare with a single-process embedded run. They need MARSAD_TEST_NATS,
// MARSAD_TEST_POSTGRES and the dev corpus.
const (
	envPostgres = "MARSAD_TEST_POSTGRES"
	devDir      = "../../shared/corpus/dev"
)

type env struct {
	nats, pg, bin, dir string
	files              []string
}

func setup(t testing.TB) *env {
	t.Helper()
	e := &env{nats: os.Getenv(envNATS), pg: os.Getenv(envPostgres)}
	if e.nats == "" || e.pg == "" {
		t.Skipf("%s and %s must be set: no nats-server or PostgreSQL to test against (.ci/services.sh starts them)", envNATS, envPostgres)
	}
	files, _ := filepath.Glob(filepath.Join(devDir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("%s not found: the dev corpus is read from ../shared beside the repository", devDir)
	}
	sort.Strings(files)
	e.files = files
	e.dir = t.TempDir()
	e.bin = filepath.Join(e.dir, "marsad")
	build := exec.Command("go", "build", "-o", e.bin, "../cmd/marsad")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return e
}

// schema creates a fresh schema of the test database (migrated) and returns the URL
// that selects it, and the store.
func (e *env) schema(t testing.TB, name string) (string, *postgres.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := postgres.Open(ctx, e.pg, postgres.Options{Schema: name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.Close()
		postgres.DropSchema(context.Background(), e.pg, name)
	})
	u, err := url.Parse(e.pg)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String(), st
}

// proc is a child process of the binary with its stderr kept in a file.
type proc struct {
	cmd *exec.Cmd
	log string
}

func (e *env) start(t testing.TB, name string, args ...string) *proc {
	t.Helper()
	p := &proc{log: filepath.Join(e.dir, name+".log")}
	f, err := os.Create(p.log)
	if err != nil {
		t.Fatal(err)
	}
	p.cmd = exec.Command(e.bin, args...)
	p.cmd.Stdout, p.cmd.Stderr = f, f
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
		f.Close()
	})
	return p
}

// waitLog waits until the process's log matches re and returns the match.
func (p *proc) waitLog(t testing.TB, re *regexp.Regexp) []string {
	t.Helper()
	for range 1200 {
		b, _ := os.ReadFile(p.log)
		if m := re.FindStringSubmatch(string(b)); m != nil {
			return m
		}
		if p.cmd.ProcessState != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	b, _ := os.ReadFile(p.log)
	t.Fatalf("%s: no %q in its log:\n%s", p.cmd.Path, re, b)
	return nil
}

// stop ends the process with SIGTERM (a graceful stop) and waits.
func (p *proc) stop(t testing.TB) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			b, _ := os.ReadFile(p.log)
			t.Errorf("%v: %v\n%s", p.cmd.Args, err, tail(b))
		}
	case <-time.After(2 * time.Minute):
		p.cmd.Process.Kill()
		t.Errorf("%v did not stop on SIGTERM", p.cmd.Args)
	}
}

func tail(b []byte) string {
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}

var workerStarted = regexp.MustCompile(`worker started`)

// proxy forwards TCP connections to a server; Cut closes the current ones (a network
// loss: the client reconnects through it).
type proxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newProxy(t testing.TB, upstream string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", upstream)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, u); c.Close() }()
		}
	}()
	t.Cleanup(func() { ln.Close(); p.Cut() })
	return p
}

func (p *proxy) URL() string { return "nats://" + p.ln.Addr().String() }

func (p *proxy) Cut() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.conns) / 2
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
	return n
}

func hostPort(t testing.TB, natsURL string) string {
	u, err := url.Parse(natsURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// waitStored waits until the store has n articles and the work queue is empty.
func waitStored(t testing.TB, st marsad.Store, c *cluster.Conn, n int, limit time.Duration) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		cnt, err := st.Counts(ctx)
		q, _, qerr := c.Pending(ctx)
		if err == nil && qerr == nil && cnt.Articles >= n && q == 0 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	cnt, _ := st.Counts(ctx)
	q, dead, _ := c.Pending(ctx)
	t.Fatalf("after %v: %d articles stored (want %d), %d queued, %d dead", limit, cnt.Articles, n, q, dead)
}

// TestClusterChaos: nats-server + PostgreSQL + a server publishing + 3 worker
// processes ingest the dev corpus; one worker is SIGKILLed mid-run and another loses
// its NATS connection. The store must end with every article once and the same
// events as a single-process embedded run (marsad ingest into SQLite).
func TestClusterChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the cluster integration test codes the whole dev corpus")
	}
	e := setup(t)
	ctx := context.Background()
	want := len(e.files)

	// The reference: one process, embedded SQLite, in-process queue.
	refDir := filepath.Join(e.dir, "ref")
	ref := e.start(t, "ref", "ingest", "--data", refDir, "--workers", "2", devDir)
	if err := ref.cmd.Wait(); err != nil {
		b, _ := os.ReadFile(ref.log)
		t.Fatalf("marsad ingest: %v\n%s", err, tail(b))
	}

	prefix := fmt.Sprintf("chaos%d", os.Getpid())
	pgURL, st := e.schema(t, fmt.Sprintf("chaos_%d", os.Getpid()))
	conn, err := cluster.Connect(ctx, cluster.Config{URL: e.nats, Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	// Three workers; the second talks to NATS through a proxy that the test cuts.
	px := newProxy(t, hostPort(t, e.nats))
	workerArgs := func(natsURL string) []string {
		return []string{"worker", "--nats", natsURL, "--store", pgURL, "--prefix", prefix, "--workers", "1", "--ack-wait", "5s"}
	}
	w := []*proc{
		e.start(t, "worker1", workerArgs(e.nats)...),
		e.start(t, "worker2", workerArgs(px.URL())...),
		e.start(t, "worker3", workerArgs(e.nats)...),
	}
	for _, p := range w {
		p.waitLog(t, workerStarted)
	}
	srv := e.start(t, "serve", "serve", "--addr", "127.0.0.1:0", "--nats", e.nats, "--prefix", prefix, "--store", pgURL)
	addr := srv.waitLog(t, regexp.MustCompile(`msg=serving addr=(http://\S+)`))[1]

	// The articles go in through the server's API, as a client would send them.
	in := e.start(t, "ingest", "ingest", "--server", addr, "--workers", "4", devDir)

	var killedAt, cutAt int
	for {
		cnt, err := st.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if killedAt == 0 && cnt.Articles >= want/5 {
			w[0].cmd.Process.Signal(syscall.SIGKILL)
			w[0].cmd.Wait()
			killedAt = cnt.Articles
			t.Logf("SIGKILLed worker 1 at %d articles stored", killedAt)
		}
		if cutAt == 0 && cnt.Articles >= want/2 {
			n := px.Cut()
			cutAt = cnt.Articles
			t.Logf("cut worker 2's NATS connection (%d) at %d articles stored", n, cutAt)
		}
		if cutAt > 0 {
			break
		}
		if in.cmd.ProcessState != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := in.cmd.Wait(); err != nil {
		b, _ := os.ReadFile(in.log)
		t.Fatalf("marsad ingest --server: %v\n%s", err, tail(b))
	}
	if killedAt == 0 || cutAt == 0 {
		t.Errorf("the run ended before the faults were injected (kill at %d, cut at %d)", killedAt, cutAt)
	}
	waitStored(t, st, conn, want, 15*time.Minute)
	for _, p := range w[1:] {
		p.stop(t)
	}
	srv.stop(t)
	b, _ := os.ReadFile(w[1].log)
	if !strings.Contains(string(b), "NATS reconnected") {
		t.Errorf("worker 2 did not report a reconnect:\n%s", tail(b))
	}
	stopped := regexp.MustCompile(`msg="worker stopped" (.*)`)
	for i, p := range w[1:] {
		b, _ := os.ReadFile(p.log)
		if m := stopped.FindStringSubmatch(string(b)); m != nil {
			t.Logf("worker %d: %s", i+2, m[1])
		}
	}

	_, dead, _ := conn.Pending(ctx)
	cnt, _ := st.Counts(ctx)
	if cnt.Articles != want || dead != 0 {
		t.Errorf("cluster stored %d articles with %d dead letters, want %d and 0", cnt.Articles, dead, want)
	}
	refStore, err := sqlite.OpenDir(ctx, refDir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer refStore.Close()
	compareStores(t, refStore, st, want)
}

// compareStores checks that got holds the same articles as ref, and every event of
// each, field by field.
func compareStores(t *testing.T, ref, got marsad.Store, want int) {
	t.Helper()
	ctx := context.Background()
	rc, _ := ref.Counts(ctx)
	gc, _ := got.Counts(ctx)
	t.Logf("reference: %d articles, %d events; cluster: %d articles, %d events", rc.Articles, rc.Events, gc.Articles, gc.Events)
	if rc.Articles != want || gc.Articles != want || rc.Events != gc.Events {
		t.Errorf("counts: reference %+v, cluster %+v; want %d articles in both and the same events", rc, gc, want)
	}
	seen := map[string]bool{}
	diffs := 0
	err := ref.WalkArticles(ctx, func(a *marsad.StoredArticle) error {
		seen[a.ID] = true
		b, err := got.Article(ctx, a.ID)
		if err != nil {
			t.Errorf("article %s: %v", a.ID, err)
			return nil
		}
		if b.Hash != a.Hash || b.Text != a.Text || b.Title != a.Title || b.Published != a.Published || b.Source != a.Source {
			t.Errorf("article %s: metadata differ", a.ID)
		}
		if (a.Record == nil) != (b.Record == nil) {
			t.Errorf("article %s: coded in one store only", a.ID)
			return nil
		}
		if a.Record == nil {
			return nil
		}
		ea, eb := a.Record.Events, b.Record.Events
		if len(ea) != len(eb) {
			t.Errorf("article %s: %d events in the reference, %d in the cluster", a.ID, len(ea), len(eb))
			return nil
		}
		for i := range ea {
			for _, f := range fieldDiffs(ea[i], eb[i]) {
				if diffs++; diffs <= 20 {
					t.Errorf("article %s event %s: field %s differs", a.ID, ea[i].ID, f)
				}
			}
		}
		if !reflect.DeepEqual(a.Record.Entities, b.Record.Entities) || !reflect.DeepEqual(a.Record.Quotes, b.Record.Quotes) {
			t.Errorf("article %s: entities or quotes differ", a.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Event rows as the API serves them (store-wide ids and actor keys).
	rows := func(s marsad.Store) map[string]marsad.EventRow {
		m := map[string]marsad.EventRow{}
		s.WalkEvents(ctx, marsad.EventFilter{}, func(r *marsad.EventRow) error { m[r.ID] = *r; return nil })
		return m
	}
	ra, rb := rows(ref), rows(got)
	for id, a := range ra {
		b, ok := rb[id]
		if !ok {
			t.Errorf("event %s missing from the cluster", id)
			continue
		}
		if a.Article != b.Article || a.SourceKey != b.SourceKey || a.TargetKey != b.TargetKey || a.Outlet != b.Outlet ||
			a.Published != b.Published || a.ArticleTitle != b.ArticleTitle || !reflect.DeepEqual(a.Event, b.Event) {
			t.Errorf("event row %s differs", id)
		}
	}
	if len(ra) != len(rb) {
		t.Errorf("%d event rows in the reference, %d in the cluster", len(ra), len(rb))
	}
	if len(seen) != want {
		t.Errorf("reference has %d distinct articles, want %d", len(seen), want)
	}
}

// fieldDiffs names the fields of two structs that differ (deeply).
func fieldDiffs(a, b marsad.Event) []string {
	var out []string
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			out = append(out, va.Type().Field(i).Name)
		}
	}
	return out
}

// BenchmarkWorkers measures cluster throughput (articles coded and stored per second)
// with 1, 2 and 4 worker processes on the first 300 dev articles, published to the
// queue before the clock starts; each worker codes one article at a time.
func BenchmarkWorkers(b *testing.B) {
	e := setup(b)
	files := e.files[:min(300, len(e.files))]
	texts := make([][]byte, len(files))
	for i, f := range files {
		texts[i], _ = os.ReadFile(f)
	}
	rates := map[int]float64{}
	for _, n := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			var total time.Duration
			for i := range b.N {
				b.StopTimer()
				ctx := context.Background()
				tag := fmt.Sprintf("bench%d_%d_%d", os.Getpid(), n, i)
				pgURL, st := e.schema(b, tag)
				conn, err := cluster.Connect(ctx, cluster.Config{URL: e.nats, Prefix: tag})
				if err != nil {
					b.Fatal(err)
				}
				var ws []*proc
				for k := range n {
					ws = append(ws, e.start(b, fmt.Sprintf("%s-w%d", tag, k), "worker", "--nats", e.nats, "--store", pgURL,
						"--prefix", tag, "--workers", "1"))
				}
				for _, p := range ws {
					p.waitLog(b, workerStarted)
				}
				// Publish with the workers paused on an empty queue, then time the drain.
				start := time.Now()
				b.StartTimer()
				pub := conn.Publisher()
				for k, text := range texts {
					if _, err := pub.Submit(ctx, ingest.Request{Input: coder.Input{ID: fmt.Sprintf("b%d", k), Raw: text}}); err != nil {
						b.Fatal(err)
					}
				}
				waitStored(b, st, conn, len(texts), 30*time.Minute)
				b.StopTimer()
				total += time.Since(start)
				for _, p := range ws {
					p.stop(b)
				}
				conn.Close()
			}
			rate := float64(len(texts)*b.N) / total.Seconds()
			rates[n] = rate
			b.ReportMetric(rate, "articles/s")
			b.ReportMetric(0, "ns/op")
		})
	}
	if rates[1] > 0 {
		b.Logf("scaling over 1 worker: 2 workers ×%.2f, 4 workers ×%.2f", rates[2]/rates[1], rates[4]/rates[1])
	}
}
