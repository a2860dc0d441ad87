package feed_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/feed"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		file  string
		want  []feed.Item
		count int
	}{
		{"rss.xml", []feed.Item{{
			GUID: "item-1", URL: "https://news.example/2020/11/15/iraq-iran", Title: "وزير الدفاع العراقي يزور طهران",
			Published: time.Date(2020, 11, 15, 7, 0, 0, 0, time.UTC), Author: "مراسل الموقع",
			Content:     "<p>يواصل وزير الدفاع العراقي زيارته لطهران.</p><p>فقرة ثانية.</p>",
			Description: "<p>ملخص <b>الخبر</b></p>",
		}, {
			URL: "https://news.example/2020/11/14/second", Title: "خبر بلا معرف",
			Published: time.Date(2020, 11, 14, 9, 0, 0, 0, time.UTC), Description: "نص قصير",
		}, {
			GUID: "item-3", Title: "رابط خبيث", // javascript: link dropped
		}}, 3},
		{"atom.xml", []feed.Item{{
			GUID: "urn:uuid:entry-1", URL: "https://news.example/a/1", Title: "اشتباكات على الحدود",
			Published: time.Date(2020, 11, 15, 8, 0, 0, 0, time.UTC), Author: "وكالة الأنباء",
			Content: "<p>أدت الاشتباكات إلى مقتل ثلاثة.</p>",
		}}, 1},
		{"feed.json", []feed.Item{{
			GUID: "j1", URL: "https://news.example/j/1", Title: "عنوان", Content: "<p>نص</p>",
			Published: time.Date(2020, 11, 15, 7, 0, 0, 0, time.UTC), Author: "كاتب",
		}}, 1},
	} {
		t.Run(tc.file, func(t *testing.T) {
			items, err := feed.Parse(read(t, tc.file), "https://news.example/feed")
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != tc.count {
				t.Fatalf("%d items, want %d", len(items), tc.count)
			}
			for i, want := range tc.want {
				want.Feed = "https://news.example/feed"
				got := items[i]
				if !got.Published.Equal(want.Published) {
					t.Errorf("item %d: Published = %v, want %v", i, got.Published, want.Published)
				}
				got.Published, want.Published = time.Time{}, time.Time{}
				if got != want {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, got, want)
				}
			}
		})
	}
}

func TestParseBad(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":      "",
		"html":       "<!doctype html><html><body>not a feed</body></html>",
		"truncated":  `<?xml version="1.0"?><rss version="2.0"><channel><item><title>x`,
		"binary":     "\x00\x01\x02\xff",
		"json array": `[1,2,3]`,
	} {
		t.Run(name, func(t *testing.T) {
			items, err := feed.Parse([]byte(doc), "https://x.example/")
			if err == nil && len(items) != 0 {
				t.Fatalf("Parse = %d items, nil error; want an error or nothing", len(items))
			}
			if err != nil && marsad.ErrorKind(err) != marsad.Invalid {
				t.Fatalf("error %v, want kind Invalid", err)
			}
		})
	}
}

// server is a local feed server whose answers the test sets.
type server struct {
	*httptest.Server
	mu      sync.Mutex
	handler http.HandlerFunc
	hits    atomic.Int32
	lastReq http.Header
}

func newServer(t *testing.T, h http.HandlerFunc) *server {
	s := &server{handler: h}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		s.mu.Lock()
		s.lastReq = r.Header.Clone()
		h := s.handler
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) set(h http.HandlerFunc) {
	s.mu.Lock()
	s.handler = h
	s.mu.Unlock()
}

func (s *server) header(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastReq.Get(k)
}

// conditional serves body with validators and answers 304 to a matching request.
func conditional(body []byte, etag, lastMod string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		if (inm != "" && inm == etag) || (ims != "" && ims == lastMod) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}
}

