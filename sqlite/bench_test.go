package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/sqlite"
	"github.com/marsad-project/marsad/storetest"
)

// benchStore fills a store with n fixture articles of 3 events each, spread over
// 100 days, 10 outlets and 50 stories.
func benchStore(b *testing.B, n int) *sqlite.Store {
	b.Helper()
	ctx := context.Background()
	s, err := sqlite.OpenDir(ctx, b.TempDir(), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	for i := range n {
		day := fmt.Sprintf("2020-%02d-%02d", 1+i%100/28, 1+i%28)
		a := storetest.Fixture(fmt.Sprintf("a%d", i), fmt.Sprintf("إيران والعراق والاحتجاجات الأميركية في المقال رقم %d من المجموعة %d", i, i%37), day, fmt.Sprintf("outlet-%d", i%10))
		a.Story = fmt.Sprintf("s%d", i%50)
		if _, _, err := s.PutArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkPutArticle stores one fixture article (3 events, 3 entities, 1 quote) per op.
func BenchmarkPutArticle(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.OpenDir(ctx, b.TempDir(), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	i := 0
	for b.Loop() {
		a := storetest.Fixture(fmt.Sprintf("a%d", i), fmt.Sprintf("نص المقال رقم %d عن إيران", i), "2020-11-15", "x")
		a.Story = fmt.Sprintf("s%d", i%50)
		if _, _, err := s.PutArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkEvents runs event queries of the API over 2,000 articles (6,000 events).
func BenchmarkEvents(b *testing.B) {
	s := benchStore(b, 2000)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    marsad.EventFilter
	}{
		{"all", marsad.EventFilter{}},
		{"country-root", marsad.EventFilter{Country: "IRN", Roots: []string{"19"}}},
		{"dates-sort-goldstein", marsad.EventFilter{From: "2020-02-01", To: "2020-02-28", Paging: marsad.Paging{Sort: "-goldstein"}}},
		{"actor-key", marsad.EventFilter{Actor: "kb:IRQ"}},
		{"actor-name", marsad.EventFilter{Actor: "الخطيب"}},
		{"q", marsad.EventFilter{Q: "الأمريكية"}},
		{"story-num-articles", marsad.EventFilter{Story: "s7", Paging: marsad.Paging{Sort: "-num_articles"}}},
		{"limit-1000", marsad.EventFilter{Paging: marsad.Paging{Limit: 1000}}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Events(ctx, tc.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
