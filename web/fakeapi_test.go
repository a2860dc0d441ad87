package web_test

// A stand-in for the HTTP API v1 (docs/api.md) used by the browser test until the real
// server (httpapi) is merged: it codes articles with the real coder, keeps them in memory
// and answers the endpoints the dashboard calls, shaped as the contract says.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/coder"
)

type fakeArticle struct {
	rec      *marsad.Article
	text     string
	folded   string
	ingested time.Time
}

type fakeEntity struct {
	Key      string `json:"key"`
	Type     string `json:"type"`
	Name     string `json:"name"`
	Country  string `json:"country,omitempty"`
	Code     string `json:"code,omitempty"`
	KBID     string `json:"kb_id,omitempty"`
	Role     string `json:"role,omitempty"`
	Articles int    `json:"articles"`
	Events   int    `json:"events"`
	Quotes   int    `json:"quotes"`
}

type fakeQuote struct {
	ID          string `json:"id"`
	Article     string `json:"article"`
	Text        string `json:"text"`
	SpeakerKey  string `json:"speaker_key,omitempty"`
	SpeakerName string `json:"speaker_name,omitempty"`
	Published   string `json:"published,omitempty"`
}

type fakeAPI struct {
	coder *coder.Coder

	mu       sync.RWMutex
	articles map[string]*fakeArticle
	order    []string // article ids, in ingest order
	rows     []*marsad.EventRow
	entities map[string]*fakeEntity
	quotes   []fakeQuote
	subs     map[chan []byte]bool
	done     chan struct{}
}

var (
	coderOnce sync.Once
	coderVal  *coder.Coder
	coderErr  error
)

func testCoder(tb testing.TB) *coder.Coder {
	tb.Helper()
	coderOnce.Do(func() { coderVal, coderErr = coder.New(coder.Config{}) })
	if coderErr != nil {
		tb.Fatalf("coder.New: %v", coderErr)
	}
	return coderVal
}

func newFakeAPI(tb testing.TB) *fakeAPI {
	return &fakeAPI{coder: testCoder(tb), articles: map[string]*fakeArticle{}, entities: map[string]*fakeEntity{},
		subs: map[chan []byte]bool{}, done: make(chan struct{})}
}

// close ends the open event streams (so that the test server can shut down).
func (f *fakeAPI) close() {
	select {
	case <-f.done:
	default:
		close(f.done)
	}
}

// ingestDir codes the .txt files of dir (the first limit of them when limit > 0).
func (f *fakeAPI) ingestDir(tb testing.TB, dir string, limit int) int {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	if limit > 0 && len(files) > limit {
		files = files[:limit]
	}
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(p), ".txt")
		if _, err := f.ingest(coder.Input{ID: id, Raw: raw}); err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
	}
	return len(files)
}

func entityKey(e *marsad.Entity) string {
	if e.KBID != "" {
		return "kb:" + e.KBID
	}
	return e.Type + ":" + arabic.Fold(e.Name)
}

func (f *fakeAPI) ingest(in coder.Input) (*marsad.Article, error) {
	a, err := f.coder.Code(context.Background(), in)
	if err != nil {
		return nil, err
	}
	f.add(a, string(in.Raw))
	return a, nil
}

func (f *fakeAPI) add(a *marsad.Article, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.articles[a.ID]; !ok {
		f.order = append(f.order, a.ID)
	}
	f.articles[a.ID] = &fakeArticle{rec: a, text: text, folded: arabic.Fold(text), ingested: time.Now().UTC()}
	keys := map[string]string{}
	for i := range a.Entities {
		e := &a.Entities[i]
		k := entityKey(e)
		keys[e.ID] = k
		fe := f.entities[k]
		if fe == nil {
			fe = &fakeEntity{Key: k, Type: e.Type, Name: e.Name, Country: e.Country, Code: e.Code, KBID: e.KBID, Role: e.Role}
			f.entities[k] = fe
		}
		fe.Articles++
	}
	for _, q := range a.Quotes {
		k := keys[q.Speaker]
		f.quotes = append(f.quotes, fakeQuote{ID: fmt.Sprintf("%s/q%d", a.ID, q.Start), Article: a.ID, Text: q.Text, SpeakerKey: k, SpeakerName: q.SpeakerName, Published: a.Published})
		if fe := f.entities[k]; fe != nil {
			fe.Quotes++
		}
	}
	for _, e := range a.Events {
		r := &marsad.EventRow{Event: e, Article: a.ID, ArticleTitle: a.Title, Outlet: a.Source, Published: a.Published, URL: a.URL,
			NumArticles: 1, NumSources: 1, NumMentions: max(e.Mentions, 1), FirstSeen: time.Now().UTC(),
			SourceKey: keys[e.Source.Entity], TargetKey: keys[e.Target.Entity]}
		r.ID = a.ID + "/" + e.ID
		if r.Date == "" {
			r.Date = a.Published
		}
		for _, k := range []string{r.SourceKey, r.TargetKey} {
			if fe := f.entities[k]; fe != nil {
				fe.Events++
			}
		}
		f.rows = append(f.rows, r)
	}
	msg, _ := json.Marshal(map[string]any{"id": a.ID, "title": a.Title, "events": len(a.Events)})
	for ch := range f.subs {
		select {
		case ch <- msg:
		default:
		}
	}
}

