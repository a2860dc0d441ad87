package kb

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/keyfilter"
)

// EntryKind says what a lexicon entry names.
type EntryKind uint8

// Entry kinds, in the order ties are broken (lower wins).
const (
	KPerson EntryKind = iota
	KOrg
	KCountry
	KPlace
	KRole
	KNisba // nationality adjective; ID is the country's ISO3
	KGiven // given name
)

// Entry is one name of one knowledge-base record, as folded tokens.
type Entry struct {
	Kind   EntryKind
	ID     string
	Tokens []string
	Plural bool // a nisba in a plural form (أكراد، الإيرانيون)
}

// Matcher finds lexicon names in token streams. It is a trie over folded tokens whose
// first level is keyed by the first token's folded form; the text side tries every
// clitic key of a token (arabic.Keys), so «والعراق», «للعراق» and «بالعراق» find
// «العراق». Walking the trie reads each text token once, however many names share a
// first word («عبد», «وزير»).
type Matcher struct {
	first map[string]*node
	size  int
	// filter holds the keys of first once the matcher is finished (nil before, and
	// after a later Add): most text tokens start no name, and it says so from cache.
	filter *keyfilter.Filter
}

// node is a trie node: the entries whose names end here (all of the same length,
// ordered by kind then id once finished) and the next tokens.
type node struct {
	entries []*Entry
	next    map[string]*node
}

// NewMatcher returns an empty matcher.
func NewMatcher() *Matcher { return &Matcher{first: map[string]*node{}} }

// Add adds a name.
func (m *Matcher) Add(kind EntryKind, id, name string, plural bool) {
	toks := phraseWords(arabic.FoldPhrase(name))
	if len(toks) == 0 {
		return
	}
	m.filter = nil
	n := m.first[toks[0]]
	if n == nil {
		n = &node{}
		m.first[toks[0]] = n
	}
	for _, t := range toks[1:] {
		c := n.next[t]
		if c == nil {
			if n.next == nil {
				n.next = map[string]*node{}
			}
			c = &node{}
			n.next[t] = c
		}
		n = c
	}
	for _, e := range n.entries {
		if e.Kind == kind && e.ID == id {
			return
		}
	}
	n.entries = append(n.entries, &Entry{Kind: kind, ID: id, Tokens: toks, Plural: plural})
	m.size++
}

// phraseWords splits a folded phrase (arabic.FoldPhrase: words joined by single
// spaces, none leading or trailing) into its words, as strings.Fields would, without
// FieldsFunc's rune-by-rune Unicode space test on Arabic text.
func phraseWords(fold string) []string {
	if fold == "" {
		return nil
	}
	return strings.Split(fold, " ")
}

// Len returns the number of names.
func (m *Matcher) Len() int { return m.size }

func (m *Matcher) finish() {
	var walk func(n *node)
	walk = func(n *node) {
		slices.SortStableFunc(n.entries, func(a, b *Entry) int {
			return cmp.Or(cmp.Compare(a.Kind, b.Kind), strings.Compare(a.ID, b.ID))
		})
		n.entries = n.entries[:len(n.entries):len(n.entries)] // appending to a match copies
		for _, c := range n.next {
			walk(c)
		}
	}
	m.filter = keyfilter.New(len(m.first))
	for k, n := range m.first {
		walk(n)
		m.filter.Add(k)
	}
}

// Match is a lexicon name found in the text: tokens [First, Last) and every entry of
// that length that matched (ambiguous names have several). Entries must not be
// modified: they may be the matcher's own.
type Match struct {
	First, Last int
	Entries     []*Entry
}

// skippable tokens may stand inside a name in the text (quotes around part of a name,
// hyphens): «"الحرس الثوري" الإيراني».
func skippable(t arabic.Token) bool {
	if t.Kind != arabic.Punct {
		return false
	}
	return t.IsQuote() || t.Rune() == '-' || t.Rune() == 'ـ'
}

