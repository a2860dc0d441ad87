package web_test

// The browser test: Debian's chromium (headless, driven by chromedp) loads every page of
// the dashboard against a server holding the seed and the dev corpus, clicks filters,
// hovers an event, changes the font size, switches language, takes screenshots (written
// to testdata/out, ignored by git) and checks what the pages show by DOM queries.

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

var devLimit = flag.Int("devlimit", 0, "code only the first N dev-corpus articles (0: all; under -race: 150)")

const (
	seedDir = "../../shared/corpus/seed"
	devDir  = "../../shared/corpus/dev"
	shotDir = "testdata/out"
)

// chromium finds Debian's chromium (or the one MARSAD_CHROMIUM names).
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("MARSAD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium found: install Debian's chromium (apt-get install -y chromium) or set MARSAD_CHROMIUM to run the browser test")
	return ""
}

func needCorpus(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			t.Skipf("%s not found (../shared beside the repository): browser test skipped", d)
		}
	}
}

// loadedDashboard starts the server and ingests the seed and the dev corpus.
func loadedDashboard(t *testing.T) *dashboard {
	t.Helper()
	d := newDashboard(t)
	start := time.Now()
	n := d.ingestDir(t, seedDir, 0)
	limit := *devLimit
	if limit == 0 {
		limit = raceDevLimit
	}
	n += d.ingestDir(t, devDir, limit)
	var health struct{ Articles, Events int }
	getJSON(t, d.srv.URL+"/api/v1/health", &health)
	t.Logf("ingested %d files: %d articles, %d events stored in %v", n, health.Articles, health.Events, time.Since(start).Round(time.Millisecond))
	return d
}

// newBrowser starts headless chromium with the flags this machine needs (no sandbox as
// root; no background networking, which a closed network refuses).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "ar"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("chromium did not start: %v", err)
	}
	return ctx
}

func run(t *testing.T, ctx context.Context, timeout time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a script in the page (awaiting a promise) and decodes its value into out.
func eval[T any](js string, out *T) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		v, err := chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise)(ctx, tg)
		*out = v
		return err
	})
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// shot saves a full-page screenshot and checks it is a picture with content: a blank or
// one-colour page fails.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shotWith(t, ctx, name, chromedp.FullScreenshot(100))
}

func shotWith(t *testing.T, ctx context.Context, name string, action chromedp.Action[[]byte]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	buf, err := chromedp.Run(c, action)
	if err != nil {
		t.Fatal(err)
	}
	if err = os.MkdirAll(shotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(shotDir, name+".png")
	if err = os.WriteFile(p, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	if share := inkShare(img); share < 0.02 {
		t.Errorf("%s: only %.1f%% of the pixels differ from the background", p, share*100)
	}
}

// inkShare is the share of pixels that differ from the most common colour.
func inkShare(img image.Image) float64 {
	counts := map[[3]uint32]int{}
	b := img.Bounds()
	total := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[[3]uint32{r >> 10, g >> 10, bl >> 10}]++
			total++
		}
	}
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	return 1 - float64(top)/float64(total)
}

