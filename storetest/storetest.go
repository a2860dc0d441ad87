// Package storetest is the conformance suite of marsad.Store: every implementation
// (sqlite always; PostgreSQL when its tests are enabled) runs the same tests with
// storetest.Run. The fixtures are hand-made records, so the suite needs neither the
// coder nor the shared corpora.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
)

// Open returns a new, empty store; the suite closes it.
type Open func(t *testing.T) marsad.Store

// Run runs the conformance suite against the stores open returns, one per test.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(*testing.T, marsad.Store)
	}{
		{"PutArticle", testPutArticle},
		{"Duplicate", testDuplicate},
		{"Conflict", testConflict},
		{"Invalid", testInvalid},
		{"Uncoded", testUncoded},
		{"EventFilters", testEventFilters},
		{"EventPaging", testEventPaging},
		{"EventSort", testEventSort},
		{"Event", testEvent},
		{"BadFilters", testBadFilters},
		{"Search", testSearch},
		{"StoryCounts", testStoryCounts},
		{"Recode", testRecode},
		{"Articles", testArticles},
		{"Entities", testEntities},
		{"Quotes", testQuotes},
		{"Stats", testStats},
		{"Network", testNetwork},
		{"Walk", testWalk},
		{"Feeds", testFeeds},
		{"Concurrent", testConcurrent},
		{"Closed", testClosed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tc.fn(t, s)
		})
	}
}

func fptr(f float64) *float64 { return &f }

// Fixture returns a stored article with n events; variant changes the text and ids.
// The entities are Iran (kb:IRN), Iraq (kb:IRQ) and a person without a KB link.
func Fixture(id, text, published, source string) *marsad.StoredArticle {
	rec := &marsad.Article{
		ID: id, Title: "عنوان " + id, Published: published, Source: source, Language: "ar",
		Length: len([]rune(text)), Tags: []string{},
		Entities: []marsad.Entity{
			{ID: "e1", Type: marsad.Loc, Name: "إيران", Country: "IRN", Code: "IRN", KBID: "IRN",
				Mentions: []marsad.Mention{{Span: marsad.Span{Start: 0, End: 5}, Text: "إيران", Rule: "kb"}}},
			{ID: "e2", Type: marsad.Loc, Name: "العراق", Country: "IRQ", Code: "IRQ", KBID: "IRQ",
				Mentions: []marsad.Mention{{Span: marsad.Span{Start: 6, End: 12}, Text: "العراق", Rule: "kb"}}},
			{ID: "e3", Type: marsad.Person, Name: "سعيد الخطيب", Country: "IRQ",
				Mentions: []marsad.Mention{{Span: marsad.Span{Start: 13, End: 24}, Text: "سعيد الخطيب", Rule: "pattern"}}},
		},
		Quotes: []marsad.Quote{
			{Span: marsad.Span{Start: 30, End: 50}, Text: "التعاون سيتوسع بين البلدين", Speaker: "e3", SpeakerName: "سعيد الخطيب", Rule: "quote.said_after"},
		},
		Events: []marsad.Event{
			{ID: "ev1", Code: "057", Root: "05", QuadClass: 1, Goldstein: 8, Plover: marsad.Plover{Event: "AGREE"},
				Source: marsad.Actor{Entity: "e1", Name: "إيران", Country: "IRN"},
				Target: marsad.Actor{Entity: "e2", Name: "العراق", Country: "IRQ"},
				Date:   published, Mode: marsad.ModeIntended, Mentions: 1, Confidence: 0.9,
				Location: &marsad.Location{Name: "طهران", Country: "IRN", Lat: fptr(35.7), Lon: fptr(51.4)},
				Evidence: marsad.Evidence{Sentence: marsad.Span{Start: 0, End: 20}, Trigger: marsad.Text{Span: marsad.Span{Start: 14, End: 21}, Text: "يعتزمان"}, Pattern: "sign"}},
			{ID: "ev2", Code: "190", Root: "19", QuadClass: 4, Goldstein: -10, Plover: marsad.Plover{Event: "FIGHT"},
				Source: marsad.Actor{Entity: "e1", Name: "إيران", Country: "IRN"},
				Target: marsad.Actor{Name: "مسلحين أكراد", Country: "KUR"},
				Date:   published, Mode: marsad.ModeAsserted, Mentions: 2, Confidence: 0.6,
				Evidence: marsad.Evidence{Sentence: marsad.Span{Start: 25, End: 60}, Trigger: marsad.Text{Span: marsad.Span{Start: 30, End: 35}, Text: "قصفت"}, Pattern: "shell"}},
			{ID: "ev3", Code: "042", Root: "04", QuadClass: 1, Goldstein: 1.9, Plover: marsad.Plover{Event: "CONSULT"},
				Source: marsad.Actor{Entity: "e3", Name: "سعيد الخطيب", Country: "IRQ"},
				Target: marsad.Actor{Entity: "e1", Name: "إيران", Country: "IRN"},
				Date:   published, Mode: marsad.ModeAsserted, Mentions: 1, Confidence: 0.8,
				Evidence: marsad.Evidence{Sentence: marsad.Span{Start: 61, End: 90}, Trigger: marsad.Text{Span: marsad.Span{Start: 62, End: 67}, Text: "زيارة"}, Pattern: "visit"}},
		},
		Coder: marsad.CoderInfo{Version: "test", KBVersion: "kb-test"},
	}
	return &marsad.StoredArticle{
		ID: id, Hash: marsad.ContentHash(text, arabic.Fold), Raw: []byte(text), ContentType: "text/plain",
		Text: text, Record: rec, IngestedAt: time.Date(2020, 11, 15, 10, 0, 0, 0, time.UTC),
	}
}

