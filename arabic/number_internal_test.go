package arabic

import "testing"

// TestNumberTablesFolded checks that the number tables are keyed by folded words: a key
// that Fold changes (مئة with its hamza) can never match a token's Norm.
func TestNumberTablesFolded(t *testing.T) {
	for name, table := range map[string]map[string]int{
		"numberWords": numberWords, "approxWords": approxWords, "multipliers": multipliers,
	} {
		for w := range table {
			if f := Fold(w); f != w {
				t.Errorf("%s key %q is not folded (Fold gives %q)", name, w, f)
			}
		}
	}
}

func TestStopwordsFolded(t *testing.T) {
	for w := range stopwords {
		if f := Fold(w); f != w {
			t.Errorf("stopword %q is not folded (Fold gives %q)", w, f)
		}
	}
	for _, tt := range []struct {
		in   string
		want bool
	}{{"في", true}, {"وقال", true}, {"والذي", true}, {"حلب", false}, {"محمد", false}, {"هولاء", true}, {"يوكد", true}} {
		if got := IsStopword(tt.in); got != tt.want {
			t.Errorf("IsStopword(%q)=%v, want %v", tt.in, got, tt.want)
		}
	}
}