// At returns the longest match starting at token i. Only the first token may carry
// clitics; a name never crosses a clause break. Among names of the same length, the
// entries come in the order of the token's keys, then by kind and id.
func (m *Matcher) At(toks []arabic.Token, i int, filter func(*Entry) bool) (Match, bool) {
	mt, ok, _ := m.AtEnd(toks, i, filter)
	return mt, ok
}

// AtEnd is At that also reports whether a longer name might have been found had toks
// gone on: whether the match, or its absence, depends on where toks ends. Callers that
// match within sentences use it to reuse a sentence's matches for the whole text.
func (m *Matcher) AtEnd(toks []arabic.Token, i int, filter func(*Entry) bool) (mt Match, ok, cut bool) {
	if i >= len(toks) || toks[i].Kind == arabic.Punct {
		return Match{}, false, i >= len(toks)
	}
	var best Match
	for _, key := range toks[i].Keys() {
		if !m.filter.Has(key) {
			continue
		}
		n := m.first[key]
		if n == nil || !NameKey(toks[i].Norm, key) {
			continue
		}
		es, last, c := longest(n, toks, i+1, filter)
		cut = cut || c
		switch {
		case last == 0:
		case last > best.Last:
			best = Match{First: i, Last: last, Entries: es}
		case last == best.Last:
			best.Entries = append(best.Entries, es...)
		}
	}
	return best, best.Last > 0, cut
}

// longest walks the trie from n (the first token matched, the text going on at token
// j) and returns the entries of the deepest node reached that has some passing the
// filter, the end of their match (0: none), and whether the walk stopped at the end of
// toks with names going on.
func longest(n *node, toks []arabic.Token, j int, filter func(*Entry) bool) ([]*Entry, int, bool) {
	var best []*Entry
	last := 0
	for {
		if len(n.entries) > 0 {
			if filter == nil {
				best, last = n.entries, j
			} else {
				var es []*Entry
				for _, e := range n.entries {
					if filter(e) {
						es = append(es, e)
					}
				}
				if es != nil {
					best, last = es, j
				}
			}
		}
		if n.next == nil {
			return best, last, false
		}
		for j < len(toks) && skippable(toks[j]) && j+1 < len(toks) && toks[j+1].Kind != arabic.Punct {
			j++
		}
		if j+1 >= len(toks) {
			// The skip rule looks one token ahead: at the last token, a longer text
			// may skip differently.
			if j >= len(toks) {
				return best, last, true
			}
			if skippable(toks[j]) {
				return best, last, true
			}
		}
		c := n.next[toks[j].Norm]
		if c == nil {
			return best, last, false
		}
		n, j = c, j+1
	}
}

// index builds the matchers and lookup tables: the names and the descriptions (nisbas,
// titles, given names) at the same time, on two cores where there are two.
func (k *KB) index() {
	k.Names, k.Descr = NewMatcher(), NewMatcher()
	var wg sync.WaitGroup
	wg.Go(k.indexDescr)
	k.indexNames()
	wg.Wait()
}

func (k *KB) indexNames() {
	for _, c := range k.Countries {
		for _, n := range c.Names {
			k.Names.Add(KCountry, c.ISO3, n, false)
		}
	}
	for _, p := range k.Places {
		for _, n := range p.Names {
			k.Names.Add(KPlace, p.ID, n, false)
		}
	}
	capByName := map[string]string{}
	for _, c := range k.Countries {
		if c.Capital != "" {
			capByName[arabic.FoldPhrase(c.Capital)] = c.ISO3
		}
	}
	for _, p := range k.Places {
		if cc, ok := capByName[arabic.FoldPhrase(p.Names[0])]; ok && cc == p.Country {
			k.capitals[p.ID] = cc
		}
	}
	for _, o := range k.Orgs {
		for _, n := range o.Names {
			k.Names.Add(KOrg, o.ID, n, false)
		}
	}
	for _, p := range k.Persons {
		for _, n := range p.Names {
			k.Names.Add(KPerson, p.ID, n, false)
		}
		seen := map[string]bool{}
		for _, t := range p.Roles {
			key := t.Role + "@" + t.Country
			if t.Org != "" {
				key = t.Role + "@org:" + t.Org
			}
			if !seen[key] {
				k.holders[key] = append(k.holders[key], p)
				seen[key] = true
			}
		}
	}
	k.Names.finish()
}

