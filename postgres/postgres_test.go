package postgres_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/postgres"
	"github.com/marsad-project/marsad/storetest"
)

// The tests run on the PostgreSQL database named by MARSAD_TEST_POSTGRES (a URL;
// .ci/services.sh starts one), each in a fresh schema that is dropped afterwards.
const envURL = "MARSAD_TEST_POSTGRES"

var schemaSeq atomic.Int64

// Open returns an empty store in a new schema of the test database, dropped at the
// end of the test; it skips the test when no database is configured.
func Open(t testing.TB) *postgres.Store {
	t.Helper()
	url := os.Getenv(envURL)
	if url == "" {
		t.Skipf("%s is not set: no PostgreSQL to test against (.ci/services.sh starts one)", envURL)
	}
	schema := fmt.Sprintf("t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, schemaSeq.Add(1))
	ctx := context.Background()
	s, err := postgres.Open(ctx, url, postgres.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		if err := postgres.DropSchema(context.Background(), url, schema); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) marsad.Store { return Open(t) })
}

// TestConcurrentSameArticle checks that writers racing with the same article (a
// redelivered message beside its first delivery) store it once.
func TestConcurrentSameArticle(t *testing.T) {
	s := Open(t)
	ctx := context.Background()
	const n = 8
	dups := make(chan bool, n)
	errs := make(chan error, n)
	for i := range n {
		go func() {
			a := storetest.Fixture(fmt.Sprintf("w%d", i), "نص واحد عن إيران والعراق يصل مرتين أو أكثر", "2020-11-15", "x")
			a.ID = "same"
			_, dup, err := s.PutArticle(ctx, a)
			dups <- dup
			errs <- err
		}()
	}
	stored := 0
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		if !<-dups {
			stored++
		}
	}
	if c, _ := s.Counts(ctx); stored != 1 || c.Articles != 1 || c.Events != 3 {
		t.Errorf("%d writers stored %d new (counts %+v), want 1 article with 3 events", n, stored, c)
	}
}

// TestReopen checks that data and migrations survive a close and a reopen.
func TestReopen(t *testing.T) {
	url := os.Getenv(envURL)
	s := Open(t)
	ctx := context.Background()
	if _, _, err := s.PutArticle(ctx, storetest.Fixture("a1", "نص المقال الأول عن إيران والعراق", "2020-11-15", "x")); err != nil {
		t.Fatal(err)
	}
	schema := s.Schema()
	s2, err := postgres.Open(ctx, url, postgres.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if c, err := s2.Counts(ctx); err != nil || c.Articles != 1 || c.Events != 3 {
		t.Errorf("after reopen Counts = %+v, %v", c, err)
	}
}
