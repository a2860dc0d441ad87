// Package entity finds the persons, organisations and places an article names and the
// actors it speaks of: knowledge-base names (with clitics), title + name patterns
// («وزير الدفاع العراقي جمعة عناد سعدون», «الجنرال محمد باقري»), given-name patterns
// for persons the knowledge base does not know, quoted organisation names («وكالة "نور
// نيوز"»), generic groups with a nationality («القوات الأميركية», «مسلحين أكراد»), short-
// name coreference (سعدون → جمعة عناد سعدون) and roles resolved by date («وزير الدفاع
// العراقي» in November 2020).
package entity

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/ner"
	"github.com/marsad-project/marsad/nlp"
)

// Stage is the entity stage.
type Stage struct {
	kb     *kb.KB
	tagger *ner.Tagger
}

// NewStage returns the entity stage over a knowledge base. A non-nil tagger adds the
// persons, organisations and places it finds that no knowledge-base name or rule found.
func NewStage(k *kb.KB, tagger *ner.Tagger) *Stage { return &Stage{kb: k, tagger: tagger} }

// orgHeads introduce a quoted organisation name: وكالة "نور نيوز".
var orgHeads = map[string]bool{
	"وكاله": true, "صحيفه": true, "قناه": true, "موقع": true, "حركه": true, "حزب": true, "جماعه": true, "تنظيم": true,
	"جبهه": true, "منظمه": true, "مجله": true, "شبكه": true, "تلفزيون": true, "اذاعه": true, "شركه": true, "ائتلاف": true,
	"تحالف": true, "كتائب": true, "لواء": true, "فصيل": true, "تيار": true, "جمعيه": true, "مؤسسه": true, "مركز": true,
}

// placeHeads introduce a place name: مدينة X، بلدة X.
var placeHeads = map[string]string{
	"مدينه": "city", "بلده": "town", "قريه": "village", "مخيم": "camp", "حي": "district", "منطقه": "area", "محافظه": "adm1",
	"ولايه": "adm1", "اقليم": "region", "معبر": "crossing", "ميناء": "port", "مطار": "airport", "قاعده": "base",
}

// placePrefixes begin two-word place names: «كفر شمس», «دير الزور», «تل أبيض».
var placePrefixes = map[string]bool{"كفر": true, "دير": true, "تل": true, "عين": true, "بيت": true, "جسر": true, "خان": true,
	"راس": true, "ابو": true, "بير": true, "مرج": true, "جبل": true, "وادي": true, "سيدي": true, "بني": true, "ام": true, "باب": true, "سوق": true}

// preNameTitles are titles always followed by a name (ranks and honorifics).
var preNameTitles = map[string]bool{
	"الجنرال": true, "العميد": true, "اللواء": true, "العقيد": true, "الرائد": true, "المقدم": true, "النقيب": true,
	"المشير": true, "الفريق": true, "الشيخ": true, "السيد": true, "الدكتور": true, "د": true, "المهندس": true, "الاميرال": true,
	"الامير": true, "الملك": true, "السلطان": true, "الرئيس": true, "ايه الله": true, "اية الله": true, "حجه الاسلام": true,
	"الحاخام": true, "البابا": true, "الاب": true, "المطران": true, "القاضي": true, "المحامي": true, "الصحفي": true,
}

// Process annotates doc.Mentions and doc.Entities.
func (s *Stage) Process(_ context.Context, doc *nlp.Document) error {
	r := &run{kb: s.kb, doc: doc, date: doc.Meta.Published, byKey: map[string]int{}, surnames: map[string]int{}, tagger: s.tagger}
	r.scan()
	r.named = r.namedCountries()
	r.roleFromText = map[int]bool{}
	for _, sent := range doc.Sentences {
		r.sentence(sent)
	}
	r.coref() // short names of the persons found so far come before the tagger's guesses
	if s.tagger != nil {
		for _, spans := range r.sentTags {
			r.tagged(spans)
		}
		r.coref()
	}
	if len(r.nisbaCands) > 0 {
		r.nisbaNames()
	}
	if r.coordinatedNames() || len(r.nisbaCands) > 0 {
		r.coref()
	}
	r.teams()
	r.finish()
	r.release()
	return nil
}

type run struct {
	kb       *kb.KB
	doc      *nlp.Document
	date     time.Time
	byKey    map[string]int // entity key → index
	surnames map[string]int // folded surname → person entity index (-1 ambiguous)
	covered  []bool
	roleHold map[string]int // role@country → person entity seen with that title
	named    map[string]bool
	namedAt  map[string][]int // country → tokens where the text names it (name or nationality)
	// kbSurnames are the last words of the knowledge-base persons the article names.
	kbSurnames map[string]bool
	// roleFromText marks entities whose role a title in the text gave.
	roleFromText map[int]bool
	tagger       *ner.Tagger
	tagSpans     []ner.Span   // the tagger's spans of the current sentence (document token indexes)
	sentTags     [][]ner.Span // every sentence's tagger spans, in sentence order
	nisbaCands   []nisbaCand  // persons after a nationality adjective, added last
	// tagAt is, per document token, the tagger's span over it (Last == 0: none).
	tagAt []ner.Span
	// The knowledge-base matches at each token within its sentence (Names.At and
	// Descr.At over the tokens up to the sentence's end), made once by scan for the
	// named-countries pass, the sentence layers and the tagger's features.
	names, descrs []kb.Match
	nameCut       []bool // the name match at i might differ without the sentence bound
	descrCut      []bool // the same for the description match
	scanned       []bool // i lies in a sentence
	scanBufs      *scanBufs
}

// scanBufs are scan's per-token tables, reused from one document to the next (they
// are a tenth of the bytes the pipeline allocates).
type scanBufs struct {
	names, descrs              []kb.Match
	nameCut, descrCut, scanned []bool
}

var scanPool = sync.Pool{New: func() any { return new(scanBufs) }}

// tables takes scan's tables for n tokens from the pool.
func (r *run) tables(n int) {
	b := scanPool.Get().(*scanBufs)
	if cap(b.names) < n {
		b.names, b.descrs = make([]kb.Match, n), make([]kb.Match, n)
		b.nameCut, b.descrCut, b.scanned = make([]bool, n), make([]bool, n), make([]bool, n)
	}
	r.names, r.descrs = b.names[:n], b.descrs[:n]
	r.nameCut, r.descrCut, r.scanned = b.nameCut[:n], b.descrCut[:n], b.scanned[:n]
	r.scanBufs = b
}

// release clears scan's tables and returns them to the pool.
func (r *run) release() {
	b := r.scanBufs
	if b == nil {
		return
	}
	clear(r.names)
	clear(r.descrs)
	clear(r.nameCut)
	clear(r.descrCut)
	clear(r.scanned)
	r.names, r.descrs, r.nameCut, r.descrCut, r.scanned, r.scanBufs = nil, nil, nil, nil, nil, nil
	scanPool.Put(b)
}

// scan matches both lexicons at every token of every sentence.
func (r *run) scan() {
	toks := r.doc.Tokens
	r.tables(len(toks))
	for _, sent := range r.doc.Sentences {
		bounded := toks[:sent.Last]
		for i := sent.First; i < sent.Last; i++ {
			r.names[i], _, r.nameCut[i] = r.kb.Names.AtEnd(bounded, i, nil)
			r.descrs[i], _, r.descrCut[i] = r.kb.Descr.AtEnd(bounded, i, nil)
			r.scanned[i] = true
		}
	}
}

// nisbaAtDoc is Descr.At(r.doc.Tokens, i, isNisba). Where the scan found no
// description at all at i, and the sentence's end did not cut its walk short, the
// walk over the whole text meets the same trie nodes, none with entries: no nisba.
func (r *run) nisbaAtDoc(i int) (kb.Match, bool) {
	if i < len(r.scanned) && r.scanned[i] && !r.descrCut[i] && r.descrs[i].Last == 0 {
		return kb.Match{}, false
	}
	return r.kb.Descr.At(r.doc.Tokens, i, isNisba)
}

func isNisba(e *kb.Entry) bool { return e.Kind == kb.KNisba }

// nameAtDoc is Names.At(r.doc.Tokens, i, nil), from the scan where it can be.
func (r *run) nameAtDoc(i int) (kb.Match, bool) {
	if i < len(r.scanned) && r.scanned[i] && !r.nameCut[i] {
		return r.names[i], r.names[i].Last > 0
	}
	return r.kb.Names.At(r.doc.Tokens, i, nil)
}

// sentenceMatches gives the tagger the scan's matches of the sentence.
func (r *run) sentenceMatches(sent nlp.Sentence) ner.MatchFunc {
	return func(m *kb.Matcher, i int) (kb.Match, bool) {
		var mt kb.Match
		switch m {
		case r.kb.Names:
			mt = r.names[sent.First+i]
		case r.kb.Descr:
			mt = r.descrs[sent.First+i]
		default:
			return m.At(r.doc.Tokens[sent.First:sent.Last], i, nil)
		}
		if mt.Last == 0 {
			return kb.Match{}, false
		}
		mt.First -= sent.First
		mt.Last -= sent.First
		return mt, true
	}
}

type descr struct {
	first, last int
	kind        kb.EntryKind
	id          string // role id, ISO3 or given name
	plural      bool
}

