package arabic_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marsad-project/marsad/arabic"
)

func TestFoldRune(t *testing.T) {
	tests := []struct {
		name string
		in   rune
		want rune
	}{
		{"alef hamza above", arabic.AlefHamzaAbove, arabic.Alef},
		{"alef hamza below", arabic.AlefHamzaBelow, arabic.Alef},
		{"alef madda", arabic.AlefMaddaAbove, arabic.Alef},
		{"alef wasla", arabic.AlefWasla, arabic.Alef},
		{"alef maksura", arabic.AlefMaksura, arabic.Yeh},
		{"farsi yeh", arabic.FarsiYeh, arabic.Yeh},
		{"yeh hamza", arabic.YehHamzaAbove, arabic.Yeh},
		{"teh marbuta", arabic.TehMarbuta, arabic.Heh},
		{"waw hamza", arabic.WawHamzaAbove, arabic.Waw},
		{"keheh", arabic.Keheh, arabic.Kaf},
		{"tatweel dropped", arabic.Tatweel, -1},
		{"fatha dropped", '\u064E', -1},
		{"tanwin fath dropped", '\u064B', -1},
		{"shadda dropped", '\u0651', -1},
		{"sukun dropped", '\u0652', -1},
		{"superscript alef dropped", arabic.SuperscriptAlef, -1},
		{"zwnj dropped", arabic.ZeroWidthNonJoin, -1},
		{"zwj dropped", arabic.ZeroWidthJoiner, -1},
		{"lrm dropped", arabic.LeftToRightMark, -1},
		{"rlm dropped", arabic.RightToLeftMark, -1},
		{"bom dropped", '\uFEFF', -1},
		{"arabic-indic zero", '٠', '0'},
		{"arabic-indic seven", '٧', '7'},
		{"persian four", '۴', '4'},
		{"persian nine", '۹', '9'},
		{"ascii digit", '5', '5'},
		{"latin upper", 'Q', 'q'},
		{"latin lower", 'q', 'q'},
		{"greek upper", 'Σ', 'σ'},
		{"plain alef", arabic.Alef, arabic.Alef},
		{"plain heh", arabic.Heh, arabic.Heh},
		{"hamza alone kept", arabic.Hamza, arabic.Hamza},
		{"arabic comma kept", arabic.ArabicComma, arabic.ArabicComma},
		{"space kept", ' ', ' '},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := arabic.FoldRune(tt.in); got != tt.want {
				t.Errorf("FoldRune(%U)=%U, want %U", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		offsets []int // nil: only the generic checks
	}{
		{"empty", "", "", []int{0}},
		{"plain", "قصف", "قصف", []int{0, 1, 2, 3}},
		{"diacritics", "قَصَفَ", "قصف", []int{0, 2, 4, 6}},
		{"shadda and tanwin", "مدنيًّا", "مدنيا", []int{0, 1, 2, 3, 6, 7}},
		{"tatweel", "قـــوات", "قوات", []int{0, 4, 5, 6, 7}},
		{"alef forms", "أإآٱا", "ااااا", []int{0, 1, 2, 3, 4, 5}},
		{"alef maksura", "مستشفى", "مستشفي", nil},
		{"teh marbuta", "مدينة", "مدينه", nil},
		{"hamza on carriers", "مؤتمر رئيس", "موتمر رييس", nil},
		{"arabic-indic digits", "١٢٣", "123", []int{0, 1, 2, 3}},
		{"persian digits", "۱۴۰۰", "1400", nil},
		{"persian letters", "کشور ایران", "كشور ايران", nil},
		{"latin lower-cased", "UN قرار", "un قرار", nil},
		{"direction marks", "\u200fبغداد\u200e", "بغداد", []int{1, 2, 3, 4, 5, 7}},
		{"mixed sentence", "أعلنَ الجيشُ الإسرائيليّ", "اعلن الجيش الاسراييلي", nil},
		{"only dropped", "\u064E\u0640\u064F", "", []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, off := arabic.Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q)=%q, want %q", tt.in, got, tt.want)
			}
			if tt.offsets != nil && !reflect.DeepEqual(off, tt.offsets) {
				t.Errorf("Normalize(%q) offsets=%v, want %v", tt.in, off, tt.offsets)
			}
			if f := arabic.Fold(tt.in); f != got {
				t.Errorf("Fold(%q)=%q, Normalize text %q", tt.in, f, got)
			}
			checkOffsetMap(t, tt.in, got, off)
		})
	}
}

