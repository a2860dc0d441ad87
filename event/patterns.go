package event

import (
	"bufio"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/keyfilter"
)

// Pattern is one event pattern of patterns.tsv.
type Pattern struct {
	ID      string
	Code    string
	Slots   []slot
	Frame   Frame
	Example string
	Verb    bool // the head slot is a verb (V:), else a noun or words
	Line    int

	head string // the first slot as written: patterns with the same one share its forms
}

// Frame says where a pattern's actors are.
type Frame struct {
	Targets   []string // "obj", "loc", or prepositions (folded)
	Symmetric bool
	Passive   bool
}

type slot struct {
	forms   map[string]bool // folded forms
	present map[string]bool // the imperfect (present) forms of verbs
	verb    bool
	noun    bool
	gap     bool // … : up to three tokens
	// function: the slot is only prepositions or particles.
	function bool
}

// Patterns is the compiled pattern set.
type Patterns struct {
	list  []*Pattern
	first map[string][]*Pattern // folded first-slot form → patterns
	// firstKeys holds the keys of first: most tokens start no pattern, and it says so
	// from cache, without a probe of first's tens of thousands of forms.
	firstKeys *keyfilter.Filter
}

func parsePatterns(data string, cb Codebook) (*Patterns, error) {
	ps := &Patterns{first: map[string][]*Pattern{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	ids := map[string]bool{}
	type parsedSlot struct {
		sl  slot
		err error
	}
	slotCache := map[string]parsedSlot{}
	var problems []string
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			problems = append(problems, fmt.Sprintf("patterns.tsv:%d: %d fields, want 5", n, len(f)))
			continue
		}
		p := &Pattern{ID: strings.TrimSpace(f[0]), Code: strings.TrimSpace(f[1]), Example: f[4], Line: n}
		if ids[p.ID] {
			problems = append(problems, fmt.Sprintf("patterns.tsv:%d: duplicate id %s", n, p.ID))
		}
		ids[p.ID] = true
		if cb[p.Code] == nil {
			problems = append(problems, fmt.Sprintf("patterns.tsv:%d: unknown CAMEO code %q", n, p.Code))
		}
		for si, s := range strings.Fields(f[2]) {
			if si == 0 {
				p.head = s
			}
			// A third of the slots are distinct: parse each once (slots are read-only
			// once parsed, so patterns may share them).
			var sl slot
			var err error
			if c, ok := slotCache[s]; ok {
				sl, err = c.sl, c.err
			} else {
				sl, err = parseSlot(s)
				slotCache[s] = parsedSlot{sl, err}
			}
			if err != nil {
				problems = append(problems, fmt.Sprintf("patterns.tsv:%d: %v", n, err))
				continue
			}
			p.Slots = append(p.Slots, sl)
		}
		if len(p.Slots) == 0 || p.Slots[0].gap {
			problems = append(problems, fmt.Sprintf("patterns.tsv:%d: empty pattern or leading gap", n))
			continue
		}
		p.Verb = p.Slots[0].verb
		p.Frame = parseFrame(f[3])
		ps.list = append(ps.list, p)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	ps.index()
	return ps, nil
}

// index maps each first-slot form to its patterns, in the order of the file. Patterns
// often share their first slot (one parsed slot, one forms map): the forms of each
// distinct first slot are walked once, the patterns appended in file order.
func (ps *Patterns) index() {
	type group struct {
		forms    map[string]bool
		patterns []*Pattern
	}
	var groups []*group
	byHead := map[string]*group{}
	for _, p := range ps.list {
		g := byHead[p.head]
		if g == nil {
			g = &group{forms: p.Slots[0].forms}
			groups = append(groups, g)
			byHead[p.head] = g
		}
		g.patterns = append(g.patterns, p)
	}
	n := 0
	for _, g := range groups {
		n += len(g.forms)
	}
	ps.first = make(map[string][]*Pattern, n)
	shared := map[string]bool{} // forms of more than one group: their lists need sorting
	for _, g := range groups {
		// A form of this group only (most forms) shares the group's slice, capped so
		// that a later group's append copies it.
		own := slices.Clip(g.patterns)
		for form := range g.forms {
			l, ok := ps.first[form]
			if !ok {
				ps.first[form] = own
				continue
			}
			shared[form] = true
			ps.first[form] = append(l, g.patterns...)
		}
	}
	for form := range shared {
		slices.SortStableFunc(ps.first[form], func(a, b *Pattern) int { return a.Line - b.Line })
	}
	ps.firstKeys = keyfilter.New(len(ps.first))
	for form := range ps.first {
		ps.firstKeys.Add(form)
	}
}

func parseFrame(s string) Frame {
	var fr Frame
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		switch {
		case part == "sym":
			fr.Symmetric = true
		case part == "passive":
			fr.Passive = true
		case strings.HasPrefix(part, "tgt="):
			for _, t := range strings.Split(part[4:], "|") {
				if t = strings.TrimSpace(t); t != "" {
					if t != "obj" && t != "loc" {
						t = arabic.Fold(t)
					}
					fr.Targets = append(fr.Targets, t)
				}
			}
		}
	}
	return fr
}

