// Package devcorpus reads the shared development corpus (../shared/corpus/dev beside
// the repository) for tests and benchmarks. Nothing of it is copied into the
// repository: where it is absent, Texts skips with a clear message.
package devcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir is the corpus folder: ../shared/corpus/dev from the module root (the nearest
// folder above the working directory holding go.mod), or "" when there is no module.
func Dir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "corpus", "dev")
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// Load reads the corpus's articles (*.txt, in name order), at most limit of them when
// limit > 0; none, without error, where the corpus is absent.
func Load(limit int) ([]string, error) {
	d := Dir()
	if d == "" {
		return nil, nil
	}
	paths, err := filepath.Glob(filepath.Join(d, "*.txt"))
	if err != nil {
		return nil, err
	}
	if limit > 0 && len(paths) > limit {
		paths = paths[:limit]
	}
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// Texts is Load for a test or benchmark: it skips when the corpus is absent and fails
// on a read error.
func Texts(tb testing.TB, limit int) []string {
	tb.Helper()
	texts, err := Load(limit)
	if err != nil {
		tb.Fatal(err)
	}
	if len(texts) == 0 {
		tb.Skip("../shared/corpus/dev not found beside the repository")
	}
	return texts
}
