package arabic

import (
	"strings"
	"unicode/utf8"
)

// Search keys: the index terms of full-text search. They trade precision for recall, as
// a search box should: a query word finds its inflected, prefixed and variously spelled
// forms. A key is computed from a folded word (FoldRune) in three steps:
//
//  1. one proclitic group is removed: the article with its particles (وال فال بال كال
//     وبال فبال وكال لل ال), leaving at least two letters;
//  2. one common suffix is removed (plural ات ون ين ان, nisba يه from «ية», pronouns ها
//     هم هن كم نا, the folded teh marbuta ه, the nisba ي), leaving at least three letters
//     (and the ت a teh marbuta becomes before a pronoun: «حكومتها»);
//  3. the long vowels ا و ي after the first letter are dropped, so that spelling
//     variants of foreign names meet («أمريكية» and «أميركية» both give «امرك»).
//
// Words of two letters or less and numbers are their own keys.

// searchPrefixes are the proclitic groups SearchKey removes, longest first.
var searchPrefixes = []string{"وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "لل", "ال"}

// searchSuffixes are the suffixes SearchKey removes, longest first.
var searchSuffixes = []string{"يات", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "هن", "كم", "نا", "ه", "ي"}

// SearchKey returns the full-text search key of a folded word (see Fold). It is used on
// both sides, indexing and querying, so only consistency matters, not linguistics.
func SearchKey(w string) string {
	if utf8.RuneCountInString(w) <= 2 {
		return w
	}
	for _, p := range searchPrefixes {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p) >= 2 {
			w = w[len(p):]
			break
		}
	}
	for _, s := range searchSuffixes {
		if strings.HasSuffix(w, s) && utf8.RuneCountInString(w)-utf8.RuneCountInString(s) >= 3 {
			w = w[:len(w)-len(s)]
			// «حكومتها»: a teh marbuta before a pronoun is written ت.
			if pronounSuffix(s) && strings.HasSuffix(w, "ت") && utf8.RuneCountInString(w) >= 4 {
				w = w[:len(w)-len("ت")]
			}
			break
		}
	}
	var b strings.Builder
	b.Grow(len(w))
	for i, r := range w {
		if i > 0 && (r == Alef || r == Waw || r == Yeh) {
			continue
		}
		b.WriteRune(r)
	}
	if utf8.RuneCountInString(b.String()) < 2 {
		return w
	}
	return b.String()
}

// SearchKeys returns the search keys of the words and numbers of s, in order, with
// punctuation left out. Words are folded first, so s may be raw text.
func SearchKeys(s string) []string {
	toks := Tokenize(s)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		switch t.Kind {
		case Word:
			if k := SearchKey(t.Norm); k != "" {
				out = append(out, k)
			}
		case Number:
			if t.Norm != "" {
				out = append(out, t.Norm)
			}
		}
	}
	return out
}

func pronounSuffix(s string) bool {
	switch s {
	case "ها", "هم", "هن", "كم", "نا":
		return true
	}
	return false
}