// Texts of the fixtures: different content, each naming Iran and Iraq.
var texts = []string{
	"إيران والعراق يعتزمان التوقيع على وثيقة دفاعية مشتركة، وقال سعيد الخطيب إن التعاون سيتوسع. الاحتجاجات مستمرة.",
	"قصفت المدفعية الإيرانية مواقع للمسلحين الأكراد شمال العراق، بحسب مصادر محلية. المظاهرات تعم البلاد.",
	"زار وزير الدفاع العراقي طهران والتقى نظيره، وأشار إلى الموقف الأميركية من المنطقة.",
}

func put(t *testing.T, s marsad.Store, a *marsad.StoredArticle) string {
	t.Helper()
	id, dup, err := s.PutArticle(context.Background(), a)
	if err != nil {
		t.Fatalf("PutArticle(%s): %v", a.ID, err)
	}
	if dup {
		t.Fatalf("PutArticle(%s): duplicate, want new", a.ID)
	}
	return id
}

func wantKind(t *testing.T, what string, err error, k marsad.Kind) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want kind %v", what, k)
		return
	}
	if got := marsad.ErrorKind(err); got != k {
		t.Errorf("%s: error %v of kind %v, want %v", what, err, got, k)
	}
}

func seed(t *testing.T, s marsad.Store) {
	t.Helper()
	put(t, s, Fixture("a1", texts[0], "2020-11-15", "العربي الجديد"))
	put(t, s, Fixture("a2", texts[1], "2020-11-16", "الجزيرة"))
	put(t, s, Fixture("a3", texts[2], "2020-11-17", "الجزيرة"))
}

func events(t *testing.T, s marsad.Store, f marsad.EventFilter) *marsad.Page[marsad.EventRow] {
	t.Helper()
	p, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatalf("Events(%+v): %v", f, err)
	}
	return p
}

func ids(p *marsad.Page[marsad.EventRow]) []string {
	out := make([]string, len(p.Items))
	for i, r := range p.Items {
		out[i] = r.ID
	}
	slices.Sort(out)
	return out
}

