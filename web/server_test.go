package web_test

// The server the browser test loads: the real API (httpapi) over an SQLite store in a
// temporary folder, the real ingest pipeline and coder, and the dashboard at "/", as
// `marsad serve` wires them.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/dedup"
	"github.com/marsad-project/marsad/httpapi"
	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/sqlite"
	"github.com/marsad-project/marsad/web"
)

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

// dashboard is the API and the app behind one test server.
type dashboard struct {
	srv   *httptest.Server
	store marsad.Store
	pipe  *ingest.Pipeline
}

func (d *dashboard) url(fragment string) string { return d.srv.URL + "/#/" + fragment }

func newDashboard(t *testing.T) *dashboard {
	t.Helper()
	st, err := sqlite.OpenDir(context.Background(), t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cd := testCoder(t)
	p := ingest.New(ingest.Config{Store: st, Coder: cd, Workers: 2, Dedup: dedup.NewIndex(dedup.Options{})})
	api := httpapi.New(httpapi.Config{Store: st, Pipeline: p, Roles: roles(cd.KB()), Version: marsad.Version,
		KBVersion: cd.KB().Version, UI: web.Handler()})
	srv := httptest.NewServer(api)
	t.Cleanup(func() {
		api.Close()
		srv.Close()
		p.Close()
		st.Close()
	})
	return &dashboard{srv: srv, store: st, pipe: p}
}

// roles lists a knowledge-base person's tenures (as `marsad serve` does).
func roles(k *kb.KB) func(string) []httpapi.Role {
	return func(id string) []httpapi.Role {
		p := k.Persons[id]
		if p == nil {
			return nil
		}
		var out []httpapi.Role
		for _, r := range p.Roles {
			hr := httpapi.Role{Role: r.Role, Country: r.Country, Org: r.Org}
			if !r.From.IsZero() {
				hr.From = r.From.Format(time.DateOnly)
			}
			if !r.To.IsZero() {
				hr.To = r.To.Format(time.DateOnly)
			}
			out = append(out, hr)
		}
		return out
	}
}

// ingestDir submits the .txt files of dir (the first limit of them when limit > 0) to the
// pipeline, two at a time (the pipeline's two workers).
func (d *dashboard) ingestDir(t *testing.T, dir string, limit int) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if limit > 0 && len(files) > limit {
		files = files[:limit]
	}
	work := make(chan string)
	errs := make(chan error, len(files))
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				raw, err := os.ReadFile(p)
				if err == nil {
					id := strings.TrimSuffix(filepath.Base(p), ".txt")
					_, err = d.pipe.Submit(context.Background(), ingest.Request{Input: coder.Input{ID: id, Raw: raw}})
				}
				if err != nil {
					errs <- fmt.Errorf("%s: %w", p, err)
				}
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	return len(files)
}

// multiply stores copies of the stored articles (new ids, dates moved back by whole
// weeks, the same text and record) until the store holds at least n events: the load
// for the paint measurement.
func (d *dashboard) multiply(t *testing.T, n int) int {
	t.Helper()
	ctx := context.Background()
	var base []*marsad.StoredArticle
	events := 0
	err := d.store.WalkArticles(ctx, func(a *marsad.StoredArticle) error {
		if a.Record != nil && len(a.Record.Events) > 0 {
			base = append(base, a)
			events += len(a.Record.Events)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(base) == 0 {
		t.Fatal("no stored article has events")
	}
	for i := 0; events < n; i++ {
		src := base[i%len(base)]
		weeks := 1 + i/len(base)
		var rec marsad.Article
		b, _ := json.Marshal(src.Record)
		if err := json.Unmarshal(b, &rec); err != nil {
			t.Fatal(err)
		}
		rec.ID = fmt.Sprintf("%s-copy%d", src.ID, weeks)
		rec.Published = shift(rec.Published, weeks)
		for j := range rec.Events {
			rec.Events[j].Date = shift(rec.Events[j].Date, weeks)
		}
		cp := *src
		cp.ID, cp.Record, cp.Story, cp.Published = rec.ID, &rec, "", rec.Published
		cp.Hash = marsad.ContentHash(fmt.Sprintf("%s copy %d", src.Text, weeks), arabic.Fold)
		cp.IngestedAt, cp.CodedAt = time.Now(), time.Now()
		if _, _, err := d.store.PutArticle(ctx, &cp); err != nil {
			t.Fatal(err)
		}
		events += len(rec.Events)
	}
	return events
}

func shift(date string, weeks int) string {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return d.AddDate(0, 0, -7*weeks).Format(time.DateOnly)
}