// multiply copies the stored event rows (new ids, dates shifted by whole days) until
// there are n of them: the load for the paint measurement.
func (f *fakeAPI) multiply(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	base := len(f.rows)
	for i := 0; len(f.rows) < n && base > 0; i++ {
		src := f.rows[i%base]
		r := *src
		r.ID = fmt.Sprintf("%s~%d", src.ID, i)
		if d, err := time.Parse("2006-01-02", src.Date); err == nil {
			r.Date = d.AddDate(0, 0, -(i/base)*7).Format("2006-01-02")
		}
		f.rows = append(f.rows, &r)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeErr(w http.ResponseWriter, status int, kind, msg string) {
	writeJSON(w, status, map[string]string{"error": msg, "kind": kind})
}

type list struct {
	Items any    `json:"items"`
	Total int    `json:"total"`
	Next  string `json:"next"`
}

func page[T any](items []T, r *http.Request) list {
	limit := 50
	if v, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && v > 0 {
		limit = min(v, 1000)
	}
	off, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
	off = max(0, min(off, len(items)))
	end := min(off+limit, len(items))
	next := ""
	if end < len(items) {
		next = strconv.Itoa(end)
	}
	out := items[off:end]
	if out == nil {
		out = []T{}
	}
	return list{Items: out, Total: len(items), Next: next}
}

func (f *fakeAPI) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/health", func(w http.ResponseWriter, r *http.Request) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		writeJSON(w, 200, map[string]any{"status": "ok", "version": marsad.Version, "articles": len(f.articles), "events": len(f.rows)})
	})
	mux.HandleFunc("POST /api/v1/articles", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Text, URL, Title, Published, Source string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			writeErr(w, 400, "invalid", err.Error())
			return
		}
		ci := coder.Input{Raw: []byte(in.Text), URL: in.URL, Title: in.Title, Source: in.Source}
		if in.Published != "" {
			ci.Published, _ = time.Parse("2006-01-02", in.Published)
		}
		a, err := f.ingest(ci)
		if err != nil {
			writeErr(w, 400, "invalid", err.Error())
			return
		}
		writeJSON(w, 201, map[string]any{"id": a.ID, "duplicate": false, "story": "", "events": len(a.Events)})
	})
	mux.HandleFunc("GET /api/v1/articles", f.listArticles)
	mux.HandleFunc("GET /api/v1/articles/{id}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		a := f.articles[r.PathValue("id")]
		if a == nil {
			writeErr(w, 404, "not_found", "no article "+r.PathValue("id"))
			return
		}
		writeJSON(w, 200, map[string]any{"article": a.rec, "text": a.text, "story": "", "ingested_at": a.ingested})
	})
	mux.HandleFunc("GET /api/v1/events", func(w http.ResponseWriter, r *http.Request) {
		rows := f.filter(r)
		sortRows(rows, r.URL.Query().Get("sort"))
		writeJSON(w, 200, page(rows, r))
	})
	mux.HandleFunc("GET /api/v1/entities", func(w http.ResponseWriter, r *http.Request) {
		q := arabic.Fold(r.URL.Query().Get("q"))
		f.mu.RLock()
		var out []fakeEntity
		for _, e := range f.entities {
			if q == "" || strings.Contains(arabic.Fold(e.Name), q) {
				out = append(out, *e)
			}
		}
		f.mu.RUnlock()
		slices.SortFunc(out, func(a, b fakeEntity) int {
			if a.Articles != b.Articles {
				return b.Articles - a.Articles
			}
			return strings.Compare(a.Key, b.Key)
		})
		writeJSON(w, 200, page(out, r))
	})
	mux.HandleFunc("GET /api/v1/entities/{key}", func(w http.ResponseWriter, r *http.Request) {
		key := r.PathValue("key")
		f.mu.RLock()
		defer f.mu.RUnlock()
		e := f.entities[key]
		if e == nil {
			writeErr(w, 404, "not_found", "no entity "+key)
			return
		}
		src, tgt := []*marsad.EventRow{}, []*marsad.EventRow{}
		for _, row := range f.rows {
			if row.SourceKey == key {
				src = append(src, row)
			}
			if row.TargetKey == key {
				tgt = append(tgt, row)
			}
		}
		qs := []fakeQuote{}
		for _, q := range f.quotes {
			if q.SpeakerKey == key {
				qs = append(qs, q)
			}
		}
		var roles []map[string]string
		if e.Role != "" {
			roles = append(roles, map[string]string{"role": e.Role, "country": e.Country, "from": "", "to": ""})
		}
		writeJSON(w, 200, map[string]any{"key": e.Key, "type": e.Type, "name": e.Name, "country": e.Country, "code": e.Code,
			"kb_id": e.KBID, "role": e.Role, "articles": e.Articles, "events": e.Events, "quotes": qs, "roles": roles,
			"events_as_source": src, "events_as_target": tgt})
	})
	mux.HandleFunc("GET /api/v1/stats", func(w http.ResponseWriter, r *http.Request) {
		if by := r.URL.Query().Get("by"); by != "day" {
			writeErr(w, 400, "invalid", "the fake API only has by=day")
			return
		}
		type bucket struct {
			Key   string         `json:"key"`
			Count int            `json:"count"`
			Quad  map[string]int `json:"quad"`
		}
		m := map[string]*bucket{}
		for _, row := range f.filter(r) {
			b := m[row.Date]
			if b == nil {
				b = &bucket{Key: row.Date, Quad: map[string]int{}}
				m[row.Date] = b
			}
			b.Count++
			b.Quad[strconv.Itoa(row.QuadClass)]++
		}
		out := []*bucket{}
		for _, b := range m {
			out = append(out, b)
		}
		slices.SortFunc(out, func(a, b *bucket) int { return strings.Compare(a.Key, b.Key) })
		writeJSON(w, 200, map[string]any{"by": "day", "buckets": out})
	})
	mux.HandleFunc("GET /api/v1/network", func(w http.ResponseWriter, r *http.Request) {
		type node struct {
			ID      string `json:"id"`
			Name    string `json:"name"`
			Country string `json:"country"`
			Count   int    `json:"count"`
		}
		type edge struct {
			Source    string  `json:"source"`
			Target    string  `json:"target"`
			Count     int     `json:"count"`
			Goldstein float64 `json:"goldstein"`
		}
		nodes := map[string]*node{}
		edges := map[[2]string]*edge{}
		for _, row := range f.filter(r) {
			if row.SourceKey == "" || row.TargetKey == "" {
				continue
			}
			for _, a := range []struct {
				k string
				x marsad.Actor
			}{{row.SourceKey, row.Source}, {row.TargetKey, row.Target}} {
				n := nodes[a.k]
				if n == nil {
					n = &node{ID: a.k, Name: a.x.Name, Country: a.x.Country}
					nodes[a.k] = n
				}
				n.Count++
			}
			e := edges[[2]string{row.SourceKey, row.TargetKey}]
			if e == nil {
				e = &edge{Source: row.SourceKey, Target: row.TargetKey}
				edges[[2]string{row.SourceKey, row.TargetKey}] = e
			}
			e.Goldstein = (e.Goldstein*float64(e.Count) + row.Goldstein) / float64(e.Count+1)
			e.Count++
		}
		ns, es := []*node{}, []*edge{}
		for _, n := range nodes {
			ns = append(ns, n)
		}
		for _, e := range edges {
			es = append(es, e)
		}
		slices.SortFunc(ns, func(a, b *node) int { return strings.Compare(a.ID, b.ID) })
		slices.SortFunc(es, func(a, b *edge) int { return strings.Compare(a.Source+a.Target, b.Source+b.Target) })
		writeJSON(w, 200, map[string]any{"nodes": ns, "edges": es})
	})
	mux.HandleFunc("GET /api/v1/stream", func(w http.ResponseWriter, r *http.Request) {
		fl, ok := w.(http.Flusher)
		if !ok {
			writeErr(w, 500, "internal", "no streaming")
			return
		}
		ch := make(chan []byte, 8)
		f.mu.Lock()
		f.subs[ch] = true
		f.mu.Unlock()
		defer func() {
			f.mu.Lock()
			delete(f.subs, ch)
			f.mu.Unlock()
		}()
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-cache")
		fmt.Fprint(w, "retry: 2000\n\n")
		fl.Flush()
		for {
			select {
			case msg := <-ch:
				fmt.Fprintf(w, "event: article\ndata: %s\n\n", msg)
				fl.Flush()
			case <-r.Context().Done():
				return
			case <-f.done:
				return
			}
		}
	})
	return mux
}