func parseSlot(s string) (slot, error) {
	if s == "…" || s == "..." {
		return slot{gap: true}, nil
	}
	var sl slot
	// The forms are gathered first and the map made at its size: a verb slot has
	// hundreds of forms, and a map grown one form at a time rehashes them all.
	var forms, present []string
	for _, alt := range strings.Split(s, "|") {
		switch {
		case strings.HasPrefix(alt, "V:"):
			past, pres, ok := strings.Cut(alt[2:], "/")
			if !ok || past == "" || pres == "" {
				return slot{forms: map[string]bool{}}, fmt.Errorf("verb slot %q: want V:PAST/PRESENT", alt)
			}
			forms = append(forms, VerbForms(arabic.Fold(past), arabic.Fold(pres))...)
			present = append(present, presentForms(arabic.Fold(pres))...)
			sl.verb = true
		case strings.HasPrefix(alt, "N:"):
			sg, pl, _ := strings.Cut(alt[2:], "/")
			forms = append(forms, NounForms(arabic.Fold(sg), arabic.Fold(pl))...)
			sl.noun = true
		default:
			w := arabic.Fold(alt)
			if w == "" {
				return slot{forms: map[string]bool{}}, fmt.Errorf("empty word in slot %q", s)
			}
			forms = append(forms, w, arabic.StripArticle(w))
		}
	}
	sl.forms = make(map[string]bool, len(forms))
	for _, f := range forms {
		sl.forms[f] = true
	}
	if sl.verb {
		sl.present = make(map[string]bool, len(present))
		for _, f := range present {
			sl.present[f] = true
		}
	}
	sl.function = !sl.verb && !sl.noun
	for f := range sl.forms {
		if !functionWords[f] {
			sl.function = false
		}
	}
	return sl, nil
}

var objSuffixes = []string{"ه", "ها", "هم", "هما", "هن", "كم", "نا", "ني"}

// VerbForms derives the folded inflected forms of a verb from its 3rd person masculine
// singular past and present: persons and numbers, the passive spelling of form III
// (هاجم → هوجم), the jussive of weak verbs and object pronoun suffixes. Proclitics are
// handled at lookup.
func VerbForms(past, pres string) []string {
	pastStems := []string{past}
	if rs := []rune(past); len(rs) == 4 && rs[1] == 'ا' {
		pastStems = append(pastStems, string(rs[0])+"و"+string(rs[2:]))
	}
	var base []string
	for _, p := range pastStems {
		base = append(base, p, p+"ت", p+"وا", p+"ا", p+"تا", p+"ن", p+"نا", p+"تم", p+"تما")
		if strings.HasSuffix(p, "ي") || strings.HasSuffix(p, "ا") { // التقى، دعا
			stem := strings.TrimSuffix(strings.TrimSuffix(p, "ي"), "ا")
			base = append(base, stem+"ت", stem+"وا", stem+"تا", stem+"يا", stem+"يت", stem+"ينا")
		}
	}
	base = append(base, presentBase(pres)...)
	forms := appendWithObjects(nil, base)
	out := forms[:0]
	seen := make(map[string]struct{}, len(forms))
	for _, f := range forms {
		if _, ok := seen[f]; !ok {
			seen[f] = struct{}{}
			out = append(out, f)
		}
	}
	return out
}

