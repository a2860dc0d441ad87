package extract_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/extract"
	"github.com/marsad-project/marsad/internal/golden"
)

// render writes an Article one field per line, for golden files.
func render(a *extract.Article) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", a.Title)
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.UTC().Format(time.RFC3339) + " (" + a.PublishedFrom + ")"
	}
	fmt.Fprintf(&b, "published: %s\n", pub)
	fmt.Fprintf(&b, "author: %s\nsite: %s\nlanguage: %s\n", a.Author, a.SiteName, a.Language)
	fmt.Fprintf(&b, "caption: %s\ncredit: %s\n", a.Caption, a.Credit)
	for i, p := range a.Paragraphs {
		fmt.Fprintf(&b, "p%d: %s\n", i+1, p)
	}
	return b.String()
}

func TestGoldenPages(t *testing.T) {
	pages, _ := filepath.Glob("testdata/pages/*.html")
	if len(pages) == 0 {
		t.Fatal("no test pages")
	}
	for _, path := range pages {
		name := strings.TrimSuffix(filepath.Base(path), ".html")
		t.Run(name, func(t *testing.T) {
			page, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a, err := extract.Extract(page, "https://news.example/"+name)
			if err != nil {
				t.Fatal(err)
			}
			got := render(a)
			if d := golden.Compare(t, strings.TrimSuffix(path, ".html")+".golden", got, "go test ./extract -update"); d != "" {
				t.Errorf("%s:\n%s", name, d)
			}
		})
	}
}

func TestWindows1256(t *testing.T) {
	page, _ := os.ReadFile("testdata/pages/time_element.html")
	page = bytes.Replace(page, []byte("<head>"), []byte(`<head><meta charset="windows-1256">`), 1)
	enc, err := charmap.Windows1256.NewEncoder().Bytes(page)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(enc) {
		t.Fatal("the encoded page is valid UTF-8: the test tests nothing")
	}
	a, err := extract.Extract(enc, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "اشتباكات على الحدود الإيرانية" || len(a.Paragraphs) != 3 {
		t.Fatalf("windows-1256 page: title %q, %d paragraphs", a.Title, len(a.Paragraphs))
	}
}

func TestInput(t *testing.T) {
	page, _ := os.ReadFile("testdata/pages/news.html")
	a, err := extract.Extract(page, "https://news.example/a")
	if err != nil {
		t.Fatal(err)
	}
	in := a.Input("a1")
	raw := string(in.Raw)
	for _, want := range []string{
		"title: وزير الدفاع العراقي يواصل زيارته لطهران\n",
		"date: 2020-11-15T09:30:00+03:00\n",
		"url: https://news.example/a\n",
		"\n\nوزير الدفاع العراقي خلال لقائه رئيس الأركان الإيراني (الأناضول)\n\nيواصل",
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("Input().Raw lacks %q:\n%s", want, raw)
		}
	}
	if in.ID != "a1" || in.Title != a.Title || !in.Published.Equal(a.Published) {
		t.Errorf("Input() = %+v", in)
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("<div>", 200_000) + "<p>نص عميق جدا في الصفحة</p>" + strings.Repeat("</div>", 200_000)
	deepInline := "<p>" + strings.Repeat("<b><i>", 50_000) + "نص" + "</p>"
	manyP := "<body>" + strings.Repeat("<p>فقرة قصيرة", 20_000) + "</body>"
	for _, tc := range []struct {
		name  string
		page  string
		opts  extract.Options
		kind  marsad.Kind
		check func(*extract.Article) string
	}{
		{"too many bytes", strings.Repeat("x", 2000), extract.Options{MaxBytes: 1000}, marsad.TooLarge, nil},
		{"too much text", strings.Repeat("<div>"+strings.Repeat("كلمة ", 200), 2000), extract.Options{}, marsad.TooLarge, nil},
		{"too many elements", strings.Repeat("<span>a</span>", 5000), extract.Options{MaxElements: 1000}, marsad.TooLarge, nil},
		{"deep divs", deep, extract.Options{MaxElements: 1 << 20}, 0, func(a *extract.Article) string {
			if !strings.Contains(a.Text(), "نص عميق جدا في الصفحة") {
				return "the deep text is lost: " + a.Text()[:min(200, len(a.Text()))]
			}
			return ""
		}},
		{"deep inline", deepInline, extract.Options{MaxElements: 1 << 20}, 0, nil},
		{"unclosed paragraphs", manyP, extract.Options{}, 0, func(a *extract.Article) string {
			if len(a.Paragraphs) < 1000 {
				return fmt.Sprintf("%d paragraphs, want them kept apart", len(a.Paragraphs))
			}
			return ""
		}},
		{"deep script", strings.Repeat("<div>", 300) + "<script>alert('x')</script><p>نص</p>", extract.Options{}, 0, func(a *extract.Article) string {
			if strings.Contains(a.Text(), "alert") {
				return "script text leaked: " + a.Text()
			}
			return ""
		}},
		{"empty", "", extract.Options{}, 0, func(a *extract.Article) string {
			if len(a.Paragraphs) != 0 {
				return "paragraphs from nothing"
			}
			return ""
		}},
		{"binary", "\x00\x01\x02\xff\xfe<p>\x00</p>", extract.Options{}, 0, nil},
		{"not html", "نص عادي بلا وسوم", extract.Options{}, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := tc.opts.Extract([]byte(tc.page), "")
			if tc.kind != 0 {
				if marsad.ErrorKind(err) != tc.kind {
					t.Fatalf("error %v, want kind %v", err, tc.kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.check != nil {
				if msg := tc.check(a); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
	if _, err := extract.Extract([]byte("<p>x</p>"), "javascript:alert(1)"); marsad.ErrorKind(err) != marsad.Invalid {
		t.Errorf("bad page URL: error %v, want kind Invalid", err)
	}
}

func TestIsHTML(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       bool
	}{
		{"page.html", "", true},
		{"page.HTM", "plain", true},
		{"a.txt", "<html>", false},
		{"-", "  \n<!DOCTYPE html><html>", true},
		{"saved", "\uFEFF<html lang=ar>", true},
		{"x", "<!-- saved from url -->", true},
		{"x", "<p>فقرة</p>", true},
		{"x", "إيران والعراق <b>", false},
		{"x", "title: عنوان\n\n<p>", false},
		{"x", "", false},
	} {
		if got := extract.IsHTML(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("IsHTML(%q, %q) = %v, want %v", tc.name, tc.head, got, tc.want)
		}
	}
}

// FuzzExtract checks that no page makes extraction panic or return text that is not
// valid UTF-8, and that paragraphs are single non-empty lines.
func FuzzExtract(f *testing.F) {
	pages, _ := filepath.Glob("testdata/pages/*.html")
	for _, p := range pages {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Add([]byte("<table><tr><td><table><tr><td>x"))
	f.Add([]byte("<svg><math><select><template><p>x</template>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := extract.Options{MaxElements: 20_000, MaxDepth: 64}.Extract(page, "https://x.example/a")
		if err != nil {
			if k := marsad.ErrorKind(err); k == marsad.Internal {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		for _, s := range append([]string{a.Title, a.Author, a.Caption, a.Credit}, a.Paragraphs...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
		}
		for _, p := range a.Paragraphs {
			if p == "" || strings.ContainsAny(p, "\n\r") {
				t.Fatalf("bad paragraph %q", p)
			}
		}
		_ = a.Input("x")
	})
}

func BenchmarkExtract(b *testing.B) {
	page, _ := os.ReadFile("testdata/pages/news.html")
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extract.Extract(page, "https://news.example/a"); err != nil {
			b.Fatal(err)
		}
	}
}
