// Package reader turns raw article input into an nlp.Document: it validates the text,
// reads the header lines of the corpus format (title:, date:, source:, url:, author:,
// summary:, corpus:), finds the headline, a dateline, the photo caption and its credit,
// and marks page furniture («+ الخط -», «دلالات», share and print widgets, "اقرأ أيضاً"
// lists) so that later stages skip it. Nothing is removed from the text: every region
// keeps its code-point offsets into the input as given.
package reader

import (
	"bytes"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/dates"
	"github.com/marsad-project/marsad/nlp"
)

// DefaultMaxBytes is the largest input the reader accepts unless told otherwise.
const DefaultMaxBytes = 8 << 20

// Options configure a Reader.
type Options struct {
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	MaxBytes int
}

// Reader reads articles.
type Reader struct {
	maxBytes int
}

// New returns a Reader.
func New(opts Options) *Reader {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return &Reader{maxBytes: opts.MaxBytes}
}

// Input is one article to read: its raw bytes and metadata known from elsewhere (a
// feed, a JSON request, flags). Metadata found in the text fills what is empty here.
type Input struct {
	ID        string
	Raw       []byte
	Title     string
	Published time.Time
	URL       string
	Source    string
	// Plain reads every non-empty line as a body paragraph: no header, title, dateline,
	// caption or furniture detection (for evaluation on pre-segmented text).
	Plain bool
}

// Read validates the input and returns its Document with metadata, regions and tokens.
// Invalid UTF-8, NUL bytes and inputs over the size limit give an error of kind
// marsad.Invalid or marsad.TooLarge; an empty input gives an empty Document.
func (r *Reader) Read(in Input) (*nlp.Document, error) {
	const op = "reader.Read"
	if len(in.Raw) > r.maxBytes {
		return nil, marsad.Errorf(op, marsad.TooLarge, "input is %d bytes, over the limit of %d", len(in.Raw), r.maxBytes)
	}
	if !utf8.Valid(in.Raw) {
		return nil, marsad.Errorf(op, marsad.Invalid, "input is not valid UTF-8 (at byte %d)", firstInvalid(in.Raw))
	}
	if i := bytes.IndexByte(in.Raw, 0); i >= 0 {
		return nil, marsad.Errorf(op, marsad.Invalid, "input has a NUL byte at %d: binary data, not text", i)
	}
	text := string(in.Raw)
	text = strings.TrimPrefix(text, "\uFEFF")
	doc := nlp.NewDocument(text)
	doc.Meta.ID = in.ID
	doc.Meta.Title = in.Title
	doc.Meta.URL = in.URL
	doc.Meta.Source = in.Source
	if !in.Published.IsZero() {
		doc.Meta.Published = in.Published
		doc.Meta.PublishedFrom = "input"
	}
	if in.Plain {
		for _, l := range splitLines(doc.Text) {
			if l.text != "" {
				sp := marsad.Span{Start: l.tstart, End: l.tstart + utf8.RuneCountInString(l.text)}
				doc.Regions = append(doc.Regions, marsad.Region{Span: sp, Kind: marsad.RegionBody})
			}
		}
		tokenize(doc)
		return doc, nil
	}
	parse(doc)
	return doc, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// line is one line of the input with its code-point span (without the newline).
type line struct {
	start, end int
	text       string // trimmed
	tstart     int    // code-point offset of the trimmed text
}

// splitLines splits text at its newlines. The trimmed texts are substrings of text.
func splitLines(text string) []line {
	out := make([]line, 0, strings.Count(text, "\n")+1)
	start := 0 // code-point offset of the line
	for b := 0; ; {
		e := strings.IndexByte(text[b:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += b
		}
		s := text[b:e]
		n := utf8.RuneCountInString(s)
		l := line{start: start, end: start + n, tstart: start}
		for len(s) > 0 {
			r, sz := utf8.DecodeRuneInString(s)
			if !unicode.IsSpace(r) {
				break
			}
			s = s[sz:]
			l.tstart++
		}
		for len(s) > 0 {
			r, sz := utf8.DecodeLastRuneInString(s)
			if !unicode.IsSpace(r) && r != '\r' {
				break
			}
			s = s[:len(s)-sz]
		}
		l.text = s
		out = append(out, l)
		if e == len(text) {
			return out
		}
		b, start = e+1, start+n+1
	}
}

var headerKeys = map[string]bool{"title": true, "date": true, "source": true, "url": true, "author": true, "summary": true, "corpus": true, "published": true, "id": true}

func headerKey(s string) (string, string, bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 12 {
		return "", "", false
	}
	k := strings.ToLower(s[:i])
	if !headerKeys[k] {
		return "", "", false
	}
	return k, strings.TrimSpace(s[i+1:]), true
}

// furniture lists folded lines that are page widgets, not text.
var furniture = map[string]bool{
	"+ الخط -": true, "الخط": true, "+ الخط": true, "الخط -": true, "دلالات": true, "شارك": true, "طباعه": true,
	"مشاركه": true, "المزيد": true, "تابعونا": true, "اعلان": true, "اقرا ايضا": true, "اقرا المزيد": true,
	"مواضيع ذات صله": true, "مقالات ذات صله": true, "اخبار ذات صله": true, "تعليقات": true, "حجم الخط": true,
	"فيسبوك": true, "تويتر": true, "واتساب": true, "شارك الخبر": true, "شارك المقال": true, "ارسل": true,
	"الكلمات الدالة": true, "كلمات مفتاحية": true, "وسوم": true, "اقرا ايضاً": true, "طباعة": true, "نسخ الرابط": true,
}

// readAlso opens a list of links that runs to the next blank line.
var readAlso = map[string]bool{"اقرا ايضا": true, "اقرا المزيد": true, "مواضيع ذات صله": true, "اخبار ذات صله": true, "مقالات ذات صله": true, "اقرا ايضا:": true}

// maxFurniture is the most code points, spaces left out, of a furniture line folded: a
// line with more letters is not furniture, and is not folded to find out.
var maxFurniture = func() int {
	n := 0
	for f := range furniture {
		n = max(n, utf8.RuneCountInString(strings.ReplaceAll(f, " ", "")))
	}
	return n
}()

// mayBeFurniture reports whether s is short enough, once folded, to be a furniture line.
func mayBeFurniture(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) && arabic.FoldRune(r) >= 0 {
			if n++; n > maxFurniture {
				return false
			}
		}
	}
	return true
}

