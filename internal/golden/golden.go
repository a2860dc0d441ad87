// Package golden holds what the golden-file tests share: the -update flag that rewrites
// the golden files from the current output, and a readable line diff.
package golden

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// Update reports whether the test binary runs with -update.
func Update() bool { return *update }

// Compare checks got against the golden file at path. With -update it rewrites the file
// and returns ""; otherwise it returns Diff(want, got), "" when they are equal. A missing
// golden file fails the test, telling to run rerun (a go test command with -update) to
// create it.
func Compare(tb testing.TB, path, got, rerun string) string {
	tb.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return ""
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run %s to create it)", err, rerun)
	}
	return Diff(string(want), got)
}

// maxDiffLines is how many -/+ lines Diff shows at the most.
const maxDiffLines = 60

// Diff returns "" when want and got are equal, and otherwise the first differing line
// (numbered from 1 in both) followed by a -want +got diff of the lines: a longest common
// subsequence, each line numbered in its own text, at most maxDiffLines lines shown. A
// final newline is not a line of its own; texts that differ only there say so.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	tw, tg := strings.TrimSuffix(want, "\n"), strings.TrimSuffix(got, "\n")
	if tw == tg {
		return "the texts differ only in their final newline\n"
	}
	w, g := strings.Split(tw, "\n"), strings.Split(tg, "\n")
	var b strings.Builder
	for i := 0; ; i++ {
		if i >= len(w) || i >= len(g) || w[i] != g[i] {
			wl, gl := "<end>", "<end>"
			if i < len(w) {
				wl = w[i]
			}
			if i < len(g) {
				gl = g[i]
			}
			fmt.Fprintf(&b, "first difference at line %d:\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			break
		}
	}
	// lcs[i][j] is the length of the longest common subsequence of w[i:] and g[j:].
	lcs := make([][]int, len(w)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(g)+1)
	}
	for i := len(w) - 1; i >= 0; i-- {
		for j := len(g) - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	shown := 0
	emit := func(prefix string, n int, s string) {
		if shown < maxDiffLines {
			fmt.Fprintf(&b, "%s%4d %s\n", prefix, n, s)
		} else if shown == maxDiffLines {
			b.WriteString("…\n")
		}
		shown++
	}
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case i < len(w) && j < len(g) && w[i] == g[j]:
			i, j = i+1, j+1
		case j < len(g) && (i == len(w) || lcs[i][j+1] >= lcs[i+1][j]):
			emit("+", j+1, g[j])
			j++
		default:
			emit("-", i+1, w[i])
			i++
		}
	}
	return b.String()
}
