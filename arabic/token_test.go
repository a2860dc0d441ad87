package arabic_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/arabic"
)

// tok renders a token as "KIND start:end text|norm" for compact table tests.
func tok(t arabic.Token) string {
	k := map[arabic.TokenKind]string{arabic.Word: "W", arabic.Number: "N", arabic.Punct: "P"}[t.Kind]
	return fmt.Sprintf("%s %d:%d %s|%s", k, t.Start, t.End, t.Text, t.Norm)
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"spaces only", "  \t\n ", nil},
		{"words", "قصفت الطائرات حلب", []string{
			"W 0:4 قصفت|قصفت", "W 5:13 الطائرات|الطايرات", "W 14:17 حلب|حلب"}},
		{"diacritics stay in the word", "قَتَلَ جنديٌّ", []string{
			"W 0:6 قَتَلَ|قتل", "W 7:13 جنديٌّ|جندي"}},
		{"tatweel stays in the word", "الـقـدس", []string{"W 0:7 الـقـدس|القدس"}},
		{"ascii number", "قتل 25 شخصاً", []string{
			"W 0:3 قتل|قتل", "N 4:6 25|25", "W 7:12 شخصاً|شخصا"}},
		{"decimal point", "بنسبة 3.5 بالمئة", []string{
			"W 0:5 بنسبة|بنسبه", "N 6:9 3.5|3.5", "W 10:16 بالمئة|بالميه"}},
		{"thousands comma", "نحو 1,500 لاجئ", []string{
			"W 0:3 نحو|نحو", "N 4:9 1,500|1500", "W 10:14 لاجئ|لاجي"}},
		{"arabic-indic with decimal separator", "١٢٫٥ مليون", []string{
			"N 0:4 ١٢٫٥|12.5", "W 5:10 مليون|مليون"}},
		{"arabic thousands separator", "٣٬٠٠٠", []string{"N 0:5 ٣٬٠٠٠|3000"}},
		{"persian digits", "۱۴۰۰", []string{"N 0:4 ۱۴۰۰|1400"}},
		{"full stop after number ends it", "عام 2020.", []string{
			"W 0:3 عام|عام", "N 4:8 2020|2020", "P 8:9 .|."}},
		{"punctuation", "حلب، إدلب؛ حماة!", []string{
			"W 0:3 حلب|حلب", "P 3:4 ،|،", "W 5:9 إدلب|ادلب", "P 9:10 ؛|؛", "W 11:15 حماة|حماه", "P 15:16 !|!"}},
		{"guillemets", "«نرفض»", []string{"P 0:1 «|«", "W 1:5 نرفض|نرفض", "P 5:6 »|»"}},
		{"ascii quotes", `"نعم"`, []string{`P 0:1 "|"`, "W 1:4 نعم|نعم", `P 4:5 "|"`}},
		{"curly quotes", "“لا”", []string{"P 0:1 “|“", "W 1:3 لا|لا", "P 3:4 ”|”"}},
		{"latin word", "وكالة AFP", []string{"W 0:5 وكالة|وكاله", "W 6:9 AFP|afp"}},
		{"dash between words", "بيروت - رويترز", []string{
			"W 0:5 بيروت|بيروت", "P 6:7 -|-", "W 8:14 رويترز|رويترز"}},
		{"direction marks skipped", "\u200fغزة\u200f", []string{"W 1:4 غزة|غزه"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := arabic.Tokenize(tt.in)
			var got []string
			for _, x := range toks {
				got = append(got, tok(x))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Tokenize(%q)=\n  %s\nwant\n  %s", tt.in, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			checkTokens(t, tt.in, toks)
		})
	}
}

func TestTokenizeLinesAndSpace(t *testing.T) {
	toks := arabic.Tokenize("قال الوزير:\nنعم ، لا")
	wantLine := []int{0, 0, 0, 1, 1, 1}
	wantSpace := []bool{true, false, true, true, true, false}
	if len(toks) != len(wantLine) {
		t.Fatalf("Tokenize: %d tokens, want %d", len(toks), len(wantLine))
	}
	for i, x := range toks {
		if x.Line != wantLine[i] {
			t.Errorf("token %d %q: Line=%d, want %d", i, x.Text, x.Line, wantLine[i])
		}
		if x.SpaceAfter != wantSpace[i] {
			t.Errorf("token %d %q: SpaceAfter=%v, want %v", i, x.Text, x.SpaceAfter, wantSpace[i])
		}
	}
}

func TestIsQuote(t *testing.T) {
	toks := arabic.Tokenize(`« » " “ ” ( .`)
	want := []bool{true, true, true, true, true, false, false}
	for i, x := range toks {
		if x.IsQuote() != want[i] {
			t.Errorf("Token(%q).IsQuote()=%v, want %v", x.Text, x.IsQuote(), want[i])
		}
	}
}

