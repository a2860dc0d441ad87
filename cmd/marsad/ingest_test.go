package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestRecodeExport runs the batch commands on a data folder: ingest a JSON Lines
// batch and a saved page, again (all duplicates), recode, and export in every format.
func TestIngestRecodeExport(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	batch := filepath.Join("..", "..", "examples", "batch.jsonl")
	page := writeFile(t, dir, "page.html", []byte(`<!DOCTYPE html><html lang="ar"><head><title>لقاء في القاهرة</title>
<meta property="article:published_time" content="2024-03-12T09:00:00Z"></head><body><nav>الرئيسية</nav><article><h1>لقاء في القاهرة</h1>
<p>`+strings.TrimSpace(meeting)+`</p><p>وبحث الوزيران العلاقات الثنائية والأوضاع في المنطقة خلال اللقاء الذي استمر ساعتين.</p></article><footer>جميع الحقوق محفوظة</footer></body></html>`))
	bad := writeFile(t, dir, "bad.jsonl", []byte("{\"id\":\"x\"}\nnot json\n"))

	r := runCmd(t, "", "ingest", "--data", data, batch, page)
	if r.code != 0 || !strings.Contains(r.stdout, "4 stored, 0 duplicates, 0 failed") {
		t.Fatalf("ingest: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = runCmd(t, "", "ingest", "--data", data, batch, page)
	if r.code != 0 || !strings.Contains(r.stdout, "0 stored, 4 duplicates") {
		t.Errorf("ingest again: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = runCmd(t, "", "ingest", "--data", data, bad)
	if r.code != 1 || !strings.Contains(r.stdout, "2 failed") || !strings.Contains(r.stderr, "bad.jsonl:2") {
		t.Errorf("ingest bad lines: %d %q %q; want 2 failures, exit 1", r.code, r.stdout, r.stderr)
	}
	if r = runCmd(t, "", "ingest", "--data", data); r.code != 2 {
		t.Errorf("ingest without PATH: exit %d, want 2", r.code)
	}
	r = runCmd(t, "", "recode", "--data", data)
	if r.code != 0 || !strings.Contains(r.stdout, "recoded 4 articles") {
		t.Errorf("recode: %d %q %q", r.code, r.stdout, r.stderr)
	}
	for _, f := range []string{"gdelt", "plover", "acled", "csv", "jsonl"} {
		r = runCmd(t, "", "export", "--data", data, "--format", f)
		if r.code != 0 {
			t.Errorf("export %s: %d %q", f, r.code, r.stderr)
			continue
		}
		if f == "gdelt" {
			rows := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			if len(rows) < 3 {
				t.Errorf("gdelt export: %d rows, want the batch's events", len(rows))
			}
			for _, row := range rows {
				if n := strings.Count(row, "\t") + 1; n != 61 {
					t.Errorf("gdelt row with %d columns: %q", n, row)
				}
			}
		}
	}
	out := filepath.Join(dir, "x.jsonl")
	if r = runCmd(t, "", "export", "--data", data, "--format", "jsonl", "--root", "14", "-o", out); r.code != 0 {
		t.Errorf("export -o: %d %q", r.code, r.stderr)
	}
	if b, err := os.ReadFile(out); err != nil || strings.Count(string(b), "\n") != 1 {
		t.Errorf("export --root 14: %q, %v; want the one protest event", b, err)
	}
	if r = runCmd(t, "", "export", "--data", data, "--format", "xml"); r.code != 2 {
		t.Errorf("export --format xml: exit %d, want 2", r.code)
	}
	if r = runCmd(t, "", "export", "--data", filepath.Join(dir, "none")); r.code != 2 {
		t.Errorf("export without data: exit %d, want 2", r.code)
	}
}