// appendWithObjects appends withObjects(b) for each b of bases to dst. The forms are
// written into one buffer and cut from one string: hundreds of forms a verb, one
// allocation instead of one each.
func appendWithObjects(dst []string, bases []string) []string {
	type span struct{ a, b int }
	spans := make([]span, 0, len(bases)*(len(objSuffixes)+1))
	n := 0
	for _, b := range bases {
		n += len(b)*(len(objSuffixes)+1) + 16
	}
	buf := make([]byte, 0, n)
	for _, b := range bases {
		a := len(buf)
		buf = append(buf, b...)
		spans = append(spans, span{a, len(buf)})
		if arabic.RuneCount(b) < 4 {
			continue
		}
		for _, s := range objSuffixes {
			a := len(buf)
			buf = append(buf, b...)
			buf = append(buf, s...)
			spans = append(spans, span{a, len(buf)})
		}
	}
	all := string(buf)
	for _, sp := range spans {
		dst = append(dst, all[sp.a:sp.b])
	}
	return dst
}

// presentBase lists the imperfect forms of a verb without object suffixes. The first
// person singular (أفعل) is left out: it is the spelling of many nouns and
// comparatives, and news rarely uses it outside quotes.
func presentBase(pres string) []string {
	rs := []rune(pres)
	if len(rs) < 3 {
		return nil
	}
	var out []string
	stem := string(rs[1:])
	for _, pre := range []string{"ي", "ت", "ن"} {
		q := pre + stem
		out = append(out, q, q+"ون", q+"ان", q+"ين", q+"وا", q+"ا", q+"ن")
		if strings.HasSuffix(q, "ي") || strings.HasSuffix(q, "و") {
			// weak verbs: plural, and the jussive that drops the weak letter («لم يلتق»)
			s := string([]rune(q)[:len([]rune(q))-1])
			out = append(out, s+"ون", s+"وا", s+"ين", s)
		}
	}
	return out
}

// withObjects returns a form and the form with each object pronoun suffix; short stems
// take none («صفت+ه» would be «وصفته», he described him, without its و).
func withObjects(f string) []string {
	out := []string{f}
	if arabic.RuneCount(f) < 4 {
		return out
	}
	for _, s := range objSuffixes {
		out = append(out, f+s)
	}
	return out
}

// presentForms lists the imperfect forms of a verb with their object suffixes.
func presentForms(pres string) []string {
	return appendWithObjects(nil, presentBase(pres))
}

var possSuffixes = []string{"ه", "ها", "هم", "هما", "هن", "كم", "نا", "ي"}

// NounForms derives the folded forms of a noun: singular and plural, tanwin alef,
// dual, and possessive suffixes (زيارة → زيارته، زيارتها). The article and proclitics
// are handled at lookup.
func NounForms(sg, pl string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		if f != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, w := range []string{sg, pl} {
		if w == "" {
			continue
		}
		add(w)
		add(w + "ا")
		stem := w
		if strings.HasSuffix(w, "ه") && arabic.RuneCount(w) > 2 { // teh marbuta folded
			stem = strings.TrimSuffix(w, "ه") + "ت"
		}
		stems := []string{stem}
		if w == pl && (strings.HasSuffix(w, "ين") || strings.HasSuffix(w, "ون")) { // مراقبين → مراقبيها
			stems = append(stems, strings.TrimSuffix(w, "ن"))
		}
		if strings.HasSuffix(w, "ء") { // لقاء → لقائه، لقاؤه (folded ي، و)
			base := strings.TrimSuffix(w, "ء")
			stems = append(stems, base+"ي", base+"و")
		}
		for _, st := range stems {
			for _, s := range possSuffixes {
				add(st + s)
			}
		}
		if w == sg {
			add(stem + "ين")
			add(stem + "ان")
			add(stem + "ا")
			if strings.HasSuffix(w, "ه") {
				add(stem + "ين")
			}
		}
	}
	return out
}

// Match is a pattern found at tokens [First, Last).
type Match struct {
	Pattern     *Pattern
	First, Last int
	Head        int  // the token of the first slot
	Future      bool // the head token carried the future prefix س
	Present     bool // the head verb is in the imperfect
}