func newPoller(opts feed.Options) *feed.Poller {
	if opts.Rand == nil {
		opts.Rand = func() float64 { return 0.5 }
	}
	return feed.NewPoller(opts)
}

func TestConditionalGet(t *testing.T) {
	rss := read(t, "rss.xml")
	const etag, lastMod = `"v1"`, "Sun, 15 Nov 2020 10:00:00 GMT"
	s := newServer(t, conditional(rss, etag, lastMod))
	p := newPoller(feed.Options{})
	ctx := context.Background()

	items, st, err := p.Poll(ctx, feed.State{URL: s.URL})
	if err != nil || len(items) != 3 {
		t.Fatalf("first poll: %d items, %v; want 3", len(items), err)
	}
	if st.ETag != etag || st.LastModified != lastMod || len(st.Seen) != 3 {
		t.Fatalf("state after first poll: %+v", st)
	}
	items, st, err = p.Poll(ctx, st)
	if err != nil || len(items) != 0 {
		t.Fatalf("second poll: %d items, %v; want 304 and none", len(items), err)
	}
	if s.header("If-None-Match") != etag || s.header("If-Modified-Since") != lastMod {
		t.Errorf("conditional headers not sent: %q %q", s.header("If-None-Match"), s.header("If-Modified-Since"))
	}
	if st.ETag != etag {
		t.Errorf("304 lost the ETag: %+v", st)
	}
	// The feed changes: one new item on top, the others seen.
	changed := bytes.Replace(rss, []byte("<item>"), []byte("<item><title>جديد</title><guid>item-0</guid></item>\n<item>"), 1)
	s.set(conditional(changed, `"v2"`, "Mon, 16 Nov 2020 10:00:00 GMT"))
	items, st, err = p.Poll(ctx, st)
	if err != nil || len(items) != 1 || items[0].GUID != "item-0" {
		t.Fatalf("third poll: %+v, %v; want the one new item", items, err)
	}
	if st.Seen[0] != "item-0" || len(st.Seen) != 4 {
		t.Errorf("Seen = %v", st.Seen)
	}
}

func TestBackoff(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) })
	jitter := 0.0
	p := newPoller(feed.Options{Now: func() time.Time { return now }, Rand: func() float64 { return jitter },
		MinBackoff: time.Minute, MaxBackoff: 10 * time.Minute})
	st := feed.State{URL: s.URL}
	var err error
	// Waits: half the backoff plus jitter·half: 1m→[30s,1m], 2m→[1m,2m], 4m, 8m, then 10m.
	for i, want := range []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute} {
		_, st, err = p.Poll(context.Background(), st)
		if marsad.ErrorKind(err) != marsad.Unavailable {
			t.Fatalf("poll %d: error %v, want kind Unavailable", i+1, err)
		}
		if st.Failures != i+1 || st.NextPoll.Sub(now) != want {
			t.Errorf("poll %d: failures %d, next poll in %v; want %d, %v", i+1, st.Failures, st.NextPoll.Sub(now), i+1, want)
		}
	}
	jitter = 0.999
	_, st, _ = p.Poll(context.Background(), st)
	if d := st.NextPoll.Sub(now); d < 9*time.Minute || d > 10*time.Minute {
		t.Errorf("full jitter: next poll in %v, want under the 10m cap", d)
	}
	// Retry-After on a 429 wins over a shorter backoff.
	s.set(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	_, st, _ = p.Poll(context.Background(), st)
	if d := st.NextPoll.Sub(now); d != time.Hour {
		t.Errorf("Retry-After 3600: next poll in %v, want 1h", d)
	}
	// Success resets the count.
	s.set(conditional(read(t, "atom.xml"), `"a"`, ""))
	items, st, err := p.Poll(context.Background(), st)
	if err != nil || len(items) != 1 || st.Failures != 0 || !st.NextPoll.IsZero() || st.LastError != "" {
		t.Errorf("recovery: %d items, %v, state %+v", len(items), err, st)
	}
}

