package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marsad-project/marsad/sqlite"
)

// killLoopKills is how many times TestKillLoop kills the server.
const killLoopKills = 50

// TestKillLoop builds marsad, then again and again starts `marsad serve` on one data
// folder, POSTs articles from a few clients and SIGKILLs the server right after some
// of them are acknowledged. At the end every acknowledged article must be in the
// store, and the database must open and pass SQLite's integrity check.
func TestKillLoop(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build marsad:", err)
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "marsad")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(tmp, "data")
	rng := rand.New(rand.NewPCG(9, 9))
	var (
		mu    sync.Mutex
		acked []string
		next  atomic.Int64
	)
	client := &http.Client{Timeout: time.Minute}
	for life := range killLoopKills {
		cmd, base := startServer(t, bin, data)
		want := 1 + rng.IntN(6) // acknowledgements before the kill
		var got atomic.Int64
		enough := make(chan struct{})
		var once sync.Once
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					n := next.Add(1)
					id := fmt.Sprintf("k%05d", n)
					body := fmt.Sprintf("قصف الجيش مواقع في المنطقة رقم %d صباح اليوم\nوقال مسؤول إن العملية %d انتهت", n, n*7919)
					resp, err := client.Post(base+"/api/v1/articles?id="+id, "text/plain", strings.NewReader(body))
					if err != nil {
						return // killed
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusCreated {
						t.Errorf("life %d: POST %s: %d", life, id, resp.StatusCode)
						return
					}
					mu.Lock()
					acked = append(acked, id)
					mu.Unlock()
					if got.Add(1) >= int64(want) {
						once.Do(func() { close(enough) })
					}
				}
			}()
		}
		select {
		case <-enough:
		case <-time.After(2 * time.Minute):
			t.Errorf("life %d: %d of %d acknowledgements", life, got.Load(), want)
		}
		cmd.Process.Kill()
		wg.Wait()
		cmd.Wait()
		if t.Failed() {
			return
		}
	}

	st, err := sqlite.OpenDir(context.Background(), data, sqlite.Options{})
	if err != nil {
		t.Fatalf("store after %d kills: %v", killLoopKills, err)
	}
	defer st.Close()
	if err := st.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	lost := 0
	for _, id := range acked {
		if _, err := st.Article(context.Background(), id); err != nil {
			lost++
			t.Errorf("acknowledged article %s: %v", id, err)
		}
	}
	c, _ := st.Counts(context.Background())
	t.Logf("%d kills, %d articles acknowledged, %d stored (%d posted), %d lost", killLoopKills, len(acked), c.Articles, next.Load(), lost)
}

var servingAddr = regexp.MustCompile(`addr=(http://[0-9.:]+)`)

// startServer starts `marsad serve` on a free port and returns once it listens.
func startServer(t *testing.T, bin, data string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", data, "--no-tagger", "--rate", "0", "--workers", "2")
	cmd.Env = append(os.Environ(), "MARSAD_TOKEN=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	var log []string
	for sc.Scan() {
		l := sc.Text()
		log = append(log, l)
		if m := servingAddr.FindStringSubmatch(l); m != nil && strings.Contains(l, "msg=serving") {
			go io.Copy(io.Discard, stderr)
			return cmd, m[1]
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	t.Fatalf("marsad serve did not start:\n%s", strings.Join(log, "\n"))
	return nil, ""
}
