package arabic

import (
	"strings"
	"unicode/utf8"
)

// Folded forms of the clitics the lookup strips. All strings here are already folded.
const (
	articleAl = "ال"
	lil       = "لل"
)

// Keys returns the lookup keys of a folded word: the word itself, then the forms with
// its proclitics removed — conjunctions و ف, prepositions ب ل ك, the article ال (and
// لل → ال), the future prefix س on imperfect verbs — longest first. Lexicon entries are
// stored folded as written (with or without ال); a text token matches an entry when any
// of its keys equals the entry's word. Words of two letters or less are returned as is.
func Keys(w string) []string {
	keys := make([]string, 0, 6)
	return AppendKeys(keys, w)
}

// AppendKeys is Keys appending to dst, for callers that reuse a buffer.
//
// Every clitic it strips is one two-byte letter, so the code-point counts of the
// shorter forms follow from the word's, counted once.
func AppendKeys(dst []string, w string) []string {
	dst = append(dst, w)
	n := runeCount(w)
	if n <= 2 {
		return dst
	}
	type stem struct {
		s string
		n int
	}
	var stems [2]stem
	ns := 0
	stems[ns] = stem{w, n}
	ns++
	if strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف") {
		if rest := w[len("و"):]; n-1 >= 2 {
			dst = addKey(dst, rest, n-1)
			stems[ns] = stem{rest, n - 1}
			ns++
		}
	}
	for _, st := range stems[:ns] {
		s, sn := st.s, st.n
		base, bn := s, sn
		switch {
		case strings.HasPrefix(s, lil) && sn > 3:
			dst = addKey(dst, articleAl+s[len(lil):], sn)
			dst = addKey(dst, s[len(lil):], sn-2)
			dst = addKey(dst, s[len("ل"):], sn-1) // «لليبرمان»: ل + ليبرمان
			continue
		case strings.HasPrefix(s, "ب") || strings.HasPrefix(s, "ل") || strings.HasPrefix(s, "ك"):
			if sn >= 4 {
				base, bn = s[len("ب"):], sn-1
				dst = addKey(dst, base, bn)
			}
		case strings.HasPrefix(s, "س") && sn >= 5:
			if r := s[len("س"):]; strings.HasPrefix(r, "ي") || strings.HasPrefix(r, "ت") ||
				strings.HasPrefix(r, "ن") || strings.HasPrefix(r, "ا") {
				dst = addKey(dst, r, sn-1)
			}
		}
		if strings.HasPrefix(s, articleAl) && sn >= 4 {
			dst = addKey(dst, s[len(articleAl):], sn-2)
		}
		if strings.HasPrefix(base, articleAl) && bn >= 4 {
			dst = addKey(dst, base[len(articleAl):], bn-2)
		}
	}
	return dst
}

// addKey appends s, of n code points, to the keys in dst unless it is shorter than two
// code points or already there.
func addKey(dst []string, s string, n int) []string {
	if n < 2 {
		return dst
	}
	for _, k := range dst {
		if k == s {
			return dst
		}
	}
	return append(dst, s)
}

// StripArticle removes a leading ال from a folded word of four or more letters.
func StripArticle(w string) string {
	if strings.HasPrefix(w, articleAl) && runeCount(w) >= 4 {
		return w[len(articleAl):]
	}
	return w
}

// HasConjunction reports whether a folded word starts with the conjunction و or ف
// followed by at least three letters.
func HasConjunction(w string) bool {
	return (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) && runeCount(w) >= 4
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

// RuneCount returns the number of code points in s.
func RuneCount(s string) int { return runeCount(s) }

// IsFutureKey reports whether key is tok (folded) without the future prefix س, which
// only verbs carry: names must not be found through it («ستدمر» is not «تدمر»).
func IsFutureKey(tok, key string) bool {
	for _, p := range []string{"س", "وس", "فس"} {
		if strings.HasPrefix(tok, p) && tok[len(p):] == key {
			return true
		}
	}
	return false
}

// StripConjunction removes the conjunction و or ف from a folded word of four or more
// letters («والعراق» → «العراق»); shorter words are returned as they are.
func StripConjunction(w string) string {
	if HasConjunction(w) {
		return w[len("و"):]
	}
	return w
}
