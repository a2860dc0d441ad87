package arabic

// Named code points of the Arabic script used by the normaliser and the tokenizer.
const (
	Hamza            = '\u0621' // ء
	AlefMaddaAbove   = '\u0622' // آ
	AlefHamzaAbove   = '\u0623' // أ
	WawHamzaAbove    = '\u0624' // ؤ
	AlefHamzaBelow   = '\u0625' // إ
	YehHamzaAbove    = '\u0626' // ئ
	Alef             = '\u0627' // ا
	TehMarbuta       = '\u0629' // ة
	Heh              = '\u0647' // ه
	Waw              = '\u0648' // و
	AlefMaksura      = '\u0649' // ى
	Yeh              = '\u064A' // ي
	Tatweel          = '\u0640' // ـ
	SuperscriptAlef  = '\u0670'
	AlefWasla        = '\u0671' // ٱ
	Keheh            = '\u06A9' // ک (Persian kaf)
	Kaf              = '\u0643' // ك
	FarsiYeh         = '\u06CC' // ی
	ArabicComma      = '\u060C' // ،
	ArabicSemicolon  = '\u061B' // ؛
	ArabicQuestion   = '\u061F' // ؟
	ArabicFullStop   = '\u06D4' // ۔
	ArabicDecimalSep = '\u066B' // ٫
	ArabicThousands  = '\u066C' // ٬
	ZeroWidthNonJoin = '\u200C'
	ZeroWidthJoiner  = '\u200D'
	LeftToRightMark  = '\u200E'
	RightToLeftMark  = '\u200F'
)

// IsDiacritic reports whether r is an Arabic diacritic (harakat, tanwin, shadda, sukun,
// Quranic marks) that normalisation drops.
func IsDiacritic(r rune) bool {
	return (r >= '\u0610' && r <= '\u061A') || (r >= '\u064B' && r <= '\u065F') ||
		r == SuperscriptAlef || (r >= '\u06D6' && r <= '\u06ED')
}

// IsArabicLetter reports whether r is a letter of the Arabic script (including Persian
// and Urdu additions), not a digit, diacritic or punctuation mark.
func IsArabicLetter(r rune) bool {
	switch {
	case r >= '\u0621' && r <= '\u063A':
		return true
	case r >= '\u0641' && r <= '\u064A':
		return true
	case r >= '\u0671' && r <= '\u06D3':
		return true
	case r == '\u06D5' || r == '\u06EE' || r == '\u06EF' || (r >= '\u06FA' && r <= '\u06FC'):
		return true
	case r >= '\u0750' && r <= '\u077F', r >= '\u08A0' && r <= '\u08FF' && !IsDiacritic(r):
		return true
	case r >= '\uFB50' && r <= '\uFDFF', r >= '\uFE70' && r <= '\uFEFC':
		return true
	}
	return false
}

// DigitValue returns the value of an ASCII, Arabic-Indic or Persian digit, or -1.
func DigitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '\u0660' && r <= '\u0669':
		return int(r - '\u0660')
	case r >= '\u06F0' && r <= '\u06F9':
		return int(r - '\u06F0')
	}
	return -1
}
