package reader_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/internal/golden"
	"github.com/marsad-project/marsad/nlp"
	"github.com/marsad-project/marsad/reader"
)

func readFile(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func mustRead(t *testing.T, in reader.Input) *nlp.Document {
	t.Helper()
	doc, err := reader.New(reader.Options{}).Read(in)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	checkDoc(t, doc)
	return doc
}

// checkDoc checks the span invariants of a document: regions, tokens, sentences, the
// title, caption and credit all lie inside the text, and every token's span slices the
// text to its Text.
func checkDoc(t testing.TB, doc *nlp.Document) {
	t.Helper()
	n := len(doc.Runes)
	if string(doc.Runes) != doc.Text {
		t.Fatalf("Runes do not spell Text")
	}
	inside := func(what string, s marsad.Span) {
		t.Helper()
		if s.Start < 0 || s.End > n || s.Start > s.End {
			t.Fatalf("%s span [%d,%d) outside the text of %d code points", what, s.Start, s.End, n)
		}
	}
	for i, r := range doc.Regions {
		inside(fmt.Sprintf("region %d (%s)", i, r.Kind), r.Span)
	}
	prev := 0
	for i, tok := range doc.Tokens {
		inside(fmt.Sprintf("token %d %q", i, tok.Text), marsad.Span{Start: tok.Start, End: tok.End})
		if tok.Start < prev || tok.End <= tok.Start {
			t.Fatalf("token %d %q [%d,%d) overlaps or precedes the previous token ending at %d", i, tok.Text, tok.Start, tok.End, prev)
		}
		if got := doc.Slice(tok.Start, tok.End); got != tok.Text {
			t.Fatalf("token %d: text[%d:%d]=%q, Text %q", i, tok.Start, tok.End, got, tok.Text)
		}
		prev = tok.End
	}
	prevTok := 0
	for i, s := range doc.Sentences {
		inside(fmt.Sprintf("sentence %d", i), marsad.Span{Start: s.Start, End: s.End})
		if s.First != prevTok || s.Last <= s.First || s.Last > len(doc.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d) after %d of %d tokens", i, s.First, s.Last, prevTok, len(doc.Tokens))
		}
		prevTok = s.Last
	}
	if prevTok != len(doc.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", prevTok, len(doc.Tokens))
	}
	if m := doc.Meta; m.TitleSpan != nil {
		inside("title", *m.TitleSpan)
		if got := doc.Slice(m.TitleSpan.Start, m.TitleSpan.End); got != m.Title {
			t.Fatalf("title span text %q, Title %q", got, m.Title)
		}
	}
	for what, x := range map[string]*marsad.Text{"caption": doc.Meta.Caption, "credit": doc.Meta.Credit} {
		if x == nil {
			continue
		}
		inside(what, x.Span)
		if got := doc.Slice(x.Start, x.End); got != x.Text {
			t.Fatalf("%s span text %q, Text %q", what, got, x.Text)
		}
	}
}

type region struct{ kind, text string }

func regions(doc *nlp.Document) []region {
	var out []region
	for _, r := range doc.Regions {
		out = append(out, region{r.Kind, doc.Slice(r.Start, r.End)})
	}
	return out
}

func diffRegions(t *testing.T, got, want []region) {
	t.Helper()
	var g, w []string
	for _, r := range got {
		g = append(g, r.kind+" "+r.text)
	}
	for _, r := range want {
		w = append(w, r.kind+" "+r.text)
	}
	if d := golden.Diff(strings.Join(w, "\n"), strings.Join(g, "\n")); d != "" {
		t.Errorf("regions differ (-want +got):\n%s", d)
	}
}

// tokenRegion reports the kind of the region that holds [start, end), or "".
func tokenRegion(doc *nlp.Document, start, end int) string {
	kind := ""
	for _, r := range doc.Regions {
		if r.Start <= start && end <= r.End {
			switch r.Kind {
			case marsad.RegionHeader:
				if kind == "" {
					kind = r.Kind
				}
			default:
				kind = r.Kind
			}
		}
	}
	return kind
}

