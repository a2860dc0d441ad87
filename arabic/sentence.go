package arabic

// Sentence is a run of tokens [First, Last) with its code-point span.
type Sentence struct {
	Start, End  int // code points
	First, Last int // token indexes, Last exclusive
}

// IsSentenceEnd reports whether a punctuation token ends a sentence.
func IsSentenceEnd(t Token) bool {
	if t.Kind != Punct {
		return false
	}
	switch t.Rune() {
	case '.', '!', '?', ArabicQuestion, ArabicFullStop, '…':
		return true
	}
	return false
}

// IsClauseBreak reports whether a punctuation token separates clauses (، ؛ : and the
// sentence ends).
func IsClauseBreak(t Token) bool {
	if t.Kind != Punct {
		return false
	}
	switch t.Rune() {
	case ArabicComma, ',', ArabicSemicolon, ';', ':':
		return true
	}
	return IsSentenceEnd(t)
}

// Sentences splits tokens into sentences: a sentence ends at . ! ? ؟ (closing quotes and
// brackets that follow stay with it) and at every line break. A full stop between two
// numbers does not end a sentence.
func Sentences(toks []Token) []Sentence {
	var out []Sentence
	start := 0
	flush := func(end int) {
		if end > start {
			out = append(out, Sentence{Start: toks[start].Start, End: toks[end-1].End, First: start, Last: end})
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		if i > start && toks[i].Line != toks[i-1].Line {
			flush(i)
		}
		if IsSentenceEnd(toks[i]) {
			j := i + 1
			for j < len(toks) && toks[j].Line == toks[i].Line && toks[j].Kind == Punct &&
				(toks[j].IsQuote() || toks[j].Rune() == ')' || toks[j].Rune() == ']' || IsSentenceEnd(toks[j])) {
				j++
			}
			// An opening quote right after the stop belongs to the next sentence when
			// a word follows it with no space between.
			if j > i+1 && toks[j-1].IsQuote() && !toks[j-1].SpaceAfter && j < len(toks) && toks[j].Kind != Punct &&
				toks[j-1].Start > toks[i].End {
				j--
			}
			flush(j)
			i = j - 1
		}
	}
	flush(len(toks))
	return out
}
