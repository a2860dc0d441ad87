package arabic

import "strconv"

// numberWords maps folded number words (without clitics) to their values. Feminine and
// masculine, construct and accusative/genitive forms are listed.
var numberWords = map[string]int{
	"واحد": 1, "واحده": 1, "احد": 1, "احدي": 1,
	"اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2,
	"ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5, "خمس": 5,
	"سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8, "ثمان": 8,
	"تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10,
	"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
	"خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
	"ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
	"ميه": 100, "مايه": 100, "ميتان": 200, "ميتين": 200, "مايتان": 200, "مايتين": 200,
	"الف": 1000, "الفان": 2000, "الفين": 2000,
}

// approxWords are vague quantities: the value is a lower bound.
var approxWords = map[string]int{
	"عشرات": 20, "ميات": 200, "الاف": 2000, "الوف": 2000, "عده": 2, "بضعه": 3, "بضع": 3, "العشرات": 20, "الميات": 200,
}

// multipliers scale the number before them (ثلاثة آلاف).
var multipliers = map[string]int{"الاف": 1000, "الف": 1000, "ميه": 100, "مايه": 100, "ملايين": 1000000, "مليون": 1000000}

// Quantity is a number read from the text.
type Quantity struct {
	Value  int
	Approx bool // a vague word (عشرات، مئات): Value is a lower bound
	First  int  // first token index
	Last   int  // token index after the quantity
}

// ParseQuantity reads a number at toks[i]: digits (any script), number words
// (ثلاثة، خمسة وعشرين، ثلاثة آلاف) or vague quantities (عشرات). The conjunction و
// and the prepositions ب ل may be attached to the first word.
func ParseQuantity(toks []Token, i int) (Quantity, bool) {
	if i >= len(toks) {
		return Quantity{}, false
	}
	t := toks[i]
	if t.Kind == Number {
		v, err := strconv.ParseFloat(t.Norm, 64)
		if err != nil || v > 1e9 {
			return Quantity{}, false
		}
		q := Quantity{Value: int(v), First: i, Last: i + 1}
		if i+1 < len(toks) && toks[i+1].Kind == Word {
			if m, ok := multipliers[toks[i+1].Norm]; ok {
				q.Value = int(v * float64(m)) // «1.5 مليون» is 1500000
				q.Last++
			}
		}
		return q, true
	}
	if t.Kind != Word {
		return Quantity{}, false
	}
	val, ok := wordValue(t.Norm)
	if !ok {
		for _, k := range Keys(t.Norm)[1:] {
			if v, ok2 := wordValue(k); ok2 {
				val, ok = v, true
				break
			}
		}
	}
	if !ok {
		return Quantity{}, false
	}
	q := Quantity{Value: val.v, Approx: val.approx, First: i, Last: i + 1}
	// "خمسة وعشرين", "مئة وخمسين", "ثلاثة آلاف"
	for j := i + 1; j < len(toks) && j < i+6; j++ {
		w := toks[j].Norm
		if toks[j].Kind != Word {
			break
		}
		if m, ok := multipliers[w]; ok && !q.Approx && q.Value < 1000 {
			q.Value *= m
			q.Last = j + 1
			continue
		}
		if w == "عشر" && q.Value < 10 { // ثلاثة عشر
			q.Value += 10
			q.Last = j + 1
			continue
		}
		if len(w) > 2 && w[:2] == "و" {
			if v, ok := numberWords[w[2:]]; ok {
				q.Value += v
				q.Last = j + 1
				continue
			}
		}
		break
	}
	return q, true
}

type wv struct {
	v      int
	approx bool
}

func wordValue(w string) (wv, bool) {
	if v, ok := numberWords[w]; ok {
		return wv{v: v}, true
	}
	if v, ok := approxWords[w]; ok {
		return wv{v: v, approx: true}, true
	}
	return wv{}, false
}
