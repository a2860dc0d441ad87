// Package extract pulls the article out of a saved or fetched HTML page with
// codeberg.org/readeck/go-readability/v2 (a maintained Go port of Mozilla's
// Readability): the headline, the publication date (meta tags, JSON-LD, <time>
// elements, a dateline), the author, the photo caption and its credit (<figcaption>),
// and the main text as paragraphs, ready for the coder as a reader.Input.
//
//	a, err := extract.Extract(page, "https://example.org/news/1")
//	if err != nil { … }             // marsad.TooLarge or marsad.Invalid
//	rec, err := coder.Code(ctx, a.Input("news-1"))
//
// Hostile pages are expected: input over Options.MaxBytes, with more than MaxElements
// elements or more than MaxText bytes of text, is refused (marsad.TooLarge); elements
// nested deeper than MaxDepth are flattened to their text in one linear pass before
// the HTML parser and the extraction library (whose tree walks recurse, and cost depth
// × text) see them; scripts, styles and templates never reach the text; a panic in
// the library becomes an error of kind marsad.Internal. Pages in legacy encodings
// (windows-1256, ISO-8859-6…) are decoded by their <meta charset> or by sniffing.
package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/dates"
	"github.com/marsad-project/marsad/reader"
)

// Defaults of Options.
const (
	DefaultMaxBytes    = 8 << 20
	DefaultMaxElements = 200_000
	DefaultMaxDepth    = 64
	DefaultMaxText     = 512 << 10
)

// Options bound the work done on one page. Zero fields take the defaults.
type Options struct {
	MaxBytes    int // largest page accepted, in bytes
	MaxElements int // most elements in the parsed page
	MaxDepth    int // deeper elements are flattened to their text
	MaxText     int // most bytes of text (markup, scripts and styles left out)
}

// Article is what Extract finds in a page.
type Article struct {
	URL      string
	Title    string
	Author   string
	SiteName string
	Language string
	// Published is the publication time, zero when the page gives none;
	// PublishedFrom says where it was found: "metadata" (meta tags, JSON-LD),
	// "time" (a <time> element) or "dateline" (a line of the page holding only a date).
	Published     time.Time
	PublishedFrom string
	// Caption is the first photo caption of the article (credit left out) and Credit
	// its credit: a credit element inside the <figcaption> or a trailing «(…)».
	Caption string
	Credit  string
	// Paragraphs is the main text, one paragraph per element, white space collapsed.
	Paragraphs []string
}

// Text returns the main text, paragraphs separated by a blank line.
func (a *Article) Text() string { return strings.Join(a.Paragraphs, "\n\n") }

// Input returns the article as the coder's input: the corpus format, with header lines
// (title:, date:, author:, source:, url:), a blank line, the caption with its credit in
// parentheses (which the reader recognises as a caption), and the paragraphs.
func (a *Article) Input(id string) reader.Input {
	var b strings.Builder
	header := func(k, v string) {
		if v = oneLine(v); v != "" {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	header("title", a.Title)
	if !a.Published.IsZero() {
		header("date", a.Published.Format(time.RFC3339))
	}
	header("author", a.Author)
	header("source", a.SiteName)
	header("url", a.URL)
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	if c := oneLine(a.Caption); c != "" && a.Credit != "" {
		b.WriteString(c + " (" + oneLine(a.Credit) + ")\n\n")
	}
	b.WriteString(a.Text())
	b.WriteString("\n")
	return reader.Input{ID: id, Raw: []byte(b.String()), Title: oneLine(a.Title), Published: a.Published,
		URL: a.URL, Source: oneLine(a.SiteName)}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// IsHTML reports whether a file holds HTML: by its name's extension (.html, .htm,
// .xhtml, .shtml) or, for other names, by its first non-blank bytes (a doctype, an
// <html>, <head>, <body>, <article>, <div>, <p> or <meta> tag, or an HTML comment).
func IsHTML(name string, b []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return true
	case ".txt", ".text", ".json", ".jsonl":
		return false
	}
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\uFEFF")), " \t\r\n")
	if len(b) > 512 {
		b = b[:512]
	}
	lower := bytes.ToLower(b)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ", "<meta", "<!--", "<title"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return true
		}
	}
	return false
}