func (r *run) sentence(sent nlp.Sentence) {
	toks := r.doc.Tokens
	if r.covered == nil {
		r.covered = make([]bool, len(toks))
		r.roleHold = map[string]int{}
	}
	r.tagSpans = nil
	if r.tagger != nil {
		if r.tagAt == nil {
			r.tagAt = make([]ner.Span, len(toks))
		}
		for _, sp := range r.tagger.TagMatched(r.kb, toks[sent.First:sent.Last], r.sentenceMatches(sent)) {
			sp.First += sent.First
			sp.Last += sent.First
			r.tagSpans = append(r.tagSpans, sp)
			for i := sp.First; i < sp.Last; i++ {
				r.tagAt[i] = sp
			}
		}
		r.sentTags = append(r.sentTags, r.tagSpans)
	}
	// Descriptor layer: roles, nationality adjectives, given names.
	var ds []descr
	for i := sent.First; i < sent.Last; {
		m := r.descrs[i]
		if m.Last == 0 {
			i++
			continue
		}
		e := pickDescr(m.Entries)
		ds = append(ds, descr{first: m.First, last: m.Last, kind: e.Kind, id: e.ID, plural: e.Plural})
		i = m.Last
	}
	descrAt := func(i int) *descr {
		for k := range ds {
			if ds[k].first == i {
				return &ds[k]
			}
		}
		return nil
	}
	// Names layer.
	var names []nlp.Mention
	for i := sent.First; i < sent.Last; {
		m := r.names[i]
		ok := m.Last > 0
		if ok && (r.placeInPerson(m) || r.surnameAfterGiven(m, sent) || r.commonWordPlace(m) || r.eventPlace(m, sent.First)) {
			ok = false
		}
		if ok {
			// A descriptor that is longer wins only for titles (رئيس هيئة الأركان… keeps
			// the organisation inside it), so names always win here.
			if mn, ok := r.nameMention(m); ok {
				names = append(names, mn)
				i = m.Last
				continue
			}
		}
		i++
	}
	nameAt := func(i int) *nlp.Mention {
		for k := range names {
			if names[k].First == i {
				return &names[k]
			}
		}
		return nil
	}
	inName := func(i int) bool {
		for _, n := range names {
			if i >= n.First && i < n.Last {
				return true
			}
		}
		return false
	}
	var out []nlp.Mention
	// Quoted organisation names after a head noun, and place names after a head noun.
	for i := sent.First; i+1 < sent.Last; i++ {
		if inName(i) {
			continue
		}
		head, ok := headOf(toks[i])
		if !ok {
			continue
		}
		if orgHeads[head] && toks[i+1].IsQuote() {
			j := i + 2
			for j < sent.Last && !toks[j].IsQuote() && j-i < 8 {
				j++
			}
			if j < sent.Last && toks[j].IsQuote() && j > i+2 && !inName(i+2) {
				name := r.doc.TokText(i+2, j)
				mn := nlp.Mention{First: i, Last: j + 1, Kind: nlp.MOrg, Rule: "entity.quoted_org"}
				if isNameHead(toks[i]) {
					mn.First, mn.Last, mn.Outer = i+2, j, i // «صحيفة "الصنداي تايمز"»: the name proper
				}
				out = append(out, r.mention(mn, "org:"+arabic.FoldPhrase(name), marsad.Org, name, "", ""))
				i = j
			}
			continue
		}
		if typ, ok := placeHeads[head]; ok && toks[i+1].Kind == arabic.Word && !inName(i+1) && typ != "area" {
			w := toks[i+1].Norm
			if !arabic.IsStopword(w) && descrAt(i+1) == nil && arabic.RuneCount(w) >= 3 && !strings.HasSuffix(w, "يه") &&
				!adjectiveAfter(w) {
				last := i + 2
				if last < sent.Last && toks[last].Kind == arabic.Word && descrAt(last) == nil && !arabic.IsStopword(toks[last].Norm) && nameAt(last) == nil &&
					(placePrefixes[w] || strings.HasPrefix(toks[last].Norm, "ال") && typ != "city") {
					last++ // «بلدة كفر شمس», «مخيم عين الحلوة»
				}
				name := r.doc.TokText(i+1, last)
				out = append(out, r.mention(nlp.Mention{First: i + 1, Last: last, Kind: nlp.MPlace, Rule: "entity.place_head"}, "place:"+arabic.FoldPhrase(name), marsad.Loc, name, "", ""))
				i = last - 1
			}
		}
	}
	// Given-name persons first, so that titles can bind them.
	for k := 0; k < len(ds); k++ {
		d := ds[k]
		if inName(d.first) || d.kind != kb.KGiven {
			continue
		}
		if g, w := strings.Fields(d.id)[0], toks[d.first].Norm; w != g && w != "و"+g && w != "ف"+g {
			continue // a given name takes no clitic but و ف: «ببيان» is not the name «يان»
		}
		if mn, ok := r.givenName(sent, d, nameAt, descrAt); ok {
			names = append(names, mn)
			for k+1 < len(ds) && ds[k+1].first < mn.Last {
				k++
			}
		}
	}
	// Titles and groups.
	for k := 0; k < len(ds); k++ {
		d := ds[k]
		if inName(d.first) {
			continue
		}
		switch d.kind {
		case kb.KRole:
			out = append(out, r.role(sent, d, ds, names, nameAt)...)
		case kb.KNisba:
			if mn, ok := r.group(sent, d, ds, inName); ok {
				out = append(out, mn)
			} else if !inName(d.first) {
				if c, ok := r.nisbaName(sent, d, ds, nameAt, inName); ok {
					r.nisbaCands = append(r.nisbaCands, c)
				}
				out = append(out, nlp.Mention{First: d.first, Last: d.last, Kind: nlp.MNisba, Country: d.id, Entity: -1, Rule: "entity.nisba"})
			}
		}
	}
	for _, n := range names {
		out = append(out, n)
	}
	// Keep non-overlapping mentions: names and patterns; longer first.
	for _, m := range out {
		if m.Kind != nlp.MGroup && m.Kind != nlp.MRole && m.Kind != nlp.MNisba {
			overlap := false
			for i := m.First; i < m.Last; i++ {
				if r.covered[i] {
					overlap = true
				}
			}
			if overlap {
				continue
			}
			for i := m.First; i < m.Last; i++ {
				r.covered[i] = true
			}
		}
		r.doc.Mentions = append(r.doc.Mentions, m)
	}
}

func stripPrep(t arabic.Token) string {
	if h, ok := headOf(t); ok {
		return h
	}
	return t.Norm
}

// headOf returns the first key of t that is an organisation or place head noun.
func headOf(t arabic.Token) (string, bool) {
	for _, k := range t.Keys() {
		if heads[k] {
			return k, true
		}
	}
	return "", false
}

// heads are orgHeads and placeHeads together: one look-up a key.
var heads = func() map[string]bool {
	m := map[string]bool{}
	for h := range orgHeads {
		m[h] = true
	}
	for h := range placeHeads {
		m[h] = true
	}
	return m
}()

func pickDescr(es []*kb.Entry) *kb.Entry {
	best := es[0]
	for _, e := range es[1:] {
		if e.Kind < best.Kind {
			best = e
		}
	}
	return best
}

// pickName chooses among ambiguous knowledge-base names: person, organisation,
// country, then place (capital, province, city…).
func (r *run) pickName(es []*kb.Entry) *kb.Entry {
	best := es[0]
	rank := func(e *kb.Entry) int {
		n := int(e.Kind) * 100
		if e.Kind == kb.KPlace {
			if p := r.kb.Places[e.ID]; p != nil {
				switch p.Type {
				case "capital":
					n += 1
				case "city":
					n += 2
				case "adm1":
					n += 3
				default:
					n += 4
				}
				if r.kb.CountryOfCapital(e.ID) != "" {
					n = int(kb.KPlace) * 100
				}
			}
		}
		return n
	}
	for _, e := range es[1:] {
		if rank(e) < rank(best) {
			best = e
		}
	}
	// A country name that is also a city of another country the article names, when the
	// article does not otherwise name the first («عمّان» in a report on Jordan).
	if best.Kind == kb.KCountry && r.named != nil && !r.named[best.ID] {
		for _, e := range es {
			if p := r.kb.Places[e.ID]; e.Kind == kb.KPlace && p != nil && r.named[p.Country] {
				return e
			}
		}
	}
	// Places of the same rank: the one in a country the article names.
	if best.Kind == kb.KPlace && r.named != nil {
		for _, e := range es {
			if p := r.kb.Places[e.ID]; e.Kind == kb.KPlace && p != nil && rank(e) == rank(best) && r.named[p.Country] && !r.named[r.kb.Places[best.ID].Country] {
				best = e
			}
		}
	}
	return best
}

// namedCountries lists the countries a document names (by name or nationality), for
// choosing between places of the same name.
func (r *run) namedCountries() map[string]bool {
	out := map[string]bool{}
	r.kbSurnames = map[string]bool{}
	r.namedAt = map[string][]int{}
	toks := r.doc.Tokens
	for i := 0; i < len(toks); i++ {
		if m, ok := r.nameAtDoc(i); ok {
			ambiguous := false
			for _, e := range m.Entries {
				ambiguous = ambiguous || e.Kind == kb.KPlace
			}
			for _, e := range m.Entries {
				switch {
				case e.Kind == kb.KCountry && !ambiguous:
					out[e.ID] = true
					r.namedAt[e.ID] = append(r.namedAt[e.ID], i)
				case e.Kind == kb.KPerson:
					if p := r.kb.Persons[e.ID]; p != nil {
						if f := strings.Fields(arabic.FoldPhrase(p.Names[0])); len(f) > 1 {
							r.kbSurnames[f[len(f)-1]] = true
						}
					}
				}
			}
			i = m.Last - 1
			continue
		}
		if m, ok := r.nisbaAtDoc(i); ok {
			out[m.Entries[0].ID] = true
			r.namedAt[m.Entries[0].ID] = append(r.namedAt[m.Entries[0].ID], i)
			i = m.Last - 1
		}
	}
	return out
}

// nameHeads are the common nouns that head the fuller form of a name: «دولة الكويت»,
// «إقليم دارفور», «صحيفة ديلي تلغراف», «فريق فيراري», «حركة طالبان». The name proper is
// what follows.
var nameHeads = map[string]bool{
	"دوله": true, "جمهوريه": true, "مدينه": true, "العاصمه": true, "اقليم": true, "محافظه": true, "ولايه": true,
	"قطاع": true, "معتقل": true, "مرتفعات": true, "جزيره": true, "بلده": true, "قريه": true, "نهر": true,
	"صحيفه": true, "جريده": true, "مجله": true, "وكاله": true, "فريق": true, "نادي": true, "شركه": true, "قناه": true,
	"تلفزيون": true, "اذاعه": true, "حركه": true, "تنظيم": true, "جماعه": true, "جامعه": true, "مؤسسه": true,
}

