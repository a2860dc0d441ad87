package bench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCountWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   ", 0},
		{"كلمة", 1},
		{"قال الرئيس\tاليوم\n\nإن", 4},
		{" a\u00a0b\u2003c ", 3},
	} {
		if got, want := CountWords([]byte(c.in)), len(strings.Fields(c.in)); got != c.want || got != want {
			t.Errorf("CountWords(%q) = %d, want %d (strings.Fields: %d)", c.in, got, c.want, want)
		}
	}
}

func TestLoadCorpus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.txt", "كلمتان اثنتان")
	write("sub/a.txt", "ثلاث كلمات هنا")
	write("SOURCES.md", "not a text")
	c, err := LoadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) != 2 || c.Words != 5 || c.Bytes != int64(len("كلمتان اثنتان")+len("ثلاث كلمات هنا")) {
		t.Errorf("corpus: %d docs, %d words, %d bytes", len(c.Docs), c.Words, c.Bytes)
	}
	if _, err := LoadCorpus(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing path: no error")
	}
	empty := t.TempDir()
	if _, err := LoadCorpus(empty); err == nil {
		t.Error("empty folder: no error")
	}
}

// TestRun runs the whole benchmark on the example article: every figure is there and
// positive, and the report prints.
func TestRun(t *testing.T) {
	c, err := LoadCorpus(filepath.Join("..", "examples", "sample-ar.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), c, Config{Workers: 2, Rounds: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.StartUp <= 0 || rep.Pipeline.WordsPerSec() <= 0 || rep.Bleve.WordsPerSec() <= 0 || rep.Ratio <= 0 || rep.Scaling <= 0 {
		t.Errorf("report: %+v", rep)
	}
	if rep.Pipeline.Allocs <= 0 {
		t.Errorf("allocations not counted: %+v", rep.Pipeline)
	}
	var names []string
	for _, s := range rep.Stages {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "reader,dates,entity,quote,event,record,tagger (alone)" {
		t.Errorf("stages: %s", got)
	}
	var out bytes.Buffer
	rep.Write(&out)
	for _, want := range []string{"start-up", "pipeline ÷ bleve", "peak RSS", "2 workers ÷ 1 worker"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