// checkOffsetMap verifies that every span [a,b) of the folded text maps back to a span
// of the input whose folded form is exactly that span.
func checkOffsetMap(t *testing.T, in, folded string, off []int) {
	t.Helper()
	src := []rune(in)
	dst := []rune(folded)
	if len(off) != len(dst)+1 {
		t.Fatalf("Normalize(%q): %d offsets for %d folded runes, want %d", in, len(off), len(dst), len(dst)+1)
	}
	if off[len(dst)] != len(src) {
		t.Errorf("Normalize(%q): last offset %d, want input length %d", in, off[len(dst)], len(src))
	}
	for i := 1; i < len(off); i++ {
		if off[i] <= off[i-1] {
			t.Fatalf("Normalize(%q): offsets not increasing at %d: %v", in, i, off)
		}
	}
	for a := 0; a <= len(dst); a++ {
		for b := a; b <= len(dst); b++ {
			back := string(src[off[a]:off[b]])
			if a < b && arabic.FoldRune(src[off[a]]) < 0 {
				t.Errorf("Normalize(%q): offset %d points at dropped rune %U", in, off[a], src[off[a]])
			}
			if got, want := arabic.Fold(back), string(dst[a:b]); got != want {
				t.Errorf("Normalize(%q): span [%d,%d) maps to %q which folds to %q, want %q", in, a, b, back, got, want)
			}
		}
	}
}

func TestFoldPhrase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"وزارة  الدفاع،  السورية", "وزاره الدفاع السوريه"},
		{"«حزبُ اللهِ»", "حزب الله"},
		{"", ""},
		{"- . ،", ""},
	}
	for _, tt := range tests {
		if got := arabic.FoldPhrase(tt.in); got != tt.want {
			t.Errorf("FoldPhrase(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", "قَصَفَ الطيرانُ مدينةَ حلب", "أعلنت وزارة الصحة مقتل ١٢ شخصاً",
		"قـــوات الأمن", "\u200fبغداد\u200e", "۱۴۰۰ کشور", "ABC ÀÉ", "\xff\xfe", "a\x00b",
	} {
		f.Add(s)
	}
	addTestdata(f)
	f.Fuzz(func(t *testing.T, s string) {
		got, off := arabic.Normalize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q)=%q is not valid UTF-8", s, got)
		}
		n := utf8.RuneCountInString(s)
		m := utf8.RuneCountInString(got)
		if len(off) != m+1 {
			t.Fatalf("Normalize(%q): %d offsets for %d runes", s, len(off), m)
		}
		prev := -1
		for i, o := range off {
			if o < 0 || o > n {
				t.Fatalf("Normalize(%q): offset[%d]=%d outside [0,%d]", s, i, o, n)
			}
			if o <= prev {
				t.Fatalf("Normalize(%q): offsets not increasing at %d: %v", s, i, off)
			}
			prev = o
		}
		if off[m] != n {
			t.Fatalf("Normalize(%q): last offset %d, want %d", s, off[m], n)
		}
		if f := arabic.Fold(s); f != got {
			t.Fatalf("Fold(%q)=%q, Normalize text %q", s, f, got)
		}
		if again := arabic.Fold(got); again != got {
			t.Fatalf("Fold not idempotent: Fold(%q)=%q, Fold of that=%q", s, got, again)
		}
		// Each folded rune comes from the input rune its offset points at.
		src := []rune(s)
		for i, r := range []rune(got) {
			if fr := arabic.FoldRune(src[off[i]]); fr != r {
				t.Fatalf("Normalize(%q): rune %d is %U but input rune %U folds to %U", s, i, r, src[off[i]], fr)
			}
		}
		if strings.Contains(got, string(arabic.Tatweel)) {
			t.Fatalf("Normalize(%q)=%q keeps a tatweel", s, got)
		}
	})
}
