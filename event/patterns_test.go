package event

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/arabic"
)

func loadPatterns(t *testing.T) (*Patterns, Codebook) {
	t.Helper()
	cb := loadCB(t)
	ps, err := parsePatterns(patternData, cb)
	if err != nil {
		t.Fatalf("parsePatterns(patternData) error: %v", err)
	}
	return ps, cb
}

func TestPatternsLoad(t *testing.T) {
	ps, _ := loadPatterns(t)
	if len(ps.list) < 100 {
		t.Errorf("patterns = %d, want >= 100", len(ps.list))
	}
	roots := map[string]int{}
	for _, p := range ps.list {
		roots[p.Code[:2]]++
		if strings.TrimSpace(p.Example) == "" {
			t.Errorf("patterns.tsv:%d: %s has no example", p.Line, p.ID)
		}
	}
	for r := 1; r <= 20; r++ {
		root := strconv.Itoa(100 + r)[1:]
		t.Run("root "+root, func(t *testing.T) {
			if roots[root] == 0 {
				t.Errorf("patterns with root %s = 0, want >= 1", root)
			}
		})
	}
}

// Every pattern fires on its own example: a match with its id, or with a code of
// the same root (a longer or more specific pattern may win the head token).
func TestPatternExamples(t *testing.T) {
	ps, _ := loadPatterns(t)
	for _, p := range ps.list {
		t.Run(p.ID, func(t *testing.T) {
			toks := arabic.Tokenize(p.Example)
			ms := ps.Find(toks, 0, len(toks))
			var got []string
			for _, m := range ms {
				if m.Pattern.ID == p.ID || m.Pattern.Code[:2] == p.Code[:2] {
					return
				}
				got = append(got, m.Pattern.ID+"("+m.Pattern.Code+")")
			}
			t.Errorf("patterns.tsv:%d: %s (%s) does not fire on its example %q; found %v",
				p.Line, p.ID, p.Code, p.Example, got)
		})
	}
}

func TestParsePatternsErrors(t *testing.T) {
	cb := loadCB(t)
	for _, c := range []struct{ name, data, want string }{
		{"fields", "a.b\t190\tV:هاجم/يهاجم\n", "patterns.tsv:1: 3 fields, want 5"},
		{"duplicate", "a.b\t190\tV:هاجم/يهاجم\t\tس\na.b\t190\tV:قصف/يقصف\t\tس\n", "patterns.tsv:2: duplicate id a.b"},
		{"unknown code", "# h\na.b\t999\tV:هاجم/يهاجم\t\tس\n", `patterns.tsv:2: unknown CAMEO code "999"`},
		{"bad verb", "a.b\t190\tV:هاجم\t\tس\n", "want V:PAST/PRESENT"},
		{"leading gap", "a.b\t190\t… هجوم\t\tس\n", "patterns.tsv:1: empty pattern or leading gap"},
		{"empty", "a.b\t190\t \t\tس\n", "patterns.tsv:1: empty pattern"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parsePatterns(c.data, cb)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("parsePatterns(%q) error = %v, want %q", c.data, err, c.want)
			}
		})
	}
}

func TestParseFrame(t *testing.T) {
	fr := parseFrame("tgt=obj|مع|إلى; sym ;passive")
	if !fr.Symmetric || !fr.Passive || !slices.Equal(fr.Targets, []string{"obj", "مع", "الي"}) {
		t.Errorf("parseFrame = %+v, want targets [obj مع الي], sym, passive", fr)
	}
	if fr := parseFrame(""); fr.Symmetric || fr.Passive || len(fr.Targets) != 0 {
		t.Errorf("parseFrame(\"\") = %+v, want zero", fr)
	}
}

func TestVerbForms(t *testing.T) {
	forms := VerbForms(arabic.Fold("هاجم"), arabic.Fold("يهاجم"))
	for _, w := range []string{"هاجم", "هاجمت", "هاجموا", "هاجمنا", "يهاجم", "يهاجمون", "تهاجم", "نهاجم", "يهاجمان", "هوجم", "هوجمت", "هاجمها", "هاجمه", "يهاجمهم"} {
		t.Run(w, func(t *testing.T) {
			if !slices.Contains(forms, arabic.Fold(w)) {
				t.Errorf("VerbForms(هاجم, يهاجم) = %v, want %q among them", forms, w)
			}
		})
	}
	if slices.Contains(forms, "") {
		t.Errorf("VerbForms(هاجم, يهاجم) contains an empty form")
	}
	seen := map[string]bool{}
	for _, f := range forms {
		if seen[f] {
			t.Errorf("VerbForms(هاجم, يهاجم) repeats %q", f)
		}
		seen[f] = true
	}
	// Final weak verbs: التقى/يلتقي, دعا/يدعو.
	for _, c := range []struct {
		past, pres string
		want       []string
	}{
		{"التقى", "يلتقي", []string{"التقي", "التقت", "التقوا", "يلتقي", "تلتقي", "يلتقون"}},
		{"دعا", "يدعو", []string{"دعا", "دعت", "دعوا", "يدعو", "تدعو", "يدعون"}},
	} {
		t.Run(c.past, func(t *testing.T) {
			forms := VerbForms(arabic.Fold(c.past), arabic.Fold(c.pres))
			for _, w := range c.want {
				if !slices.Contains(forms, arabic.Fold(w)) {
					t.Errorf("VerbForms(%s, %s) = %v, want %q among them", c.past, c.pres, forms, w)
				}
			}
		})
	}
}