func testPutArticle(t *testing.T, s marsad.Store) {
	ctx := context.Background()
	in := Fixture("a1", texts[0], "2020-11-15", "العربي الجديد")
	put(t, s, in)
	got, err := s.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != in.Text || string(got.Raw) != string(in.Raw) || got.Hash != in.Hash || got.ContentType != "text/plain" {
		t.Errorf("Article(a1) text/raw/hash/type = %q/%q/%q/%q, want what was put", got.Text, got.Raw, got.Hash, got.ContentType)
	}
	if got.Title != in.Record.Title || got.Published != "2020-11-15" || got.Source != "العربي الجديد" {
		t.Errorf("Article(a1) metadata = %q %q %q, want it filled from the record", got.Title, got.Published, got.Source)
	}
	if got.Record == nil || len(got.Record.Events) != 3 || len(got.Record.Entities) != 3 || len(got.Record.Quotes) != 1 {
		t.Fatalf("Article(a1).Record = %+v, want the record with 3 events, 3 entities, 1 quote", got.Record)
	}
	if got.Record.Events[1].Evidence.Trigger.Text != "قصفت" {
		t.Errorf("evidence lost: %+v", got.Record.Events[1].Evidence)
	}
	if got.Story == "" || got.IngestedAt.IsZero() {
		t.Errorf("Article(a1) story %q ingested %v, want both set", got.Story, got.IngestedAt)
	}
	if _, err := s.Article(ctx, "nope"); err == nil {
		t.Error("Article(nope): no error")
	} else {
		wantKind(t, "Article(nope)", err, marsad.NotFound)
	}
	c, err := s.Counts(ctx)
	if err != nil || c.Articles != 1 || c.Events != 3 {
		t.Errorf("Counts = %+v, %v; want 1 article, 3 events", c, err)
	}
	if id, err := s.ArticleByHash(ctx, in.Hash); err != nil || id != "a1" {
		t.Errorf("ArticleByHash = %q, %v; want a1", id, err)
	}
	_, err = s.ArticleByHash(ctx, "0000")
	wantKind(t, "ArticleByHash(unknown)", err, marsad.NotFound)
}

func testDuplicate(t *testing.T, s marsad.Store) {
	ctx := context.Background()
	put(t, s, Fixture("a1", texts[0], "2020-11-15", "x"))
	// The same words with other spacing, punctuation and hamza spelling are the same content.
	again := Fixture("other-id", "  ايران  والعراق يعتزمان التوقيع على وثيقة دفاعية مشتركة وقال سعيد الخطيب ان التعاون سيتوسع الاحتجاجات مستمرة!!", "2020-11-15", "y")
	id, dup, err := s.PutArticle(ctx, again)
	if err != nil || !dup || id != "a1" {
		t.Errorf("PutArticle(same content) = %q, %v, %v; want a1, duplicate", id, dup, err)
	}
	c, _ := s.Counts(ctx)
	if c.Articles != 1 || c.Events != 3 {
		t.Errorf("Counts after duplicate = %+v, want 1 article, 3 events", c)
	}
}

func testConflict(t *testing.T, s marsad.Store) {
	put(t, s, Fixture("a1", texts[0], "2020-11-15", "x"))
	_, _, err := s.PutArticle(context.Background(), Fixture("a1", texts[1], "2020-11-15", "x"))
	wantKind(t, "PutArticle(taken id)", err, marsad.Conflict)
}

func testInvalid(t *testing.T, s marsad.Store) {
	ctx := context.Background()
	_, _, err := s.PutArticle(ctx, &marsad.StoredArticle{Text: "x"})
	wantKind(t, "PutArticle(no id)", err, marsad.Invalid)
	_, _, err = s.PutArticle(ctx, nil)
	wantKind(t, "PutArticle(nil)", err, marsad.Invalid)
}

func testUncoded(t *testing.T, s marsad.Store) {
	ctx := context.Background()
	a := Fixture("raw", texts[0], "", "")
	a.Record = nil
	put(t, s, a)
	got, err := s.Article(ctx, "raw")
	if err != nil || got.Record != nil {
		t.Fatalf("Article(raw) = %+v, %v; want an uncoded article", got, err)
	}
	rec := Fixture("raw", texts[0], "2020-01-02", "").Record
	if err := s.Recode(ctx, "raw", rec); err != nil {
		t.Fatal(err)
	}
	if p := events(t, s, marsad.EventFilter{Article: "raw"}); p.Total != 3 {
		t.Errorf("events after coding an uncoded article: %d, want 3", p.Total)
	}
}

