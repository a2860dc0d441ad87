package extract

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// optionalEnd are elements whose end tag may be left out (or that are void): they do
// not count towards nesting depth, since a page may open hundreds of them unclosed.
var optionalEnd = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Option: true, atom.Optgroup: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Colgroup: true, atom.Caption: true, atom.Rb: true, atom.Rt: true, atom.Rp: true, atom.Rtc: true,
	atom.Html: true, atom.Head: true, atom.Body: true,
	// void elements
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true, atom.Track: true,
	atom.Wbr: true,
}

// rawText are the elements whose content the tokenizer reads as raw text.
var rawText = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Title: true,
	atom.Xmp: true, atom.Iframe: true, atom.Noembed: true, atom.Noframes: true, atom.Noscript: true, atom.Plaintext: true}

// flatten rewrites a page in one linear pass of the tokenizer so that the HTML parser
// (whose scope checks walk the stack of open elements) never sees elements nested
// deeper than maxDepth: start and end tags past that depth are dropped, their text
// kept. It also counts start tags and text bytes (raw text such as scripts left out)
// and stops with ok=false past maxElems or maxText. Comments are
// dropped. Pages within the limits come out unchanged but for comments.
func flatten(page []byte, maxDepth, maxElems, maxText int) (out []byte, elems int, ok bool) {
	z := html.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(0)
	var b bytes.Buffer
	b.Grow(len(page))
	var open []atom.Atom        // counted open elements
	skipped := map[string]int{} // dropped start tags awaiting their end tag
	dropText, inRaw := false, false
	text := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// io.EOF, or a token over the tokenizer's buffer: what came before stands.
			return b.Bytes(), elems, true
		case html.CommentToken:
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
			inRaw = false
			elems++
			if elems > maxElems {
				return nil, elems, false
			}
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if tt == html.SelfClosingTagToken || optionalEnd[a] || a == 0 && len(name) == 0 {
				b.Write(z.Raw())
				continue
			}
			if len(open) >= maxDepth {
				skipped[string(name)]++
				space(&b)
				dropText = rawText[a] // the tokenizer reads its content as raw text
				continue
			}
			open = append(open, a)
			inRaw = rawText[a]
			b.Write(z.Raw())
		case html.EndTagToken:
			name, _ := z.TagName()
			if n := skipped[string(name)]; n > 0 {
				skipped[string(name)] = n - 1
				space(&b)
				continue
			}
			a := atom.Lookup(name)
			if !optionalEnd[a] {
				// Close up to the matching open element, as the parser would.
				for i := len(open) - 1; i >= 0; i-- {
					if open[i] == a {
						open = open[:i]
						break
					}
				}
			}
			b.Write(z.Raw())
		case html.TextToken:
			if dropText {
				dropText = false
				continue
			}
			if !inRaw {
				if text += len(z.Raw()); text > maxText {
					return nil, elems, false
				}
			}
			inRaw = false
			b.Write(z.Raw())
		default:
			b.Write(z.Raw())
		}
	}
}

// space writes a space unless the output already ends with one, so that thousands of
// dropped tags leave one space, not thousands.
func space(b *bytes.Buffer) {
	if n := b.Len(); n == 0 || b.Bytes()[n-1] != ' ' {
		b.WriteByte(' ')
	}
}