// Extract extracts the article of a page with the default Options.
func Extract(page []byte, pageURL string) (*Article, error) {
	return Options{}.Extract(page, pageURL)
}

// Extract extracts the article of a page. pageURL (may be empty) resolves relative
// links and is kept in Article.URL. A page with no readable text gives an Article with
// no paragraphs and no error.
func (o Options) Extract(page []byte, pageURL string) (a *Article, err error) {
	const op = "extract.Extract"
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxElements <= 0 {
		o.MaxElements = DefaultMaxElements
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxText <= 0 {
		o.MaxText = DefaultMaxText
	}
	if len(page) > o.MaxBytes {
		return nil, marsad.Errorf(op, marsad.TooLarge, "page is %d bytes, over the limit of %d", len(page), o.MaxBytes)
	}
	var u *url.URL
	if pageURL != "" {
		if u, err = url.Parse(pageURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, marsad.Errorf(op, marsad.Invalid, "page URL %q is not an http(s) URL", pageURL)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, marsad.Errorf(op, marsad.Internal, "extraction panic: %v", r)
		}
	}()
	enc, _, _ := charset.DetermineEncoding(page, "text/html")
	if utf8.Valid(page) {
		enc = nil // valid UTF-8 stays UTF-8 whatever a stray meta tag says
	}
	text := page
	if enc != nil {
		if text, err = enc.NewDecoder().Bytes(page); err != nil {
			return nil, marsad.E(op, marsad.Invalid, fmt.Errorf("decoding the page: %w", err))
		}
	}
	text = bytes.ToValidUTF8(bytes.ReplaceAll(text, []byte{0}, nil), []byte("\uFFFD"))
	text, _, ok := flatten(text, o.MaxDepth, o.MaxElements, o.MaxText)
	if !ok {
		return nil, marsad.Errorf(op, marsad.TooLarge, "page has over %d elements or %d bytes of text", o.MaxElements, o.MaxText)
	}
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	if n := prune(doc, o.MaxDepth); n > o.MaxElements {
		return nil, marsad.Errorf(op, marsad.TooLarge, "page has %d elements, over the limit of %d", n, o.MaxElements)
	}
	a = &Article{URL: pageURL}
	meta := scanMeta(doc)
	a.Caption, a.Credit = meta.caption, meta.credit
	if meta.captionNode != nil {
		detach(meta.captionNode) // given apart; not body text
	}
	p := readability.NewParser()
	p.MaxElemsToParse = o.MaxElements
	art, rerr := p.ParseAndMutate(doc, u)
	if rerr == nil {
		a.Title = oneLine(art.Title())
		a.Author = oneLine(art.Byline())
		a.SiteName = oneLine(art.SiteName())
		a.Language = art.Language()
		if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
			a.Published, a.PublishedFrom = t, "metadata"
		}
		if art.Node != nil {
			a.Paragraphs = paragraphs(art.Node)
		}
	}
	if meta.h1 != "" && (a.Title == "" || strings.HasPrefix(meta.titleTag, a.Title)) {
		// The library fell back on the <title> (site name and all): the page's own
		// headline is better.
		a.Title = meta.h1
	}
	if a.Title == "" {
		a.Title = meta.titleTag
	}
	if a.Author == "" {
		a.Author = meta.author
	}
	if a.Published.IsZero() && !meta.published.IsZero() {
		a.Published, a.PublishedFrom = meta.published, meta.publishedFrom
	}
	if len(a.Paragraphs) == 0 {
		a.Paragraphs = meta.paragraphs // the library found no article: every <p>
	}
	a.Paragraphs = dropDuplicates(a, a.Paragraphs)
	return a, nil
}

