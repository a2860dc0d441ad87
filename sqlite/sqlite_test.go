package sqlite_test

import (
	"context"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/sqlite"
	"github.com/marsad-project/marsad/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) marsad.Store {
		s, err := sqlite.OpenDir(context.Background(), t.TempDir(), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestReopen checks that data and migrations survive a close and reopen.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.OpenDir(ctx, dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.Fixture("a1", "نص المقال الأول عن إيران والعراق", "2020-11-15", "x")
	if _, _, err := s.PutArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = sqlite.OpenDir(ctx, dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, err := s.Counts(ctx); err != nil || c.Articles != 1 || c.Events != 3 {
		t.Errorf("after reopen Counts = %+v, %v", c, err)
	}
}
