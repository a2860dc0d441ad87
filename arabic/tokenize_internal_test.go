package arabic

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/internal/devcorpus"
)

// foldRunes is Fold the plain way: every code point through FoldRune.
func foldRunes(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f := FoldRune(r); f >= 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// checkSame fails when Tokenize (over bytes, sharing memory) and tokenizeRunes (over
// code points) disagree, or Fold and foldRunes do.
func checkSame(t *testing.T, s string) {
	t.Helper()
	got, want := Tokenize(s), tokenizeRunes(s)
	if len(got) != len(want) {
		t.Fatalf("Tokenize(%.80q): %d tokens, tokenizeRunes %d", s, len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if !reflect.DeepEqual(g.Keys(), w.Keys()) {
			t.Fatalf("Tokenize(%.80q) token %d keys %q, want %q", s, i, g.Keys(), w.Keys())
		}
		g.keys, w.keys = nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("Tokenize(%.80q) token %d = %+v, want %+v", s, i, g, w)
		}
	}
	if got, want := Fold(s), foldRunes(s); got != want {
		t.Fatalf("Fold(%.80q) = %q, want %q", s, got, want)
	}
	if got, want := FoldPhrase(s), foldPhraseTokens(s); got != want {
		t.Fatalf("FoldPhrase(%.80q) = %q, want %q (through Tokenize)", s, got, want)
	}
	for _, tok := range got {
		if want := appendKeysReference(nil, tok.Norm); tok.Kind == Word && !reflect.DeepEqual(tok.Keys(), want) {
			t.Fatalf("keys of %q = %q, want %q", tok.Norm, tok.Keys(), want)
		}
	}
	for _, r := range s {
		if got, want := FoldRune(r), foldRune(r); got != want {
			t.Fatalf("FoldRune(%U) = %U, want %U", r, got, want)
		}
	}
}

// TestFoldTable checks the folding and word-letter tables against the computations.
func TestFoldTable(t *testing.T) {
	for r := rune(-1); r < foldTableSize+0x100; r++ {
		if got, want := FoldRune(r), foldRune(r); got != want {
			t.Errorf("FoldRune(%U) = %U, want %U", r, got, want)
		}
		if got, want := isWordRune(r), isWordRuneComputed(r); got != want {
			t.Errorf("isWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}

func FuzzTokenizeSame(f *testing.F) {
	for _, s := range []string{
		"", "قال: «لن نتراجع.» ثم غادر.", "١٢٫٥ مليون و1,500 لاجئ", "3.", ".3", "1..2", "1,",
		"\u200fغزة\u200e\n\nحلب", "قـَـتـل", "\xff\xfe", "a\x00b", "\u064E\u064E", "ABC Def", "\uFFFD",
		"والعراق للعراق بالمدينة ستدمر", "أإآٱ ى ة ؤ ئ ک ی",
	} {
		f.Add(s)
	}
	f.Fuzz(checkSame)
}

// TestTokenizeSameCorpus compares the two tokenizers on the shared dev corpus.
func TestTokenizeSameCorpus(t *testing.T) {
	limit := 0
	if testing.Short() {
		limit = 200
	}
	for _, text := range devcorpus.Texts(t, limit) {
		checkSame(t, text)
	}
}

// BenchmarkTokenize tokenizes the example article (texts, folded forms, keys).
func BenchmarkTokenize(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("..", "examples", "sample-ar.txt"))
	if err != nil {
		b.Fatal(err)
	}
	s := string(raw)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(s)
	}
}

// appendKeysReference is AppendKeys as first written (counting code points at every
// step): the reference the faster one is checked against.
func appendKeysReference(dst []string, w string) []string {
	dst = append(dst, w)
	if runeCount(w) <= 2 {
		return dst
	}
	add := func(s string) {
		if runeCount(s) < 2 {
			return
		}
		for _, k := range dst {
			if k == s {
				return
			}
		}
		dst = append(dst, s)
	}
	var stems [2]string
	n := 0
	stems[n] = w
	n++
	if strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف") {
		rest := w[len("و"):]
		if runeCount(rest) >= 2 {
			add(rest)
			stems[n] = rest
			n++
		}
	}
	for _, s := range stems[:n] {
		base := s
		switch {
		case strings.HasPrefix(s, lil) && runeCount(s) > 3:
			add(articleAl + s[len(lil):])
			add(s[len(lil):])
			add(s[len("ل"):]) // «لليبرمان»: ل + ليبرمان
			continue
		case strings.HasPrefix(s, "ب") || strings.HasPrefix(s, "ل") || strings.HasPrefix(s, "ك"):
			if runeCount(s) >= 4 {
				base = s[len("ب"):]
				add(base)
			}
		case strings.HasPrefix(s, "س") && runeCount(s) >= 5:
			if r := s[len("س"):]; strings.HasPrefix(r, "ي") || strings.HasPrefix(r, "ت") ||
				strings.HasPrefix(r, "ن") || strings.HasPrefix(r, "ا") {
				add(r)
			}
		}
		for _, b := range []string{s, base} {
			if strings.HasPrefix(b, articleAl) && runeCount(b) >= 4 {
				add(b[len(articleAl):])
			}
		}
	}
	return dst
}
