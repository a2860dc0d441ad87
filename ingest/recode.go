package ingest

import (
	"context"
	"sync"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/dates"
)

// RecodeStats counts what Recode did.
type RecodeStats struct {
	Articles int // articles recoded
	Failed   int // articles the coder refused (left as they were)
	Events   int // events after recoding
}

// Recode codes every stored article again with c (a newer lexicon or rule version)
// and replaces its annotations atomically, with workers in parallel. progress (may be
// nil) is called once per article. A coding failure is counted and logged, not fatal;
// a store failure stops the run.
func Recode(ctx context.Context, s marsad.Store, c Coder, workers int, progress func()) (RecodeStats, error) {
	if workers < 1 {
		workers = 1
	}
	var (
		mu    sync.Mutex
		st    RecodeStats
		first error
		wg    sync.WaitGroup
	)
	jobs := make(chan *marsad.StoredArticle, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range jobs {
				in := coder.Input{ID: a.ID, Raw: []byte(a.Text), Title: a.Title, URL: a.URL, Source: a.Source}
				if t, ok := dates.ParseISO(a.Published); ok {
					in.Published = t
				}
				rec, err := codeSafely(ctx, c, in)
				if err == nil {
					err = s.Recode(ctx, a.ID, rec)
					if err != nil {
						mu.Lock()
						if first == nil {
							first = err
						}
						mu.Unlock()
					}
				}
				mu.Lock()
				if err != nil {
					st.Failed++
				} else {
					st.Articles++
					st.Events += len(rec.Events)
				}
				mu.Unlock()
				if progress != nil {
					progress()
				}
			}
		}()
	}
	err := s.WalkArticles(ctx, func(a *marsad.StoredArticle) error {
		mu.Lock()
		f := first
		mu.Unlock()
		if f != nil {
			return f
		}
		select {
		case jobs <- a:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(jobs)
	wg.Wait()
	if err == nil {
		err = first
	}
	return st, err
}
