package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// meeting is a one-line report written for these tests.
const meeting = "التقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري في القاهرة.\n"

type result struct {
	code           int
	stdout, stderr string
}

func runCmd(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// record is the part of an article record the tests read.
type record struct {
	ID       string `json:"id"`
	Language string `json:"language"`
	Error    string `json:"error"`
	Entities []struct {
		Name string `json:"name"`
	} `json:"entities"`
	Events []struct {
		Code   string `json:"code"`
		Root   string `json:"root"`
		Source struct {
			Country string `json:"country"`
		} `json:"source"`
		Target struct {
			Country string `json:"country"`
		} `json:"target"`
	} `json:"events"`
}

func decode(t *testing.T, s string) record {
	t.Helper()
	var r record
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("output is not one JSON record: %v\n%s", err, s)
	}
	return r
}

func hasEvent(r record, root, src, tgt string) bool {
	for _, e := range r.Events {
		if e.Root == root && e.Source.Country == src && e.Target.Country == tgt {
			return true
		}
	}
	return false
}

func TestCodeFile(t *testing.T) {
	p := writeFile(t, t.TempDir(), "meeting.txt", []byte(meeting))
	res := runCmd(t, "", "code", "--published", "2024-03-12", p)
	if res.code != 0 {
		t.Fatalf("marsad code %s: exit %d, want 0; stderr:\n%s", p, res.code, res.stderr)
	}
	r := decode(t, res.stdout)
	if r.ID != "meeting" {
		t.Errorf("id = %q, want meeting (the file name)", r.ID)
	}
	if r.Language != "ar" {
		t.Errorf("language = %q, want ar", r.Language)
	}
	if !hasEvent(r, "04", "JOR", "EGY") {
		t.Errorf("no 04 JOR->EGY event in %+v", r.Events)
	}
}

func TestCodeStdin(t *testing.T) {
	res := runCmd(t, meeting, "code", "--published", "2024-03-12", "-")
	if res.code != 0 {
		t.Fatalf("marsad code -: exit %d, want 0; stderr:\n%s", res.code, res.stderr)
	}
	if r := decode(t, res.stdout); !hasEvent(r, "04", "JOR", "EGY") {
		t.Errorf("no 04 JOR->EGY event in %+v", r.Events)
	}
}

func TestCodeText(t *testing.T) {
	p := writeFile(t, t.TempDir(), "meeting.txt", []byte(meeting))
	res := runCmd(t, "", "code", "--format", "text", "--published", "2024-03-12", p)
	if res.code != 0 {
		t.Fatalf("marsad code --format text: exit %d, want 0; stderr:\n%s", res.code, res.stderr)
	}
	for _, want := range []string{"== meeting", "published 2024-03-12", "Events (", "040", "JORGOV", "EGYGOV", "أيمن الصفدي", "سامح شكري", "Entities ("} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, res.stdout)
		}
	}
	if strings.HasPrefix(strings.TrimSpace(res.stdout), "{") {
		t.Errorf("text output is JSON:\n%s", res.stdout)
	}
}

func TestCodeFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.txt", []byte("قصف الجيش الإسرائيلي مواقع في جنوب لبنان.\n"))
	writeFile(t, dir, "a.txt", []byte(meeting))
	writeFile(t, dir, "notes.md", []byte("not an article"))
	writeFile(t, dir, ".hidden.txt", []byte(meeting))
	res := runCmd(t, "", "code", "--published", "2024-03-12", dir)
	if res.code != 0 {
		t.Fatalf("marsad code DIR: exit %d, want 0; stderr:\n%s", res.code, res.stderr)
	}
	lines := strings.Split(strings.TrimRight(res.stdout, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("marsad code DIR printed %d lines, want 2 (one per .txt file):\n%s", len(lines), res.stdout)
	}
	a, b := decode(t, lines[0]), decode(t, lines[1])
	if a.ID != "a" || b.ID != "b" {
		t.Errorf("ids = %q, %q, want a, b (sorted by path)", a.ID, b.ID)
	}
	if !hasEvent(a, "04", "JOR", "EGY") {
		t.Errorf("a.txt: no 04 JOR->EGY event in %+v", a.Events)
	}
	if !hasEvent(b, "19", "ISR", "LBN") {
		t.Errorf("b.txt: no 19 ISR->LBN event in %+v", b.Events)
	}
}

func TestCodeJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"one","text":"` + strings.TrimSpace(meeting) + `","published":"2024-03-12"}`,
		`this is not JSON`,
		`{"id":7,"title":"no text here"}`,
		`{"id":"four","text":"قصف الجيش الإسرائيلي مواقع في جنوب لبنان.","published":"2024-03-12"}`,
	}, "\n") + "\n"
	res := runCmd(t, in, "code", "--jsonl", "--workers", "3")
	if res.code != 0 {
		t.Fatalf("marsad code --jsonl: exit %d, want 0; stderr:\n%s", res.code, res.stderr)
	}
	lines := strings.Split(strings.TrimRight(res.stdout, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("marsad code --jsonl printed %d lines, want 4:\n%s", len(lines), res.stdout)
	}
	var ids []string
	for _, l := range lines {
		var v struct {
			ID json.RawMessage `json:"id"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("output line is not JSON: %v\n%s", err, l)
		}
		ids = append(ids, string(v.ID))
	}
	if want := []string{`"one"`, `"line-2"`, `7`, `"four"`}; strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("ids = %v, want %v (input order, ids echoed)", ids, want)
	}
	one, bad, noText, four := decode(t, lines[0]), lines[1], lines[2], decode(t, lines[3])
	if one.Error != "" || !hasEvent(one, "04", "JOR", "EGY") {
		t.Errorf("line 1: error %q, events %+v; want a 04 JOR->EGY event", one.Error, one.Events)
	}
	if four.Error != "" || !hasEvent(four, "19", "ISR", "LBN") {
		t.Errorf("line 4: error %q, events %+v; want a 19 ISR->LBN event", four.Error, four.Events)
	}
	for n, l := range map[int]string{2: bad, 3: noText} {
		var v struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil || v.Error == "" {
			t.Errorf("line %d: want a record with an \"error\" field, got %s", n, l)
		}
	}
	if !strings.Contains(noText, `text`) {
		t.Errorf("line 3: error does not name the missing \"text\" field: %s", noText)
	}
}

func TestCodeExample(t *testing.T) {
	p := filepath.Join("..", "..", "examples", "sample-ar.txt")
	res := runCmd(t, "", "code", p)
	if res.code != 0 {
		t.Fatalf("marsad code %s: exit %d, want 0; stderr:\n%s", p, res.code, res.stderr)
	}
	r := decode(t, res.stdout)
	if r.ID != "sample-ar" || r.Language != "ar" {
		t.Errorf("id, language = %q, %q; want sample-ar, ar", r.ID, r.Language)
	}
	if !hasEvent(r, "04", "JOR", "EGY") {
		t.Errorf("no 04 JOR->EGY event (the ministers' meeting) in %+v", r.Events)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"bad published", []string{"code", "--published", "bad", "x.txt"}, "bad date"},
		{"bad format", []string{"code", "--format", "xml", "x.txt"}, "--format"},
		{"unknown flag", []string{"code", "--nope"}, "nope"},
		{"unknown command", []string{"decode"}, `unknown command "decode"`},
		{"no command", nil, "Usage:"},
		{"bench without path", []string{"bench"}, "marsad bench"},
		{"bench, two paths", []string{"bench", "a", "b"}, "marsad bench"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCmd(t, "", tt.args...)
			if res.code != 2 {
				t.Errorf("marsad %v: exit %d, want 2", tt.args, res.code)
			}
			if !strings.Contains(res.stderr, tt.stderr) {
				t.Errorf("marsad %v: stderr lacks %q:\n%s", tt.args, tt.stderr, res.stderr)
			}
		})
	}
}

func TestBench(t *testing.T) {
	res := runCmd(t, "", "bench", "-q", "--rounds", "1", "--workers", "2", filepath.Join("..", "..", "examples", "sample-ar.txt"))
	if res.code != 0 {
		t.Fatalf("marsad bench: exit %d\n%s", res.code, res.stderr)
	}
	for _, want := range []string{"start-up", "reader", "tagger (alone)", "pipeline, 2 workers", "bleve ar", "pipeline ÷ bleve", "peak RSS"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("marsad bench: output lacks %q:\n%s", want, res.stdout)
		}
	}
	if res := runCmd(t, "", "bench", "-q", filepath.Join(t.TempDir(), "missing")); res.code != 1 {
		t.Errorf("marsad bench on a missing path: exit %d, want 1", res.code)
	}
}

func TestVersion(t *testing.T) {
	res := runCmd(t, "", "version")
	if res.code != 0 || !strings.HasPrefix(res.stdout, "marsad ") {
		t.Errorf("marsad version: exit %d, stdout %q; want 0 and \"marsad …\"", res.code, res.stdout)
	}
}

func TestCodeMissingFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no-such-article.txt")
	res := runCmd(t, "", "code", p)
	if res.code != 1 {
		t.Errorf("marsad code %s: exit %d, want 1", p, res.code)
	}
	if !strings.Contains(res.stderr, p) {
		t.Errorf("stderr does not name %s:\n%s", p, res.stderr)
	}
	if res.stdout != "" {
		t.Errorf("stdout = %q, want nothing", res.stdout)
	}
}

func TestCodeInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.txt", []byte("التقى \xff\xfe الوزير"))
	res := runCmd(t, "", "code", bad)
	if res.code != 1 {
		t.Errorf("marsad code %s: exit %d, want 1", bad, res.code)
	}
	if !strings.Contains(res.stderr, bad) || !strings.Contains(res.stderr, "UTF-8") {
		t.Errorf("stderr does not name the file and the UTF-8 problem:\n%s", res.stderr)
	}
	// A bad file among good ones: the good one is still coded, the exit is still 1.
	good := writeFile(t, dir, "good.txt", []byte(meeting))
	res = runCmd(t, "", "code", "--published", "2024-03-12", bad, good)
	if res.code != 1 {
		t.Errorf("marsad code bad good: exit %d, want 1", res.code)
	}
	lines := strings.Split(strings.TrimRight(res.stdout, "\n"), "\n")
	if len(lines) != 1 || decode(t, lines[0]).ID != "good" {
		t.Errorf("marsad code bad good: stdout %q, want one record for good.txt", res.stdout)
	}
}

