package event

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func loadCB(t *testing.T) Codebook {
	t.Helper()
	cb, err := loadCodebook(cameoData)
	if err != nil {
		t.Fatalf("loadCodebook(cameoData) error: %v", err)
	}
	return cb
}

// sharedFile returns a file of ../shared (beside the repository root), or skips.
func sharedFile(t *testing.T, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{"..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("../shared not found: %v", err)
		}
		t.Fatalf("stat %s: %v", p, err)
	}
	return p
}

type refCode struct {
	line                    int
	goldstein               float64
	quad                    int
	plover, pmode, pcontext string
}

func readReference(t *testing.T) map[string]refCode {
	t.Helper()
	path := sharedFile(t, "reference", "cameo", "cameo_event_codes_goldstein_quad_plover.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]refCode{}
	sc := bufio.NewScanner(f)
	var col map[string]int
	n := 0
	for sc.Scan() {
		n++
		fs := strings.Split(sc.Text(), "\t")
		if n == 1 {
			col = map[string]int{}
			for i, h := range fs {
				col[h] = i
			}
			for _, h := range []string{"code", "quad_class_gdelt", "goldstein", "plover_event_2021", "plover_mode_2021", "plover_context_2021"} {
				if _, ok := col[h]; !ok {
					t.Fatalf("%s: no column %q", path, h)
				}
			}
			continue
		}
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if len(fs) != len(col) {
			t.Fatalf("%s:%d: %d fields, want %d", path, n, len(fs), len(col))
		}
		g, err := strconv.ParseFloat(fs[col["goldstein"]], 64)
		if err != nil {
			t.Fatalf("%s:%d: goldstein: %v", path, n, err)
		}
		q, err := strconv.Atoi(fs[col["quad_class_gdelt"]])
		if err != nil {
			t.Fatalf("%s:%d: quad: %v", path, n, err)
		}
		r := refCode{line: n, goldstein: g, quad: q, plover: fs[col["plover_event_2021"]],
			pmode: fs[col["plover_mode_2021"]], pcontext: fs[col["plover_context_2021"]]}
		if r.plover == "(dropped)" { // as loadCodebook does
			r.plover = ""
		}
		code := fs[col["code"]]
		if _, dup := out[code]; dup {
			t.Fatalf("%s:%d: duplicate code %s", path, n, code)
		}
		out[code] = r
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCodebookLoads(t *testing.T) {
	cb := loadCB(t)
	if len(cb) != 311 {
		t.Errorf("len(codebook) = %d, want 311", len(cb))
	}
	for code, c := range cb {
		if c.Code != code || c.Label == "" || c.LabelAr == "" {
			t.Errorf("codebook[%s] = %+v, want code, label and Arabic label", code, c)
		}
		if c.Goldstein < -10 || c.Goldstein > 10 || c.Quad < 1 || c.Quad > 4 {
			t.Errorf("codebook[%s]: goldstein %v quad %d out of range", code, c.Goldstein, c.Quad)
		}
		if len(code) > 2 && cb[code[:2]] == nil {
			t.Errorf("codebook[%s]: no root %s", code, code[:2])
		}
	}
	for r := 1; r <= 20; r++ {
		if root := strconv.Itoa(100 + r)[1:]; cb[root] == nil {
			t.Errorf("codebook[%s] = nil, want the root", root)
		}
	}
}

func TestLoadCodebookErrors(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"fields", "01\tx\t0\t1\n", "cameo.tsv:1: 4 fields, want 8"},
		{"goldstein", "# h\n01\tx\tzero\t1\t\t\t\tس\n", "cameo.tsv:2: goldstein"},
		{"quad", "01\tx\t0\tone\t\t\t\tس\n", "cameo.tsv:1: quad"},
		{"duplicate", "01\tx\t0\t1\t\t\t\tس\n01\tx\t0\t1\t\t\t\tس\n", "cameo.tsv:2: duplicate code 01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadCodebook(c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("loadCodebook(%q) error = %v, want %q", c.data, err, c.want)
			}
		})
	}
}

func TestCodebookMatchesReference(t *testing.T) {
	ref := readReference(t)
	cb := loadCB(t)
	if len(ref) != 311 {
		t.Errorf("reference codes = %d, want 311", len(ref))
	}
	for code := range ref {
		if cb[code] == nil {
			t.Errorf("code %s of the reference is missing from cameo.tsv", code)
		}
	}
	for code, c := range cb {
		r, ok := ref[code]
		if !ok {
			t.Errorf("code %s of cameo.tsv is not in the reference", code)
			continue
		}
		if c.Goldstein != r.goldstein {
			t.Errorf("code %s: goldstein = %v, want %v (reference line %d)", code, c.Goldstein, r.goldstein, r.line)
		}
		if c.Quad != r.quad {
			t.Errorf("code %s: quad = %d, want %d (reference line %d)", code, c.Quad, r.quad, r.line)
		}
		if c.Plover != r.plover || c.PMode != r.pmode || c.PContext != r.pcontext {
			t.Errorf("code %s: plover = %q/%q/%q, want %q/%q/%q (reference line %d)",
				code, c.Plover, c.PMode, c.PContext, r.plover, r.pmode, r.pcontext, r.line)
		}
	}
}