func checkNoFurnitureTokens(t *testing.T, doc *nlp.Document) {
	t.Helper()
	for _, tok := range doc.Tokens {
		switch k := tokenRegion(doc, tok.Start, tok.End); k {
		case marsad.RegionTitle, marsad.RegionBody, marsad.RegionCaption:
		default:
			t.Errorf("token %q [%d,%d) is in a %q region, want title, body or caption", tok.Text, tok.Start, tok.End, k)
		}
	}
}

func TestReadPage(t *testing.T) {
	doc := mustRead(t, reader.Input{ID: "page", Raw: readFile(t, "page.txt")})
	m := doc.Meta
	if m.ID != "page" {
		t.Errorf("ID=%q, want page", m.ID)
	}
	if want := "مقتل ثلاثة مدنيين في قصف على ريف إدلب"; m.Title != want || m.TitleSpan == nil || *m.TitleSpan != (marsad.Span{Start: 0, End: 37}) {
		t.Errorf("Title=%q span %v, want %q [0,37)", m.Title, m.TitleSpan, want)
	}
	if want := time.Date(2020, 11, 15, 0, 0, 0, 0, time.UTC); !m.Published.Equal(want) || m.PublishedFrom != "dateline" {
		t.Errorf("Published=%v from %q, want %v from dateline", m.Published, m.PublishedFrom, want)
	}
	if want := "سيارات إسعاف قرب موقع القصف في ريف إدلب (الأناضول)"; m.Caption == nil || m.Caption.Text != want {
		t.Errorf("Caption=%+v, want %q", m.Caption, want)
	}
	if m.Credit == nil || m.Credit.Text != "الأناضول" {
		t.Errorf("Credit=%+v, want الأناضول", m.Credit)
	}
	diffRegions(t, regions(doc), []region{
		{marsad.RegionTitle, "مقتل ثلاثة مدنيين في قصف على ريف إدلب"},
		{marsad.RegionDateline, "15 نوفمبر 2020"},
		{marsad.RegionFurniture, "+ الخط -"},
		{marsad.RegionCaption, "سيارات إسعاف قرب موقع القصف في ريف إدلب (الأناضول)"},
		{marsad.RegionByline, "بيروت - العربي الجديد"},
		{marsad.RegionBody, "قُتل ثلاثة مدنيين، أمس السبت، في قصف مدفعي استهدف قرية في ريف إدلب الجنوبي، بحسب ما أفاد به الدفاع المدني."},
		{marsad.RegionBody, "وقال مسؤول محلي لـ\"العربي الجديد\" إن القصف استمر ساعتين، وإن «الأهالي فروا نحو المخيمات»."},
		{marsad.RegionFurniture, "اقرأ أيضاً"},
		{marsad.RegionFurniture, "نزوح عشرات العائلات من جبل الزاوية"},
		{marsad.RegionFurniture, "هدنة هشة في شمال غرب سورية"},
		{marsad.RegionBody, "وتتعرض المنطقة لقصف متكرر منذ أشهر."},
		{marsad.RegionFurniture, "دلالات"},
	})
	checkNoFurnitureTokens(t, doc)
	for _, tok := range doc.Tokens {
		switch tok.Text {
		case "الخط", "دلالات", "نزوح", "هدنة", "بيروت", "نوفمبر", "اقرأ":
			t.Errorf("furniture, byline or dateline token %q [%d,%d) in doc.Tokens", tok.Text, tok.Start, tok.End)
		case ")":
			t.Errorf("caption's closing parenthesis [%d,%d) in doc.Tokens", tok.Start, tok.End)
		}
	}
	var kinds []string
	for _, s := range doc.Sentences {
		kinds = append(kinds, s.Region)
	}
	if got, want := strings.Join(kinds, " "), "title caption body body body"; got != want {
		t.Errorf("sentence regions %q, want %q", got, want)
	}
}