// checkTokens checks the token invariants: ordered, non-overlapping, within bounds,
// Text equal to the input's code-point slice.
func checkTokens(t *testing.T, in string, toks []arabic.Token) {
	t.Helper()
	rs := []rune(in)
	prev := 0
	for i, x := range toks {
		if x.Start < prev || x.End <= x.Start || x.End > len(rs) {
			t.Fatalf("Tokenize(%q): token %d %q has span [%d,%d), previous end %d, input length %d", in, i, x.Text, x.Start, x.End, prev, len(rs))
		}
		if got := string(rs[x.Start:x.End]); got != x.Text {
			t.Fatalf("Tokenize(%q): token %d Text=%q, input[%d:%d]=%q", in, i, x.Text, x.Start, x.End, got)
		}
		prev = x.End
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"full stop", "وصل الوفد. بدأت المحادثات.", []string{"وصل الوفد.", "بدأت المحادثات."}},
		{"arabic question mark", "هل انتهت الحرب؟ لا أحد يعرف", []string{"هل انتهت الحرب؟", "لا أحد يعرف"}},
		{"exclamation", "كارثة! الأمطار تغمر القرى", []string{"كارثة!", "الأمطار تغمر القرى"}},
		{"line change", "العنوان بلا نقطة\nالفقرة الأولى", []string{"العنوان بلا نقطة", "الفقرة الأولى"}},
		{"closing guillemet stays", "قال: «لن نتراجع.» ثم غادر.", []string{"قال: «لن نتراجع.»", "ثم غادر."}},
		{"closing curly quote stays", "قالت: “انتهى الأمر!” وصمتت.", []string{"قالت: “انتهى الأمر!”", "وصمتت."}},
		{"closing bracket stays", "(وقع ذلك أمس.) وتابع الشهود.", []string{"(وقع ذلك أمس.)", "وتابع الشهود."}},
		{"opening quote goes to next sentence", `انتهى الاجتماع. "سنعود" قال.`, []string{"انتهى الاجتماع.", `"سنعود" قال.`}},
		{"repeated stops", "ماذا؟! لا.", []string{"ماذا؟!", "لا."}},
		{"decimal not a stop", "ارتفع 2.5 بالمئة. ثم هبط", []string{"ارتفع 2.5 بالمئة.", "ثم هبط"}},
		{"comma does not split", "حلب، حماة، إدلب.", []string{"حلب، حماة، إدلب."}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := arabic.Tokenize(tt.in)
			ss := arabic.Sentences(toks)
			rs := []rune(tt.in)
			var got []string
			prev := 0
			for _, s := range ss {
				if s.First != prev || s.Last <= s.First {
					t.Errorf("Sentences(%q): sentence tokens [%d,%d), previous end %d", tt.in, s.First, s.Last, prev)
				}
				if s.Start != toks[s.First].Start || s.End != toks[s.Last-1].End {
					t.Errorf("Sentences(%q): span [%d,%d) does not match tokens [%d,%d)", tt.in, s.Start, s.End, s.First, s.Last)
				}
				prev = s.Last
				got = append(got, string(rs[s.Start:s.End]))
			}
			if prev != len(toks) {
				t.Errorf("Sentences(%q): sentences cover %d of %d tokens", tt.in, prev, len(toks))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Sentences(%q)=%q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// keyCase is one case of testdata/keys.json: the input word as written, and its lookup
// keys (both are folded before comparing).
type keyCase struct {
	Name  string   `json:"name"`
	Input string   `json:"input"`
	Want  []string `json:"want"`
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestKeys(t *testing.T) {
	var cases []keyCase
	readJSON(t, "keys.json", &cases)
	if len(cases) == 0 {
		t.Fatal("testdata/keys.json has no cases")
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			in := arabic.Fold(c.Input)
			want := make([]string, len(c.Want))
			for i, w := range c.Want {
				want[i] = arabic.Fold(w)
			}
			got := arabic.Keys(in)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("Keys(%q)=%q, want %q", in, got, want)
			}
			// AppendKeys into a reused buffer gives the same keys after its prefix.
			buf := arabic.AppendKeys([]string{"x"}, in)
			if strings.Join(buf[1:], " ") != strings.Join(got, " ") {
				t.Errorf("AppendKeys(%q)=%q, want %q after the prefix", in, buf[1:], got)
			}
		})
	}
}

func TestStripArticleAndConjunction(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"العراق", "عراق"}, {"الي", "الي"}, {"بغداد", "بغداد"}, {"الجيش", "جيش"},
	} {
		if got := arabic.StripArticle(tt.in); got != tt.want {
			t.Errorf("StripArticle(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want bool
	}{{"والعراق", true}, {"فقال", true}, {"وزير", true}, {"ولد", false}, {"العراق", false}} {
		if got := arabic.HasConjunction(tt.in); got != tt.want {
			t.Errorf("HasConjunction(%q)=%v, want %v", tt.in, got, tt.want)
		}
	}
}

// quantityCase is one case of testdata/quantity.json: the number is read at the first
// token of input.
type quantityCase struct {
	Name  string `json:"name"`
	Input string `json:"input"`
	Want  *struct {
		Value  int  `json:"value"`
		Approx bool `json:"approx"`
		Tokens int  `json:"tokens"` // tokens the quantity covers
	} `json:"want"` // null: no quantity
}

func TestParseQuantity(t *testing.T) {
	var cases []quantityCase
	readJSON(t, "quantity.json", &cases)
	if len(cases) == 0 {
		t.Fatal("testdata/quantity.json has no cases")
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			toks := arabic.Tokenize(c.Input)
			q, ok := arabic.ParseQuantity(toks, 0)
			if c.Want == nil {
				if ok {
					t.Errorf("ParseQuantity(%q)=%+v, want none", c.Input, q)
				}
				return
			}
			if !ok {
				t.Fatalf("ParseQuantity(%q) found nothing, want %d", c.Input, c.Want.Value)
			}
			if q.Value != c.Want.Value || q.Approx != c.Want.Approx || q.First != 0 || q.Last != c.Want.Tokens {
				t.Errorf("ParseQuantity(%q)={Value:%d Approx:%v First:%d Last:%d}, want {Value:%d Approx:%v First:0 Last:%d}",
					c.Input, q.Value, q.Approx, q.First, q.Last, c.Want.Value, c.Want.Approx, c.Want.Tokens)
			}
		})
	}
}