func TestNounForms(t *testing.T) {
	for _, c := range []struct {
		sg, pl string
		want   []string
	}{
		{"زيارة", "زيارات", []string{"زياره", "زيارات", "زيارته", "زيارتها", "زيارتهم", "زيارتين", "زيارتان"}},
		{"لقاء", "لقاءات", []string{"لقاء", "لقاءات", "لقائه", "لقاؤه", "لقاءه", "لقائهما"}},
		{"هجوم", "هجمات", []string{"هجوم", "هجمات", "هجوما", "هجومه", "هجماتها"}},
	} {
		t.Run(c.sg, func(t *testing.T) {
			forms := NounForms(arabic.Fold(c.sg), arabic.Fold(c.pl))
			for _, w := range c.want {
				if !slices.Contains(forms, arabic.Fold(w)) {
					t.Errorf("NounForms(%s, %s) = %v, want %q (folded %q) among them", c.sg, c.pl, forms, w, arabic.Fold(w))
				}
			}
		})
	}
	if got, want := arabic.Fold("لقائه"), "لقايه"; got != want {
		t.Errorf("Fold(لقائه) = %q, want %q", got, want)
	}
	if forms := NounForms(arabic.Fold("زيارة"), ""); !slices.Contains(forms, "زيارته") || slices.Contains(forms, "") {
		t.Errorf("NounForms(زياره, \"\") = %v, want زيارته and no empty form", forms)
	}
}

// Find on sentences written here: proclitics, the future prefix, nouns with
// possessives, and a sentence with no event.
func TestPatternsFind(t *testing.T) {
	ps, _ := loadPatterns(t)
	for _, c := range []struct {
		name, text string
		root       string // a match with this root must be found; "" = no match at all
		future     bool   // that match carries the future prefix
	}{
		{"attack verb", "هاجم مسلحون نقطة للجيش", "19", false},
		{"attack with wa", "وهاجمت قوات الأمن المحتجين", "19", false},
		{"future", "وسيهاجم الجيش المدينة", "19", true},
		{"visit noun", "بدأ الرئيس زيارته إلى بغداد", "04", false},
		{"meeting noun", "وخلال لقائه مع الوزير", "04", false},
		{"nothing", "كان الطقس جميلا أمس", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			toks := arabic.Tokenize(c.text)
			ms := ps.Find(toks, 0, len(toks))
			var got []string
			ok := c.root == "" && len(ms) == 0
			for _, m := range ms {
				got = append(got, m.Pattern.ID+"("+m.Pattern.Code+")")
				if m.First < 0 || m.Last > len(toks) || m.Head != m.First || m.Last <= m.First {
					t.Errorf("Find(%q) match %+v has bad bounds", c.text, m)
				}
				if c.root != "" && m.Pattern.Code[:2] == c.root && m.Future == c.future {
					ok = true
				}
			}
			if !ok {
				t.Errorf("Find(%q) = %v, want root %q (future %v)", c.text, got, c.root, c.future)
			}
		})
	}
}

// TestPatternIndex checks the first-slot index against the plain construction: every
// form of each pattern's first slot lists the pattern, in the order of the file.
func TestPatternIndex(t *testing.T) {
	cb, err := loadCodebook(cameoData)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := parsePatterns(patternData, cb)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]*Pattern{}
	for _, p := range ps.list {
		for form := range p.Slots[0].forms {
			want[form] = append(want[form], p)
		}
	}
	if len(ps.first) != len(want) {
		t.Fatalf("index has %d forms, want %d", len(ps.first), len(want))
	}
	for form, w := range want {
		if got := ps.first[form]; !slices.Equal(got, w) {
			t.Fatalf("form %q: %d patterns, want %d (or another order)", form, len(got), len(w))
		}
		if !ps.firstKeys.Has(form) {
			t.Fatalf("form %q not in the filter", form)
		}
	}
}

// verbFormsReference is VerbForms as first written, one string and one map entry at a
// time: the reference the buffered one is checked against.
func verbFormsReference(past, pres string) []string {
	pastStems := []string{past}
	if rs := []rune(past); len(rs) == 4 && rs[1] == 'ا' {
		pastStems = append(pastStems, string(rs[0])+"و"+string(rs[2:]))
	}
	var base []string
	for _, p := range pastStems {
		base = append(base, p, p+"ت", p+"وا", p+"ا", p+"تا", p+"ن", p+"نا", p+"تم", p+"تما")
		if strings.HasSuffix(p, "ي") || strings.HasSuffix(p, "ا") {
			stem := strings.TrimSuffix(strings.TrimSuffix(p, "ي"), "ا")
			base = append(base, stem+"ت", stem+"وا", stem+"تا", stem+"يا", stem+"يت", stem+"ينا")
		}
	}
	base = append(base, presentBase(pres)...)
	var out []string
	seen := map[string]bool{}
	for _, b := range base {
		for _, f := range withObjects(b) {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// TestVerbFormsReference compares VerbForms and presentForms with the plain
// construction for every verb of patterns.tsv.
func TestVerbFormsReference(t *testing.T) {
	n := 0
	for _, line := range strings.Split(patternData, "\n") {
		for _, alt := range strings.FieldsFunc(line, func(r rune) bool { return r == '\t' || r == ' ' || r == '|' }) {
			past, pres, ok := strings.Cut(strings.TrimPrefix(alt, "V:"), "/")
			if !strings.HasPrefix(alt, "V:") || !ok {
				continue
			}
			past, pres = arabic.Fold(past), arabic.Fold(pres)
			if got, want := VerbForms(past, pres), verbFormsReference(past, pres); !slices.Equal(got, want) {
				t.Fatalf("VerbForms(%s, %s) = %q, want %q", past, pres, got, want)
			}
			var want []string
			for _, b := range presentBase(pres) {
				want = append(want, withObjects(b)...)
			}
			if got := presentForms(pres); !slices.Equal(got, want) {
				t.Fatalf("presentForms(%s) = %q, want %q", pres, got, want)
			}
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d verbs found in patterns.tsv", n)
	}
}
