package feed

import (
	"context"
	"sort"
	"sync"
	"time"
)

// Result is one poll's outcome, passed to a Scheduler's handler.
type Result struct {
	// Items are the new items (none on an error or a 304).
	Items []Item
	// State is the feed's updated state, for the handler to store.
	State State
	// Err is the poll's error, nil on success.
	Err error
}

// SchedulerOptions configure a Scheduler.
type SchedulerOptions struct {
	// Interval is the time between two polls of a feed (default 15 minutes); a feed
	// in backoff waits for its State.NextPoll too.
	Interval time.Duration
	// Workers is the most feeds polled at once (default 4).
	Workers int
	// Handler receives each poll's result; it runs in the polling goroutine, so one
	// feed's results arrive in order. It must not be nil.
	Handler func(ctx context.Context, r Result)
}

// Scheduler polls a set of feeds. Its methods are safe for concurrent use.
type Scheduler struct {
	p        *Poller
	interval time.Duration
	workers  int
	handle   func(context.Context, Result)

	mu    sync.Mutex
	feeds map[string]*entry
	wake  chan struct{}
}

type entry struct {
	st      State
	busy    bool
	removed bool
}

// NewScheduler returns a Scheduler with no feeds.
func NewScheduler(p *Poller, opts SchedulerOptions) *Scheduler {
	if opts.Interval <= 0 {
		opts.Interval = 15 * time.Minute
	}
	if opts.Workers <= 0 {
		opts.Workers = 4
	}
	if opts.Handler == nil {
		opts.Handler = func(context.Context, Result) {}
	}
	return &Scheduler{p: p, interval: opts.Interval, workers: opts.Workers, handle: opts.Handler,
		feeds: map[string]*entry{}, wake: make(chan struct{}, 1)}
}

// Add adds a feed, or replaces the state of one with the same URL.
func (s *Scheduler) Add(st State) {
	s.mu.Lock()
	if e, ok := s.feeds[st.URL]; ok {
		e.st = st
	} else {
		s.feeds[st.URL] = &entry{st: st}
	}
	s.mu.Unlock()
	s.poke()
}

// Remove stops polling a feed (a poll under way finishes and is still handled).
func (s *Scheduler) Remove(url string) {
	s.mu.Lock()
	if e, ok := s.feeds[url]; ok {
		e.removed = true
		delete(s.feeds, url)
	}
	s.mu.Unlock()
}

// Feeds returns the URLs of the scheduled feeds, sorted.
func (s *Scheduler) Feeds() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.feeds))
	for u := range s.feeds {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

func (s *Scheduler) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// due is when a feed is next to be polled.
func (s *Scheduler) due(st *State) time.Time {
	t := time.Time{}
	if !st.LastPoll.IsZero() {
		t = st.LastPoll.Add(s.interval)
	}
	if st.NextPoll.After(t) {
		t = st.NextPoll
	}
	return t
}

// Run polls the feeds as they fall due until ctx is done, then waits for the polls
// under way and returns ctx's error.
func (s *Scheduler) Run(ctx context.Context) error {
	sem := make(chan struct{}, s.workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		now := s.p.opts.Now()
		var ready []*entry
		next := now.Add(s.interval)
		s.mu.Lock()
		for _, e := range s.feeds {
			if e.busy {
				continue
			}
			if d := s.due(&e.st); !d.After(now) {
				ready = append(ready, e)
			} else if d.Before(next) {
				next = d
			}
		}
		sort.Slice(ready, func(i, j int) bool { return ready[i].st.URL < ready[j].st.URL })
		for _, e := range ready {
			e.busy = true
		}
		s.mu.Unlock()
		for _, e := range ready {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			s.mu.Lock()
			st := e.st
			s.mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				items, nst, err := s.p.Poll(ctx, st)
				s.mu.Lock()
				e.st, e.busy = nst, false
				s.mu.Unlock()
				s.handle(ctx, Result{Items: items, State: nst, Err: err})
				s.poke()
			}()
		}
		if len(ready) > 0 {
			continue // another look: polls may have finished meanwhile
		}
		timer.Reset(max(next.Sub(s.p.opts.Now()), time.Millisecond))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.wake:
			timer.Stop() // Go 1.23 timers: no stale value to drain
		case <-timer.C:
		}
	}
}
