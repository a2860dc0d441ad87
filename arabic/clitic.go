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
func AppendKeys(dst []string, w string) []string {
	dst = append(dst, w)
	if runeCount(w) <= 2 {
		return dst
	}
	add := func(s string) {
		if runeCount(s) < 2 {
			return
		}
		for _, k := range dst {
			if k == s {
				return
			}
		}
		dst = append(dst, s)
	}
	var stems [2]string
	n := 0
	stems[n] = w
	n++
	if strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف") {
		rest := w[len("و"):]
		if runeCount(rest) >= 2 {
			add(rest)
			stems[n] = rest
			n++
		}
	}
	for _, s := range stems[:n] {
		base := s
		switch {
		case strings.HasPrefix(s, lil) && runeCount(s) > 3:
			add(articleAl + s[len(lil):])
			add(s[len(lil):])
			add(s[len("ل"):]) // «لليبرمان»: ل + ليبرمان
			continue
		case strings.HasPrefix(s, "ب") || strings.HasPrefix(s, "ل") || strings.HasPrefix(s, "ك"):
			if runeCount(s) >= 4 {
				base = s[len("ب"):]
				add(base)
			}
		case strings.HasPrefix(s, "س") && runeCount(s) >= 5:
			if r := s[len("س"):]; strings.HasPrefix(r, "ي") || strings.HasPrefix(r, "ت") ||
				strings.HasPrefix(r, "ن") || strings.HasPrefix(r, "ا") {
				add(r)
			}
		}
		for _, b := range []string{s, base} {
			if strings.HasPrefix(b, articleAl) && runeCount(b) >= 4 {
				add(b[len(articleAl):])
			}
		}
	}
	return dst
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
