// Package bench measures Marsad's speed on a corpus: start-up (knowledge base and tagger
// model), each pipeline stage, the whole pipeline on one worker and on several,
// allocations per article and peak memory; and, in the same run and over the same text,
// bleve's Arabic analysis (tokenizer, normalisation and light stemming only) as a yardstick
// that travels between machines: the ratio of the two speeds matters, not the raw figures.
//
// bleve is imported here only, so that the coder's packages do not depend on it.
package bench

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/internal/cpuclock"
	"github.com/marsad-project/marsad/kb"
)

// Corpus is the text the benchmark codes.
type Corpus struct {
	Docs  [][]byte
	Bytes int64
	Words int64 // whitespace-separated fields, the unit of words/s
}

// LoadCorpus reads path: a file, or every *.txt file under a folder (SOURCES.md and
// other files are left out).
func LoadCorpus(path string) (*Corpus, error) {
	const op = "bench.LoadCorpus"
	st, err := os.Stat(path)
	if err != nil {
		return nil, marsad.E(op, marsad.NotFound, err)
	}
	var paths []string
	if st.IsDir() {
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".txt") {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			return nil, marsad.E(op, marsad.Invalid, err)
		}
		slices.Sort(paths)
	} else {
		paths = []string{path}
	}
	if len(paths) == 0 {
		return nil, marsad.Errorf(op, marsad.NotFound, "%s: no .txt files", path)
	}
	c := &Corpus{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, marsad.E(op, marsad.Invalid, err)
		}
		c.Docs = append(c.Docs, b)
		c.Bytes += int64(len(b))
		c.Words += int64(CountWords(b))
	}
	return c, nil
}

