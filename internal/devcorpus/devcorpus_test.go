package devcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDirFromModuleRoot: this package is two folders below the module root, so the
// corpus is three folders up, then shared/corpus/dev.
func TestDirFromModuleRoot(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(wd, "..", "..", "..", "shared", "corpus", "dev")
	if got := Dir(); filepath.Clean(got) != filepath.Clean(want) {
		t.Fatalf("Dir() = %q, want %q", got, want)
	}
}

func TestLoadLimit(t *testing.T) {
	all, err := Load(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Skip("../shared/corpus/dev not found beside the repository")
	}
	two, err := Load(2)
	if err != nil {
		t.Fatal(err)
	}
	if len(two) != 2 || two[0] != all[0] || two[1] != all[1] {
		t.Fatalf("Load(2) gave %d texts, not the first two of %d", len(two), len(all))
	}
}