func foldLine(s string) string {
	s = arabic.Fold(s)
	s = strings.TrimRight(s, ":：")
	return strings.Join(strings.Fields(s), " ")
}

func parse(doc *nlp.Document) {
	lines := splitLines(doc.Text)
	i := 0
	// Header lines of the corpus format.
	if len(lines) > 0 {
		if _, _, ok := headerKey(lines[0].text); ok {
			for ; i < len(lines) && lines[i].text != ""; i++ {
				l := lines[i]
				k, v, ok := headerKey(l.text)
				if !ok {
					break
				}
				doc.Regions = append(doc.Regions, marsad.Region{Span: marsad.Span{Start: l.start, End: l.end}, Kind: marsad.RegionHeader})
				vstart := l.tstart + utf8.RuneCountInString(l.text) - utf8.RuneCountInString(v)
				switch k {
				case "title":
					if doc.Meta.Title == "" || doc.Meta.Title == v {
						doc.Meta.Title = v
						sp := marsad.Span{Start: vstart, End: vstart + utf8.RuneCountInString(v)}
						doc.Meta.TitleSpan = &sp
						doc.Regions = append(doc.Regions, marsad.Region{Span: sp, Kind: marsad.RegionTitle})
					}
				case "date", "published":
					if t, ok := dates.ParseISO(v); ok && doc.Meta.Published.IsZero() {
						doc.Meta.Published = t
						doc.Meta.PublishedFrom = "header"
					}
				case "source":
					setIfEmpty(&doc.Meta.Source, v)
				case "url":
					setIfEmpty(&doc.Meta.URL, v)
				case "author":
					doc.Meta.Author = v
				case "summary":
					doc.Meta.Summary = v
					doc.Regions = append(doc.Regions, marsad.Region{Span: marsad.Span{Start: vstart, End: vstart + utf8.RuneCountInString(v)}, Kind: marsad.RegionBody})
				case "corpus":
					doc.Meta.Corpus = v
				case "id":
					setIfEmpty(&doc.Meta.ID, v)
				}
			}
		}
	}
	headerDone := i > 0
	sawBody := false
	inReadAlso := false
	for ; i < len(lines); i++ {
		l := lines[i]
		if l.text == "" {
			inReadAlso = false
			continue
		}
		sp := marsad.Span{Start: l.tstart, End: l.tstart + utf8.RuneCountInString(l.text)}
		f := ""
		if mayBeFurniture(l.text) {
			f = foldLine(l.text)
		}
		switch {
		case furniture[f] || isWidgetLine(l.text):
			doc.Regions = append(doc.Regions, marsad.Region{Span: sp, Kind: marsad.RegionFurniture})
			if readAlso[f] {
				inReadAlso = true
			}
			continue
		case inReadAlso:
			doc.Regions = append(doc.Regions, marsad.Region{Span: sp, Kind: marsad.RegionFurniture})
			continue
		}
		if !sawBody {
			if t, ok := dates.ParseLine(l.text); ok {
				doc.Regions = append(doc.Regions, marsad.Region{Span: sp, Kind: marsad.RegionDateline})
				if doc.Meta.Published.IsZero() || doc.Meta.PublishedFrom == "" {
					doc.Meta.Published = t
					doc.Meta.PublishedFrom = "dateline"
				}
				continue
			}
			if !headerDone && doc.Meta.TitleSpan == nil && looksLikeTitle(l.text) {
				doc.Meta.Title = l.text
				doc.Meta.TitleSpan = &sp
				doc.Regions = append(doc.Regions, marsad.Region{Span: sp, Kind: marsad.RegionTitle})
				continue
			}
			if cap, credit, ok := caption(doc.Runes, l); ok {
				doc.Meta.Caption = &marsad.Text{Span: cap, Text: doc.Slice(cap.Start, cap.End)}
				if credit.End > credit.Start {
					doc.Meta.Credit = &marsad.Text{Span: credit, Text: doc.Slice(credit.Start, credit.End)}
				}
				doc.Regions = append(doc.Regions, marsad.Region{Span: sp, Kind: marsad.RegionCaption})
				continue
			}
			if isByline(l.text) {
				doc.Regions = append(doc.Regions, marsad.Region{Span: sp, Kind: marsad.RegionByline})
				continue
			}
		}
		sawBody = true
		doc.Regions = append(doc.Regions, marsad.Region{Span: sp, Kind: marsad.RegionBody})
	}
	tokenize(doc)
}