// CountWords counts whitespace-separated fields, as strings.Fields does.
func CountWords(b []byte) int {
	n, in := 0, false
	for _, r := range string(b) {
		sp := r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0xA0 ||
			r == 0x1680 || (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// Config says what to run.
type Config struct {
	Workers  int           // workers of the parallel run (≥ 1; 1 runs no parallel pass)
	Rounds   int           // timed rounds of each measure; the fastest is reported (≥ 1)
	NoTagger bool          // code without the statistical tagger
	Progress io.Writer     // optional: a line per finished measure
	MinTime  time.Duration // each round repeats the corpus until it has taken this long (0: once)
}

// Rate is one measured pass: how long it took and for how much text.
type Rate struct {
	Name     string
	Seconds  float64 // wall-clock seconds of the fastest round
	CPU      float64 // process CPU seconds (user+system) of that round
	Articles int64
	Bytes    int64
	Words    int64
	Allocs   float64 // heap allocations per article (0 when not counted)
	AllocB   float64 // bytes allocated per article
}

// MBps is the throughput in MB (10⁶ bytes) of input per second.
func (r Rate) MBps() float64 { return float64(r.Bytes) / 1e6 / r.Seconds }

// WordsPerSec is the throughput in words per second.
func (r Rate) WordsPerSec() float64 { return float64(r.Words) / r.Seconds }

// WordsPerCPUSec is the throughput in words per second of process CPU time (user and
// system, garbage collection included): a steadier figure on a busy machine.
func (r Rate) WordsPerCPUSec() float64 {
	if r.CPU == 0 {
		return 0
	}
	return float64(r.Words) / r.CPU
}

// ArticlesPerSec is the throughput in articles per second.
func (r Rate) ArticlesPerSec() float64 { return float64(r.Articles) / r.Seconds }

// Report is the benchmark's result.
type Report struct {
	Corpus      *Corpus
	GoVersion   string
	CPUs        int
	StartUp     time.Duration // coder ready: knowledge base, indexes, tagger model, codebook
	StartUpCPU  time.Duration // process CPU time (all threads) spent on start-up
	StartUpRSS  int64         // resident bytes when the coder is ready
	Stages      []Rate        // reader, dates, entity, quote, event, record; tagger alone
	Pipeline    Rate          // whole pipeline, one worker
	Parallel    Rate          // whole pipeline, Config.Workers workers (zero when Workers is 1)
	Workers     int
	Bleve       Rate // bleve's Arabic tokenizer + normalise + light stem, one worker
	PeakRSS     int64
	Ratio       float64 // pipeline words/s ÷ bleve words/s (same run)
	CPURatio    float64 // the same over CPU time
	Scaling     float64 // parallel ÷ single-worker throughput
	Fingerprint string  // events, entities and quotes found: a check that every pass did the same work
}

// Run loads the coder, then measures each stage, the pipeline and bleve's analyzer.
func Run(ctx context.Context, c *Corpus, cfg Config) (*Report, error) {
	if cfg.Workers < 1 {
		cfg.Workers = 1
	}
	if cfg.Rounds < 1 {
		cfg.Rounds = 1
	}
	progress := func(format string, args ...any) {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, format+"\n", args...)
		}
	}
	rep := &Report{Corpus: c, GoVersion: runtime.Version(), CPUs: runtime.NumCPU(), Workers: cfg.Workers}

	t0, cpu0 := time.Now(), cpuclock.Process()
	if !cfg.NoTagger {
		coder.Preload() // as marsad code does
	}
	k, err := kb.Load()
	if err != nil {
		return nil, err
	}
	cd, err := coder.New(coder.Config{KB: k, NoTagger: cfg.NoTagger})
	if err != nil {
		return nil, err
	}
	rep.StartUp = time.Since(t0)
	rep.StartUpCPU = cpuclock.Process() - cpu0
	rep.StartUpRSS = procStatus("VmRSS")
	progress("start-up %v, RSS %.0f MB", rep.StartUp.Round(time.Millisecond), float64(rep.StartUpRSS)/1e6)

	// Stages, one document at a time.
	stages := cd.Stages()
	names := []string{"reader"}
	for _, s := range stages {
		names = append(names, s.Name)
	}
	names = append(names, "record")
	if cd.Tagger() != nil {
		names = append(names, "tagger (alone)")
	}
	best := make([]float64, len(names))
	for r := 0; r < cfg.Rounds; r++ {
		spent := make([]time.Duration, len(names))
		for _, raw := range c.Docs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			t := time.Now()
			doc, err := cd.Read(coder.Input{Raw: raw})
			if err != nil {
				return nil, err
			}
			spent[0] += time.Since(t)
			if cd.Tagger() != nil {
				// The tagger alone, sentence by sentence as the entity stage calls it.
				t = time.Now()
				for _, s := range doc.Sentences {
					cd.Tagger().Tag(k, doc.Tokens[s.First:s.Last])
				}
				spent[len(names)-1] += time.Since(t)
			}
			for i, s := range stages {
				t = time.Now()
				if err := s.Stage.Process(ctx, doc); err != nil {
					return nil, fmt.Errorf("%s: %w", s.Name, err)
				}
				spent[i+1] += time.Since(t)
			}
			t = time.Now()
			cd.Record(doc)
			spent[len(stages)+1] += time.Since(t)
		}
		for i, d := range spent {
			if s := d.Seconds(); r == 0 || s < best[i] {
				best[i] = s
			}
		}
	}
	for i, n := range names {
		rep.Stages = append(rep.Stages, Rate{Name: n, Seconds: best[i], Articles: int64(len(c.Docs)), Bytes: c.Bytes, Words: c.Words})
	}
	progress("stages done")

	// Pipeline and bleve, alternating rounds so that both see the same machine load.
	tok := unicode.NewUnicodeTokenizer()
	norm, stem := ar.NewArabicNormalizeFilter(), ar.NewArabicStemmerFilter()
	analyze := func(raw []byte) int {
		ts := tok.Tokenize(raw)
		ts = stem.Filter(norm.Filter(ts))
		return len(ts)
	}
	var fpMu sync.Mutex
	codeOne := func(raw []byte, fp *[3]int) error {
		a, err := cd.Code(ctx, coder.Input{Raw: raw})
		if err != nil {
			return err
		}
		fpMu.Lock()
		fp[0] += len(a.Events)
		fp[1] += len(a.Entities)
		fp[2] += len(a.Quotes)
		fpMu.Unlock()
		return nil
	}
	var fps []string
	for r := 0; r < cfg.Rounds; r++ {
		var fp [3]int
		p, err := measure("pipeline", c, 1, cfg.MinTime, true, func(raw []byte) error { return codeOne(raw, &fp) })
		if err != nil {
			return nil, err
		}
		rep.Pipeline = faster(rep.Pipeline, p)
		passes := int(p.Articles) / len(c.Docs)
		fps = append(fps, fmt.Sprintf("%d events, %d entities, %d quotes per pass", fp[0]/passes, fp[1]/passes, fp[2]/passes))
		b, _ := measure("bleve ar (normalise + light stem)", c, 1, cfg.MinTime, false, func(raw []byte) error { analyze(raw); return nil })
		rep.Bleve = faster(rep.Bleve, b)
		if cfg.Workers > 1 {
			var fp [3]int
			w, err := measure(fmt.Sprintf("pipeline, %d workers", cfg.Workers), c, cfg.Workers, cfg.MinTime, false, func(raw []byte) error { return codeOne(raw, &fp) })
			if err != nil {
				return nil, err
			}
			rep.Parallel = faster(rep.Parallel, w)
		}
		progress("round %d: pipeline %.0f words/s, bleve %.0f words/s", r+1, p.WordsPerSec(), b.WordsPerSec())
	}
	rep.Fingerprint = fps[0]
	for _, f := range fps[1:] {
		if f != fps[0] {
			return nil, marsad.Errorf("bench.Run", marsad.Internal, "passes disagree: %s vs %s", fps[0], f)
		}
	}
	rep.Ratio = rep.Pipeline.WordsPerSec() / rep.Bleve.WordsPerSec()
	if rep.Bleve.WordsPerCPUSec() > 0 {
		rep.CPURatio = rep.Pipeline.WordsPerCPUSec() / rep.Bleve.WordsPerCPUSec()
	}
	if cfg.Workers > 1 {
		rep.Scaling = rep.Parallel.WordsPerSec() / rep.Pipeline.WordsPerSec()
	}
	rep.PeakRSS = procStatus("VmHWM")
	return rep, nil
}