func TestReadCorpus(t *testing.T) {
	raw := readFile(t, "corpus.txt")
	doc := mustRead(t, reader.Input{Raw: raw})
	m := doc.Meta
	checks := []struct{ name, got, want string }{
		{"Title", m.Title, "الأمم المتحدة تدعو إلى وقف القتال في الحديدة"},
		{"Source", m.Source, "العربي الجديد"},
		{"URL", m.URL, "https://example.org/news/2018/06/01/hodeidah"},
		{"Author", m.Author, "فريق التحرير"},
		{"Summary", m.Summary, "دعا المبعوث الأممي إلى وقف فوري للقتال حول ميناء الحديدة."},
		{"Corpus", m.Corpus, "test-sample"},
		{"PublishedFrom", m.PublishedFrom, "header"},
		{"Published", m.Published.Format(time.DateOnly), "2018-06-01"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("Meta.%s=%q, want %q", c.name, c.got, c.want)
		}
	}
	if m.TitleSpan == nil || doc.Slice(m.TitleSpan.Start, m.TitleSpan.End) != m.Title || m.TitleSpan.Start != len([]rune("title: ")) {
		t.Errorf("TitleSpan=%v, want the title after «title: »", m.TitleSpan)
	}
	if m.Caption != nil || m.Credit != nil {
		t.Errorf("Caption=%v Credit=%v, want none", m.Caption, m.Credit)
	}
	lines := strings.Split(string(raw), "\n")
	diffRegions(t, regions(doc), []region{
		{marsad.RegionHeader, lines[0]},
		{marsad.RegionTitle, "الأمم المتحدة تدعو إلى وقف القتال في الحديدة"},
		{marsad.RegionHeader, lines[1]},
		{marsad.RegionHeader, lines[2]},
		{marsad.RegionHeader, lines[3]},
		{marsad.RegionHeader, lines[4]},
		{marsad.RegionHeader, lines[5]},
		{marsad.RegionBody, "دعا المبعوث الأممي إلى وقف فوري للقتال حول ميناء الحديدة."},
		{marsad.RegionHeader, lines[6]},
		{marsad.RegionBody, lines[8]},
		{marsad.RegionBody, lines[9]},
	})
	checkNoFurnitureTokens(t, doc)
	for _, tok := range doc.Tokens {
		if tok.Text == "title" || tok.Text == "https" || tok.Text == "2018" || tok.Text == "التحرير" {
			t.Errorf("header token %q [%d,%d) in doc.Tokens", tok.Text, tok.Start, tok.End)
		}
	}
}

func TestReadInputMetadataWins(t *testing.T) {
	pub := time.Date(2020, 11, 16, 0, 0, 0, 0, time.UTC)
	doc := mustRead(t, reader.Input{
		Raw: readFile(t, "corpus.txt"), Published: pub, URL: "https://feed.example/1", Source: "feed",
	})
	if !doc.Meta.Published.Equal(pub) || doc.Meta.PublishedFrom != "input" {
		t.Errorf("Published=%v from %q, want %v from input", doc.Meta.Published, doc.Meta.PublishedFrom, pub)
	}
	if doc.Meta.URL != "https://feed.example/1" || doc.Meta.Source != "feed" {
		t.Errorf("URL=%q Source=%q, want the input's", doc.Meta.URL, doc.Meta.Source)
	}
	doc = mustRead(t, reader.Input{Raw: readFile(t, "page.txt"), Published: pub})
	if !doc.Meta.Published.Equal(pub) || doc.Meta.PublishedFrom != "input" {
		t.Errorf("page: Published=%v from %q, want %v from input (the dateline does not override)", doc.Meta.Published, doc.Meta.PublishedFrom, pub)
	}
}