// dropDuplicates removes paragraphs that repeat the title, the caption or a dateline
// (they are given apart) and records a dateline as the publication date when the page
// had none.
func dropDuplicates(a *Article, ps []string) []string {
	out := ps[:0]
	for i, p := range ps {
		if p == a.Title || (a.Caption != "" && strings.HasPrefix(p, a.Caption)) {
			continue
		}
		if i < 4 {
			if t, ok := dates.ParseLine(p); ok {
				if a.Published.IsZero() {
					a.Published, a.PublishedFrom = t, "dateline"
				}
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// prune removes scripts, styles, templates and comments, flattens elements deeper than
// maxDepth into a text node, and returns the number of elements left. It walks the
// tree without recursion.
func prune(root *html.Node, maxDepth int) int {
	type frame struct {
		n     *html.Node
		depth int
	}
	count := 0
	stack := []frame{{root, 0}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := f.n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case c.Type == html.CommentNode:
				f.n.RemoveChild(c)
			case c.Type == html.ElementNode && (c.DataAtom == atom.Script && !isJSONLD(c) || c.DataAtom == atom.Style ||
				c.DataAtom == atom.Template || c.DataAtom == atom.Noscript || c.DataAtom == atom.Iframe || c.DataAtom == atom.Object):
				f.n.RemoveChild(c)
			case c.Type == html.ElementNode:
				count++
				if f.depth+1 >= maxDepth {
					t := &html.Node{Type: html.TextNode, Data: " " + textOf(c) + " "}
					f.n.InsertBefore(t, c)
					f.n.RemoveChild(c)
				} else {
					stack = append(stack, frame{c, f.depth + 1})
				}
			}
			c = next
		}
	}
	return count
}

func isJSONLD(n *html.Node) bool {
	return strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func detach(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// textOf returns the text under n, without recursion, scripts and styles left out.
func textOf(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch x.Type {
		case html.TextNode:
			b.WriteString(x.Data)
			continue
		case html.ElementNode:
			if x.DataAtom == atom.Script || x.DataAtom == atom.Style {
				continue
			}
			if x.DataAtom == atom.Br || isBlock(x.DataAtom) {
				b.WriteByte(' ')
			}
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Main, atom.Nav,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Blockquote, atom.Pre, atom.Table, atom.Tr, atom.Td, atom.Th, atom.Figure, atom.Figcaption,
		atom.Hr, atom.Address, atom.Details, atom.Summary, atom.Form, atom.Fieldset:
		return true
	}
	return false
}

// paragraphs renders the text under n as paragraphs: each block element and each <br>
// ends a paragraph; white space inside one collapses to a space. A paragraph that is
// all link text (a menu, a list of related articles) is left out. It walks the tree
// without recursion.
func paragraphs(n *html.Node) []string {
	var out []string
	var cur strings.Builder
	letters, linked, inLink := 0, 0, 0
	flush := func() {
		if p := oneLine(cur.String()); p != "" && letters > 0 && linked*10 < letters*9 {
			out = append(out, p)
		}
		cur.Reset()
		letters, linked = 0, 0
	}
	type item struct {
		n         *html.Node
		end       bool // leaving a block element
		leaveLink bool // leaving an <a>
	}
	stack := []item{{n: n}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		x := it.n
		switch {
		case it.end:
			flush()
			continue
		case it.leaveLink:
			inLink--
			continue
		}
		switch x.Type {
		case html.TextNode:
			cur.WriteString(x.Data)
			k := countLetters(x.Data)
			letters += k
			if inLink > 0 {
				linked += k
			}
			continue
		case html.ElementNode:
			switch {
			case x.DataAtom == atom.Script || x.DataAtom == atom.Style || x.DataAtom == atom.Figcaption:
				continue
			case x.DataAtom == atom.Br:
				flush()
				continue
			case x.DataAtom == atom.A:
				inLink++
				stack = append(stack, item{n: x, leaveLink: true})
			case isBlock(x.DataAtom):
				flush()
				stack = append(stack, item{n: x, end: true})
			}
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, item{n: c})
		}
	}
	flush()
	return out
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