// Find returns the pattern matches in toks[from:to]. At each head token the most
// specific pattern wins (more slots, fewer gap tokens, then the longer code); where
// matches overlap, the more specific one is kept.
func (ps *Patterns) Find(toks []arabic.Token, from, to int) []Match {
	sc := scratchPool.Get().(*findScratch)
	defer scratchPool.Put(sc)
	cands := ps.candidates(sc.cands[:0], toks, from, to)
	sc.cands = cands
	if len(cands) == 0 {
		return nil
	}
	order := sc.order[:0]
	for i := range cands {
		order = append(order, i)
	}
	sc.order = order
	sort.SliceStable(order, func(a, b int) bool { return cands[order[a]].score() > cands[order[b]].score() })
	taken := append(sc.taken[:0], make([]bool, to-from)...)
	sc.taken = taken
	var out []Match
	for _, i := range order {
		m := cands[i]
		free := true
		for k := m.First; k < m.Last; k++ {
			if taken[k-from] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for k := m.First; k < m.Last; k++ {
			taken[k-from] = true
		}
		out = append(out, m)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].First < out[b].First })
	return out
}

// score ranks matches: content words count 10, function words 3, a verb head 5 more
// (the verb governs the nouns in its clause), minus one for each token a gap skipped.
func (m Match) score() int {
	n, words := 0, 0
	for _, s := range m.Pattern.Slots {
		if s.gap {
			continue
		}
		words++
		if s.function {
			n += 3
		} else {
			n += 10
		}
	}
	if m.Pattern.Verb {
		n += 5
	}
	gap := m.Last - m.First - words
	if gap > 5 {
		gap = 5 // a parenthetical clause skipped in a gap costs no more than a long gap
	}
	return n - gap
}

var functionWords = map[string]bool{"الي": true, "علي": true, "من": true, "في": true, "عن": true, "مع": true, "ب": true, "ل": true, "ضد": true, "بين": true, "ان": true}

// findScratch holds Find's work areas, reused from one sentence to the next.
type findScratch struct {
	cands []Match
	order []int
	taken []bool
}

var scratchPool = sync.Pool{New: func() any { return new(findScratch) }}

