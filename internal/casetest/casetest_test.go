package casetest

import (
	"os"
	"path/filepath"
	"testing"
)

type testCase struct {
	Meta
	Want []string `json:"want"`
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join("testdata", "cases.json"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`[{"name": "a", "published": "2020-11-15", "input": "x", "want": ["y"], "why": "w"}]`)
	cs := Load(t, "cases.json", func(testCase) error { return nil })
	if len(cs) != 1 || cs[0].Name != "a" || cs[0].Published != "2020-11-15" || cs[0].Input != "x" || cs[0].Why != "w" || len(cs[0].Want) != 1 {
		t.Errorf("Load = %+v", cs)
	}
}

func TestKnownFailure(t *testing.T) {
	m := Meta{Name: "n", Why: "w"}
	if got, want := knownFailure(m, []string{"p", "q"}), "still fails (w): p; q"; got != want {
		t.Errorf("knownFailure = %q, want %q", got, want)
	}
	if got, want := knownFailure(m, nil), `NOW PASSES: move "n" to cases.json`; got != want {
		t.Errorf("knownFailure = %q, want %q", got, want)
	}
}

func TestLines(t *testing.T) {
	line := func(s string) string { return "<" + s + ">" }
	if got, want := Lines([]string{"a", "b"}, line, "none"), "  <a>\n  <b>"; got != want {
		t.Errorf("Lines = %q, want %q", got, want)
	}
	if got, want := Lines(nil, line, "none"), "  (none)"; got != want {
		t.Errorf("Lines(nil) = %q, want %q", got, want)
	}
}