func testEventFilters(t *testing.T, s marsad.Store) {
	seed(t, s)
	tests := []struct {
		name string
		f    marsad.EventFilter
		want int
	}{
		{"all", marsad.EventFilter{}, 9},
		{"country source", marsad.EventFilter{Country: "IRN"}, 9},
		{"country group", marsad.EventFilter{Country: "KUR"}, 3},
		{"country root", marsad.EventFilter{Country: "IRN", Roots: []string{"19"}}, 3},
		{"roots list", marsad.EventFilter{Roots: []string{"19", "04"}}, 6},
		{"source country", marsad.EventFilter{SourceCountry: "IRQ"}, 3},
		{"target country", marsad.EventFilter{TargetCountry: "IRQ"}, 3},
		{"code prefix", marsad.EventFilter{Code: "05"}, 3},
		{"code full", marsad.EventFilter{Code: "190"}, 3},
		{"plover", marsad.EventFilter{Plover: "consult"}, 3},
		{"mode", marsad.EventFilter{Mode: marsad.ModeIntended}, 3},
		{"quad", marsad.EventFilter{Quad: 4}, 3},
		{"from", marsad.EventFilter{From: "2020-11-16"}, 6},
		{"to", marsad.EventFilter{To: "2020-11-15"}, 3},
		{"from to", marsad.EventFilter{From: "2020-11-16", To: "2020-11-16"}, 3},
		{"outlet", marsad.EventFilter{Outlet: "الجزيرة"}, 6},
		{"entity key", marsad.EventFilter{Entity: "kb:IRQ"}, 3},
		{"actor key", marsad.EventFilter{Actor: "kb:IRN"}, 9},
		{"actor name", marsad.EventFilter{Actor: "الخطيب"}, 3},
		{"actor name folded", marsad.EventFilter{Actor: "اكراد"}, 3},
		{"actor no match", marsad.EventFilter{Actor: "%"}, 0},
		{"article", marsad.EventFilter{Article: "a2"}, 3},
		{"min confidence", marsad.EventFilter{MinConfidence: 0.85}, 3},
		{"bbox", marsad.EventFilter{BBox: &marsad.BBox{MinLon: 50, MinLat: 30, MaxLon: 52, MaxLat: 40}}, 3},
		{"bbox empty", marsad.EventFilter{BBox: &marsad.BBox{MinLon: 0, MinLat: 0, MaxLon: 1, MaxLat: 1}}, 0},
		{"combined", marsad.EventFilter{Country: "IRN", Roots: []string{"19"}, From: "2020-11-16", Outlet: "الجزيرة"}, 2},
		{"injection is a value", marsad.EventFilter{Outlet: "x' OR 1=1 --"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := events(t, s, tc.f)
			if p.Total != tc.want || len(p.Items) != tc.want {
				t.Errorf("Events(%+v): total %d, %d items; want %d", tc.f, p.Total, len(p.Items), tc.want)
			}
		})
	}
}