// candidates appends to out the best match at each head token of toks[from:to].
func (ps *Patterns) candidates(out []Match, toks []arabic.Token, from, to int) []Match {
	for i := from; i < to; i++ {
		if toks[i].Kind != arabic.Word {
			continue
		}
		var best Match
		keys := toks[i].Keys()
		for ki, key := range keys {
			if !ps.firstKeys.Has(key) {
				continue
			}
			notVerb, noun := -1, -1 // verbKey and nounLike/dawnOrNoun, which depend on the key only: worked out once
			for _, p := range ps.first[key] {
				if p.Verb {
					if notVerb < 0 {
						notVerb = b2i(!verbKey(toks[i], key))
					}
					if notVerb == 1 {
						continue
					}
					if len(p.Slots) == 1 {
						if noun < 0 {
							noun = b2i(nounLike[key] && dawnOrNoun(toks, i, from))
						}
						if noun == 1 {
							continue
						}
					}
				}
				last, ok := p.matchRest(toks, i+1, to)
				if !ok {
					continue
				}
				cand := Match{Pattern: p, First: i, Last: last}
				if best.Pattern == nil || cand.score() > best.score() ||
					(cand.score() == best.score() && len(p.Code) > len(best.Pattern.Code)) {
					best = Match{Pattern: p, First: i, Last: last, Head: i}
					best.Future = ki > 0 && p.Verb && futurePrefixed(toks[i].Norm, key)
					best.Present = p.Verb && p.Slots[0].present[key]
				}
			}
		}
		if best.Pattern != nil {
			out = append(out, best)
		}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func futurePrefixed(tok, key string) bool {
	t := tok
	if arabic.HasConjunction(t) {
		t = t[len("و"):]
	}
	return strings.HasPrefix(t, "س") && strings.TrimPrefix(t, "س") == key
}

func (p *Pattern) matchRest(toks []arabic.Token, j, to int) (int, bool) {
	return matchSlots(p.Slots[1:], toks, j, to)
}

// matchSlots matches slots from token j on and returns the end of the match.
func matchSlots(slots []slot, toks []arabic.Token, j, to int) (int, bool) {
	for s := 0; s < len(slots); s++ {
		sl := &slots[s]
		if sl.gap {
			if s+1 >= len(slots) {
				return j, true
			}
			next := &slots[s+1]
			// A subject may stand between a verb and its preposition: «وصل وزير الخارجية
			// الأردني أيمن الصفدي إلى»; other gaps are short.
			maxGap := 4
			if next.function {
				maxGap = 6
			}
			skipped := 0 // tokens of a parenthetical relative clause, not counted in the gap
			for g := 0; g <= maxGap+skipped && j+g < to; g++ {
				if arabic.IsClauseBreak(toks[j+g]) {
					// «حملت الرئاسة حماس، التي تسيطر على غزة، المسؤولية»: a relative
					// clause between commas does not end the verb's clause.
					n := parenthetical(toks, j+g, to)
					if n == 0 {
						break
					}
					skipped += n
					g += n - 1
					continue
				}
				if slotMatches(next, &toks[j+g]) {
					if last, ok := matchSlots(slots[s+2:], toks, j+g+1, to); ok {
						return last, true
					}
				}
			}
			return 0, false
		}
		if j >= to || !slotMatches(sl, &toks[j]) {
			return 0, false
		}
		j++
	}
	return j, true
}

func slotMatches(sl *slot, t *arabic.Token) bool {
	if t.Kind == arabic.Punct {
		return false
	}
	for _, k := range t.Keys() {
		if sl.forms[k] {
			return true
		}
	}
	return false
}

// verbKey reports whether key can be the verb of token t: verbs take the proclitics
// و ف س and ل (before the imperfect) but never ال, ب or ك, and a word spelt with teh
// marbuta is a noun («السيطرة» is not «سيطر» + ه).
// numberHomographs are number and weekday words spelled like verb forms («اثنين»,
// the feminine plural of «أثنى»).
var numberHomographs = map[string]bool{"اثنين": true, "اثنان": true, "الاثنين": true, "واثنين": true, "واثنان": true}

func verbKey(t arabic.Token, key string) bool {
	if strings.HasSuffix(t.Text, "ة") || strings.HasSuffix(t.Text, "ةً") || numberHomographs[t.Norm] {
		return false
	}
	w := t.Norm
	if w == key {
		return true
	}
	for _, c := range []string{"و", "ف"} {
		if strings.HasPrefix(w, c) && len(w) > len(c) {
			w2 := w[len(c):]
			if w2 == key {
				return true
			}
			w = w2
			break
		}
	}
	for _, c := range []string{"س", "ل"} {
		if strings.HasPrefix(w, c) && w[len(c):] == key {
			r := []rune(key)
			return len(r) > 0 && (r[0] == 'ي' || r[0] == 'ت' || r[0] == 'ن' || r[0] == 'ا')
		}
	}
	return false
}

// nounLike are bare verb forms far more often read as nouns in news: «فجر» dawn,
// «دعم» support, «امن» security, «حل» solution.
var nounLike = map[string]bool{"فجر": true, "دعم": true, "امن": true, "حل": true, "وعد": true}

// dawnOrNoun: a bare verb form read as a noun — «فجر» before a day word or after a
// preposition is dawn («فجر اليوم», «منذ فجر»); the other noun-like forms always.
func dawnOrNoun(toks []arabic.Token, i, from int) bool {
	if stripConj(toks[i].Norm) != "فجر" {
		return true
	}
	if i+1 < len(toks) {
		switch toks[i+1].Norm {
		case "اليوم", "امس", "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "الغد":
			return true
		}
	}
	if i > from {
		switch toks[i-1].Norm {
		case "منذ", "عند", "قبيل", "مع", "صلاه", "حتي", "فجر", "بعد", "قبل":
			return true
		}
	}
	return false
}

// parenthetical returns the length of a relative clause set off by commas that starts
// at toks[i] («، التي تسيطر على قطاع غزة منذ 2007،»), or 0.
func parenthetical(toks []arabic.Token, i, to int) int {
	if i+2 >= to || toks[i].Text != "،" && toks[i].Text != "," {
		return 0
	}
	switch toks[i+1].Norm {
	case "الذي", "التي", "الذين":
	default:
		return 0
	}
	for k := i + 2; k < to && k <= i+14; k++ {
		if t := toks[k]; t.Text == "،" || t.Text == "," {
			return k - i + 1
		}
		if arabic.IsClauseBreak(toks[k]) {
			return 0
		}
	}
	return 0
}