// nameProper returns the first token of the name proper inside a knowledge-base match:
// after a head noun (nameHeads, clitics allowed) when the rest of the match is itself a
// name of the same entry; m.First otherwise.
func (r *run) nameProper(m kb.Match, e *kb.Entry) int {
	toks := r.doc.Tokens
	if m.Last-m.First < 2 {
		return m.First
	}
	w := toks[m.First].Norm
	if !nameHeads[w] {
		w = arabic.StripConjunction(w) // «وحركة», not «فريق» → «ريق»
	}
	if e.Kind == kb.KOrg && !nameHeads[w] {
		// «لتنظيم داعش»: the preposition on the head marks the organisation's part in
		// the clause (the event coder reads it), so the head stays in the mention.
		return m.First
	}
	head := false
	for _, k := range toks[m.First].Keys() {
		head = head || nameHeads[k]
	}
	if !head {
		return m.First
	}
	// «شركة "ماتسوشيتا"», «فريق فيراري», «جامعة جورجتاون»: a quoted name, or an
	// organisation's name proper without the article, after a head without a preposition.
	if nameHeads[w] {
		if f := m.First + 1; toks[f].IsQuote() && f+1 < m.Last {
			return f + 1
		}
		if e.Kind == kb.KOrg && toks[m.First+1].Kind == arabic.Word && !strings.HasPrefix(toks[m.First+1].Norm, "ال") {
			return m.First + 1
		}
	}
	rest, ok := r.kb.Names.At(toks[:m.Last], m.First+1, nil)
	if !ok || rest.Last != m.Last {
		return m.First
	}
	for _, x := range rest.Entries {
		if x.Kind == e.Kind && x.ID == e.ID {
			return m.First + 1
		}
	}
	return m.First
}

func (r *run) nameMention(m kb.Match) (nlp.Mention, bool) {
	e := r.pickName(m.Entries)
	mn := nlp.Mention{First: m.First, Last: m.Last, Rule: "entity.kb"}
	if e.Kind == kb.KCountry || e.Kind == kb.KPlace || e.Kind == kb.KOrg {
		if f := r.nameProper(m, e); f > m.First {
			mn.First, mn.Outer = f, m.First
		}
	}
	switch e.Kind {
	case kb.KPerson:
		p := r.kb.Persons[e.ID]
		mn.Kind = nlp.MPerson
		code := p.Cameo
		role := ""
		if t, ok := p.RoleAt(r.date, ""); ok {
			role = t.Role
		}
		return r.mention(mn, "person:"+p.ID, marsad.Person, p.Names[0], p.Country, code, withKB(p.ID), withRole(role)), true
	case kb.KOrg:
		o := r.kb.Orgs[e.ID]
		mn.Kind = nlp.MOrg
		return r.mention(mn, "org:"+o.ID, marsad.Org, o.Names[0], r.kb.OrgCountry(o), o.Cameo, withKB(o.ID)), true
	case kb.KCountry:
		c := r.kb.Countries[e.ID]
		if m.Last == m.First+1 && r.adjectival(m.First, c) {
			return nlp.Mention{}, false // «مصادر سورية»: Syrian sources, not Syria
		}
		mn.Kind = nlp.MCountry
		if c.Kind == "group" {
			mn.Kind = nlp.MGroup
			mn.Country, mn.Code, mn.Entity = c.ISO3, c.Cameo, -1
			return mn, true
		}
		return r.mention(mn, "country:"+c.ISO3, marsad.Loc, c.Names[0], c.ISO3, c.Cameo, withKB(c.ISO3), withLatLon(c.Lat, c.Lon)), true
	case kb.KPlace:
		p := r.kb.Places[e.ID]
		mn.Kind = nlp.MPlace
		mn.Capital = r.kb.CountryOfCapital(p.ID) != ""
		return r.mention(mn, "place:"+p.ID, marsad.Loc, p.Names[0], p.Country, p.Country, withKB(p.ID), withLatLon(p.Lat, p.Lon)), true
	}
	return nlp.Mention{}, false
}

type opt func(*marsad.Entity)