// hover moves the mouse over the centre of the first element matching sel.
func hover(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.scrollIntoView({block: 'center'});
			const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()`, sel)
		pt, err := chromedp.Evaluate[[]float64](js)(ctx, tg)
		if err != nil {
			return err
		}
		_, err = chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, pt[0], pt[1])(ctx, tg)
		return err
	})
}

func attr(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	var s string
	run(t, ctx, 10*time.Second, eval(js, &s))
	return s
}

func TestDashboard(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	needCorpus(t, seedDir, devDir)
	ctx := newBrowser(t)
	d := loadedDashboard(t)
	const seedID = "alaraby-2020-11-15-iran-iraq-defence"

	t.Run("article", func(t *testing.T) {
		run(t, ctx, 30*time.Second, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(d.url("article/"+seedID)), chromedp.WaitVisible(css(`mark.ev`)))
		// The IRGC's shelling (CAMEO 19x) is highlighted in the body.
		var marks []map[string]string
		run(t, ctx, 10*time.Second, eval(`[...document.querySelectorAll('.article-body mark.ev')].map(m => ({code: m.dataset.code, ev: m.dataset.ev, text: m.textContent}))`, &marks))
		shell := slices.IndexFunc(marks, func(m map[string]string) bool {
			return strings.HasPrefix(m["code"], "19") && strings.Contains(m["text"], "قصف")
		})
		if shell < 0 {
			t.Fatalf("no highlighted shelling event (19x «قصف…») among %v", marks)
		}
		// Hovering it shows the code, the actors and the rule.
		sel := fmt.Sprintf(`.article-body mark.ev[data-ev="%s"]`, marks[shell]["ev"])
		run(t, ctx, 10*time.Second, hover(sel), chromedp.WaitVisible(css(`#tooltip`)))
		tip := attr(t, ctx, `document.getElementById('tooltip').textContent`)
		for _, want := range []string{marks[shell]["code"], "الحرس الثوري", "العراق", "كردستان"} {
			if !strings.Contains(tip, want) {
				t.Errorf("tooltip of the shelling event lacks %q: %s", want, tip)
			}
		}
		if n := attr(t, ctx, `String(document.querySelectorAll('.article-body .arg-on').length)`); n == "0" {
			t.Errorf("hovering the event marks none of its actors or place")
		}
		// Tags («دلالات») are filled: entity names and event types.
		var tags []string
		run(t, ctx, 10*time.Second, eval(`[...document.querySelectorAll('.tags li')].map(li => li.textContent)`, &tags))
		if len(tags) < 4 || !slices.Contains(tags, "إيران") {
			t.Errorf("tags = %q, want the article's names and event types", tags)
		}
		// Caption and credit.
		if c := attr(t, ctx, `document.querySelector('figure.caption .credit')?.textContent ?? ''`); !strings.Contains(c, "الأناضول") {
			t.Errorf("credit = %q", c)
		}
		// «+ الخط -» changes the body's font size.
		before := attr(t, ctx, `document.querySelector('.article-body').dataset.fontSize`)
		run(t, ctx, 10*time.Second, chromedp.Click(css(`.font-up`)), chromedp.Click(css(`.font-up`)))
		after := attr(t, ctx, `document.querySelector('.article-body').dataset.fontSize + ' ' + getComputedStyle(document.querySelector('.article-body p')).fontSize`)
		if after == before+" "+before+"px" || strings.HasPrefix(after, before+" ") {
			t.Errorf("font size %s → %s after two clicks on +", before, after)
		}
		run(t, ctx, 10*time.Second, hover(sel))
		shot(t, ctx, "article-ar")
		run(t, ctx, 10*time.Second, chromedp.Click(css(`.font-down`)), chromedp.Click(css(`.font-down`)))
		if dir := attr(t, ctx, `document.documentElement.dir + ' ' + getComputedStyle(document.querySelector('.article-body')).direction`); dir != "rtl rtl" {
			t.Errorf("direction = %q, want rtl rtl", dir)
		}
	})

	t.Run("language", func(t *testing.T) {
		run(t, ctx, 20*time.Second, chromedp.Click(css(`button.lang`)), chromedp.WaitVisible(css(`mark.ev`)))
		got := attr(t, ctx, `document.documentElement.lang + ' ' + document.documentElement.dir + ' ' + getComputedStyle(document.querySelector('.article-body')).direction + ' ' + document.querySelector('nav a').textContent`)
		if got != "en ltr rtl Events" {
			t.Errorf("after the switch: %q, want \"en ltr rtl Events\" (the Arabic article stays right to left)", got)
		}
		shot(t, ctx, "article-en")
		run(t, ctx, 20*time.Second, chromedp.Click(css(`button.lang`)), chromedp.WaitVisible(css(`mark.ev`)))
		if got := attr(t, ctx, `document.documentElement.lang + ' ' + document.documentElement.dir`); got != "ar rtl" {
			t.Errorf("after switching back: %q", got)
		}
	})

	t.Run("events", func(t *testing.T) {
		run(t, ctx, 30*time.Second, chromedp.Navigate(d.url("events")), chromedp.WaitVisible(css(`table.events tbody tr`)))
		// Filter: material conflict only, through the form.
		run(t, ctx, 30*time.Second,
			chromedp.SetValue(css(`form.filters select[name=quad]`), "4"),
			chromedp.Click(css(`form.filters button[type=submit]`)),
			chromedp.WaitVisible(css(`.chip[data-filter=quad]`)),
			chromedp.WaitVisible(css(`table.events tbody tr`)))
		var quads []string
		run(t, ctx, 10*time.Second, eval(`[...document.querySelectorAll('table.events tbody tr')].map(tr => tr.dataset.quad)`, &quads))
		if len(quads) == 0 || slices.ContainsFunc(quads, func(q string) bool { return q != "4" }) {
			t.Errorf("quad=4 filter shows quad classes %v", quads)
		}
		if h := attr(t, ctx, `location.hash`); !strings.Contains(h, "quad=4") {
			t.Errorf("filter not in the address: %s", h)
		}
		// Sort by confidence (a header click), then check the order.
		run(t, ctx, 20*time.Second, chromedp.Click(css(`th button[data-sort=confidence]`)),
			chromedp.WaitVisible(css(`th[aria-sort=descending] button[data-sort=confidence]`)))
		if h := attr(t, ctx, `location.hash`); !strings.Contains(h, "sort=-confidence") || !strings.Contains(h, "quad=4") {
			t.Errorf("sort lost the filter or did not change the address: %s", h)
		}
		shot(t, ctx, "events")
		// A row's actor link leads to the entity page.
		run(t, ctx, 30*time.Second, chromedp.Click(css(`table.events a.actor[href^="#/entity/"]`)), chromedp.WaitVisible(css(`.entity h1`)))
		if n := attr(t, ctx, `String(document.querySelectorAll('.entity table.events tbody tr').length)`); n == "0" {
			t.Errorf("entity page lists no events")
		}
	})

	t.Run("entity", func(t *testing.T) {
		var rec struct {
			Article struct {
				Entities []struct {
					Name string `json:"name"`
					KBID string `json:"kb_id"`
				}
			}
		}
		getJSON(t, d.srv.URL+"/api/v1/articles/"+seedID, &rec)
		key := ""
		for _, e := range rec.Article.Entities {
			if strings.Contains(e.Name, "الحرس الثوري") && e.KBID != "" {
				key = "kb:" + e.KBID
			}
		}
		if key == "" {
			t.Fatal("the seed names no linked IRGC entity")
		}
		run(t, ctx, 30*time.Second, chromedp.Navigate(d.url("entity/"+url.PathEscape(key))), chromedp.WaitVisible(css(`.entity h1`)))
		if h := attr(t, ctx, `document.querySelector('.entity h1').textContent`); !strings.Contains(h, "الحرس الثوري") {
			t.Errorf("entity page headline %q", h)
		}
		if n := attr(t, ctx, `String(document.querySelectorAll('.entity table.events tbody tr').length)`); n == "0" {
			t.Errorf("IRGC entity page lists no events")
		}
		shot(t, ctx, "entity")
	})

	t.Run("timeline", func(t *testing.T) {
		run(t, ctx, 30*time.Second, chromedp.Navigate(d.url("timeline")), chromedp.WaitVisible(css(`svg.timeline g.day rect`)))
		// Brush from the first bar to the middle one (bars, not pixels: the range holds events).
		var xs []float64
		run(t, ctx, 10*time.Second, eval(`(() => { const g = [...document.querySelectorAll('svg.timeline g.day')];
			const c = (el) => { const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height - 2]; };
			return [...c(g[0]), ...c(g[Math.floor(g.length / 2)])]; })()`, &xs))
		run(t, ctx, 20*time.Second,
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xs[0], xs[1]),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, xs[0], xs[1], chromedp.ButtonLeft, chromedp.ClickCount(1)),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (xs[0]+xs[2])/2, xs[1], chromedp.Button("left")),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xs[2], xs[1], chromedp.Button("left")),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, xs[2], xs[1], chromedp.ButtonLeft, chromedp.ClickCount(1)),
			chromedp.WaitVisible(css(`.chip[data-filter=from]`)),
			chromedp.WaitVisible(css(`svg.timeline g.day rect`)))
		h := attr(t, ctx, `location.hash`)
		q, _ := url.ParseQuery(h[strings.Index(h, "?")+1:])
		if q.Get("from") == "" || q.Get("to") == "" || q.Get("from") >= q.Get("to") {
			t.Fatalf("brushing set %s", h)
		}
		var days []string
		run(t, ctx, 10*time.Second, eval(`[...document.querySelectorAll('svg.timeline g.day')].map(g => g.dataset.day)`, &days))
		for _, day := range days {
			if day < q.Get("from") || day > q.Get("to") {
				t.Errorf("day %s outside the brushed range %s–%s", day, q.Get("from"), q.Get("to"))
				break
			}
		}
		if w := attr(t, ctx, `[document.documentElement.scrollWidth, document.documentElement.clientWidth, scrollX].join(' ')`); true {
			t.Logf("timeline widths %s", w)
		}
		shot(t, ctx, "timeline")
	})

	t.Run("map", func(t *testing.T) {
		run(t, ctx, 30*time.Second, chromedp.Navigate(d.url("map")), chromedp.WaitVisible(css(`svg.map g.cluster`)))
		if n := attr(t, ctx, `String(document.querySelectorAll('svg.map .land path').length)`); n < "100" && len(n) < 3 {
			t.Errorf("world map has %s countries", n)
		}
		shot(t, ctx, "map")
		run(t, ctx, 30*time.Second, chromedp.Click(css(`svg.map g.cluster circle`)), chromedp.WaitVisible(css(`.chip[data-filter=bbox]`)), chromedp.WaitVisible(css(`svg.map g.cluster`)))
		if h := attr(t, ctx, `location.hash`); !strings.Contains(h, "bbox=") {
			t.Errorf("cluster click did not filter: %s", h)
		}
	})

	t.Run("network", func(t *testing.T) {
		run(t, ctx, 30*time.Second, chromedp.Navigate(d.url("network?country=IRQ")), chromedp.WaitVisible(css(`svg.network a.node`)))
		var nodes []string
		run(t, ctx, 10*time.Second, eval(`[...document.querySelectorAll('svg.network a.node')].map(a => a.dataset.key)`, &nodes))
		if len(nodes) < 3 {
			t.Errorf("network of IRQ events has %d nodes", len(nodes))
		}
		if n := attr(t, ctx, `String(document.querySelectorAll('svg.network .edges line').length)`); n == "0" {
			t.Errorf("network has no edges")
		}
		shot(t, ctx, "network")
	})

	t.Run("search", func(t *testing.T) {
		// Typed with hamza and taa marbuta variants the server folds: «الحرس الثورى».
		run(t, ctx, 30*time.Second, chromedp.Navigate(d.url("events")), chromedp.WaitVisible(css(`table.events tbody tr`)),
			chromedp.SendKeys(css(`form.search input`), "الحرس الثورى"),
			chromedp.Click(css(`form.search button`)),
			chromedp.WaitVisible(css(`.article-list li`)))
		if n := attr(t, ctx, `String(document.querySelectorAll('.article-list li').length)`); n == "0" {
			t.Errorf("search found no article")
		}
		if s := attr(t, ctx, `document.querySelector('main').textContent`); !strings.Contains(s, "الحرس الثوري") {
			t.Errorf("search results do not name the IRGC")
		}
		shot(t, ctx, "search")
	})

	t.Run("narrow", func(t *testing.T) {
		// 360 px: no page scrolls sideways.
		run(t, ctx, 10*time.Second, chromedp.EmulateViewport(360, 740))
		for _, page := range []string{"events", "article/" + seedID, "timeline", "map", "network", "articles"} {
			run(t, ctx, 30*time.Second, chromedp.Navigate(d.url(page)), chromedp.WaitVisible(css(`main > *`)), chromedp.Sleep(300*time.Millisecond))
			var w []int
			run(t, ctx, 10*time.Second, eval(`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`, &w))
			if w[0] > w[1]+1 {
				t.Errorf("%s at 360 px: page is %d px wide", page, w[0])
			}
			if page == "events" || strings.HasPrefix(page, "article/") {
				shotWith(t, ctx, "narrow-"+strings.SplitN(page, "/", 2)[0], chromedp.CaptureScreenshot())
			}
		}
		run(t, ctx, 10*time.Second, chromedp.EmulateViewport(1280, 900))
	})

	t.Run("escaping", func(t *testing.T) {
		// An article whose title and body carry markup and scripts: the page shows them
		// as text and runs nothing.
		run(t, ctx, 30*time.Second, chromedp.Navigate(d.url("events")), chromedp.WaitVisible(css(`table.events tbody tr`)))
		evil := `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`
		body := map[string]string{
			"title":     "عنوان " + evil,
			"published": "2020-11-20",
			"source":    "<b>outlet</b>",
			"url":       "javascript:window.__pwned=3",
			"text": "قصفت المدفعية التركية قرية في عفرين يوم الخميس " + evil + "\n" +
				"وقال المتحدث إن <iframe src=\"javascript:parent.__pwned=4\"></iframe> «" + evil + "».\n",
		}
		var resp struct{ ID string }
		postJSON(t, d.srv.URL+"/api/v1/articles", body, &resp)
		// Live update: the open stream page shows a toast for the new article.
		run(t, ctx, 20*time.Second, chromedp.WaitVisible(css(`.toast`)))
		if s := attr(t, ctx, `document.querySelector('.toast').textContent`); !strings.Contains(s, "<script>") {
			t.Errorf("toast %q does not show the title as text", s)
		}
		run(t, ctx, 30*time.Second, chromedp.Navigate(d.url("article/"+url.PathEscape(resp.ID))), chromedp.WaitVisible(css(`.article-body p`)), chromedp.Sleep(500*time.Millisecond))
		got := attr(t, ctx, `JSON.stringify([String(window.__pwned), document.querySelectorAll('main script, main img, main iframe, main b').length,
			document.querySelector('.reader h1').textContent, document.querySelector('.article-body').textContent,
			document.querySelector('.meta a')?.getAttribute('href') ?? ''])`)
		var v []any
		if err := json.Unmarshal([]byte(got), &v); err != nil {
			t.Fatal(err)
		}
		if v[0] != "undefined" {
			t.Errorf("a script ran: window.__pwned = %v", v[0])
		}
		if v[1].(float64) != 0 {
			t.Errorf("%v elements from the article's markup are in the page", v[1])
		}
		if !strings.Contains(v[2].(string), "<script>") || !strings.Contains(v[3].(string), "onerror=") {
			t.Errorf("markup not shown as text: title %q body %q", v[2], v[3])
		}
		if strings.HasPrefix(v[4].(string), "javascript:") {
			t.Errorf("link to %q", v[4])
		}
		if w := attr(t, ctx, `[document.documentElement.scrollWidth, document.documentElement.clientWidth].join(' ')`); strings.Fields(w)[0] != strings.Fields(w)[1] {
			t.Errorf("the article's long markup runs make the page scroll sideways: scroll/client width %s", w)
		}
		shot(t, ctx, "escaping")
		run(t, ctx, 30*time.Second, chromedp.Navigate(d.url("search?q="+url.QueryEscape("عفرين"))), chromedp.WaitVisible(css(`.article-list li`)), chromedp.Sleep(300*time.Millisecond))
		if p := attr(t, ctx, `String(window.__pwned)`); p != "undefined" {
			t.Errorf("a script ran on the search page: %s", p)
		}
	})

	t.Run("paint", func(t *testing.T) {
		if raceEnabled {
			t.Skip("paint is measured without -race (storing 10,000 events under the race detector takes minutes, and the bound would not hold)")
		}
		paint(t, d)
	})
}