func gzipped(t testing.TB, r io.Reader) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	if _, err := io.Copy(zw, r); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return b.Bytes()
}

// zeros is an endless stream of the byte '<'.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '<'
	}
	return len(p), nil
}

func TestLimits(t *testing.T) {
	rss := read(t, "rss.xml")
	bomb := gzipped(t, io.LimitReader(zeros{}, 16<<20)) // 16 MiB in ~16 KiB
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		kind    marsad.Kind
		items   int
	}{
		{"gzip feed", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, bytes.NewReader(rss)))
		}, 0, 3},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		}, marsad.TooLarge, 0},
		{"bad gzip", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(rss)
		}, marsad.Invalid, 0},
		{"huge feed, no length", func(w http.ResponseWriter, r *http.Request) {
			w.Write(rss[:100])
			io.Copy(w, io.LimitReader(zeros{}, 8<<20))
		}, marsad.TooLarge, 0},
		{"huge feed, declared length", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(8<<20))
			io.Copy(w, io.LimitReader(zeros{}, 8<<20))
		}, marsad.TooLarge, 0},
		{"malformed XML", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>قطع</tit`))
		}, marsad.Invalid, 0},
		{"not found", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }, marsad.Invalid, 0},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
		}, marsad.Invalid, 0},
		{"redirect to file:", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		}, marsad.Unavailable, 0},
		{"timeout", func(w http.ResponseWriter, r *http.Request) {
			w.Write(rss[:50])
			w.(http.Flusher).Flush()
			<-r.Context().Done() // never finishes the body
		}, marsad.Unavailable, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.handler)
			// Only the case that never finishes its body waits for the timeout; the others
			// get a long one, so that a slow (loaded, -race) machine cannot turn a size
			// or format error into a timeout.
			timeout := time.Minute
			if tc.name == "timeout" {
				timeout = 300 * time.Millisecond
			}
			p := newPoller(feed.Options{MaxBytes: 1 << 20, Timeout: timeout, MaxRedirects: 3})
			items, st, err := p.Poll(context.Background(), feed.State{URL: s.URL + "/f"})
			if tc.kind == 0 {
				if err != nil || len(items) != tc.items {
					t.Fatalf("%d items, %v; want %d", len(items), err, tc.items)
				}
				return
			}
			if marsad.ErrorKind(err) != tc.kind {
				t.Fatalf("error %v (kind %v), want kind %v", err, marsad.ErrorKind(err), tc.kind)
			}
			if st.Failures != 1 || st.NextPoll.IsZero() || st.LastError == "" {
				t.Errorf("failure not recorded: %+v", st)
			}
		})
	}
	if n := len(bomb); n > 1<<20 {
		t.Fatalf("bomb is %d bytes compressed: not a bomb", n)
	}
}

func TestCancelled(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	p := newPoller(feed.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for s.hits.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	in := feed.State{URL: s.URL, ETag: `"x"`}
	_, st, err := p.Poll(ctx, in)
	if err == nil || st.Failures != 0 || !st.NextPoll.IsZero() || st.ETag != `"x"` {
		t.Fatalf("cancelled poll: %v, state %+v; want an error and the state unchanged", err, st)
	}
}

func TestBadURL(t *testing.T) {
	p := newPoller(feed.Options{})
	for _, u := range []string{"", "ftp://x/", "file:///etc/passwd", "http://", "::"} {
		if _, _, err := p.Poll(context.Background(), feed.State{URL: u}); marsad.ErrorKind(err) != marsad.Invalid {
			t.Errorf("Poll(%q) error %v, want kind Invalid", u, err)
		}
	}
}

func TestScheduler(t *testing.T) {
	a := newServer(t, conditional(read(t, "rss.xml"), `"r"`, ""))
	b := newServer(t, conditional(read(t, "atom.xml"), `"a"`, ""))
	bad := newServer(t, func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", 500) })
	p := newPoller(feed.Options{MinBackoff: time.Hour})
	var mu sync.Mutex
	got := map[string]int{}
	polls := map[string]int{}
	errs := map[string]int{}
	done := make(chan struct{})
	var once sync.Once
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := feed.NewScheduler(p, feed.SchedulerOptions{Interval: 5 * time.Millisecond, Workers: 2,
		Handler: func(ctx context.Context, r feed.Result) {
			mu.Lock()
			defer mu.Unlock()
			got[r.State.URL] += len(r.Items)
			polls[r.State.URL]++
			if r.Err != nil {
				errs[r.State.URL]++
			}
			if polls[a.URL] >= 3 && polls[b.URL] >= 3 {
				once.Do(func() { close(done) })
			}
		}})
	for _, u := range []string{a.URL, b.URL, bad.URL} {
		s.Add(feed.State{URL: u})
	}
	if n := len(s.Feeds()); n != 3 {
		t.Fatalf("Feeds() = %d, want 3", n)
	}
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the scheduler did not poll both feeds three times")
	}
	cancel()
	if err := <-runErr; err != context.Canceled {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got[a.URL] != 3 || got[b.URL] != 1 {
		t.Errorf("items: %v; want 3 and 1, each once", got)
	}
	// The failing feed backs off for an hour after its first failure.
	if errs[bad.URL] != 1 || bad.hits.Load() != 1 {
		t.Errorf("failing feed polled %d times (%d errors), want once", bad.hits.Load(), errs[bad.URL])
	}
}

// FuzzParse checks that no document makes the parser panic, and that what it returns
// is valid UTF-8 with only http(s) links.
func FuzzParse(f *testing.F) {
	for _, n := range []string{"rss.xml", "atom.xml", "feed.json"} {
		f.Add(read(f, n))
	}
	f.Add([]byte(`<rss><channel><item><link>../x</link></item></channel></rss>`))
	f.Add([]byte(strings.Repeat("<a>", 10000)))
	f.Fuzz(func(t *testing.T, doc []byte) {
		items, err := feed.Parse(doc, "https://news.example/feed/")
		if err != nil {
			return
		}
		for _, it := range items {
			for _, s := range []string{it.Title, it.Content, it.Description, it.Author, it.GUID, it.URL} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %+v", it)
				}
			}
			if u, err := url.Parse(it.URL); it.URL != "" && (err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https")) {
				t.Fatalf("URL %q", it.URL)
			}
		}
	})
}

// TestSchedulerClaim checks that a feed whose claim is refused (another server holds
// its lease) is not polled, and one whose claim is granted is.
func TestSchedulerClaim(t *testing.T) {
	a := newServer(t, conditional(read(t, "rss.xml"), `"r"`, ""))
	b := newServer(t, conditional(read(t, "atom.xml"), `"a"`, ""))
	var mu sync.Mutex
	polls, claims := map[string]int{}, map[string]int{}
	done := make(chan struct{})
	var once sync.Once
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := feed.NewScheduler(newPoller(feed.Options{}), feed.SchedulerOptions{Interval: 5 * time.Millisecond,
		Claim: func(_ context.Context, url string) bool {
			mu.Lock()
			defer mu.Unlock()
			claims[url]++
			return url == a.URL
		},
		Handler: func(_ context.Context, r feed.Result) {
			mu.Lock()
			defer mu.Unlock()
			polls[r.State.URL]++
			if polls[a.URL] >= 3 && claims[b.URL] >= 3 {
				once.Do(func() { close(done) })
			}
		}})
	s.Add(feed.State{URL: a.URL})
	s.Add(feed.State{URL: b.URL})
	go s.Run(ctx)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the scheduler did not ask for both claims and poll the granted feed")
	}
	cancel()
	mu.Lock()
	defer mu.Unlock()
	if polls[b.URL] != 0 {
		t.Errorf("feed b polled %d times without its claim", polls[b.URL])
	}
}
