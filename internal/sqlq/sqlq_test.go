package sqlq

import (
	"strings"
	"testing"

	"github.com/marsad-project/marsad"
)

func TestPagingRoundTrip(t *testing.T) {
	next := NextCursor(100, 50, 400)
	limit, offset, err := Paging("test", marsad.Paging{Limit: 50, Cursor: next})
	if err != nil || limit != 50 || offset != 150 {
		t.Fatalf("Paging(next) = %d, %d, %v; want 50, 150", limit, offset, err)
	}
	if c := NextCursor(350, 50, 400); c != "" {
		t.Errorf("last page has a next cursor %q", c)
	}
	for _, bad := range []marsad.Paging{{Limit: -1}, {Limit: marsad.MaxLimit + 1}, {Cursor: "%%%"}, {Cursor: "eDox"}} {
		if _, _, err := Paging("test", bad); marsad.ErrorKind(err) != marsad.Invalid {
			t.Errorf("Paging(%+v) error %v, want Invalid", bad, err)
		}
	}
}

func TestEventWhereValuesAreArguments(t *testing.T) {
	d := Dialect{ArticleText: func(w *Where, col, q string) { w.Add(col+" IN (fts ?)", q) }, ArticleKey: "rowid"}
	evil := `x' OR 1=1 --`
	w, err := EventWhere("test", marsad.EventFilter{Country: evil, Actor: evil, Q: evil, Article: evil, Roots: []string{"19"}}, d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(w.SQL(), evil) {
		t.Errorf("a value reached the SQL: %s", w.SQL())
	}
	if n := strings.Count(w.SQL(), "?"); n != len(w.Args) {
		t.Errorf("%d placeholders, %d arguments: %s", n, len(w.Args), w.SQL())
	}
	for _, f := range []marsad.EventFilter{{Roots: []string{"1"}}, {Code: "19a"}, {Quad: 5}, {From: "2020-1-1"}} {
		if _, err := EventWhere("test", f, d); marsad.ErrorKind(err) != marsad.Invalid {
			t.Errorf("EventWhere(%+v) error %v, want Invalid", f, err)
		}
	}
}

func TestOrderBy(t *testing.T) {
	fields := map[string]string{"date": "e.date"}
	got, err := OrderBy("test", "-date", "date", fields, "e.id")
	if err != nil || got != " ORDER BY e.date DESC, e.id DESC" {
		t.Errorf("OrderBy(-date) = %q, %v", got, err)
	}
	if _, err := OrderBy("test", "id; DROP TABLE x", "date", fields, "e.id"); marsad.ErrorKind(err) != marsad.Invalid {
		t.Errorf("OrderBy(unknown) error %v, want Invalid", err)
	}
}