func withKB(id string) opt  { return func(e *marsad.Entity) { e.KBID = id } }
func withRole(r string) opt { return func(e *marsad.Entity) { setIf(&e.Role, r) } }
func withGeneric() opt      { return func(e *marsad.Entity) { e.Generic = true } }
func withLatLon(a, b float64) opt {
	return func(e *marsad.Entity) {
		if a != 0 || b != 0 {
			e.Lat, e.Lon = &a, &b
		}
	}
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// mention registers the entity behind a mention (creating it on first sight) and returns
// the mention pointing at it.
func (r *run) mention(mn nlp.Mention, key, typ, name, country, code string, opts ...opt) nlp.Mention {
	idx, ok := r.byKey[key]
	if !ok {
		idx = len(r.doc.Entities)
		e := &marsad.Entity{Type: typ, Name: name, Country: country, Code: code}
		for _, o := range opts {
			o(e)
		}
		r.doc.Entities = append(r.doc.Entities, e)
		r.byKey[key] = idx
	} else {
		e := r.doc.Entities[idx]
		for _, o := range opts {
			o(e)
		}
	}
	mn.Entity = idx
	if mn.Country == "" {
		mn.Country = r.doc.Entities[idx].Country
	}
	if mn.Code == "" {
		mn.Code = r.doc.Entities[idx].Code
	}
	if typ == marsad.Person {
		r.addSurnames(idx, name)
	}
	if typ == marsad.Org && mn.Kind == nlp.MOrg {
		r.addOrgHead(idx, name)
	}
	return mn
}

func (r *run) addSurnames(idx int, name string) {
	f := strings.Fields(arabic.FoldPhrase(name))
	if len(f) < 2 {
		return
	}
	last := f[len(f)-1]
	if arabic.RuneCount(last) < 3 || arabic.IsStopword(last) || r.kb.TitleWord(last) {
		return
	}
	if old, ok := r.surnames[last]; ok && old != idx {
		r.surnames[last] = -1
		return
	}
	r.surnames[last] = idx
}

// genericHeads begin the names of many organisations: alone they name none in
// particular («المجلس», «الأمم»).
var genericHeads = map[string]bool{"المجلس": true, "الاتحاد": true, "الجامعه": true, "الامم": true, "الوزاره": true,
	"الحزب": true, "الحركه": true, "المنظمه": true, "الهيئه": true, "اللجنه": true, "الجبهه": true, "الجماعه": true,
	"المحكمه": true, "الشركه": true, "البنك": true, "الصندوق": true, "الوكاله": true, "المكتب": true, "المركز": true,
	"الجمعيه": true, "التحالف": true, "الائتلاف": true, "المؤتمر": true, "البرلمان": true, "الرئاسه": true, "الديوان": true,
	"الدوله": true, "الجمهوريه": true, "المملكه": true, "الامانه": true, "القياده": true, "الاداره": true, "المجموعه": true}

// addOrgHead registers an organisation's definite head noun («المرصد» for «المرصد
// السوري لحقوق الإنسان»), or the name proper of a knowledge-base organisation after its
// head noun («القاعدة» for «تنظيم القاعدة»), for later short references.
func (r *run) addOrgHead(idx int, name string) {
	f := strings.Fields(arabic.FoldPhrase(name))
	if len(f) == 2 && nameHeads[f[0]] && r.doc.Entities[idx].KBID != "" && !strings.HasSuffix(f[1], "ي") {
		// «تنظيم القاعدة», «قناة الجزيرة»: the name proper alone; one shaped like a
		// nisba («جماعة الحوثي») is also a family name.
		f = f[1:]
	}
	if len(f) < 1 || len(f) == 1 && r.doc.Entities[idx].KBID == "" || !strings.HasPrefix(f[0], "ال") || arabic.RuneCount(f[0]) < 5 {
		return
	}
	if len(f) == 2 && r.isNisba(f[1]) {
		return // «الملعب التونسي»: a common noun and a nationality; «الملعب» alone is a pitch
	}
	if _, generic := r.kb.Groups[f[0]]; generic || genericHeads[f[0]] {
		return
	}
	if old, ok := r.surnames[f[0]]; ok && old != idx {
		r.surnames[f[0]] = -1
		return
	}
	r.surnames[f[0]] = idx
}

// isNisba reports whether the word w is a nationality adjective.
func (r *run) isNisba(w string) bool {
	toks := arabic.Tokenize(w)
	if len(toks) != 1 {
		return false
	}
	m, ok := r.kb.Descr.At(toks, 0, func(e *kb.Entry) bool { return e.Kind == kb.KNisba })
	return ok && m.Last == 1
}

// givenName reads «محمد باقري», «جمعة عناد سعدون», «محمد بن سلمان».
func (r *run) givenName(sent nlp.Sentence, d descr, nameAt func(int) *nlp.Mention, descrAt func(int) *descr) (nlp.Mention, bool) {
	toks := r.doc.Tokens
	i := d.last
	nameTok := func(j int) bool {
		if j >= sent.Last || toks[j].Kind != arabic.Word {
			return false
		}
		w := toks[j].Norm
		if arabic.IsStopword(w) || arabic.RuneCount(w) < 2 || nameAt(j) != nil || verbLike(w) || r.kb.TitleWord(stripConjText(w)) {
			return false
		}
		if x := descrAt(j); x != nil && x.kind != kb.KGiven {
			return false
		}
		// «بلال الحفناوي وجمال الرشدان»: a given name with the conjunction begins the
		// next name.
		if arabic.HasConjunction(w) && r.kb.GivenNames[w[len("و"):]] {
			return false
		}
		return true
	}
	if !nameTok(i) {
		return nlp.Mention{}, false
	}
	if g := toks[d.first].Keys(); d.last == d.first+1 && r.kbSurnames != nil {
		for _, k := range g {
			if r.kbSurnames[k] {
				return nlp.Mention{}, false // «وشكري»: the minister سامح شكري, not a given name
			}
		}
	}
	if !r.kb.GivenSpelled(arabic.FoldPhrase(r.doc.TokText(d.first, d.last)), stripConjText(bareText(r.doc.TokText(d.first, d.last)))) {
		return nlp.Mention{}, false // «بأن» is not «بان»
	}
	// A given name that is also a function word (علي / على) is a name only when written
	// without alef maksura and followed by a word without the article — or, before a
	// word with the article («علي الحسيني»), when the tagger reads a person there.
	if g := toks[d.first]; d.last == d.first+1 && anyStopKey(g) {
		if stripConjText(bareText(g.Text)) != "علي" || strings.HasPrefix(toks[i].Norm, "ال") && !r.personTagged(d.first) {
			return nlp.Mention{}, false
		}
	}
	// A surname is no imperfect verb («صادق يقوم»), unless it is a name itself (يوسف).
	if w := toks[i].Norm; (strings.HasPrefix(w, "ي") || strings.HasPrefix(w, "ت")) && !r.kb.GivenNames[w] {
		return nlp.Mention{}, false
	}
	last := i + 1
	switch toks[i].Norm {
	case "بن", "ابن", "ابو", "ال", "ولد", "بنت", "عبد":
		if !nameTok(last) {
			return nlp.Mention{}, false
		}
		last++
	default:
		if r.commonAfterGiven(i) {
			last = i // «مايكل الحميم», «مراد مقابله»: the given name alone
		}
	}
	if last > i && nameTok(last) {
		end := last+1 >= sent.Last || toks[last+1].Kind == arabic.Punct
		if end || (descrAt(last) != nil && descrAt(last).kind == kb.KGiven) || toks[last].Norm == "بن" {
			last++
			if toks[last-1].Norm == "بن" && nameTok(last) {
				last++
			}
		}
	}
	// «الوليد بن طلال بن عبدالعزيز آل سعود»: more filiations and the family.
	for last+1 < sent.Last && last > i && (toks[last].Norm == "بن" || toks[last].Norm == "ابن" || toks[last].Norm == "ال") && nameTok(last+1) {
		last += 2
	}
	// The given name itself must not be the first word of a place or title.
	first := d.first
	name := r.doc.TokText(first, last)
	folded := arabic.FoldPhrase(name)
	if f := strings.Fields(folded); len(f) > 0 {
		if ks := arabic.Keys(f[0]); len(ks) > 1 && !r.kb.GivenNames[f[0]] {
			for _, k := range ks[1:] {
				if r.kb.GivenNames[k] {
					f[0] = k
					break
				}
			}
			folded = strings.Join(f, " ")
			name = strings.Join(append([]string{strings.TrimPrefix(strings.TrimPrefix(toks[first].Text, "و"), "ف")}, strings.Fields(name)[1:]...), " ")
		}
	}
	if idx, ok := r.surnames[lastWord(folded)]; ok && idx >= 0 && r.doc.Entities[idx].KBID != "" {
		mn := nlp.Mention{First: first, Last: last, Kind: nlp.MPerson, Rule: "entity.given_name_kb"}
		mn.Entity = idx
		mn.Country, mn.Code = r.doc.Entities[idx].Country, r.doc.Entities[idx].Code
		return mn, true
	}
	// The statistical tagger vets names the knowledge base does not know: no person span
	// over the given name, no person; a person span with other bounds sets them.
	if r.tagger != nil {
		var sp *ner.Span
		for k := range r.tagSpans {
			if t := &r.tagSpans[k]; t.Type == "PERS" && t.First < last && t.Last > first {
				sp = t
				break
			}
		}
		if sp == nil {
			return nlp.Mention{}, false
		}
		if end := r.coordinated(sp.First, sp.Last); end > last && sp.First <= last && end <= sent.Last {
			extra := r.doc.TokText(last, end)
			last = end // «جمعة عناد سعدون»: the tagger's longer name
			name += " " + extra
			folded += " " + arabic.FoldPhrase(extra)
		}
	}
	return r.mention(nlp.Mention{First: first, Last: last, Kind: nlp.MPerson, Rule: "entity.given_name"}, "pname:"+folded, marsad.Person, name, "", ""), true
}

// commonAfterGiven reports whether the word at i after a given name is no part of the
// name: a frequent word of the tagger's training data that the tagger does not read as
// part of a person and that is no given name itself, or a word with the conjunction.
func (r *run) commonAfterGiven(i int) bool {
	if r.tagger == nil || r.tagAt[i].Type == "PERS" {
		return false
	}
	w := r.doc.Tokens[i].Norm
	return arabic.HasConjunction(w) || !r.kb.GivenNames[w] && r.tagger.Known(r.doc.Tokens[i])
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// complement finds what a title or group noun belongs to: a nationality adjective, a
// country or an organisation within a few tokens after it, before any clause break.
func (r *run) complement(sent nlp.Sentence, from int, ds []descr, names []nlp.Mention) (country, orgID string, last int) {
	toks := r.doc.Tokens
	last = from
	// A title that ends in an organisation's name («منسق الأمم المتحدة») belongs to it: a
	// nationality further on («… الإجراءات الإسرائيلية») describes something else.
	for _, n := range names {
		if n.Kind == nlp.MOrg && n.Last == from && n.First < from && n.Entity >= 0 {
			return n.Country, r.doc.Entities[n.Entity].KBID, from
		}
	}
	// A definite title («المسؤول») takes no indefinite word after it: «المسؤول استهداف
	// الجيش…» ends at the title.
	if from > sent.First && from < sent.Last && strings.HasPrefix(arabic.StripConjunction(toks[from-1].Norm), "ال") && indefinite(toks[from]) {
		inName := false
		for _, n := range names {
			inName = inName || n.First == from
		}
		if !inName && !descrHas(ds, from) {
			return "", "", last
		}
	}
	for j := from; j < sent.Last && j < from+7; j++ {
		if arabic.IsClauseBreak(toks[j]) || toks[j].IsQuote() {
			break
		}
		for _, n := range names {
			if n.First == j {
				switch n.Kind {
				case nlp.MCountry:
					if j == from || j == from+1 {
						return n.Country, "", n.Last
					}
				case nlp.MOrg:
					if j <= from+1 {
						id := r.doc.Entities[n.Entity].KBID
						return n.Country, id, n.Last
					}
				}
				if n.Kind == nlp.MPerson || n.Kind == nlp.MPlace {
					return "", "", last
				}
			}
		}
		for _, d := range ds {
			if d.first == j && d.kind == kb.KNisba {
				return d.id, "", d.last
			}
			if d.first == j && (d.kind == kb.KRole || d.kind == kb.KGiven) && j > from {
				return "", "", last
			}
		}
	}
	return "", "", last
}

// role handles a title: «وزير الدفاع العراقي جمعة عناد سعدون» binds the role to the
// person; «وزير الدفاع العراقي» alone is resolved to the holder on the article's date,
// or to the person the article already gave that title, or stays a role actor.
func (r *run) role(sent nlp.Sentence, d descr, ds []descr, names []nlp.Mention, nameAt func(int) *nlp.Mention) []nlp.Mention {
	toks := r.doc.Tokens
	role := r.kb.Roles[d.id]
	country, orgID, last := r.complement(sent, d.last, ds, names)
	// A person right after the title (after an optional comma or rank title).
	j := last
	if j < sent.Last && toks[j].Kind == arabic.Punct && toks[j].Rune() == arabic.ArabicComma {
		j++
	}
	for _, x := range ds {
		if x.first == j && x.kind == kb.KRole && preNameTitles[arabic.FoldPhrase(r.doc.TokText(x.first, x.last))] {
			j = x.last
		}
	}
	where := country
	if orgID != "" {
		where = "org:" + orgID
	}
	key := d.id + "@" + where
	if n := nameAt(j); n != nil && n.Kind == nlp.MPerson {
		if n.Outer == 0 || d.first < n.Outer {
			n.Outer = d.first
		}
		if where != "" {
			r.roleHold[key] = n.Entity
		}
		e := r.doc.Entities[n.Entity]
		// The first title the text gives wins over the knowledge base's guess; ranks
		// and honorifics («الأمير», «الجنرال») are not roles.
		if !preNameTitles[arabic.FoldPhrase(r.doc.TokText(d.first, d.last))] && !r.roleFromText[n.Entity] {
			e.Role = d.id
			r.roleFromText[n.Entity] = true
		}
		if e.Country == "" && country != "" {
			e.Country = country
			e.Code = country + role.Sector
		}
		return nil
	}
	// A rank title with an unknown name: «الجنرال محمد باقري» is caught by the given-name
	// rule; «العميد X Y» is taken as a person when two name-like tokens follow.
	if preNameTitles[arabic.FoldPhrase(r.doc.TokText(d.first, d.last))] && last == d.last {
		k := d.last
		n := 0
		for k < sent.Last && n < 2 && toks[k].Kind == arabic.Word && !arabic.IsStopword(toks[k].Norm) && nameAt(k) == nil && !descrHas(ds, k) {
			k++
			n++
		}
		if n == 2 {
			name := r.doc.TokText(d.last, k)
			return []nlp.Mention{r.mention(nlp.Mention{First: d.last, Last: k, Kind: nlp.MPerson, Rule: "entity.title_name", Role: d.id}, "pname:"+arabic.FoldPhrase(name), marsad.Person, name, country, "", withRole(d.id))}
		}
		return nil
	}
	if where == "" {
		return nil
	}
	// «وزير الخارجية الإيراني X Y،»: two name-like words after a title with its country,
	// ending at a boundary, are a person the knowledge base does not know.
	if k := j; k+1 < sent.Last && r.nameLike(k, ds, nameAt) && r.nameLike(k+1, ds, nameAt) &&
		!strings.HasPrefix(stripConjText(toks[k].Norm), "ال") &&
		(k+2 >= sent.Last || toks[k+2].Kind == arabic.Punct || arabic.IsStopword(toks[k+2].Norm)) {
		name := r.doc.TokText(k, k+2)
		cc := country
		if cc == "" && orgID != "" {
			cc = r.kb.OrgCountry(r.kb.Orgs[orgID])
		}
		code := ""
		if cc != "" {
			code = cc + role.Sector
		}
		out := r.mention(nlp.Mention{First: k, Last: k + 2, Outer: d.first, Kind: nlp.MPerson, Rule: "entity.role_name", Role: d.id}, "pname:"+arabic.FoldPhrase(name), marsad.Person, name, cc, code, withRole(d.id))
		r.roleFromText[out.Entity] = true
		r.roleHold[key] = out.Entity
		return []nlp.Mention{out}
	}
	mn := nlp.Mention{First: d.first, Last: last, Kind: nlp.MRole, Role: d.id, Country: country, Entity: -1, Rule: "entity.role"}
	if country == "" && orgID != "" {
		mn.Country = r.kb.OrgCountry(r.kb.Orgs[orgID])
	}
	if mn.Country != "" {
		mn.Code = mn.Country + role.Sector
		if role.Sector == mn.Country {
			mn.Code = mn.Country // «منسق الأمم المتحدة»: IGO, not IGOIGO
		}
	}
	if idx, ok := r.roleHold[key]; ok {
		mn.Entity = idx
		mn.Kind = nlp.MPerson
		mn.Rule = "entity.role_coref"
		return []nlp.Mention{mn}
	}
	if !kb.UniqueRoles[d.id] && !strings.HasPrefix(d.id, "minister_") {
		// «الوزير العراقي»: the person of that country the article gave a kindred title.
		for idx, e := range r.doc.Entities {
			if e.Type == marsad.Person && e.Country == mn.Country && e.Role != "" && strings.HasPrefix(e.Role, d.id) {
				mn.Entity, mn.Kind, mn.Rule = idx, nlp.MPerson, "entity.role_coref"
				return []nlp.Mention{mn}
			}
		}
		return []nlp.Mention{mn}
	}
	if !r.date.IsZero() {
		if p := r.kb.Holder(d.id, where, r.date); p != nil {
			mn.Kind = nlp.MPerson
			mn.Rule = "entity.role_by_date"
			out := r.mention(mn, "person:"+p.ID, marsad.Person, p.Names[0], p.Country, p.Cameo, withKB(p.ID), withRole(d.id))
			r.roleHold[key] = out.Entity
			return []nlp.Mention{out}
		}
	}
	return []nlp.Mention{mn}
}

func descrHas(ds []descr, i int) bool {
	for _, d := range ds {
		if i >= d.first && i < d.last {
			return true
		}
	}
	return false
}

// group reads a generic actor: a group noun with a nationality adjective within two
// tokens (القوات الأميركية، مسلحين أكراد، قوات حرس الحدود الإيرانية) or a plural
// nationality used as a noun (الأكراد، الإيرانيون).
func (r *run) group(sent nlp.Sentence, d descr, ds []descr, inName func(int) bool) (nlp.Mention, bool) {
	toks := r.doc.Tokens
	for back := 1; back <= 3; back++ {
		j := d.first - back
		if j < sent.First || arabic.IsClauseBreak(toks[j]) || inName(j) {
			break
		}
		if toks[j].Norm == "غير" {
			break // «القوات غير السورية»: not Syrian
		}
		if back > 1 && descrHas(ds, j+1) {
			break // «الخارجية الأردني والمصري», «جندي إسرائيلي برصاص فلسطيني»: a nearer adjective owns the noun
		}
		if roleAt(ds, j) {
			break // «وزير الخارجية الإيراني»: the noun belongs to the title
		}
		for _, k := range toks[j].Keys() {
			g, ok := r.kb.Groups[k]
			if !ok {
				continue
			}
			sector := g.Sector
			c := r.kb.Countries[d.id]
			code := d.id + sector
			if c != nil && c.Kind == "group" {
				code = c.Cameo
			}
			mn := nlp.Mention{First: j, Last: d.last, Kind: nlp.MGroup, Country: d.id, Code: code, Entity: -1, Rule: "entity.group_nisba"}
			if g.Kind == "person" && back == 1 {
				// «الضيف العراقي»: the article's last-named person of that country.
				for idx := len(r.doc.Entities) - 1; idx >= 0; idx-- {
					if e := r.doc.Entities[idx]; e.Type == marsad.Person && e.Country == d.id {
						mn.Entity, mn.Kind, mn.Code, mn.Rule = idx, nlp.MPerson, e.Code, "entity.definite_coref"
						return mn, true
					}
				}
			}
			if g.Kind == "institution" && back <= 2 && c != nil && c.Kind != "group" {
				name := stripClitic(r.doc.TokText(j, d.last))
				return r.mention(mn, "generic:"+code+":"+arabic.StripArticle(k), marsad.Org, name, d.id, code, withGeneric()), true
			}
			return mn, true
		}
	}
	if d.plural {
		c := r.kb.Countries[d.id]
		code := d.id
		if c != nil {
			code = c.Cameo
		}
		return nlp.Mention{First: d.first, Last: d.last, Kind: nlp.MGroup, Country: d.id, Code: code, Entity: -1, Rule: "entity.nisba_plural"}, true
	}
	return nlp.Mention{}, false
}

// coref adds mentions of persons by their surname alone (سعدون، وشمخاني).
func (r *run) coref() {
	toks := r.doc.Tokens
	for _, sent := range r.doc.Sentences {
		for i := sent.First; i < sent.Last; i++ {
			if r.covered[i] || toks[i].Kind != arabic.Word {
				continue
			}
			for _, k := range toks[i].Keys() {
				idx, ok := r.surnames[k]
				if !ok || idx < 0 || !kb.NameKey(toks[i].Norm, k) {
					continue
				}
				e := r.doc.Entities[idx]
				if !r.corefAgrees(i, e) {
					break
				}
				r.covered[i] = true
				kind, rule := nlp.MPerson, "entity.surname"
				if e.Type == marsad.Org {
					kind, rule = nlp.MOrg, "entity.org_head"
				}
				r.doc.Mentions = append(r.doc.Mentions, nlp.Mention{First: i, Last: i + 1, Kind: kind, Entity: idx, Country: e.Country, Code: e.Code, Rule: rule})
				break
			}
		}
	}
}

// corefAgrees vets a short reference at token i to entity e. Head nouns of
// organisations («المعهد») refer only to organisations the knowledge base knows, and
// only near a mention of them. A nationality adjective («المصري») is no surname.
// Surnames of knowledge-base persons are trusted unless the tagger reads a fuller name
// there. For the
// other persons, themselves found by rules or the tagger, the tagger has a say: its
// person span going on after the token is a fuller name («رضوان شطناوي» is not «رضوان»
// of another person); another type, no name; no span, a reference only near a mention
// of the person (a wrong «هايل الكرة» must not make every «الكرة» a person).
func (r *run) corefAgrees(i int, e *marsad.Entity) bool {
	if e.Type == marsad.Org {
		// «الملعب» of «الملعب التونسي» far from it is a pitch.
		return e.KBID != "" && r.mentionNear(i, e)
	}
	if r.nisbaIn(i, i+1) {
		return false // «الوزير المصري» is no reference to «أبو أيوب المصري»
	}
	if r.tagAt == nil {
		return true
	}
	sp := r.tagAt[i]
	fuller := sp.Type == "PERS" && sp.Last > i+1
	if e.KBID != "" {
		// A fuller name begins here when the tagger's person span goes on with a rare
		// word: «يوسف» of «يوسف الزواوي» is not «محمود علي يوسف», «وشكري سبل» is «شكري».
		return !fuller || r.tagger == nil || r.tagger.Known(r.doc.Tokens[i+1])
	}
	if e.Type != marsad.Person {
		return false
	}
	if fuller {
		return false
	}
	if sp.Last > 0 {
		return sp.Type == "PERS"
	}
	if t := r.doc.Tokens[i]; strings.HasPrefix(stripClitic(t.Norm), "ال") && r.tagger.Known(t) {
		return false // «الكرة» of a wrong «مارادونا الكرة»: a frequent definite word
	}
	return r.mentionNear(i, e)
}

// corefReach is how far (in tokens) a short reference may be from another mention of
// an organisation, or of a person the knowledge base does not know.
const corefReach = 300

// mentionNear reports whether a mention of entity e lies within corefReach tokens of
// token i.
func (r *run) mentionNear(i int, e *marsad.Entity) bool {
	for _, m := range r.doc.Mentions {
		if m.Entity >= 0 && r.doc.Entities[m.Entity] == e && m.First-i <= corefReach && i-m.Last <= corefReach {
			return true
		}
	}
	return false
}

// namePrefix are the words that begin a kunya or a filiation: «أبو», «ابن», «بن».
var namePrefix = map[string]bool{"ابو": true, "ابن": true, "بن": true}

// finish sorts mentions, fills the entity records' mentions and codes.
func (r *run) finish() {
	doc := r.doc
	ms := doc.Mentions
	// insertion sort by position (mentions are nearly sorted)
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && (ms[j].First < ms[j-1].First || (ms[j].First == ms[j-1].First && ms[j].Last > ms[j-1].Last)); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	for k := range ms {
		m := &ms[k]
		if m.Entity < 0 {
			continue
		}
		// «أبو فارس», «بن يحيى»: a kunya or filiation word before a person's name
		// belongs to it.
		if m.Kind == nlp.MPerson && m.First > 0 && !r.covered[m.First-1] && m.Outer == 0 && namePrefix[arabic.StripConjunction(doc.Tokens[m.First-1].Norm)] {
			m.First--
			r.covered[m.First] = true
		}
	}
	for _, m := range ms {
		if m.Entity < 0 {
			continue
		}
		e := doc.Entities[m.Entity]
		start, end := doc.Tokens[m.First].Start, doc.Tokens[m.Last-1].End
		text := doc.Slice(start, end)
		e.Mentions = append(e.Mentions, marsad.Mention{Span: marsad.Span{Start: start, End: end}, Text: text, Rule: m.Rule})
	}
	for i, e := range doc.Entities {
		if e.Type == marsad.Person && e.Code == "" && e.Country != "" {
			sector := "GOV"
			if ro := r.kb.Roles[e.Role]; ro != nil {
				sector = ro.Sector
			}
			e.Code = e.Country + sector
		}
		if e.Type == marsad.Person && e.KBID != "" && e.Role == "" && !r.date.IsZero() {
			if p := r.kb.Persons[e.KBID]; p != nil {
				if t, ok := p.RoleAt(r.date, e.Country); ok {
					e.Role = t.Role
				}
			}
		}
		_ = i
	}
	// Mentions of entities whose country was learnt late get it now.
	for k := range doc.Mentions {
		m := &doc.Mentions[k]
		if m.Entity >= 0 && m.Country == "" {
			m.Country = doc.Entities[m.Entity].Country
			m.Code = doc.Entities[m.Entity].Code
		}
	}
}

// bareText drops diacritics and tatweel but keeps hamza and alef forms.
func bareText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if arabic.IsDiacritic(r) || r == arabic.Tatweel {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func stripConjText(s string) string {
	if strings.HasPrefix(s, "و") && len([]rune(s)) > 3 {
		return strings.TrimPrefix(s, "و")
	}
	return s
}

// stripClitic removes a leading conjunction or preposition from a surface word
// («للقوات» → «القوات», «والجيش» → «الجيش»).
func stripClitic(s string) string {
	rs := []rune(s)
	for len(rs) > 4 {
		switch {
		case rs[0] == 'ل' && rs[1] == 'ل':
			rs = append([]rune{'ا'}, rs[1:]...)
		case (rs[0] == 'و' || rs[0] == 'ف' || rs[0] == 'ب' || rs[0] == 'ك') && rs[1] == 'ا' && rs[2] == 'ل':
			rs = rs[1:]
		case (rs[0] == 'و' || rs[0] == 'ف') && rs[1] == 'ل' && rs[2] == 'ل':
			rs = rs[1:]
		default:
			return string(rs)
		}
	}
	return string(rs)
}

func anyStopKey(t arabic.Token) bool {
	for _, k := range t.Keys() {
		if arabic.IsStopword(k) {
			return true
		}
	}
	return false
}

// verbLike: imperfect verbs in the dual or plural («يبحثان», «يعملون») are never names.
func verbLike(w string) bool {
	w = arabic.StripConjunction(w)
	return arabic.RuneCount(w) >= 5 && (strings.HasPrefix(w, "ي") || strings.HasPrefix(w, "ت")) &&
		(strings.HasSuffix(w, "ان") || strings.HasSuffix(w, "ون"))
}

// roleAt reports whether token i is inside a title descriptor.
func roleAt(ds []descr, i int) bool {
	for _, d := range ds {
		if d.kind == kb.KRole && i >= d.first && i < d.last {
			return true
		}
	}
	return false
}

// adjectival: a one-word country name that is also its own feminine nationality
// adjective («سورية») after an indefinite noun is the adjective.
func (r *run) adjectival(i int, c *kb.Country) bool {
	toks := r.doc.Tokens
	if i == 0 || toks[i-1].Kind != arabic.Word {
		return false
	}
	prev := toks[i-1].Norm
	if arabic.IsStopword(prev) || strings.HasPrefix(stripConjText(prev), "ال") {
		return false
	}
	w := toks[i].Norm
	for _, n := range c.Nisba {
		if arabic.FoldPhrase(n)+"ه" == w {
			return true
		}
	}
	return false
}

// nisbaName reads an unknown person after a singular masculine nationality adjective:
// «اللاعب الروسي كافلنيكوف», «البرازيلي روبنز باريكيلو». The name is one or two words
// without the article, a conjunction or a pronoun suffix, rare in the tagger's training
// data (or read as a person by the tagger), and not going on into a known name; the
// person takes the adjective's country.
func (r *run) nisbaName(sent nlp.Sentence, d descr, ds []descr, nameAt func(int) *nlp.Mention, inName func(int) bool) (nisbaCand, bool) {
	if r.tagger == nil || d.plural || d.last != d.first+1 {
		return nisbaCand{}, false
	}
	toks := r.doc.Tokens
	adj := stripConjText(toks[d.first].Norm)
	if !strings.HasPrefix(adj, "ال") || strings.HasSuffix(adj, "ه") {
		return nisbaCand{}, false
	}
	name := func(k int) bool {
		if k >= sent.Last || toks[k].Kind != arabic.Word || r.covered[k] || nameAt(k) != nil || inName(k) || descrHas(ds, k) {
			return false
		}
		w := toks[k].Norm
		if strings.HasPrefix(w, "ال") || strings.HasPrefix(w, "و") || arabic.RuneCount(w) < 3 || arabic.IsStopword(w) ||
			verbLike(w) || r.kb.TitleWord(w) || r.kb.GivenNames[w] && r.tagAt[k].Type != "PERS" {
			return false
		}
		for _, suf := range pronounSuffixes {
			if strings.HasSuffix(w, suf) {
				return false
			}
		}
		return r.tagAt[k].Type == "PERS" || !r.tagger.Known(toks[k])
	}
	first := d.last
	if !name(first) || !r.nameLike(first, ds, nameAt) && r.tagAt[first].Type != "PERS" {
		return nisbaCand{}, false
	}
	last := first + 1
	if name(last) {
		last++
	}
	if last < sent.Last && (nameAt(last) != nil || inName(last)) {
		return nisbaCand{}, false // «الأمريكي دونالد ترامب»: a known name goes on
	}
	return nisbaCand{first: first, last: last, country: d.id}, true
}

// coordinatedNames adds the person joined by «و» right after a person's name: «راديك
// وفريدل», «أبو فارس وأبو السكر». The word after the conjunction is a known given name,
// a kunya, or a rare word of the tagger's training data the tagger reads as nothing
// else, without the article. It reports whether it added one.
func (r *run) coordinatedNames() bool {
	if r.tagger == nil {
		return false
	}
	toks := r.doc.Tokens
	added := false
	n := len(r.doc.Mentions)
	for k := 0; k < n; k++ {
		m := r.doc.Mentions[k]
		i := m.Last
		if m.Kind != nlp.MPerson || m.Entity < 0 || !nameRules[m.Rule] || i >= len(toks) || r.covered[i] ||
			toks[i].Kind != arabic.Word || !arabic.HasConjunction(toks[i].Norm) || r.doc.SentenceOf(i) != r.doc.SentenceOf(m.First) {
			continue
		}
		w := strings.TrimPrefix(toks[i].Norm, "و")
		if w == toks[i].Norm || r.tagAt[i].Last > 0 && r.tagAt[i].Type != "PERS" {
			continue
		}
		last := i + 1
		switch {
		case w == "ابو" && last < len(toks) && !r.covered[last] && toks[last].Kind == arabic.Word && r.doc.SentenceOf(last) == r.doc.SentenceOf(i):
			last++ // «وأبو السكر»
		case r.kb.GivenNames[w]:
		case strings.HasPrefix(w, "ال") || arabic.RuneCount(w) < 3 || arabic.IsStopword(w) || verbLike(w) || r.kb.TitleWord(w) ||
			r.descrs[i].Last > 0 || r.tagger.Known(toks[i]):
			continue
		}
		text := stripClitic(r.doc.TokText(i, last))
		mn := r.mention(nlp.Mention{First: i, Last: last, Kind: nlp.MPerson, Rule: "entity.coordinated_name"}, "pname:"+arabic.FoldPhrase(text), marsad.Person, text, "", "")
		for j := i; j < last; j++ {
			r.covered[j] = true
		}
		r.doc.Mentions = append(r.doc.Mentions, mn)
		added = true
	}
	return added
}

// nameRules are the rules whose person mentions are names (not titles or short names).
var nameRules = map[string]bool{"entity.kb": true, "entity.given_name": true, "entity.given_name_kb": true, "entity.tagger": true,
	"entity.nisba_name": true, "entity.role_name": true, "entity.title_name": true, "entity.surname": true}

// nisbaCand is a person name read after a nationality adjective, waiting for the
// tagger's spans and the short names: «الإسرائيلي سيجيف» is «جونين سيجيف» named
// elsewhere.
type nisbaCand struct {
	first, last int
	country     string
}

// nisbaNames adds the nisbaName persons whose tokens no other mention covers.
func (r *run) nisbaNames() {
	for _, c := range r.nisbaCands {
		free := true
		for i := c.first; i < c.last; i++ {
			free = free && !r.covered[i]
		}
		if !free {
			continue
		}
		text := r.doc.TokText(c.first, c.last)
		code := c.country // a person of the country, no government sector without a title
		if co := r.kb.Countries[c.country]; co != nil && co.Cameo != "" {
			code = co.Cameo
		}
		mn := r.mention(nlp.Mention{First: c.first, Last: c.last, Kind: nlp.MPerson, Rule: "entity.nisba_name"}, "pname:"+arabic.FoldPhrase(text), marsad.Person, text, c.country, code)
		for i := c.first; i < c.last; i++ {
			r.covered[i] = true
		}
		r.doc.Mentions = append(r.doc.Mentions, mn)
	}
}

// pronounSuffixes end words that carry a pronoun («مسؤوليته», «عواقبها»): no names.
var pronounSuffixes = []string{"ها", "هم", "هما", "ته"}

// nameLike: a word that may be part of a person's name — not a function word, verb
// form, title, descriptor or known name.
func (r *run) nameLike(i int, ds []descr, nameAt func(int) *nlp.Mention) bool {
	t := r.doc.Tokens[i]
	if t.Kind != arabic.Word || nameAt(i) != nil || descrHas(ds, i) {
		return false
	}
	w := stripConjText(t.Norm)
	if arabic.IsStopword(t.Norm) || arabic.RuneCount(w) < 3 || verbLike(w) || r.kb.TitleWord(w) {
		return false
	}
	if (strings.HasPrefix(w, "ي") || strings.HasPrefix(w, "ت")) && !r.kb.GivenNames[w] {
		return false
	}
	return true
}

var taggedTypes = map[string]string{"PERS": marsad.Person, "ORG": marsad.Org, "LOC": marsad.Loc}

// placeInPerson reports whether a knowledge-base match that names only places or
// countries begins a longer person span of the tagger: «ميلان كونديرا», «باري مارشال»,
// «وائل الشهري» are persons whose given name is also a place name.
func (r *run) placeInPerson(m kb.Match) bool {
	for _, e := range m.Entries {
		if e.Kind != kb.KPlace && e.Kind != kb.KCountry {
			return false
		}
	}
	for _, sp := range r.tagSpans {
		if sp.Type == "PERS" && sp.First == m.First && sp.Last > m.Last {
			return true
		}
	}
	return false
}

// commonWordPlace reports whether a one-word knowledge-base match naming only places
// (not countries, capitals or provinces) is a common word here: «القدم» (football's «كرة القدم»), «الزاوية»,
// «القائم», «كسب» are places too. Such a word is taken for the place only where the
// tagger reads a place, near a mention of the place's country, or when it is no
// frequent word of the tagger's training data.
func (r *run) commonWordPlace(m kb.Match) bool {
	if r.tagger == nil || m.Last != m.First+1 {
		return false
	}
	for _, e := range m.Entries {
		if e.Kind != kb.KPlace {
			return false
		}
		if p := r.kb.Places[e.ID]; p == nil || p.Type == "capital" || p.Type == "adm1" || r.kb.CountryOfCapital(e.ID) != "" {
			return false // «أنقرة», «لطهران»: capitals and provinces stay places
		}
	}
	if sp := r.tagAt[m.First]; sp.Last > 0 && sp.Type == "LOC" {
		return false
	}
	if m.First > 0 {
		if _, ok := placeHeads[stripPrep(r.doc.Tokens[m.First-1])]; ok {
			return false // «بلدة الحولة»: a place head noun names it a place
		}
	}
	// A place of a country the text names nearby («درعا» in a report on Syria).
	for _, e := range m.Entries {
		if p := r.kb.Places[e.ID]; p != nil {
			for _, at := range r.namedAt[p.Country] {
				if at-m.First <= corefReach && m.First-at <= corefReach {
					return false
				}
			}
		}
	}
	return r.tagger.Known(r.doc.Tokens[m.First])
}

// surnameAfterGiven reports whether a one-word knowledge-base person name (a surname
// alias: «الاعرجي», «كرزاي») follows a given name the knowledge base does not join to
// it («بهاء الاعرجي»): the given-name rule reads the two words as one name.
func (r *run) surnameAfterGiven(m kb.Match, sent nlp.Sentence) bool {
	if m.Last != m.First+1 || m.First == sent.First {
		return false
	}
	for _, e := range m.Entries {
		if e.Kind != kb.KPerson {
			return false
		}
	}
	toks := r.doc.Tokens
	if arabic.IsStopword(toks[m.First-1].Norm) {
		return false // «إن بوتين»: a function word that is also a given name («آن»)
	}
	g, ok := r.kb.Descr.At(toks[:m.First], m.First-1, func(e *kb.Entry) bool { return e.Kind == kb.KGiven })
	if !ok || g.Last != m.First {
		return false
	}
	_, named := r.kb.Names.At(toks[:m.First], m.First-1, nil)
	return !named
}

// coordinated returns where a person span [first, last) ends when a given name with
// the conjunction («وجمال») inside it begins another person: at that token.
func (r *run) coordinated(first, last int) int {
	for i := first + 1; i < last; i++ {
		if w := r.doc.Tokens[i].Norm; arabic.HasConjunction(w) && r.kb.GivenNames[w[len("و"):]] {
			return i
		}
	}
	return last
}

// tagged adds the statistical tagger's spans (document token indexes) that no other
// rule covered. A person span holding a coordinated given name («بلال الحفناوي وجمال
// الرشدان») is two persons.
func (r *run) tagged(spans []ner.Span) {
	var split []ner.Span
	for _, sp := range spans {
		for sp.Type == "PERS" {
			end := r.coordinated(sp.First, sp.Last)
			if end == sp.Last {
				break
			}
			split = append(split, ner.Span{First: sp.First, Last: end, Type: sp.Type})
			sp.First = end
		}
		split = append(split, sp)
	}
	for _, sp := range split {
		first, last := sp.First, sp.Last
		free := true
		for i := first; i < last; i++ {
			if r.covered[i] {
				free = false
				break
			}
		}
		typ := taggedTypes[sp.Type]
		if last == first+1 && isNameHead(r.doc.Tokens[first]) {
			continue // a head noun alone («جماعة» of «جماعة أنصار الله») names nothing
		}
		if typ == marsad.Loc && r.headBefore(eventHeads, first, 0) || typ == marsad.Person && r.headBefore(prizeHeads, first, 0) {
			continue // «بطولة فرنسا المفتوحة» names a tournament, not France; «جائزة نوبل» a prize
		}
		if !free || typ == "" || r.nisbaIn(first, last) || r.dateIn(first, last) || r.onlyStopwords(first, last) {
			continue // a nationality adjective («مصادر سورية»), a day («الخميس») or «لدينا» is no name
		}
		for i := first; i < last; i++ {
			r.covered[i] = true
		}
		outer := 0
		if typ != marsad.Person {
			outer, first = r.headTrim(first, last)
		}
		name := stripClitic(r.doc.TokText(first, last))
		kind := map[string]nlp.MentionKind{marsad.Person: nlp.MPerson, marsad.Org: nlp.MOrg, marsad.Loc: nlp.MPlace}[typ]
		mn := r.mention(nlp.Mention{First: first, Last: last, Outer: outer, Kind: kind, Rule: "entity.tagger"}, "tag:"+typ+":"+arabic.FoldPhrase(name), typ, name, "", "")
		r.doc.Mentions = append(r.doc.Mentions, mn)
	}
}

// isNameHead reports whether t is a head noun of nameHeads, alone or after a
// conjunction («وشركة»); a preposition («لصحيفة») makes it no bare head.
func isNameHead(t arabic.Token) bool {
	return nameHeads[t.Norm] || nameHeads[arabic.StripConjunction(t.Norm)]
}

// headTrim returns where the name proper of a tagger's organisation or place span
// [first, last) begins: after a head noun without a preposition («فريق فيراري»,
// «شركة "إعمار"»), as nameProper does for the knowledge base's names. outer is first
// when the head is left out, 0 otherwise.
func (r *run) headTrim(first, last int) (outer, start int) {
	toks := r.doc.Tokens
	if last-first < 2 || !isNameHead(toks[first]) {
		return 0, first
	}
	start = first + 1
	if toks[start].IsQuote() {
		start++
	}
	if start >= last || toks[start].Kind != arabic.Word {
		return 0, first
	}
	return first, start
}

// nisbaIn reports whether a nationality adjective starts within tokens [first, last).
func (r *run) nisbaIn(first, last int) bool {
	for i := first; i < last; i++ {
		if _, ok := r.kb.Descr.At(r.doc.Tokens[:last], i, func(e *kb.Entry) bool { return e.Kind == kb.KNisba }); ok {
			return true
		}
	}
	return false
}

// dateIn reports whether a date expression covers one of tokens [first, last).
func (r *run) dateIn(first, last int) bool {
	for _, d := range r.doc.Dates {
		if d.First < last && d.Last > first {
			return true
		}
	}
	return false
}

// onlyStopwords reports whether tokens [first, last) are all function words.
func (r *run) onlyStopwords(first, last int) bool {
	for _, t := range r.doc.Tokens[first:last] {
		if t.Kind == arabic.Word && !arabic.IsStopword(t.Norm) && !r.stopKey(t) {
			return false
		}
	}
	return true
}

func (r *run) stopKey(t arabic.Token) bool {
	for _, k := range t.Keys() {
		if arabic.IsStopword(k) {
			return true
		}
	}
	return false
}

// adjectiveAfter: a word after a place head that agrees with it as a definite feminine
// adjective («المدينة القديمة», «المنطقة الواقعة») or carries a pronoun («ومينائها»)
// is no place name; known feminine names («مدينة البصرة») were matched before.
func adjectiveAfter(w string) bool {
	w = arabic.StripConjunction(w)
	if strings.HasSuffix(w, "ها") || strings.HasSuffix(w, "هم") {
		return true
	}
	return strings.HasPrefix(w, "ال") && strings.HasSuffix(w, "ه")
}

// indefinite: a word without the article (nor لل/بال before it).
func indefinite(t arabic.Token) bool {
	if t.Kind != arabic.Word {
		return false
	}
	w := arabic.StripConjunction(t.Norm)
	for _, p := range []string{"ال", "لل", "بال", "كال"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	return !arabic.IsStopword(t.Norm)
}

// personTagged reports whether the tagger put a person span starting at token i of the
// current sentence.
func (r *run) personTagged(i int) bool {
	for _, sp := range r.tagSpans {
		if sp.Type == "PERS" && sp.First == i {
			return true
		}
	}
	return false
}

// sportsCues are words of match reports: a sentence with one of them (clitics allowed)
// and a score or a second cue speaks of a game, where a place's name names its team.
var sportsCues = foldSet("مباراة", "مباراته", "مباراتها", "مباريات", "لقاء", "مواجهة", "الدوري", "بطولة", "كأس", "الشوط",
	"هدف", "هدفين", "الهدف", "أهداف", "مرمى", "ملعب", "منتخب", "المنتخب", "فريق", "الفريق", "نادي", "النادي", "لاعب", "لاعبو",
	"لاعبي", "لاعبتها", "لاعبها", "الصدارة", "نقطة", "نقاط", "التعادل", "تعادل", "النهائي", "الدقيقة", "فاز", "فازت", "بفوزه",
	"بفوزها", "الفوز", "تغلب", "تغلبها", "هزم", "هزيمة", "خسر", "خسرت", "سجل", "ضيفه", "مضيفه", "رصيد", "الثمانية", "الرالي",
	"المتسابقين", "القدم", "السلة", "الطائرة", "اليد", "المركز", "للسيدات", "للرجال")

// strongSportsCues alone make a sentence a match report.
var strongSportsCues = foldSet("مباراة", "مباريات", "الشوط", "هدف", "هدفين", "مرمى", "منتخب", "المنتخب", "الدوري",
	"ضيفه", "مضيفه", "بفوزه", "بفوزها", "التعادل", "تعادل", "الرالي")

// locativeBefore are the words after which a place's name names the place, even in a
// match report: «جرت في باكستان», «ستنطلق من مدريد», «بطولة قطر».
var locativeBefore = foldSet("في", "من", "الى", "إلى", "عن", "داخل", "عبر", "نحو", "بطولة", "كأس", "دوري", "عاصمة",
	"مدينة", "بمدينة", "ولاية", "بولاية", "جنوب", "شمال", "شرق", "غرب", "وسط")

func foldSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[arabic.Fold(w)] = true
	}
	return m
}

// sportsSentence reports whether the tokens [first, last) report a game: a strong cue, a
// score («2 - 1»), or two distinct cues.
func (r *run) sportsSentence(first, last int) bool {
	toks := r.doc.Tokens
	var seen string // the first weak cue seen; a second, different one decides
	for i := first; i < last; i++ {
		t := toks[i]
		if t.Kind == arabic.Number && i+2 < last && toks[i+1].Text == "-" && (toks[i+2].Kind == arabic.Number || toks[i+2].Norm == "صفر") {
			return true
		}
		cue := func(k string) (strong, stop bool) {
			if strongSportsCues[k] {
				return true, true
			}
			if sportsCues[k] {
				if seen != "" && seen != k {
					return true, true
				}
				seen = k
				return false, true
			}
			return false, false
		}
		if strong, stop := cue(t.Norm); stop {
			if strong {
				return true
			}
			continue
		}
		for _, k := range t.Keys() {
			if strong, stop := cue(k); stop {
				if strong {
					return true
				}
				break
			}
		}
	}
	return false
}

// matchVerbs and matchNouns speak of a game between teams: the team follows the verb
// («تعادل برشلونة»), or a preposition after either («الفوز على فرنسا», «خسر أمام مصر»).
var matchVerbs = foldSet("تعادل", "فاز", "فازت", "تغلب", "تغلبت", "هزم", "هزمت", "خسر", "خسرت", "واجه", "يواجه", "تواجه",
	"التقى", "يلتقي", "دك", "استعاد", "لحق", "تصدر", "اكتسح")
var matchNouns = foldSet("الفوز", "بالفوز", "فوز", "بفوزه", "بفوزها", "فوزه", "التعادل", "مباراة", "مباراته", "مباراتها",
	"لقاء", "مواجهة", "هزيمة", "خسارة", "تغلبها")
var matchPreps = foldSet("على", "علي", "مع", "أمام", "امام", "ضد")

// teamNouns are followed by the team they belong to: «رصيد برشلونة», «لاعب بيلباو».
var teamNouns = foldSet("رصيد", "لاعب", "لاعبو", "لاعبي", "مرمى", "شباك", "مدرب", "جماهير", "مهاجم", "حارس", "ضيفه",
	"مضيفه", "جاره", "مشجعي", "فريق", "نادي", "منتخب")

// teamAfter are words that follow a team: a score («بهدفين»), a title («حامل اللقب»).
var teamAfter = foldSet("بهدف", "بهدفين", "بثلاثية", "برباعية", "بخماسية", "بثنائية", "حامل", "متصدر", "شباك")

// teams reads a place's or country's name as its sports team (an organisation) in a
// match report where the sentence puts it in a team's place: after a match verb or a
// match noun's preposition, after a noun of a team's («رصيد برشلونة»), before a score,
// or joined by «و» to such a team. A locative word, a place head or the preposition
// «ب» before it keeps the place.
func (r *run) teams() {
	doc := r.doc
	for _, sent := range doc.Sentences {
		if !r.sportsSentence(sent.First, sent.Last) {
			continue
		}
		var ks []int
		for k := range doc.Mentions {
			m := &doc.Mentions[k]
			if m.First < sent.First || m.First >= sent.Last || m.Entity < 0 || m.Outer != 0 ||
				(m.Kind != nlp.MCountry && m.Kind != nlp.MPlace) || doc.Entities[m.Entity].Type != marsad.Loc {
				continue
			}
			ks = append(ks, k)
		}
		sort.Slice(ks, func(a, b int) bool { return doc.Mentions[ks[a]].First < doc.Mentions[ks[b]].First })
		lastTeam := -1 // end of the last team read in the sentence
		for _, k := range ks {
			m := &doc.Mentions[k]
			e := doc.Entities[m.Entity]
			if r.locative(m.First, sent.First, e.Name) {
				continue
			}
			coord := lastTeam >= 0 && arabic.HasConjunction(doc.Tokens[m.First].Norm) && m.First-lastTeam <= 1
			if !coord && !r.teamCue(m.First, m.Last, sent) {
				continue
			}
			lastTeam = m.Last
			key := "team:" + arabic.FoldPhrase(e.Name)
			idx, ok := r.byKey[key]
			if !ok {
				idx = len(doc.Entities)
				doc.Entities = append(doc.Entities, &marsad.Entity{Type: marsad.Org, Name: e.Name, Country: e.Country})
				r.byKey[key] = idx
			}
			m.Entity, m.Kind, m.Rule, m.Code, m.Capital = idx, nlp.MOrg, "entity.team", "", false
		}
	}
}

// teamCue reports whether the words around the place name [first, last) put a team there.
func (r *run) teamCue(first, last int, sent nlp.Sentence) bool {
	toks := r.doc.Tokens
	// in reports whether token i, bare or without «و»/«ف», is in set: «فازت» is no «ف» + «ازت».
	in := func(set map[string]bool, i int) bool {
		return set[toks[i].Norm] || set[arabic.StripConjunction(toks[i].Norm)]
	}
	if p := first - 1; p >= sent.First {
		if in(matchVerbs, p) || in(teamNouns, p) {
			return true
		}
		if p-1 > sent.First && toks[p].Norm == "من" && toks[p-1].Norm == "كل" {
			p -= 2 // «بالفوز على كل من فرنسا»
		}
		if in(matchPreps, p) {
			for j := p - 1; j >= sent.First && j >= p-6; j-- {
				if in(matchVerbs, j) || in(matchNouns, j) {
					return true
				}
			}
		}
	}
	if last < sent.Last {
		n := toks[last]
		if in(teamAfter, last) || n.Kind == arabic.Number && last+2 < sent.Last && toks[last+1].Text == "-" && toks[last+2].Kind == arabic.Number {
			return true
		}
	}
	return false
}

// locative reports whether the place name at token i names the place: after a locative
// word or place head, with the preposition «ب» («بباكستان»), or right after a place name.
func (r *run) locative(i, sentFirst int, name string) bool {
	toks := r.doc.Tokens
	w := arabic.StripConjunction(toks[i].Norm)
	if f := strings.Fields(arabic.FoldPhrase(name)); strings.HasPrefix(w, "ب") && (len(f) == 0 || f[0] != w) {
		return true
	}
	if i == sentFirst {
		return false
	}
	p := toks[i-1]
	if _, ok := placeHeads[stripPrep(p)]; ok {
		return true
	}
	if p.Norm == "من" && i-2 >= sentFirst && toks[i-2].Norm == "كل" {
		return false // «على كل من فرنسا وكندا»: each of
	}
	return locativeBefore[arabic.StripConjunction(p.Norm)] || locativeBefore[p.Norm]
}

// eventHeads name an event after a place: «بطولة فرنسا المفتوحة», «ماراثون باريس»,
// «دوري أبطال أوروبا», «مهرجان البندقية».
var eventHeads = foldSet("بطولة", "البطولة", "ماراثون", "رالي", "كأس", "دوري", "مهرجان", "أولمبياد", "مونديال")

// prizeHeads name a prize after a person: «جائزة نوبل».
var prizeHeads = foldSet("جائزة", "جوائز", "الجائزة")

// headBefore reports whether a head of heads (clitics allowed) comes right before token
// i, or «دوري أبطال» does.
func (r *run) headBefore(heads map[string]bool, i, sentFirst int) bool {
	toks := r.doc.Tokens
	head := func(j int) bool {
		if j < sentFirst || j < 0 {
			return false
		}
		for _, k := range append([]string{toks[j].Norm}, toks[j].Keys()...) {
			if heads[k] {
				return true
			}
		}
		return false
	}
	if head(i - 1) {
		return true
	}
	return i-1 > sentFirst && toks[i-1].Norm == arabic.Fold("أبطال") && head(i-2)
}

// eventPlace reports whether a knowledge-base match that names only places or countries
// is part of an event's name after an event head («بطولة قطر»): the name is the event's.
func (r *run) eventPlace(m kb.Match, sentFirst int) bool {
	for _, e := range m.Entries {
		if e.Kind != kb.KPlace && e.Kind != kb.KCountry {
			return false
		}
	}
	return r.headBefore(eventHeads, m.First, sentFirst)
}