func getJSON(t *testing.T, u string, out any) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %s", u, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

func postJSON(t *testing.T, u string, in, out any) {
	t.Helper()
	b, _ := json.Marshal(in)
	res, err := http.Post(u, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		t.Fatalf("POST %s: %s", u, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// paint measures the first meaningful paint of the event stream (the table has rows)
// with 10,000 events stored: the median of five loads in fresh browsers must be under 1 s.
func paint(t *testing.T, d *dashboard) {
	events := d.multiply(t, 10000)
	var health struct{ Events int }
	getJSON(t, d.srv.URL+"/api/v1/health", &health)
	if health.Events < 10000 {
		t.Fatalf("store holds %d events (%d counted while copying), want 10,000", health.Events, events)
	}
	// The API alone, from Go: what the server takes for the page's request.
	var direct []time.Duration
	for range 5 {
		start := time.Now()
		var page struct{ Items []json.RawMessage }
		getJSON(t, d.srv.URL+"/api/v1/events?sort=-date&limit=50", &page)
		direct = append(direct, time.Since(start).Round(time.Millisecond))
	}
	res, err := http.Get(d.srv.URL + "/api/v1/events?sort=-date&limit=50")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	t.Logf("GET /api/v1/events?sort=-date&limit=50 from Go: %v, %d bytes", direct, len(body))
	var marks, fcps, apis []float64
	for range 5 {
		ctx := newBrowser(t) // a fresh profile: nothing cached
		var got []float64
		run(t, ctx, 60*time.Second, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(d.url("events")), chromedp.WaitVisible(css(`table.events tbody tr`)),
			eval(`(() => { const m = performance.getEntriesByName('marsad:rows')[0]; const p = performance.getEntriesByName('first-contentful-paint')[0];
				const r = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/events'));
				return [m ? m.startTime : -1, p ? p.startTime : -1, document.querySelectorAll('table.events tbody tr').length, r ? r.responseEnd - r.startTime : -1]; })()`, &got))
		if got[0] < 0 || got[2] == 0 {
			t.Fatalf("no rows mark: %v", got)
		}
		var timing string
		run(t, ctx, 10*time.Second, eval(`performance.getEntriesByType('resource').map((e) => e.name.replace(location.origin, '') + ' ' + e.startTime.toFixed(0) + '→' + e.responseEnd.toFixed(0)).join('; ') + ' | dcl ' + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd.toFixed(0) + ' | ' + performance.getEntriesByType('mark').map((m) => m.name + ' ' + m.startTime.toFixed(0)).join(' ')`, &timing))
		t.Logf("timing: %s", timing)
		marks = append(marks, got[0])
		fcps = append(fcps, got[1])
		apis = append(apis, got[3])
	}
	slices.Sort(marks)
	t.Logf("stream page with %d events stored: table with rows at %.0f ms (median; runs %.0f ms); first contentful paint %.0f ms; the events request took %.0f ms",
		health.Events, marks[2], marks, fcps, apis)
	if marks[2] >= 1000 {
		t.Errorf("first meaningful paint %.0f ms, want < 1000 ms", marks[2])
	}
}
