package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	for _, tt := range []struct{ want, got, diff string }{
		{"a\nb", "a\nb", ""},
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\nc", "a\nx\nc", "first difference at line 2:\n  want: b\n  got:  x\n+   2 x\n-   2 b\n"},
		{"a\nb", "a", "first difference at line 2:\n  want: b\n  got:  <end>\n-   2 b\n"},
		{"a", "a\nb\n", "first difference at line 2:\n  want: <end>\n  got:  b\n+   2 b\n"},
		{"a\nb", "a\nb\n", "the texts differ only in their final newline\n"},
	} {
		if d := Diff(tt.want, tt.got); d != tt.diff {
			t.Errorf("Diff(%q, %q) = %q, want %q", tt.want, tt.got, d, tt.diff)
		}
	}
}

func TestDiffCapsLines(t *testing.T) {
	var w, g []string
	for i := range 100 {
		w = append(w, "w"+strings.Repeat("x", i))
		g = append(g, "g"+strings.Repeat("x", i))
	}
	d := Diff(strings.Join(w, "\n"), strings.Join(g, "\n"))
	if n := strings.Count(d, "\n"); n != 3+maxDiffLines+1 {
		t.Errorf("Diff of 200 changed lines has %d lines, want %d:\n%s", n, 3+maxDiffLines+1, d)
	}
	if !strings.HasSuffix(d, "…\n") {
		t.Errorf("Diff of 200 changed lines does not end with …:\n%s", d)
	}
}

func TestCompare(t *testing.T) {
	if Update() {
		t.Skip("-update rewrites instead of comparing")
	}
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if d := Compare(t, path, "a\nb\n", "go test -update"); d != "" {
		t.Errorf("Compare of equal texts = %q, want empty", d)
	}
	if d := Compare(t, path, "a\nc\n", "go test -update"); d == "" {
		t.Error("Compare of different texts is empty")
	}
}