func TestReadShapes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []region
	}{
		{"body only", "وقع انفجار في السوق المركزي.\nوأصيب عشرة أشخاص.", []region{
			{marsad.RegionBody, "وقع انفجار في السوق المركزي."}, {marsad.RegionBody, "وأصيب عشرة أشخاص."}}},
		{"crlf lines", "عنوان الخبر\r\nنص الخبر هنا.\r\n", []region{
			{marsad.RegionTitle, "عنوان الخبر"}, {marsad.RegionBody, "نص الخبر هنا."}}},
		{"indented lines", "  عنوان الخبر  \n\t نص الخبر هنا.", []region{
			{marsad.RegionTitle, "عنوان الخبر"}, {marsad.RegionBody, "نص الخبر هنا."}}},
		{"widget symbols", "عنوان\n+ -\n★ ★\nنص.", []region{
			{marsad.RegionTitle, "عنوان"}, {marsad.RegionFurniture, "+ -"}, {marsad.RegionFurniture, "★ ★"}, {marsad.RegionBody, "نص."}}},
		{"caption after body is body", "عنوان\nنص أول.\nصورة من الموقع (رويترز)", []region{
			{marsad.RegionTitle, "عنوان"}, {marsad.RegionBody, "نص أول."}, {marsad.RegionBody, "صورة من الموقع (رويترز)"}}},
		{"read also with colon", "نص.\nاقرأ أيضاً:\nرابط أول\n\nنص آخر.", []region{
			{marsad.RegionBody, "نص."}, {marsad.RegionFurniture, "اقرأ أيضاً:"}, {marsad.RegionFurniture, "رابط أول"}, {marsad.RegionBody, "نص آخر."}}},
		{"bom", "\uFEFFعنوان\nنص.", []region{{marsad.RegionTitle, "عنوان"}, {marsad.RegionBody, "نص."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustRead(t, reader.Input{Raw: []byte(tt.in)})
			diffRegions(t, regions(doc), tt.want)
			checkNoFurnitureTokens(t, doc)
		})
	}
}

func TestReadTwoCaptions(t *testing.T) {
	in := "عنوان الخبر\nجنود على الحدود (رويترز)\nدخان فوق المدينة (الأناضول)\nنص الخبر."
	doc := mustRead(t, reader.Input{Raw: []byte(in)})
	diffRegions(t, regions(doc), []region{
		{marsad.RegionTitle, "عنوان الخبر"},
		{marsad.RegionCaption, "جنود على الحدود (رويترز)"},
		{marsad.RegionCaption, "دخان فوق المدينة (الأناضول)"},
		{marsad.RegionBody, "نص الخبر."},
	})
	var words []string
	for _, tok := range doc.Tokens {
		words = append(words, tok.Text)
	}
	want := "عنوان الخبر جنود على الحدود ( رويترز دخان فوق المدينة ( الأناضول نص الخبر ."
	if got := strings.Join(words, " "); got != want {
		t.Errorf("tokens %q, want %q", got, want)
	}
}

func TestReadBadInput(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		max  int
		want marsad.Kind
	}{
		{"invalid utf-8", []byte("نص \xff\xfe عربي"), 0, marsad.Invalid},
		{"truncated rune", []byte("نص")[:3], 0, marsad.Invalid},
		{"nul byte", []byte("نص\x00عربي"), 0, marsad.Invalid},
		{"too large", bytes.Repeat([]byte("ا"), 100), 150, marsad.TooLarge},
		{"too large default", make([]byte, reader.DefaultMaxBytes+1), 0, marsad.TooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := reader.New(reader.Options{MaxBytes: tt.max}).Read(reader.Input{Raw: tt.raw})
			if err == nil {
				t.Fatalf("Read(%q...) gave no error, want %v", tt.raw[:min(len(tt.raw), 20)], tt.want)
			}
			if got := marsad.ErrorKind(err); got != tt.want {
				t.Errorf("Read: ErrorKind(%v)=%v, want %v", err, got, tt.want)
			}
			if doc != nil {
				t.Errorf("Read returned a document with an error")
			}
		})
	}
	// At the limit is accepted.
	if _, err := reader.New(reader.Options{MaxBytes: 200}).Read(reader.Input{Raw: bytes.Repeat([]byte("ا"), 100)}); err != nil {
		t.Errorf("Read of exactly MaxBytes: %v", err)
	}
}

func TestReadEmpty(t *testing.T) {
	for _, raw := range [][]byte{nil, {}, []byte("\n\n  \n"), []byte("\uFEFF")} {
		doc := mustRead(t, reader.Input{Raw: raw})
		if len(doc.Tokens) != 0 || len(doc.Sentences) != 0 || len(doc.Regions) != 0 || doc.Meta.Title != "" {
			t.Errorf("Read(%q): %d tokens, %d sentences, regions %v, title %q, want an empty document",
				raw, len(doc.Tokens), len(doc.Sentences), doc.Regions, doc.Meta.Title)
		}
	}
}