func TestCodebookLookup(t *testing.T) {
	cb := loadCB(t)
	for _, c := range []struct{ in, want string }{
		{"0213", "0213"}, // a real code
		{"0219", "021"},  // unknown: its parent
		{"0299", "02"},   // unknown, parent unknown: the root
		{"021", "021"},
		{"19", "19"},
		{"195", "195"},
		{"1959", "195"},
		{"99", ""},
		{"9", ""},
		{"", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			got := ""
			if x := cb.Lookup(c.in); x != nil {
				got = x.Code
			}
			if got != c.want {
				t.Errorf("Lookup(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
	// Lookup("0213") is exact when 0213 exists; once it is gone it falls back to 021, then 02.
	small := Codebook{"02": cb["02"], "021": cb["021"]}
	if x := small.Lookup("0213"); x == nil || x.Code != "021" {
		t.Errorf("Lookup(0213) without 0213 = %v, want 021", x)
	}
	small = Codebook{"02": cb["02"]}
	if x := small.Lookup("0213"); x == nil || x.Code != "02" {
		t.Errorf("Lookup(0213) without 0213, 021 = %v, want 02", x)
	}
}

func TestCodebookPloverOf(t *testing.T) {
	cb := loadCB(t)
	// PLOVER 2021 dropped the whole of roots 01 (statements) and 02 (appeals); every
	// other code maps to a PLOVER type, itself or a relative with one.
	unmapped := map[string]bool{"01": true, "02": true}
	for code := range cb {
		p := cb.PloverOf(code)
		if unmapped[code[:2]] {
			if p != nil {
				t.Errorf("PloverOf(%s) = %s, want nil (root %s is not in PLOVER)", code, p.Code, code[:2])
			}
			continue
		}
		if p == nil {
			t.Errorf("PloverOf(%s) = nil, want a PLOVER type", code)
			continue
		}
		if p.Plover == "" {
			t.Errorf("PloverOf(%s) = %s with no PLOVER type", code, p.Code)
		}
		if cb[code].Plover != "" && p.Code != code {
			t.Errorf("PloverOf(%s) = %s, want itself (it has PLOVER %s)", code, p.Code, cb[code].Plover)
		}
		if p.Code[:2] != code[:2] && !(len(code) == 2 && p.Code == code+"0") {
			t.Errorf("PloverOf(%s) = %s, want a relative", code, p.Code)
		}
	}
	// Outside 01 and 02 no code of cameo.tsv is dropped; the hand-made codebook below
	// covers dropped leaves.
	for _, c := range []struct{ name, code, want string }{
		{"mapped code is itself", "190", "190"},
		{"root takes its x0 code", "04", "040"},
		{"root 19 takes 190", "19", "190"},
		{"statement 010 is not in PLOVER", "010", ""},
		{"appeal 0213 is not in PLOVER", "0213", ""},
		{"unknown child of a mapped code", "1909", "190"},
		{"unknown root", "99", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ""
			if p := cb.PloverOf(c.code); p != nil {
				got = p.Code
			}
			if got != c.want {
				t.Errorf("PloverOf(%s) = %q, want %q", c.code, got, c.want)
			}
		})
	}
	// On a hand-made codebook: dropped leaf → parent; root → x0; nothing mapped → nil.
	hand := Codebook{
		"05":   {Code: "05"},
		"050":  {Code: "050", Plover: "COOPERATE"},
		"051":  {Code: "051", Plover: "AGREE"},
		"0511": {Code: "0511"},
		"052":  {Code: "052"},
		"06":   {Code: "06"},
		"061":  {Code: "061"},
	}
	for _, c := range []struct{ in, want string }{
		{"051", "051"}, {"0511", "051"}, {"05", "050"}, {"052", ""}, {"06", ""}, {"061", ""}, {"0512", "051"},
	} {
		t.Run("hand/"+c.in, func(t *testing.T) {
			got := ""
			if p := hand.PloverOf(c.in); p != nil {
				got = p.Code
			}
			if got != c.want {
				t.Errorf("PloverOf(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
