package arabic

import (
	"unicode"
	"unicode/utf8"
)

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word   TokenKind = iota // a run of letters (Arabic or Latin), diacritics and tatweel
	Number                  // a run of digits, with inner decimal or thousands separators
	Punct                   // one punctuation or symbol code point
)

// Token is a word, number or punctuation mark with its code-point span in the input.
type Token struct {
	Start, End int       // code-point offsets into the input
	Text       string    // the surface form
	Norm       string    // the folded form (FoldRune); ASCII digits for numbers
	Kind       TokenKind //
	SpaceAfter bool      // whether white space follows the token
	Line       int       // 0-based line number of the token's start
	keys       []string  // Keys(Norm), computed once by Tokenize
}

// Keys returns the token's lookup keys (see the function Keys), computed once.
func (t Token) Keys() []string {
	if t.keys != nil {
		return t.keys
	}
	return Keys(t.Norm)
}

// IsQuote reports whether the token is a quotation mark.
func (t Token) IsQuote() bool {
	return t.Kind == Punct && IsQuoteRune(firstRune(t.Text))
}

// IsQuoteRune reports whether r opens or closes a quotation.
func IsQuoteRune(r rune) bool {
	switch r {
	case '"', '«', '»', '“', '”', '„', '‟', '″', '＂':
		return true
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// Rune returns the first code point of the token's text.
func (t Token) Rune() rune { return firstRune(t.Text) }

func isWordRune(r rune) bool {
	if r >= 0 && r < wordTableSize {
		return wordTable[r]
	}
	return isWordRuneComputed(r)
}

// wordTableSize covers ASCII, Latin, Greek, Cyrillic and the Arabic block, as the
// folding table does: isWordRune reads a table there.
const wordTableSize = foldTableSize

var wordTable = func() (t [wordTableSize]bool) {
	for r := range t {
		t[r] = isWordRuneComputed(rune(r))
	}
	return t
}()

func isWordRuneComputed(r rune) bool {
	return IsArabicLetter(r) || IsDiacritic(r) || r == Tatweel || unicode.IsLetter(r) ||
		r == ZeroWidthNonJoin || r == ZeroWidthJoiner
}

// Tokenize splits s into tokens. White space separates tokens and is not returned;
// every other code point belongs to exactly one token. Offsets count code points.
//
// Token texts are substrings of s, forms that folding leaves alone are shared with the
// text, and the tokens' keys share one backing array: a token costs no allocation of
// its own unless folding changes it.
func Tokenize(s string) []Token {
	return AppendTokens(make([]Token, 0, len(s)/6+1), s)
}

// AppendTokens is Tokenize appending the tokens of s to dst (offsets from the start
// of s), for callers that gather the tokens of several texts in one slice.
func AppendTokens(dst []Token, s string) []Token {
	if !utf8.ValidString(s) {
		return append(dst, tokenizeRunes(s)...) // invalid bytes become U+FFFD in the texts
	}
	toks := dst
	keys := make([]string, 0, len(s)/5+1)
	line := 0
	i, b := 0, 0 // code-point and byte offsets
	add := func(e, j int, kind TokenKind) {
		t := Token{Start: i, End: j, Text: s[b:e], Kind: kind, Line: line}
		if kind == Number {
			t.Norm = numberNorm(t.Text)
		} else {
			t.Norm = Fold(t.Text)
		}
		// Numbers and marks get their keys too (themselves): Keys() on them then
		// allocates nothing, and stages ask it of every token.
		var scratch [8]string
		k := AppendKeys(scratch[:0], t.Norm)
		start := len(keys)
		keys = append(keys, k...)
		t.keys = keys[start:len(keys):len(keys)]
		if e < len(s) {
			r, _ := utf8.DecodeRuneInString(s[e:])
			t.SpaceAfter = unicode.IsSpace(r)
		}
		toks = append(toks, t)
		i, b = j, e
	}
	for b < len(s) {
		r, sz := utf8.DecodeRuneInString(s[b:])
		switch {
		case r == '\n':
			line++
			i, b = i+1, b+sz
		case unicode.IsSpace(r) || r == LeftToRightMark || r == RightToLeftMark || r == '\uFEFF':
			i, b = i+1, b+sz
		case DigitValue(r) >= 0:
			j, e := i+1, b+sz
			for e < len(s) {
				r2, sz2 := utf8.DecodeRuneInString(s[e:])
				if DigitValue(r2) >= 0 {
					j, e = j+1, e+sz2
					continue
				}
				if (r2 == '.' || r2 == ',' || r2 == ArabicDecimalSep || r2 == ArabicThousands) && e+sz2 < len(s) {
					if r3, sz3 := utf8.DecodeRuneInString(s[e+sz2:]); DigitValue(r3) >= 0 {
						j, e = j+2, e+sz2+sz3
						continue
					}
				}
				break
			}
			add(e, j, Number)
		case isWordRune(r):
			j, e := i+1, b+sz
			for e < len(s) {
				r2, sz2 := utf8.DecodeRuneInString(s[e:])
				if !isWordRune(r2) {
					break
				}
				j, e = j+1, e+sz2
			}
			add(e, j, Word)
		default:
			add(b+sz, i+1, Punct)
		}
	}
	return toks
}

// numberNorm is a number's folded form: ASCII digits and a decimal point.
func numberNorm(text string) string {
	b := make([]byte, 0, len(text))
	for _, r := range text {
		if d := DigitValue(r); d >= 0 {
			b = append(b, byte('0'+d))
		} else if r == '.' || r == ArabicDecimalSep {
			b = append(b, '.')
		}
	}
	return string(b)
}

// tokenizeRunes is Tokenize over code points, for text that is not valid UTF-8.
func tokenizeRunes(s string) []Token {
	toks := make([]Token, 0, len(s)/6+1)
	rs := []rune(s)
	line := 0
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '\n':
			line++
			i++
		case unicode.IsSpace(r) || r == LeftToRightMark || r == RightToLeftMark || r == '\uFEFF':
			i++
		case DigitValue(r) >= 0:
			j := i + 1
			for j < len(rs) {
				if DigitValue(rs[j]) >= 0 {
					j++
					continue
				}
				if (rs[j] == '.' || rs[j] == ',' || rs[j] == ArabicDecimalSep || rs[j] == ArabicThousands) &&
					j+1 < len(rs) && DigitValue(rs[j+1]) >= 0 {
					j += 2
					continue
				}
				break
			}
			toks = append(toks, newToken(rs, i, j, Number, line))
			i = j
		case isWordRune(r):
			j := i + 1
			for j < len(rs) && isWordRune(rs[j]) {
				j++
			}
			toks = append(toks, newToken(rs, i, j, Word, line))
			i = j
		default:
			toks = append(toks, newToken(rs, i, i+1, Punct, line))
			i++
		}
	}
	for k := range toks {
		end := toks[k].End
		toks[k].SpaceAfter = end < len(rs) && unicode.IsSpace(rs[end])
	}
	return toks
}

func newToken(rs []rune, i, j int, kind TokenKind, line int) Token {
	text := string(rs[i:j])
	norm := Fold(text)
	if kind == Number {
		norm = numberNorm(text)
	}
	return Token{Start: i, End: j, Text: text, Norm: norm, Kind: kind, Line: line, keys: Keys(norm)}
}