func (f *fakeAPI) listArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fq := arabic.Fold(q.Get("q"))
	type summary struct {
		ID         string    `json:"id"`
		Title      string    `json:"title"`
		Published  string    `json:"published"`
		Source     string    `json:"source"`
		URL        string    `json:"url"`
		Story      string    `json:"story"`
		Events     int       `json:"events"`
		Entities   int       `json:"entities"`
		Quotes     int       `json:"quotes"`
		IngestedAt time.Time `json:"ingested_at"`
	}
	f.mu.RLock()
	out := []summary{}
	for _, id := range f.order {
		a := f.articles[id]
		if fq != "" && !strings.Contains(a.folded, fq) {
			continue
		}
		if v := q.Get("from"); v != "" && a.rec.Published < v {
			continue
		}
		if v := q.Get("to"); v != "" && a.rec.Published > v {
			continue
		}
		out = append(out, summary{ID: a.rec.ID, Title: a.rec.Title, Published: a.rec.Published, Source: a.rec.Source, URL: a.rec.URL,
			Events: len(a.rec.Events), Entities: len(a.rec.Entities), Quotes: len(a.rec.Quotes), IngestedAt: a.ingested})
	}
	f.mu.RUnlock()
	slices.SortStableFunc(out, func(a, b summary) int { return strings.Compare(b.Published, a.Published) })
	writeJSON(w, 200, page(out, r))
}

