package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldRune maps one code point to its matching form. It returns -1 when the code point
// is dropped (diacritics, tatweel, zero-width and direction marks).
//
// The folding is the one used for all lexicon matching: alef forms (أ إ آ ٱ) become ا,
// ى becomes ي, ة becomes ه, ؤ becomes و, ئ becomes ي, Persian ک and ی become ك and ي,
// Arabic-Indic and Persian digits become ASCII digits, Latin letters are lower-cased.
func FoldRune(r rune) rune {
	if r >= 0 && r < foldTableSize {
		return rune(foldTable[r])
	}
	return foldRune(r)
}

// foldTableSize covers ASCII, Latin, Greek, Cyrillic and the Arabic block: the code
// points of nearly every token, folded by one table read instead of unicode.ToLower's
// search.
const foldTableSize = 0x700

var foldTable = func() (t [foldTableSize]int32) {
	for r := range t {
		t[r] = foldRune(rune(r))
	}
	return t
}()

// foldRune is FoldRune computed.
func foldRune(r rune) rune {
	switch r {
	case AlefHamzaAbove, AlefHamzaBelow, AlefMaddaAbove, AlefWasla:
		return Alef
	case AlefMaksura, FarsiYeh, YehHamzaAbove:
		return Yeh
	case TehMarbuta:
		return Heh
	case WawHamzaAbove:
		return Waw
	case Keheh:
		return Kaf
	case Tatweel, ZeroWidthNonJoin, ZeroWidthJoiner, LeftToRightMark, RightToLeftMark, '\uFEFF':
		return -1
	}
	if IsDiacritic(r) {
		return -1
	}
	if d := DigitValue(r); d >= 0 {
		return rune('0' + d)
	}
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	return unicode.ToLower(r)
}

// Normalize folds s for matching (see FoldRune) and returns the folded text with an
// offset map: offsets[i] is the code-point offset in s of the i-th code point of the
// result, and offsets[len] is the length of s in code points, so a span [a, b) of the
// result maps back to [offsets[a], offsets[b]) of s.
func Normalize(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	offsets := make([]int, 0, len(s)/2+1)
	i := 0
	for _, r := range s {
		if f := FoldRune(r); f >= 0 {
			b.WriteRune(f)
			offsets = append(offsets, i)
		}
		i++
	}
	offsets = append(offsets, i)
	return b.String(), offsets
}

// Fold returns the folded form of s without an offset map; it is Normalize's text.
// Text that folding leaves alone is returned as it is, without a copy.
func Fold(s string) string {
	for k, r := range s {
		if r == utf8.RuneError || FoldRune(r) != r {
			return foldFrom(s, k)
		}
	}
	return s
}

// foldFrom folds s, whose first k bytes fold to themselves.
func foldFrom(s string, k int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:k])
	for _, r := range s[k:] {
		if f := FoldRune(r); f >= 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// FoldPhrase folds s and collapses every run of spaces and punctuation into one space,
// the form lexicon phrases are keyed by: the folded forms (Token.Norm) of the words and
// numbers of Tokenize(s), joined by spaces. It reads s once and builds no tokens.
func FoldPhrase(s string) string {
	if !utf8.ValidString(s) {
		return foldPhraseTokens(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	sep := func() {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
	}
	for k := 0; k < len(s); {
		r, sz := utf8.DecodeRuneInString(s[k:])
		switch {
		case r == '\n' || unicode.IsSpace(r) || r == LeftToRightMark || r == RightToLeftMark || r == '\uFEFF':
			k += sz
		case DigitValue(r) >= 0:
			e := k + sz
			for e < len(s) {
				r2, sz2 := utf8.DecodeRuneInString(s[e:])
				if DigitValue(r2) >= 0 {
					e += sz2
					continue
				}
				if (r2 == '.' || r2 == ',' || r2 == ArabicDecimalSep || r2 == ArabicThousands) && e+sz2 < len(s) {
					if r3, sz3 := utf8.DecodeRuneInString(s[e+sz2:]); DigitValue(r3) >= 0 {
						e += sz2 + sz3
						continue
					}
				}
				break
			}
			sep()
			for _, r := range s[k:e] {
				if d := DigitValue(r); d >= 0 {
					b.WriteByte(byte('0' + d))
				} else if r == '.' || r == ArabicDecimalSep {
					b.WriteByte('.')
				}
			}
			k = e
		case isWordRune(r):
			sep()
			for {
				if f := FoldRune(r); f >= 0 {
					b.WriteRune(f)
				}
				k += sz
				if k >= len(s) {
					break
				}
				if r, sz = utf8.DecodeRuneInString(s[k:]); !isWordRune(r) {
					break
				}
			}
		default:
			k += sz
		}
	}
	return b.String()
}

// foldPhraseTokens is FoldPhrase through Tokenize, for text that is not valid UTF-8.
func foldPhraseTokens(s string) string {
	toks := Tokenize(s)
	var b strings.Builder
	for _, t := range toks {
		if t.Kind == Punct {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Norm)
	}
	return b.String()
}