func TestGazetteerImportAndKBCommands(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"gazetteer", "import", "--out", dir,
		"../../geonames/testdata/cities_fixture.txt", "../../geonames/testdata/alternateNames_fixture.txt"}, strings.NewReader(""), &out, &errb)
	if code != 0 || !strings.Contains(out.String(), "wrote 3 places") {
		t.Fatalf("gazetteer import: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"kb", "lookup", "--kb-dir", dir, "غاما"}, strings.NewReader(""), &out, &errb); code != 0 || !strings.Contains(out.String(), "gn9000003") {
		t.Errorf("kb lookup of an imported place: exit %d, %q", code, out.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"kb", "lookup", "--date", "2020-11-15", "وزير الدفاع العراقي"}, strings.NewReader(""), &out, &errb); code != 0 || !strings.Contains(out.String(), "جمعة عناد سعدون") {
		t.Errorf("kb lookup of a title by date: exit %d, %q", code, out.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"kb", "stats"}, strings.NewReader(""), &out, &errb); code != 0 || !strings.Contains(out.String(), "persons") {
		t.Errorf("kb stats: exit %d, %q", code, out.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"kb", "check"}, strings.NewReader(""), &out, &errb); code != 0 || !strings.Contains(out.String(), ": ok") {
		t.Errorf("kb check: exit %d, %q", code, out.String())
	}
	bad := t.TempDir()
	os.WriteFile(bad+"/places.tsv", []byte("x\tname\tcity\tIRQ\t\tnot\t1\n"), 0o644)
	out.Reset()
	if code := run(context.Background(), []string{"kb", "check", "--kb-dir", bad}, strings.NewReader(""), &out, &errb); code != 1 || !strings.Contains(out.String(), "places.tsv:1") {
		t.Errorf("kb check of a bad user dictionary: exit %d, %q", code, out.String())
	}
}

func TestEvalGoldAndGSR(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "meeting.txt", []byte(meeting))
	gold := `{"id": "meeting", "file": "meeting.txt", "published": "2024-03-12",
	 "entities": [{"type": "PERSON", "names": ["أيمن الصفدي"]}, {"type": "PERSON", "names": ["سامح شكري"]}],
	 "quotes": [], "events": [{"code": "040", "codes": ["040", "042", "043"], "source": {"country": "JOR"},
	 "target": {"country": "EGY"}, "symmetric": true, "dates": ["2024-03-12"]}]}`
	g := writeFile(t, dir, "meeting.json", []byte(gold))
	out := filepath.Join(dir, "out.json")
	res := runCmd(t, "", "eval", "gold", "--root", dir, "--json", out, "-v", g)
	if res.code != 0 {
		t.Fatalf("eval gold: exit %d\n%s", res.code, res.stderr)
	}
	for _, want := range []string{"== meeting\n", "CAMEO roots", "\nentities  P=", "\nevents    P=", "articles=1 failures=0 event_f1="} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("eval gold output lacks %q:\n%s", want, res.stdout)
		}
	}
	if b, err := os.ReadFile(out); err != nil || !json.Valid(b) {
		t.Errorf("--json wrote no valid JSON: %v", err)
	}
	// without --root the file is looked for two levels up: the article fails, not the run
	res = runCmd(t, "", "eval", "gold", g)
	if res.code != 0 || !strings.Contains(res.stdout, "articles=1 failures=1 event_f1=0.000") {
		t.Errorf("eval gold without the article: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}

	gsr := t.TempDir()
	writeFile(t, gsr, "protest_gsr.csv", []byte("id,event_type,label,accept,reject,total,text\n1,PROTEST,yes,5,0,5,تظاهر آلاف العراقيين في بغداد أمس احتجاجا على الفساد\n"))
	writeFile(t, gsr, "assault_gsr.csv", []byte("id,event_type,label,accept,reject,total,text\n"))
	writeFile(t, gsr, "protest_spans.json", []byte("[]"))
	writeFile(t, gsr, "assault_spans.json", []byte("[]"))
	res = runCmd(t, "", "eval", "gsr", gsr)
	if res.code != 0 || !strings.Contains(res.stdout, "sentences=1 missing_output=0") || !strings.Contains(res.stdout, "protest_f1=") {
		t.Errorf("eval gsr: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if res := runCmd(t, "", "eval", "gold"); res.code != 2 || !strings.Contains(res.stderr, "marsad eval gsr") {
		t.Errorf("eval gold without a path: exit %d, stderr:\n%s", res.code, res.stderr)
	}
}