func TestReadNonArabic(t *testing.T) {
	for _, in := range []string{
		"Breaking news\nThe minister said on Sunday that talks (AP)\n15/11/2020\nMore text here.",
		"新闻标题\n正文。",
		"title:\n\nbody",
		"title: x\ndate: not-a-date\n\nbody",
		"(((((((\n)))))))",
		"🙂🙂🙂 - - -\n\t\t\n",
	} {
		doc := mustRead(t, reader.Input{Raw: []byte(in)})
		if in[0] == 'B' && len(doc.Tokens) == 0 {
			t.Errorf("Read(%q): no tokens", in)
		}
	}
}

// render writes a document readably: metadata, then one region per line
// (KIND start:end text), then one sentence per line.
func render(doc *nlp.Document) string {
	var b strings.Builder
	m := doc.Meta
	span := func(s *marsad.Span) string {
		if s == nil {
			return "-"
		}
		return fmt.Sprintf("%d:%d", s.Start, s.End)
	}
	fmt.Fprintf(&b, "title %s %s\n", span(m.TitleSpan), m.Title)
	pub := "-"
	if !m.Published.IsZero() {
		pub = m.Published.Format(time.DateOnly)
	}
	fmt.Fprintf(&b, "published %s from=%s\n", pub, m.PublishedFrom)
	for _, kv := range [][2]string{{"source", m.Source}, {"url", m.URL}, {"author", m.Author}, {"summary", m.Summary}, {"corpus", m.Corpus}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "%s %s\n", kv[0], kv[1])
		}
	}
	for _, x := range []struct {
		name string
		t    *marsad.Text
	}{{"caption", m.Caption}, {"credit", m.Credit}} {
		if x.t != nil {
			fmt.Fprintf(&b, "%s %d:%d %s\n", x.name, x.t.Start, x.t.End, x.t.Text)
		}
	}
	b.WriteString("\n")
	regs := append([]marsad.Region(nil), doc.Regions...)
	sort.SliceStable(regs, func(i, j int) bool {
		if regs[i].Start != regs[j].Start {
			return regs[i].Start < regs[j].Start
		}
		return regs[i].End > regs[j].End
	})
	for _, r := range regs {
		fmt.Fprintf(&b, "%s %d:%d %s\n", strings.ToUpper(r.Kind), r.Start, r.End, doc.Slice(r.Start, r.End))
	}
	b.WriteString("\n")
	for _, s := range doc.Sentences {
		fmt.Fprintf(&b, "SENT %s %d:%d tokens=%d:%d %s\n", s.Region, s.Start, s.End, s.First, s.Last, doc.Slice(s.Start, s.End))
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.txt files (%v)", err)
	}
	for _, name := range files {
		base := strings.TrimSuffix(filepath.Base(name), ".txt")
		t.Run(base, func(t *testing.T) {
			doc := mustRead(t, reader.Input{ID: base, Raw: readFile(t, base+".txt")})
			got := render(doc)
			path := filepath.Join("testdata", base+".golden")
			if d := golden.Compare(t, path, got, "go test ./reader -update"); d != "" {
				t.Errorf("%s differs from the output (-want +got; run go test ./reader -update if the change is right):\n%s", path, d)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"", "عنوان\n15 نوفمبر 2020\nصورة (رويترز)\nبيروت - رويترز\nنص.", "title: x\ndate: 2020-01-01\n\nنص",
		"\uFEFF", "a\x00b", "\xff", "(\n)", "title:", "اقرأ أيضاً\nرابط",
	} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	r := reader.New(reader.Options{MaxBytes: 1 << 16})
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := r.Read(reader.Input{Raw: raw})
		valid := utf8.Valid(raw) && bytes.IndexByte(raw, 0) < 0 && len(raw) <= 1<<16
		if valid && err != nil {
			t.Fatalf("Read(%q): %v, want no error for valid UTF-8 without NUL", raw, err)
		}
		if err != nil {
			if k := marsad.ErrorKind(err); k != marsad.Invalid && k != marsad.TooLarge {
				t.Fatalf("Read(%q): error kind %v, want invalid or too large", raw, k)
			}
			return
		}
		if !valid {
			t.Fatalf("Read(%q) accepted invalid input", raw)
		}
		checkDoc(t, doc)
	})
}