func (k *KB) indexDescr() {
	for _, c := range k.Countries {
		for _, n := range c.Nisba {
			for _, f := range NisbaForms(n) {
				k.Descr.Add(KNisba, c.ISO3, f.form, f.plural)
			}
		}
		for _, n := range c.Plural {
			k.Descr.Add(KNisba, c.ISO3, n, true)
			k.Descr.Add(KNisba, c.ISO3, "ال"+n, true)
		}
	}
	titleWords := map[string]bool{}
	for _, r := range k.Roles {
		for _, n := range r.Names {
			if f := phraseWords(arabic.FoldPhrase(n)); len(f) > 1 {
				titleWords[arabic.StripArticle(f[0])] = true
			}
			k.Descr.Add(KRole, r.ID, n, false)
			if c := constructForm(n); c != "" {
				k.Descr.Add(KRole, r.ID, c, false)
			}
		}
	}
	k.titleWords = titleWords
	for g := range k.GivenNames {
		k.Descr.Add(KGiven, g, g, false)
	}
	k.Descr.finish()
}

type nisbaForm struct {
	form   string
	plural bool
}

// NisbaForms derives the forms of a masculine singular nationality adjective: with and
// without ال, feminine (ة), dual (ان، ين، تان، تين) and sound plurals (ون، ين، ات).
// Two-word adjectives (كوري شمالي) inflect both words.
func NisbaForms(n string) []nisbaForm {
	words := strings.Fields(n)
	suffixes := []struct {
		s      string
		plural bool
	}{{"", false}, {"ة", false}, {"ون", true}, {"ين", true}, {"ات", true}, {"ان", true}, {"تان", true}, {"تين", true}}
	var out []nisbaForm
	for _, s := range suffixes {
		for _, art := range []string{"", "ال"} {
			parts := make([]string, len(words))
			for i, w := range words {
				parts[i] = art + w + s.s
			}
			out = append(out, nisbaForm{form: strings.Join(parts, " "), plural: s.plural})
		}
	}
	return out
}

// constructForm turns «وزير الدفاع» into «وزير دفاع» (for «وزير دفاع إيران»).
func constructForm(name string) string {
	f := strings.Fields(name)
	if len(f) == 1 && strings.HasPrefix(f[0], "ال") && arabic.RuneCount(f[0]) >= 5 {
		return strings.TrimPrefix(f[0], "ال") // «المحافظ» → «محافظ نينوى»
	}
	if len(f) < 2 || !strings.HasPrefix(f[len(f)-1], "ال") || strings.HasPrefix(f[len(f)-1], "الل") {
		return ""
	}
	last := strings.TrimPrefix(f[len(f)-1], "ال")
	if arabic.RuneCount(last) < 2 {
		return ""
	}
	f[len(f)-1] = last
	return strings.Join(f, " ")
}

// NameKey reports whether key may name what token tok names. A name takes the
// conjunctions و ف and the prepositions ب ل (and لل for ال), but neither ك nor the
// future prefix, and a name listed without ال is not found through a word with ال
// («السورية» is an adjective, not «سورية»).
func NameKey(tok, key string) bool {
	if tok == key {
		return true
	}
	w := tok
	if arabic.HasConjunction(w) || (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) && arabic.RuneCount(w) > 3 {
		w = w[len("و"):]
		if w == key {
			return true
		}
	}
	for _, p := range []string{"ب", "ل"} {
		if strings.HasPrefix(w, p) && w[len(p):] == key {
			return true
		}
	}
	// لل + name: «للعراق» → «العراق», «لليبرمان» → «ليبرمان»
	if strings.HasPrefix(w, "لل") && ("ال"+w[len("لل"):] == key || w[len("ل"):] == key) {
		return true
	}
	return false
}