func faster(a, b Rate) Rate {
	if a.Seconds == 0 || b.WordsPerSec() > a.WordsPerSec() {
		return b
	}
	return a
}

// measure runs f over the corpus with the given number of workers, repeating whole
// passes until minTime has passed, and counts allocations when asked.
func measure(name string, c *Corpus, workers int, minTime time.Duration, allocs bool, f func([]byte) error) (Rate, error) {
	var ms0, ms1 runtime.MemStats
	if allocs {
		runtime.GC()
		runtime.ReadMemStats(&ms0)
	}
	cpu0 := cpuclock.Process()
	t0 := time.Now()
	passes := 0
	for {
		if err := pass(c, workers, f); err != nil {
			return Rate{}, err
		}
		passes++
		if time.Since(t0) >= minTime {
			break
		}
	}
	r := Rate{Name: name, Seconds: time.Since(t0).Seconds(), CPU: (cpuclock.Process() - cpu0).Seconds(),
		Articles: int64(passes * len(c.Docs)), Bytes: int64(passes) * c.Bytes, Words: int64(passes) * c.Words}
	if allocs {
		runtime.ReadMemStats(&ms1)
		r.Allocs = float64(ms1.Mallocs-ms0.Mallocs) / float64(r.Articles)
		r.AllocB = float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(r.Articles)
	}
	return r, nil
}

func pass(c *Corpus, workers int, f func([]byte) error) error {
	if workers == 1 {
		for _, raw := range c.Docs {
			if err := f(raw); err != nil {
				return err
			}
		}
		return nil
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	next := make(chan []byte)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for raw := range next {
				if err := f(raw); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, raw := range c.Docs {
		next <- raw
	}
	close(next)
	wg.Wait()
	return first
}

// procStatus reads a kB field of /proc/self/status (VmRSS, VmHWM) in bytes; 0 where
// there is no /proc.
func procStatus(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n * 1024
		}
	}
	return 0
}

// Write prints the report as a table.
func (r *Report) Write(w io.Writer) {
	c := r.Corpus
	fmt.Fprintf(w, "corpus: %d articles, %.2f MB, %d words; %s, %d CPUs\n", len(c.Docs), float64(c.Bytes)/1e6, c.Words, r.GoVersion, r.CPUs)
	fmt.Fprintf(w, "start-up (knowledge base + indexes + tagger model + codebook): %.0f ms (CPU %.0f ms), RSS %.0f MB\n",
		r.StartUp.Seconds()*1000, r.StartUpCPU.Seconds()*1000, float64(r.StartUpRSS)/1e6)
	fmt.Fprintf(w, "\n%-36s %9s %9s %12s %11s\n", "stage (one worker)", "ms/pass", "MB/s", "words/s", "articles/s")
	for _, s := range r.Stages {
		fmt.Fprintf(w, "%-36s %9.1f %9.2f %12.0f %11.0f\n", s.Name, s.Seconds*1000, s.MBps(), s.WordsPerSec(), s.ArticlesPerSec())
	}
	fmt.Fprintf(w, "\n%-36s %7s %7s %9s %12s %11s %9s %9s\n", "end to end", "wall s", "CPU s", "MB/s", "words/s", "words/CPU-s", "allocs/a", "KB/a")
	row := func(s Rate) {
		fmt.Fprintf(w, "%-36s %7.2f %7.2f %9.2f %12.0f %11.0f", s.Name, s.Seconds, s.CPU, s.MBps(), s.WordsPerSec(), s.WordsPerCPUSec())
		if s.Allocs > 0 {
			fmt.Fprintf(w, " %9.0f %9.1f", s.Allocs, s.AllocB/1024)
		}
		fmt.Fprintln(w)
	}
	row(r.Pipeline)
	if r.Workers > 1 {
		row(r.Parallel)
	}
	row(r.Bleve)
	fmt.Fprintf(w, "\narticles/s (one worker): %.0f\n", r.Pipeline.ArticlesPerSec())
	fmt.Fprintf(w, "pipeline ÷ bleve (words/s, one worker, same run): %.3f wall-clock, %.3f CPU time\n", r.Ratio, r.CPURatio)
	if r.Workers > 1 {
		fmt.Fprintf(w, "%d workers ÷ 1 worker: %.2f×\n", r.Workers, r.Scaling)
	}
	fmt.Fprintf(w, "peak RSS: %.0f MB\n", float64(r.PeakRSS)/1e6)
	fmt.Fprintf(w, "work check: %s\n", r.Fingerprint)
}