func setIfEmpty(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// looksLikeTitle: a short first line with no sentence-final stop.
func looksLikeTitle(s string) bool {
	n := len(strings.Fields(s))
	if n == 0 || n > 25 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return last != '.' && last != ':' && last != '،'
}

// caption recognises a photo caption: a line before the body that ends with a short
// credit in parentheses, «… (الأناضول)», «… (فرانس برس)», «… (Getty)».
func caption(rs []rune, l line) (cap, credit marsad.Span, ok bool) {
	t := []rune(l.text)
	if len(t) < 4 || t[len(t)-1] != ')' {
		return cap, credit, false
	}
	open := -1
	for k := len(t) - 2; k >= 0; k-- {
		if t[k] == '(' {
			open = k
			break
		}
	}
	if open <= 0 || len(strings.Fields(string(t[open+1:len(t)-1]))) > 4 || len(strings.Fields(string(t[:open]))) > 40 {
		return cap, credit, false
	}
	cap = marsad.Span{Start: l.tstart, End: l.tstart + len(t)}
	credit = marsad.Span{Start: l.tstart + open + 1, End: l.tstart + len(t) - 1}
	return cap, credit, true
}

// isWidgetLine: lines of only symbols and a few widget words (font size, share).
func isWidgetLine(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n < 12
}

// isByline: "لندن - العربي الجديد", "بيروت ـ رويترز": a short line with a dash.
func isByline(s string) bool {
	f := strings.Fields(s)
	if len(f) > 7 || len(f) < 3 {
		return false
	}
	for _, w := range f {
		if w == "-" || w == "ـ" || w == "–" || w == "—" {
			return !strings.ContainsAny(s, ".،\"«")
		}
	}
	return false
}

// tokenize tokenises the regions that carry text (title, caption, body) and splits
// them into sentences; header lines, datelines, bylines and furniture are skipped.
func tokenize(doc *nlp.Document) {
	for _, reg := range doc.Regions {
		switch reg.Kind {
		case marsad.RegionTitle, marsad.RegionBody, marsad.RegionCaption:
		default:
			continue
		}
		end := reg.End
		if reg.Kind == marsad.RegionCaption && end > reg.Start && doc.Runes[end-1] == ')' {
			end-- // the credit's closing parenthesis (of this caption, not Meta.Credit's)
		}
		if doc.Tokens == nil {
			doc.Tokens = make([]arabic.Token, 0, len(doc.Runes)/5+1)
		}
		base := len(doc.Tokens)
		doc.Tokens = arabic.AppendTokens(doc.Tokens, doc.Slice(reg.Start, end))
		toks := doc.Tokens[base:]
		for k := range toks {
			toks[k].Start += reg.Start
			toks[k].End += reg.Start
			toks[k].Line = reg.Start // regions never share a line
		}
		for _, s := range arabic.Sentences(toks) {
			s.First += base
			s.Last += base
			doc.Sentences = append(doc.Sentences, nlp.Sentence{Sentence: s, Region: reg.Kind})
		}
	}
}
