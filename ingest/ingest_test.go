package ingest_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/dedup"
	"github.com/marsad-project/marsad/ingest"
	"github.com/marsad-project/marsad/sqlite"
)

// fakeCoder makes one event per line that contains «قصف».
type fakeCoder struct{ version string }

func (f fakeCoder) Code(_ context.Context, in coder.Input) (*marsad.Article, error) {
	if strings.Contains(string(in.Raw), "PANIC") {
		panic("boom")
	}
	a := &marsad.Article{ID: in.ID, Title: in.Title, Source: in.Source, Coder: marsad.CoderInfo{Version: f.version}}
	for i, l := range strings.Split(string(in.Raw), "\n") {
		if strings.Contains(l, "قصف") {
			a.Events = append(a.Events, marsad.Event{ID: fmt.Sprintf("ev%d", i+1), Code: "195", Root: "19", QuadClass: 4,
				Source: marsad.Actor{Country: "IRN"}, Target: marsad.Actor{Country: "IRQ"}, Date: "2020-11-15"})
		}
	}
	return a, nil
}

const story = "قصفت المدفعية الإيرانية مواقع في إقليم كردستان العراق صباح اليوم وأفادت مصادر محلية بسقوط جرحى بين المدنيين في القرى الحدودية التي تعرضت للقصف مرات عدة خلال الأسابيع الماضية"

func open(t *testing.T) marsad.Store {
	t.Helper()
	s, err := sqlite.OpenDir(context.Background(), t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestPipeline(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	p := ingest.New(ingest.Config{Store: s, Coder: fakeCoder{"v1"}, Workers: 3, QueueSize: 2, Dedup: dedup.NewIndex(dedup.Options{})})
	events, cancel := p.Subscribe()
	defer cancel()
	var wg sync.WaitGroup
	results := make([]ingest.Result, 20)
	errs := make([]error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("مقال رقم %d عن موضوع مختلف تماما %s", i, strings.Repeat("كلمة ", i))
			if i%5 == 0 {
				text = story // four copies of one text: stored once
			}
			if i == 7 {
				text = story + " وأضافت المصادر أن الهجوم استمر ساعتين" // a near-duplicate
			}
			results[i], errs[i] = p.Submit(ctx, ingest.Request{Input: coder.Input{Raw: []byte(text), Source: fmt.Sprintf("outlet-%d", i)}})
		}()
	}
	wg.Wait()
	p.Close()
	dups, stored := 0, 0
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Submit %d: %v", i, err)
		}
		if results[i].Duplicate {
			dups++
		} else {
			stored++
		}
	}
	if dups != 3 || stored != 17 {
		t.Errorf("%d duplicates, %d stored; want 3 and 17", dups, stored)
	}
	c, _ := s.Counts(ctx)
	if c.Articles != 17 {
		t.Errorf("stored %d articles, want 17", c.Articles)
	}
	if results[0].Story == "" || results[7].Story != results[0].Story {
		t.Errorf("near-duplicate story %q, original %q; want the same", results[7].Story, results[0].Story)
	}
	n := 0
	for range events {
		n++
	}
	if n != 17 {
		t.Errorf("%d notices, want 17", n)
	}
	if _, err := p.Submit(ctx, ingest.Request{Input: coder.Input{Raw: []byte("x")}}); marsad.ErrorKind(err) != marsad.Unavailable {
		t.Errorf("Submit after Close: %v, want Unavailable", err)
	}
	// Restart: the index rebuilt from the store puts a new copy in the same story.
	ix := dedup.NewIndex(dedup.Options{})
	if n, err := ingest.RestoreDedup(ctx, s, ix); err != nil || n != 17 {
		t.Fatalf("RestoreDedup = %d, %v", n, err)
	}
	r, err := ingest.Ingest(ctx, ingest.Config{Store: s, Coder: fakeCoder{"v1"}, Dedup: ix},
		ingest.Request{Input: coder.Input{Raw: []byte(story + " في تحديث لاحق للخبر")}}, nil)
	if err != nil || r.Story != results[0].Story {
		t.Errorf("after restore: %+v, %v; want story %q", r, err, results[0].Story)
	}
}

func TestPanicAndEmpty(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	p := ingest.New(ingest.Config{Store: s, Coder: fakeCoder{"v1"}})
	defer p.Close()
	if _, err := p.Submit(ctx, ingest.Request{Input: coder.Input{Raw: []byte("PANIC")}}); marsad.ErrorKind(err) != marsad.Internal {
		t.Errorf("panicking coder: %v, want Internal", err)
	}
	if _, err := p.Submit(ctx, ingest.Request{Input: coder.Input{Raw: []byte("  \n ")}}); marsad.ErrorKind(err) != marsad.Invalid {
		t.Errorf("empty article: %v, want Invalid", err)
	}
}

func TestRecode(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	for i := range 5 {
		if _, err := ingest.Ingest(ctx, ingest.Config{Store: s, Coder: fakeCoder{"v1"}},
			ingest.Request{Input: coder.Input{Raw: []byte(fmt.Sprintf("خبر %d\nقصف", i))}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	st, err := ingest.Recode(ctx, s, fakeCoder{"v2"}, 2, func() { n++ })
	if err != nil || st.Articles != 5 || st.Events != 5 || n != 5 {
		t.Fatalf("Recode = %+v, %v (%d progress calls)", st, err, n)
	}
	s.WalkArticles(ctx, func(a *marsad.StoredArticle) error {
		if a.Record.Coder.Version != "v2" {
			t.Errorf("%s coded by %q, want v2", a.ID, a.Record.Coder.Version)
		}
		return nil
	})
}

// TestArticleLimits: a text over MaxText is refused as TooLarge before coding; an
// article coded into more than MaxEvents events keeps the first MaxEvents.
func TestArticleLimits(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	p := ingest.New(ingest.Config{Store: s, Coder: fakeCoder{"v1"}, MaxText: 1000, MaxEvents: 3})
	defer p.Close()
	if _, err := p.Submit(ctx, ingest.Request{Input: coder.Input{Raw: []byte(strings.Repeat("قصف ", 300))}}); marsad.ErrorKind(err) != marsad.TooLarge {
		t.Errorf("article of 2,400 bytes with MaxText 1000: %v, want TooLarge", err)
	}
	res, err := p.Submit(ctx, ingest.Request{Input: coder.Input{ID: "many", Raw: []byte(strings.Repeat("قصف\n", 10))}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Article(ctx, "many")
	if err != nil {
		t.Fatal(err)
	}
	if res.Events != 3 || len(a.Record.Events) != 3 || a.Record.Events[0].ID != "ev1" {
		t.Errorf("10 events with MaxEvents 3: result %d, stored %d", res.Events, len(a.Record.Events))
	}
}
