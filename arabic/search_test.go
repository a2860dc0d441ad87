package arabic_test

import (
	"reflect"
	"testing"

	"github.com/marsad-project/marsad/arabic"
)

// TestSearchKeyVariants checks that forms a searcher means as one word share a key and
// that different words keep different keys.
func TestSearchKeyVariants(t *testing.T) {
	same := []struct {
		name string
		a, b string
	}{
		{"hamza and spelling variant", "الأمريكية", "الأميركية"},
		{"article", "احتجاجات", "الاحتجاجات"},
		{"conjunction and article", "والاحتجاجات", "احتجاجات"},
		{"preposition and article", "بالعاصمة", "العاصمة"},
		{"lil", "للحكومة", "الحكومة"},
		{"feminine plural", "مظاهرات", "مظاهرة"},
		{"masculine plural", "المتظاهرين", "المتظاهرون"},
		{"nisba", "الإيرانية", "إيراني"},
		{"diacritics", "عَمّان", "عمان"},
		{"alef maksura", "مستشفى", "مستشفي"},
		{"pronoun suffix", "حكومتها", "حكومة"},
		{"teh marbuta", "دولة", "دوله"},
		{"latin case", "NATO", "nato"},
	}
	for _, tc := range same {
		t.Run(tc.name, func(t *testing.T) {
			ka, kb := key(tc.a), key(tc.b)
			if ka != kb {
				t.Errorf("SearchKey(%q)=%q, SearchKey(%q)=%q, want equal", tc.a, ka, tc.b, kb)
			}
		})
	}
	differ := []struct {
		name string
		a, b string
	}{
		{"countries", "مصر", "سوريا"},
		{"cities", "بغداد", "دمشق"},
		{"verbs", "قتل", "اعتقل"},
		{"protest and strike", "احتجاجات", "غارات"},
	}
	for _, tc := range differ {
		t.Run(tc.name, func(t *testing.T) {
			if ka, kb := key(tc.a), key(tc.b); ka == kb {
				t.Errorf("SearchKey(%q)=%q = SearchKey(%q), want different", tc.a, ka, tc.b)
			}
		})
	}
}

func key(w string) string { return arabic.SearchKey(arabic.Fold(w)) }

func TestSearchKeyShort(t *testing.T) {
	for _, w := range []string{"", "ال", "في", "x", "و"} {
		if got := arabic.SearchKey(w); got != w {
			t.Errorf("SearchKey(%q)=%q, want the word itself", w, got)
		}
	}
}

func TestSearchKeys(t *testing.T) {
	got := arabic.SearchKeys("تظاهر ١٢٠٠ محتج، في العاصمة!")
	want := []string{key("تظاهر"), "1200", key("محتج"), "في", key("العاصمة")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SearchKeys=%q, want %q", got, want)
	}
	if got := arabic.SearchKeys("  ،.!  "); len(got) != 0 {
		t.Errorf("SearchKeys(punctuation)=%q, want none", got)
	}
}

func FuzzSearchKey(f *testing.F) {
	for _, s := range []string{"الأمريكية", "والاحتجاجات", "ال", "", "ابوي"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := arabic.Fold(s)
		k := arabic.SearchKey(w)
		if w != "" && k == "" {
			t.Errorf("SearchKey(%q) is empty", w)
		}
		_ = arabic.SearchKeys(s)
	})
}
