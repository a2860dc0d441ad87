package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/marsad-project/marsad/dates"
)

// pageMeta is what scanMeta finds by itself, as a fallback to the library's metadata
// and for what the library does not give (time elements, captions).
type pageMeta struct {
	h1, titleTag    string // the first <h1>, the <title>
	author          string
	published       time.Time
	publishedFrom   string
	caption, credit string
	captionNode     *html.Node // the <figcaption>
	paragraphs      []string   // every <p>, for pages the library cannot read
}

// dateMeta are the meta names and properties, beyond the library's own, that hold a
// publication date.
var dateMeta = map[string]bool{
	"date": true, "pubdate": true, "publishdate": true, "publish-date": true, "publish_date": true,
	"dc.date": true, "dc.date.issued": true, "dcterms.date": true, "article.published": true,
	"og:published_time": true, "sailthru.date": true, "datepublished": true, "release_date": true,
}

// scanMeta walks the page once, without recursion.
func scanMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var timeAttr, timeText time.Time
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attr(n, "name") + attr(n, "property") + attr(n, "itemprop"))
				val := strings.TrimSpace(attr(n, "content"))
				if dateMeta[key] && m.published.IsZero() {
					if t, ok := dates.ParseISO(val); ok {
						m.published, m.publishedFrom = t, "metadata"
					}
				}
				if key == "author" && m.author == "" && !strings.Contains(val, "://") {
					m.author = oneLine(val)
				}
			case atom.Time:
				dt := attr(n, "datetime")
				if t, ok := dates.ParseISO(strings.TrimSpace(dt)); ok && timeAttr.IsZero() {
					timeAttr = t
				} else if t, ok := dates.ParseLine(oneLine(textOf(n))); ok && timeText.IsZero() {
					timeText = t
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = oneLine(textOf(n))
				}
			case atom.Title:
				if m.titleTag == "" {
					m.titleTag = oneLine(textOf(n))
				}
			case atom.Figcaption:
				if m.captionNode == nil {
					if c, cr := figcaption(n); c != "" {
						m.caption, m.credit, m.captionNode = c, cr, n
					}
				}
			case atom.P:
				if p := oneLine(textOf(n)); p != "" && hasLetterOrDigit(p) {
					m.paragraphs = append(m.paragraphs, p)
				}
			case atom.A:
				if m.author == "" && strings.EqualFold(attr(n, "rel"), "author") {
					m.author = oneLine(textOf(n))
				}
			}
			if strings.EqualFold(attr(n, "itemprop"), "datePublished") && m.published.IsZero() {
				if t, ok := dates.ParseISO(strings.TrimSpace(attr(n, "datetime") + attr(n, "content"))); ok {
					m.published, m.publishedFrom = t, "metadata"
				}
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	if m.published.IsZero() {
		switch {
		case !timeAttr.IsZero():
			m.published, m.publishedFrom = timeAttr, "time"
		case !timeText.IsZero():
			m.published, m.publishedFrom = timeText, "time"
		}
	}
	return m
}

// figcaption returns a caption's text and credit: the text of a credit element inside
// it (class or itemprop naming a credit, copyright, source or author; a <small> or a
// <cite>), or else a trailing parenthesised «(…)» of at most 40 characters.
func figcaption(n *html.Node) (caption, credit string) {
	var creditNode *html.Node
	stack := []*html.Node{n}
	for len(stack) > 0 && creditNode == nil {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x != n && x.Type == html.ElementNode {
			cls := strings.ToLower(attr(x, "class") + " " + attr(x, "itemprop"))
			if x.DataAtom == atom.Small || x.DataAtom == atom.Cite || strings.Contains(cls, "credit") ||
				strings.Contains(cls, "copyright") || strings.Contains(cls, "source") || strings.Contains(cls, "author") {
				creditNode = x
				break
			}
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	if creditNode != nil {
		credit = oneLine(textOf(creditNode))
		parent := creditNode.Parent
		parent.RemoveChild(creditNode)
		caption = oneLine(textOf(n))
		parent.AppendChild(creditNode)
	} else {
		caption = oneLine(textOf(n))
	}
	credit = strings.Trim(credit, "()© ")
	if credit == "" && strings.HasSuffix(caption, ")") {
		if i := strings.LastIndex(caption, "("); i > 0 {
			if c := strings.TrimSpace(caption[i+1 : len(caption)-1]); c != "" && utf8.RuneCountInString(c) <= 40 {
				credit = c
				caption = strings.TrimSpace(caption[:i])
			}
		}
	}
	return caption, credit
}