// filter applies the common event filters the dashboard sends.
func (f *fakeAPI) filter(r *http.Request) []*marsad.EventRow {
	q := r.URL.Query()
	fq := arabic.Fold(q.Get("q"))
	var bbox []float64
	for _, s := range strings.Split(q.Get("bbox"), ",") {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			bbox = append(bbox, v)
		}
	}
	minConf, _ := strconv.ParseFloat(q.Get("min_confidence"), 64)
	f.mu.RLock()
	defer f.mu.RUnlock()
	out := []*marsad.EventRow{}
	for _, row := range f.rows {
		if v := q.Get("quad"); v != "" && strconv.Itoa(row.QuadClass) != v {
			continue
		}
		if v := q.Get("from"); v != "" && row.Date < v {
			continue
		}
		if v := q.Get("to"); v != "" && row.Date > v {
			continue
		}
		if v := q.Get("country"); v != "" {
			loc := ""
			if row.Location != nil {
				loc = row.Location.Country
			}
			if row.Source.Country != v && row.Target.Country != v && loc != v {
				continue
			}
		}
		if v := q.Get("entity"); v != "" && row.SourceKey != v && row.TargetKey != v {
			continue
		}
		if v := arabic.Fold(q.Get("actor")); v != "" && !strings.Contains(arabic.Fold(row.Source.Name), v) && !strings.Contains(arabic.Fold(row.Target.Name), v) {
			continue
		}
		if v := q.Get("root"); v != "" && !slices.Contains(strings.Split(v, ","), row.Root) {
			continue
		}
		if v := q.Get("code"); v != "" && !strings.HasPrefix(row.Code, v) {
			continue
		}
		if v := q.Get("mode"); v != "" && row.Mode != v {
			continue
		}
		if v := q.Get("article"); v != "" && row.Article != v {
			continue
		}
		if v := q.Get("outlet"); v != "" && !strings.Contains(row.Outlet, v) {
			continue
		}
		if minConf > 0 && row.Confidence < minConf {
			continue
		}
		if len(bbox) == 4 {
			l := row.Location
			if l == nil || l.Lat == nil || l.Lon == nil || *l.Lon < bbox[0] || *l.Lat < bbox[1] || *l.Lon > bbox[2] || *l.Lat > bbox[3] {
				continue
			}
		}
		if fq != "" {
			a := f.articles[row.Article]
			if a == nil || !strings.Contains(a.folded, fq) {
				continue
			}
		}
		out = append(out, row)
	}
	return out
}

func sortRows(rows []*marsad.EventRow, sort string) {
	if sort == "" {
		sort = "-date"
	}
	desc := strings.HasPrefix(sort, "-")
	key := strings.TrimPrefix(sort, "-")
	cmp := func(a, b *marsad.EventRow) int {
		switch key {
		case "goldstein":
			return compare(a.Goldstein, b.Goldstein)
		case "confidence":
			return compare(a.Confidence, b.Confidence)
		case "num_articles":
			return a.NumArticles - b.NumArticles
		default:
			return strings.Compare(a.Date, b.Date)
		}
	}
	slices.SortStableFunc(rows, func(a, b *marsad.EventRow) int {
		c := cmp(a, b)
		if desc {
			c = -c
		}
		if c == 0 {
			c = strings.Compare(a.ID, b.ID)
		}
		return c
	})
}

func compare(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