func TestParseQuantityIndex(t *testing.T) {
	toks := arabic.Tokenize("قتل خمسة وعشرين مدنياً")
	q, ok := arabic.ParseQuantity(toks, 1)
	if !ok || q.Value != 25 || q.First != 1 || q.Last != 3 {
		t.Errorf("ParseQuantity(toks, 1)=%+v, %v, want Value 25 tokens [1,3)", q, ok)
	}
	if _, ok := arabic.ParseQuantity(toks, len(toks)); ok {
		t.Errorf("ParseQuantity past the end reported a quantity")
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"", "قال: «لن نتراجع.» ثم غادر.", "١٢٫٥ مليون و1,500 لاجئ", "3.", ".3", "1..2",
		"\u200fغزة\u200e\n\nحلب", "قـَـتـل", "\xff\xfe", "a\x00b", "\u064E\u064E",
	} {
		f.Add(s)
	}
	addTestdata(f)
	f.Fuzz(func(t *testing.T, s string) {
		toks := arabic.Tokenize(s)
		checkTokens(t, s, toks)
		line := 0
		for i, x := range toks {
			if x.Line < line {
				t.Fatalf("Tokenize(%q): token %d Line %d after line %d", s, i, x.Line, line)
			}
			line = x.Line
		}
		ss := arabic.Sentences(toks)
		prev := 0
		for _, x := range ss {
			if x.First != prev || x.Last <= x.First || x.Last > len(toks) {
				t.Fatalf("Sentences(%q): sentence [%d,%d) after %d of %d tokens", s, x.First, x.Last, prev, len(toks))
			}
			prev = x.Last
		}
		if prev != len(toks) {
			t.Fatalf("Sentences(%q) cover %d of %d tokens", s, prev, len(toks))
		}
		for i := range toks {
			if q, ok := arabic.ParseQuantity(toks, i); ok && (q.First != i || q.Last <= i || q.Last > len(toks) || q.Value < 0) {
				t.Fatalf("ParseQuantity(%q, %d)=%+v out of range", s, i, q)
			}
		}
	})
}

// addTestdata seeds a fuzz target with the inputs of the package's JSON cases and the
// reader's sample articles.
func addTestdata(f *testing.F) {
	f.Helper()
	var cases []struct {
		Input string `json:"input"`
	}
	for _, name := range []string{"keys.json", "quantity.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		cases = cases[:0]
		if err := json.Unmarshal(b, &cases); err != nil {
			f.Fatalf("%s: %v", name, err)
		}
		for _, c := range cases {
			f.Add(c.Input)
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "reader", "testdata", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

// FuzzParseQuantity reads a quantity at every token of any text: no panic, the tokens
// it spans lie inside the text and start at the index asked, and the value is not
// negative.
func FuzzParseQuantity(f *testing.F) {
	for _, s := range []string{"ثلاثة آلاف", "خمسة وعشرين", "1.5 مليون", "عشرات", "١٢٫٥ مليون", "999999999999 مليون",
		"1e9 الف", "-5", "NaN", "Inf ملايين", "بضعة", "وثلاثة", "0x10", "1_000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := arabic.Tokenize(s)
		for i := 0; i <= len(toks); i++ {
			q, ok := arabic.ParseQuantity(toks, i)
			if !ok {
				continue
			}
			if q.First != i || q.Last <= q.First || q.Last > len(toks) {
				t.Fatalf("ParseQuantity(%q, %d) spans tokens [%d,%d) of %d", s, i, q.First, q.Last, len(toks))
			}
			if q.Value < 0 {
				t.Fatalf("ParseQuantity(%q, %d) = %d", s, i, q.Value)
			}
		}
	})
}