func testEventPaging(t *testing.T, s marsad.Store) {
	seed(t, s)
	var got []string
	f := marsad.EventFilter{Paging: marsad.Paging{Limit: 2}}
	for range 10 {
		p := events(t, s, f)
		if p.Total != 9 {
			t.Fatalf("total %d, want 9", p.Total)
		}
		for _, r := range p.Items {
			got = append(got, r.ID)
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	slices.Sort(got)
	if len(slices.Compact(got)) != 9 {
		t.Errorf("paging returned %d distinct events (%v), want all 9 once", len(got), got)
	}
}

func testEventSort(t *testing.T, s marsad.Store) {
	seed(t, s)
	p := events(t, s, marsad.EventFilter{})
	for i := 1; i < len(p.Items); i++ {
		if p.Items[i-1].Date < p.Items[i].Date {
			t.Fatalf("default sort: %s before %s, want -date", p.Items[i-1].Date, p.Items[i].Date)
		}
	}
	p = events(t, s, marsad.EventFilter{Paging: marsad.Paging{Sort: "goldstein"}})
	for i := 1; i < len(p.Items); i++ {
		if p.Items[i-1].Goldstein > p.Items[i].Goldstein {
			t.Fatalf("sort goldstein: %v before %v", p.Items[i-1].Goldstein, p.Items[i].Goldstein)
		}
	}
	p = events(t, s, marsad.EventFilter{Paging: marsad.Paging{Sort: "-confidence"}})
	if p.Items[0].Confidence != 0.9 {
		t.Errorf("sort -confidence: first %v, want 0.9", p.Items[0].Confidence)
	}
}

func testEvent(t *testing.T, s marsad.Store) {
	seed(t, s)
	ctx := context.Background()
	p := events(t, s, marsad.EventFilter{Article: "a1", Roots: []string{"05"}})
	if len(p.Items) != 1 {
		t.Fatalf("want 1 event, got %d", len(p.Items))
	}
	r := p.Items[0]
	if r.Article != "a1" || r.ArticleTitle != "عنوان a1" || r.Outlet != "العربي الجديد" || r.Published != "2020-11-15" ||
		r.SourceKey != "kb:IRN" || r.TargetKey != "kb:IRQ" || r.Code != "057" || r.Confidence != 0.9 ||
		r.NumArticles != 1 || r.NumSources != 1 || r.NumMentions != 1 || r.FirstSeen.IsZero() || r.Story == "" {
		t.Errorf("event row = %+v", r)
	}
	got, err := s.Event(ctx, r.ID)
	if err != nil || got.ID != r.ID || got.Evidence.Trigger.Text != "يعتزمان" {
		t.Errorf("Event(%s) = %+v, %v", r.ID, got, err)
	}
	_, err = s.Event(ctx, "none")
	wantKind(t, "Event(none)", err, marsad.NotFound)
	other := events(t, s, marsad.EventFilter{Article: "a2", Roots: []string{"05"}}).Items[0]
	if other.ID == r.ID {
		t.Errorf("two articles' ev1 share the id %q; want ids unique across the store", r.ID)
	}
}

func testBadFilters(t *testing.T, s marsad.Store) {
	ctx := context.Background()
	for name, f := range map[string]marsad.EventFilter{
		"root":   {Roots: []string{"1; DROP"}},
		"code":   {Code: "0a"},
		"quad":   {Quad: 7},
		"date":   {From: "15/11/2020"},
		"sort":   {Paging: marsad.Paging{Sort: "id; DROP TABLE events"}},
		"limit":  {Paging: marsad.Paging{Limit: marsad.MaxLimit + 1}},
		"cursor": {Paging: marsad.Paging{Cursor: "!!"}},
		"bbox":   {BBox: &marsad.BBox{MinLon: 10, MaxLon: 0}},
	} {
		_, err := s.Events(ctx, f)
		wantKind(t, "Events(bad "+name+")", err, marsad.Invalid)
	}
	_, err := s.Stats(ctx, "weekday", marsad.EventFilter{})
	wantKind(t, "Stats(weekday)", err, marsad.Invalid)
}

func testSearch(t *testing.T, s marsad.Store) {
	seed(t, s)
	ctx := context.Background()
	tests := []struct {
		q    string
		want []string
	}{
		{"احتجاجات", []string{"a1"}},     // «الاحتجاجات» in the text
		{"الأمريكية", []string{"a3"}},    // «الأميركية» in the text
		{"مظاهرة", []string{"a2"}},       // «المظاهرات»
		{"إيرانية", []string{"a2"}},      // «الإيرانية»
		{"العراق", []string{"a1", "a2"}}, // a3 says «العراقي»: nisba, same key
		{"وثيقة دفاعية", []string{"a1"}},
		{"وثيقة المظاهرات", nil}, // every word must match
		{"!!", nil},
	}
	for _, tc := range tests {
		p, err := s.Articles(ctx, marsad.ArticleFilter{Q: tc.q})
		if err != nil {
			t.Fatalf("Articles(q=%s): %v", tc.q, err)
		}
		var got []string
		for _, a := range p.Items {
			got = append(got, a.ID)
		}
		slices.Sort(got)
		if tc.q == "العراق" {
			tc.want = []string{"a1", "a2", "a3"}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Articles(q=%s) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if p := events(t, s, marsad.EventFilter{Q: "الاحتجاجات"}); p.Total != 3 {
		t.Errorf("Events(q) total %d, want the 3 events of a1", p.Total)
	}
}

func testStoryCounts(t *testing.T, s marsad.Store) {
	ctx := context.Background()
	a := Fixture("a1", texts[0], "2020-11-15", "العربي الجديد")
	a.Story = "story-1"
	b := Fixture("b1", texts[0]+" (تحديث)", "2020-11-15", "الجزيرة")
	b.Story = "story-1"
	b.Record.Events[1].Mentions = 3
	put(t, s, a)
	put(t, s, b)
	p := events(t, s, marsad.EventFilter{Story: "story-1", Roots: []string{"19"}})
	if p.Total != 2 {
		t.Fatalf("story events %d, want 2", p.Total)
	}
	for _, r := range p.Items {
		if r.NumArticles != 2 || r.NumSources != 2 || r.NumMentions != 5 {
			t.Errorf("%s: articles %d sources %d mentions %d; want 2, 2, 5", r.ID, r.NumArticles, r.NumSources, r.NumMentions)
		}
	}
	st, err := s.Story(ctx, "story-1")
	if err != nil || st.NumArticles != 2 || st.NumSources != 2 || len(st.Articles) != 2 || st.Title != "عنوان a1" {
		t.Errorf("Story = %+v, %v", st, err)
	}
	_, err = s.Story(ctx, "none")
	wantKind(t, "Story(none)", err, marsad.NotFound)
	ps, err := s.Stories(ctx, marsad.StoryFilter{})
	if err != nil || ps.Total != 1 || len(ps.Items) != 1 {
		t.Errorf("Stories = %+v, %v; want one story", ps, err)
	}
	// Merging a third story into story-1 joins its events' counts.
	c := Fixture("c1", texts[0]+" (نسخة)", "2020-11-15", "رويترز")
	c.Story = "story-2"
	c.Fingerprint = []byte{1, 2, 3}
	put(t, s, c)
	if err := s.MergeStories(ctx, "story-1", []string{"story-2"}); err != nil {
		t.Fatal(err)
	}
	p = events(t, s, marsad.EventFilter{Story: "story-1", Roots: []string{"19"}})
	if p.Total != 3 || p.Items[0].NumArticles != 3 || p.Items[0].NumSources != 3 {
		t.Fatalf("after merge: %d events, first %+v; want 3 in 3 articles", p.Total, p.Items[0])
	}
	if got, _ := s.Article(ctx, "c1"); got.Story != "story-1" || string(got.Fingerprint) != "\x01\x02\x03" {
		t.Errorf("c1 after merge: story %q fingerprint %v", got.Story, got.Fingerprint)
	}
	if _, err := s.Story(ctx, "story-2"); marsad.ErrorKind(err) != marsad.NotFound {
		t.Errorf("Story(story-2) after merge: %v, want NotFound", err)
	}
	// Recoding one article without the event updates the group.
	rec := Fixture("b1", texts[0], "2020-11-15", "").Record
	rec.Events = rec.Events[:1]
	if err := s.Recode(ctx, "b1", rec); err != nil {
		t.Fatal(err)
	}
	p = events(t, s, marsad.EventFilter{Story: "story-1", Roots: []string{"19"}})
	if p.Total != 2 || p.Items[0].NumArticles != 2 || p.Items[0].NumMentions != 4 {
		t.Errorf("after recode: %+v, want two events in two articles with 4 mentions", p.Items)
	}
}

func testRecode(t *testing.T, s marsad.Store) {
	ctx := context.Background()
	seed(t, s)
	rec := Fixture("a1", texts[0], "2020-11-15", "").Record
	rec.Events = []marsad.Event{rec.Events[1]}
	rec.Events[0].Code, rec.Events[0].Root = "193", "19"
	rec.Quotes = nil
	rec.Coder.Version = "v2"
	if err := s.Recode(ctx, "a1", rec); err != nil {
		t.Fatal(err)
	}
	p := events(t, s, marsad.EventFilter{Article: "a1"})
	if p.Total != 1 || p.Items[0].Code != "193" {
		t.Errorf("after recode: %d events %+v, want the one new event", p.Total, p.Items)
	}
	got, _ := s.Article(ctx, "a1")
	if got.Record.Coder.Version != "v2" || len(got.Record.Quotes) != 0 {
		t.Errorf("record after recode: coder %q, %d quotes", got.Record.Coder.Version, len(got.Record.Quotes))
	}
	q, _ := s.Quotes(ctx, marsad.QuoteFilter{Article: "a1"})
	if q.Total != 0 {
		t.Errorf("quotes of a1 after recode: %d, want 0", q.Total)
	}
	if c, _ := s.Counts(ctx); c.Events != 7 {
		t.Errorf("events after recode %d, want 7", c.Events)
	}
	wantKind(t, "Recode(none)", s.Recode(ctx, "none", rec), marsad.NotFound)
}

func testArticles(t *testing.T, s marsad.Store) {
	seed(t, s)
	ctx := context.Background()
	p, err := s.Articles(ctx, marsad.ArticleFilter{})
	if err != nil || p.Total != 3 || p.Items[0].ID != "a3" {
		t.Fatalf("Articles() = %+v, %v; want 3, newest first", p, err)
	}
	if a := p.Items[0]; a.Events != 3 || a.Entities != 3 || a.Quotes != 1 || a.Story == "" || a.Title == "" {
		t.Errorf("summary %+v", a)
	}
	for _, tc := range []struct {
		f    marsad.ArticleFilter
		want int
	}{
		{marsad.ArticleFilter{From: "2020-11-16"}, 2},
		{marsad.ArticleFilter{To: "2020-11-16"}, 2},
		{marsad.ArticleFilter{Outlet: "الجزيرة"}, 2},
		{marsad.ArticleFilter{Entity: "kb:IRN"}, 3},
		{marsad.ArticleFilter{Entity: "kb:XXX"}, 0},
		{marsad.ArticleFilter{Paging: marsad.Paging{Limit: 1}}, 3},
	} {
		p, err := s.Articles(ctx, tc.f)
		if err != nil || p.Total != tc.want {
			t.Errorf("Articles(%+v) total %v, %v; want %d", tc.f, p, err, tc.want)
		}
	}
}

func testEntities(t *testing.T, s marsad.Store) {
	seed(t, s)
	ctx := context.Background()
	p, err := s.Entities(ctx, marsad.EntityFilter{})
	if err != nil || p.Total != 3 {
		t.Fatalf("Entities() = %+v, %v; want 3", p, err)
	}
	want := "PERSON:" + arabic.FoldPhrase("سعيد الخطيب")
	e, err := s.Entity(ctx, want)
	if err != nil || e.Articles != 3 || e.Events != 3 || e.Quotes != 3 || e.Type != marsad.Person {
		t.Errorf("Entity(%s) = %+v, %v; want 3 articles, events, quotes", want, e, err)
	}
	e, err = s.Entity(ctx, "kb:IRN")
	if err != nil || e.Events != 9 || e.KBID != "IRN" || e.Country != "IRN" {
		t.Errorf("Entity(kb:IRN) = %+v, %v", e, err)
	}
	_, err = s.Entity(ctx, "kb:none")
	wantKind(t, "Entity(none)", err, marsad.NotFound)
	for _, tc := range []struct {
		f    marsad.EntityFilter
		want int
	}{
		{marsad.EntityFilter{Type: marsad.Loc}, 2},
		{marsad.EntityFilter{Country: "IRQ"}, 2},
		{marsad.EntityFilter{Q: "ايران"}, 1},
		{marsad.EntityFilter{Q: "_"}, 0},
	} {
		p, err := s.Entities(ctx, tc.f)
		if err != nil || p.Total != tc.want {
			t.Errorf("Entities(%+v) = %v, %v; want %d", tc.f, p, err, tc.want)
		}
	}
}

func testQuotes(t *testing.T, s marsad.Store) {
	seed(t, s)
	ctx := context.Background()
	key := "PERSON:" + arabic.FoldPhrase("سعيد الخطيب")
	for _, tc := range []struct {
		f    marsad.QuoteFilter
		want int
	}{
		{marsad.QuoteFilter{}, 3},
		{marsad.QuoteFilter{Speaker: key}, 3},
		{marsad.QuoteFilter{Speaker: "kb:IRN"}, 0},
		{marsad.QuoteFilter{Q: "تعاون"}, 3},
		{marsad.QuoteFilter{Q: "حرب"}, 0},
		{marsad.QuoteFilter{From: "2020-11-17"}, 1},
		{marsad.QuoteFilter{Article: "a2"}, 1},
	} {
		p, err := s.Quotes(ctx, tc.f)
		if err != nil || p.Total != tc.want {
			t.Errorf("Quotes(%+v) = %v, %v; want %d", tc.f, p, err, tc.want)
		}
	}
	p, _ := s.Quotes(ctx, marsad.QuoteFilter{Article: "a1"})
	if q := p.Items[0]; q.SpeakerKey != key || q.SpeakerName != "سعيد الخطيب" || q.Published != "2020-11-15" || q.ID == "" {
		t.Errorf("quote row %+v", q)
	}
}

func testStats(t *testing.T, s marsad.Store) {
	seed(t, s)
	ctx := context.Background()
	b, err := s.Stats(ctx, "day", marsad.EventFilter{})
	if err != nil || len(b) != 3 || b[0].Key != "2020-11-15" || b[0].Count != 3 || b[0].Quad["4"] != 1 || b[0].Quad["1"] != 2 {
		t.Errorf("Stats(day) = %+v, %v", b, err)
	}
	b, err = s.Stats(ctx, "root", marsad.EventFilter{Country: "IRN"})
	if err != nil || len(b) != 3 {
		t.Errorf("Stats(root) = %+v, %v", b, err)
	}
	b, err = s.Stats(ctx, "country", marsad.EventFilter{})
	if err != nil || len(b) != 2 || b[0].Key != "IRN" || b[0].Count != 6 {
		t.Errorf("Stats(country) = %+v, %v; want IRN 6 (location, else source) then IRQ 3", b, err)
	}
	for _, by := range marsad.StatsBy {
		if _, err := s.Stats(ctx, by, marsad.EventFilter{}); err != nil {
			t.Errorf("Stats(%s): %v", by, err)
		}
	}
}

func testNetwork(t *testing.T, s marsad.Store) {
	seed(t, s)
	n, err := s.Network(context.Background(), marsad.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Edges) != 3 || len(n.Nodes) != 4 {
		t.Fatalf("Network = %+v; want 3 edges, 4 nodes", n)
	}
	for _, e := range n.Edges {
		if e.Count != 3 {
			t.Errorf("edge %+v, want count 3", e)
		}
	}
	names := map[string]string{}
	for _, nd := range n.Nodes {
		names[nd.ID] = nd.Name
	}
	if names["kb:IRN"] != "إيران" || names["country:KUR"] != "KUR" {
		t.Errorf("node names %v", names)
	}
}

func testWalk(t *testing.T, s marsad.Store) {
	seed(t, s)
	ctx := context.Background()
	var arts []string
	if err := s.WalkArticles(ctx, func(a *marsad.StoredArticle) error { arts = append(arts, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(arts, []string{"a1", "a2", "a3"}) {
		t.Errorf("WalkArticles = %v", arts)
	}
	n := 0
	if err := s.WalkEvents(ctx, marsad.EventFilter{Country: "KUR", Paging: marsad.Paging{Limit: 1}}, func(*marsad.EventRow) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("WalkEvents visited %d, want 3 (limit ignored)", n)
	}
	stop := errors.New("stop")
	if err := s.WalkEvents(ctx, marsad.EventFilter{}, func(*marsad.EventRow) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("WalkEvents error %v, want fn's", err)
	}
}

func testFeeds(t *testing.T, s marsad.Store) {
	ctx := context.Background()
	f := &marsad.Feed{URL: "http://127.0.0.1/feed.xml", Source: "test"}
	if err := s.AddFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	wantKind(t, "AddFeed(again)", s.AddFeed(ctx, f), marsad.Conflict)
	f.ETag, f.Failures, f.NextPoll = `"abc"`, 2, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Seen = []string{"guid-2", "guid-1"}
	if err := s.UpdateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	got, err := s.Feeds(ctx)
	if err != nil || len(got) != 1 || got[0].ETag != `"abc"` || got[0].Failures != 2 || !got[0].NextPoll.Equal(f.NextPoll) || got[0].AddedAt.IsZero() ||
		!slices.Equal(got[0].Seen, f.Seen) {
		t.Errorf("Feeds = %+v, %v", got, err)
	}
	wantKind(t, "UpdateFeed(unknown)", s.UpdateFeed(ctx, &marsad.Feed{URL: "http://x"}), marsad.NotFound)
}

func testConcurrent(t *testing.T, s marsad.Store) {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 8 {
				id := fmt.Sprintf("c%d-%d", w, i)
				if _, _, err := s.PutArticle(ctx, Fixture(id, texts[0]+" "+id, "2020-11-15", "x")); err != nil {
					errs <- err
				}
				if _, err := s.Events(ctx, marsad.EventFilter{Country: "IRN"}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if c, _ := s.Counts(ctx); c.Articles != 64 || c.Events != 192 {
		t.Errorf("Counts = %+v, want 64 articles, 192 events", c)
	}
}

func testClosed(t *testing.T, s marsad.Store) {
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, _, err := s.PutArticle(ctx, Fixture("a1", texts[0], "", ""))
	wantKind(t, "PutArticle after Close", err, marsad.Unavailable)
	_, err = s.Events(ctx, marsad.EventFilter{})
	wantKind(t, "Events after Close", err, marsad.Unavailable)
}
