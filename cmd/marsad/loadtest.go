package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/marsad-project/marsad"
)

const loadtestUsage = `Usage: marsad loadtest [flags] --server URL

Sends GET /api/v1/events (--target events) or POST /api/v1/articles (--target
articles: small unique articles) from --clients connections, until --requests are
answered or --duration passes, and prints the sustained rate, p50/p99/max latency, the
answers by status and the server's peak resident memory (sampled from its /metrics).
Run it against a test server: POSTs store articles.

Flags:
`

// LoadtestCommand is a bounded load generator for a running server.
type LoadtestCommand struct {
	Stdout, Stderr io.Writer
}

// LoadResult is what a load test measured.
type LoadResult struct {
	Requests int
	Errors   int // transport errors
	Status   map[int]int
	Elapsed  time.Duration
	P50, P99 time.Duration
	Max      time.Duration
	PeakRSS  int64 // bytes; 0 when /metrics could not be read
}

// Rate is the answered requests per second.
func (r LoadResult) Rate() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

// Run runs the command.
func (c *LoadtestCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	server := fs.String("server", "", "base URL of the server, e.g. http://127.0.0.1:8080")
	target := fs.String("target", "events", "events (GET /api/v1/events) or articles (POST /api/v1/articles)")
	clients := fs.Int("clients", 8, "concurrent connections")
	requests := fs.Int("requests", 2000, "stop after this many answers")
	duration := fs.Duration("duration", 30*time.Second, "stop after this time")
	query := fs.String("query", "limit=50", "query string of the events requests")
	token := fs.String("token", "", "bearer token (default $MARSAD_TOKEN)")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, loadtestUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if *server == "" || fs.NArg() > 0 || *clients < 1 || *requests < 1 || (*target != "events" && *target != "articles") {
		fs.Usage()
		return errUsage
	}
	if *token == "" {
		*token = envToken()
	}
	res, err := Loadtest(ctx, LoadOptions{Server: strings.TrimRight(*server, "/"), Target: *target, Clients: *clients,
		Requests: *requests, Duration: *duration, Query: *query, Token: *token})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "%s: %d requests in %.1f s from %d clients: %.1f/s; latency p50 %s, p99 %s, max %s; transport errors %d; status %v",
		*target, res.Requests, res.Elapsed.Seconds(), *clients, res.Rate(), res.P50.Round(time.Microsecond*100),
		res.P99.Round(time.Microsecond*100), res.Max.Round(time.Millisecond), res.Errors, res.Status)
	if res.PeakRSS > 0 {
		fmt.Fprintf(c.Stdout, "; server peak RSS %.1f MiB", float64(res.PeakRSS)/(1<<20))
	}
	fmt.Fprintln(c.Stdout)
	return nil
}

// LoadOptions configure Loadtest.
type LoadOptions struct {
	Server, Target, Query, Token string
	Clients, Requests            int
	Duration                     time.Duration
}

// Loadtest sends the requests and measures the answers.
func Loadtest(ctx context.Context, o LoadOptions) (LoadResult, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: o.Clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	var (
		mu      sync.Mutex
		lat     []time.Duration
		status  = map[int]int{}
		errs    int
		issued  atomic.Int64
		peakRSS atomic.Int64
	)
	runID := time.Now().UnixNano()
	sampleDone := make(chan struct{})
	go func() { // the server's memory, every 200 ms
		defer close(sampleDone)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			if rss := serverRSS(ctx, client, o.Server, o.Token); rss > peakRSS.Load() {
				peakRSS.Store(rss)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	var wg sync.WaitGroup
	for range o.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				n := issued.Add(1)
				if n > int64(o.Requests) || ctx.Err() != nil {
					return
				}
				req, err := loadRequest(ctx, o, runID, n)
				if err != nil {
					return
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				d := time.Since(t0)
				if ctx.Err() != nil {
					return // cut by the deadline: not an answer
				}
				mu.Lock()
				if err != nil {
					errs++
				} else {
					status[resp.StatusCode]++
					lat = append(lat, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cancel()
	<-sampleDone
	if len(lat) == 0 {
		return LoadResult{}, marsad.Errorf("loadtest", marsad.Unavailable, "no answer from %s (%d transport errors)", o.Server, errs)
	}
	slices.Sort(lat)
	q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	return LoadResult{Requests: len(lat), Errors: errs, Status: status, Elapsed: elapsed,
		P50: q(0.50), P99: q(0.99), Max: lat[len(lat)-1], PeakRSS: peakRSS.Load()}, nil
}

func loadRequest(ctx context.Context, o LoadOptions, runID, n int64) (*http.Request, error) {
	var req *http.Request
	var err error
	if o.Target == "events" {
		req, err = http.NewRequestWithContext(ctx, "GET", o.Server+"/api/v1/events?"+o.Query, nil)
	} else {
		body := fmt.Sprintf("قصف الجيش مواقع في المنطقة الحدودية صباح اليوم في العملية %d-%d\nوقال مسؤول إن الاشتباكات استمرت ساعات", runID, n)
		req, err = http.NewRequestWithContext(ctx, "POST", o.Server+"/api/v1/articles", strings.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "text/plain; charset=utf-8")
		}
	}
	if err == nil && o.Token != "" {
		req.Header.Set("Authorization", "Bearer "+o.Token)
	}
	return req, err
}

// serverRSS reads process_resident_memory_bytes from the server's /metrics (0 when it
// cannot).
func serverRSS(ctx context.Context, client *http.Client, server, token string) int64 {
	req, err := http.NewRequestWithContext(ctx, "GET", server+"/metrics", nil)
	if err != nil {
		return 0
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "process_resident_memory_bytes "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err == nil {
				return int64(f)
			}
		}
	}
	return 0
}
