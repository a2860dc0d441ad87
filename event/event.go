// Package event codes CAMEO events: it finds the patterns of patterns.tsv in each
// sentence, assigns source and target actors (VSO and SVO order, prepositions,
// passives, coordination, elided subjects carried from earlier sentences), the mode
// (asserted, intended, threatened, denied…), the date (the sentence's own expression,
// else the governing one, else publication), the place, casualties, and merges repeated
// mentions of one happening into one event with all its evidence.
package event

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/nlp"
)

//go:embed data/cameo.tsv
var cameoData string

//go:embed data/patterns.tsv
var patternData string

//go:embed data/modes.tsv
var modeData string

// Coder is the event stage.
type Coder struct {
	log      *slog.Logger
	kb       *kb.KB
	Codebook Codebook
	Patterns *Patterns
	modes    []modeCue
	// modesByFirst indexes the cues that are not prefixes by their first word.
	modesByFirst map[string][]int
}

type modeCue struct {
	mode  string
	scope string
	words []string // folded tokens
}

// New returns the event stage over k. The embedded codebook, patterns and mode cues are
// read once per process (Preload starts that early) and shared, read-only, by every
// Coder.
func New(k *kb.KB) (*Coder, error) {
	d, err := compiled()
	if err != nil {
		return nil, err
	}
	c := *d
	c.kb = k
	return &c, nil
}

// compiled reads the embedded data once: a Coder without knowledge base or logger.
var compiled = sync.OnceValues(compile)

// Preload starts reading the embedded codebook, patterns and mode cues in the
// background, for callers that load the knowledge base meanwhile: New then waits for
// them instead of reading them itself.
func Preload() { go compiled() }

func compile() (*Coder, error) {
	const op = "event.New"
	var k *kb.KB
	cb, err := loadCodebook(cameoData)
	if err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	ps, err := parsePatterns(patternData, cb)
	if err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	c := &Coder{kb: k, Codebook: cb, Patterns: ps, log: slog.New(slog.DiscardHandler)}
	for _, line := range strings.Split(modeData, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return nil, marsad.Errorf(op, marsad.Invalid, "modes.tsv: bad line %q", line)
		}
		for _, cue := range strings.Split(f[2], "|") {
			words := strings.Fields(arabic.FoldPhrase(cue))
			if len(words) > 0 {
				c.modes = append(c.modes, modeCue{mode: f[0], scope: f[1], words: words})
			}
		}
	}
	c.modesByFirst = map[string][]int{}
	for i, mc := range c.modes {
		if mc.scope != "prefix" {
			c.modesByFirst[mc.words[0]] = append(c.modesByFirst[mc.words[0]], i)
		}
	}
	return c, nil
}

// SetLogger sets the logger that receives every event draft at debug level.
func (c *Coder) SetLogger(l *slog.Logger) {
	if l != nil {
		c.log = l.WithGroup("event")
	}
}

// actor is an actor mention usable as source or target.
type actor struct {
	first, last int
	entity      int
	country     string
	code        string
	name        string
	prep        string // the preposition governing it ("" none)
	kind        nlp.MentionKind
	rule        string
}

// key identifies an actor for merging mentions of one happening: a named person is
// themselves; any other actor (state, organisation, group) stands for its country, so
// «القوات السورية» and «النظام السوري» doing the same thing are one event.
func (a actor) key() string {
	if a.kind == nlp.MPerson && a.entity >= 0 {
		return fmt.Sprintf("e%d", a.entity)
	}
	if a.country != "" {
		return "c:" + a.country
	}
	return a.code + "|" + a.name
}

// standalone prepositions (folded).
var prepWords = map[string]bool{
	"مع": true, "علي": true, "الي": true, "من": true, "عن": true, "في": true, "ضد": true, "بين": true, "لدي": true,
	"حول": true, "بشان": true, "عبر": true, "داخل": true, "نحو": true, "تجاه": true, "باتجاه": true, "قرب": true, "بحق": true,
}

// prepOf returns the preposition governing token i: a standalone one just before it, or
// a clitic ب / ل on it.
func prepOf(toks []arabic.Token, i, from int) string {
	if i > from {
		prev := toks[i-1]
		if prev.Kind == arabic.Word {
			w := prev.Norm
			if prepWords[stripConj(w)] {
				w = stripConj(w)
			}
			if prepWords[w] {
				return w
			}
			if w == "ل" || w == "ب" {
				return w
			}
		}
		if prev.IsQuote() && i-1 > from && (toks[i-2].Norm == "ل" || toks[i-2].Norm == "ب") {
			return toks[i-2].Norm
		}
	}
	w := stripConj(toks[i].Norm)
	if w != toks[i].Norm && strings.HasPrefix(toks[i].Norm, "ف") && !strings.HasPrefix(w, "لل") && !strings.HasPrefix(w, "بال") {
		return "" // «فلسطينيين», «فرنسا»: the ف is the name's own letter
	}
	switch {
	case strings.HasPrefix(w, "لل"):
		return "ل"
	case strings.HasPrefix(w, "بال"):
		return "ب"
	case strings.HasPrefix(w, "ل") && arabic.RuneCount(w) > 3:
		return "?ل" // maybe a clitic: context() checks it against the entity's names
	case strings.HasPrefix(w, "ب") && arabic.RuneCount(w) > 3:
		return "?ب"
	}
	return ""
}

type sentCtx struct {
	sent    nlp.Sentence
	actors  []actor
	places  []nlp.Mention
	nisbas  []nlp.Mention
	named   []nlp.Mention // person, organisation and place names (not titles or groups)
	subject *actor
}

// Process codes the events of doc.
func (c *Coder) Process(_ context.Context, doc *nlp.Document) error {
	pub := doc.Meta.Published
	var events []*draft
	var discourse *actor
	var lastVisitPlace *nlp.Mention
	anchor := time.Time{}
	focus := focusCountry(doc)
	for _, sent := range doc.Sentences {
		if !sent.Coded() {
			continue
		}
		sc := c.context(doc, sent)
		matches := c.Patterns.Find(doc.Tokens, sent.First, sent.Last)
		if pm, ok := c.protesterMatch(doc.Tokens, sent, matches); ok {
			matches = append(matches, pm)
			sort.Slice(matches, func(a, b int) bool { return matches[a].First < matches[b].First })
		}
		dateOwner := ownDates(doc, sent, matches)
		debug := c.log.Enabled(context.Background(), slog.LevelDebug)
		if debug {
			for _, a := range sc.actors {
				c.log.Debug("actor", "text", doc.TokText(a.first, a.last), "code", a.code, "prep", a.prep, "rule", a.rule)
			}
			for _, m := range matches {
				c.log.Debug("match", "pattern", m.Pattern.ID, "trigger", doc.TokText(m.First, m.Last))
			}
		}
		var sentEvents []*draft
		for mi, m := range matches {
			if insideName(sc, m) {
				continue // «سامح شكري»: a name, not the verb «سامح»
			}
			if hypothetical(doc.Tokens, sent.First, m) && !m.Future {
				continue // «أي هجوم»: any attack that might come («سندمر أي قاعدة» is a threat)
			}
			if m.Present && !m.Future && inRelativeClause(doc.Tokens, sent.First, m.First) {
				continue // «المناطق التي يسيطرون عليها»: a state, not an event
			}
			ds := c.code(doc, sc, m, discourse)
			if negatedNoun(doc.Tokens, sent.First, m) || adverbial(doc.Tokens, sent.First, m) {
				continue // «وقف إطلاق النار» is a ceasefire; «بشكل قاطع» an adverb
			}
			if m.Pattern.Code[:2] == "04" && !m.Pattern.Verb && definiteBare(doc, sc, m) {
				continue // «خلال اللقاء»: the meeting already told
			}
			if demonstrative(doc.Tokens, sent.First, m) {
				// «هذا القصف»: a mention of an event already told; its date anchors
				// «بعد يوم من …» that may follow.
				for _, e := range events {
					if e.code[:2] == m.Pattern.Code[:2] && e.dateExplicit {
						anchor = e.dateT
						break
					}
				}
				continue
			}
			for _, d := range ds {
				if debug {
					c.log.Debug("candidate", "pattern", d.pattern.ID, "code", d.code, "source", d.src.describe(), "source_rule", d.srcRule, "target", d.tgt.describe(), "target_rule", d.tgtRule)
				}
				d.sentence = sent
				c.mode(doc, sent, m, d)
				if violent(d.code) && (d.mode == marsad.ModeIntended || d.mode == marsad.ModeThreatened) {
					// Force announced for the future is a threat of force (CAMEO 138).
					d.code, d.mode = "138", marsad.ModeThreatened
				}
				if d.code[:2] == "14" && (d.mode == marsad.ModeIntended || d.mode == marsad.ModeThreatened) {
					// A protest announced for the future is a threat of dissent (CAMEO 133),
					// not a protest that took place.
					d.code, d.mode = "133", marsad.ModeThreatened
				}
				if d.pattern.ID == "fight.attack.v" && verbalAttack(doc.Tokens, sent, m) {
					// «هاجم المرشح سياسة منافسه», «هاجم خطباء الحركة إضرابات الموظفين»:
					// an attack on a policy, a wish or words is a criticism (CAMEO 111).
					d.code = "111"
				}
				if d.code[:2] == "13" && d.mode == marsad.ModeAsserted {
					d.mode = marsad.ModeThreatened // a threat (CAMEO 13) is itself the threatened mode
				}
				if d.code == "130" {
					// «هدد بشن عملية عسكرية», «هدد باستهداف المنشآت»: a threat of force.
					for _, n := range matches[mi+1:] {
						if n.First >= m.Last && n.First <= m.Last+3 && violent(n.Pattern.Code) {
							d.code = "138"
							break
						}
					}
				}
				c.location(doc, sc, m, d, lastVisitPlace)
				if !c.keepDraft(doc.Tokens, d) {
					c.log.Debug("dropped: no target, source guessed", "pattern", d.pattern.ID, "trigger", doc.TokText(d.match.First, d.match.Last), "source_rule", d.srcRule)
					continue
				}
				c.date(doc, sent, mi, dateOwner, d, pub, anchor)
				if d.code[:2] == "14" {
					c.protestSides(doc.Tokens, sc, d)
				}
				if d.code[:2] == "14" && (d.src == nil || d.src.country == "") {
					// Protesters of no stated nationality are people of the place.
					cc := focus
					if d.loc != nil && d.loc.Country != "" {
						cc = d.loc.Country
					}
					if cc != "" {
						d.src = &actor{first: d.match.First, last: d.match.Last, entity: -1, country: cc, code: cc + "CVL", kind: nlp.MGroup}
						d.srcRule = "event.source_protest_place"
					}
				}
				if d.tgt == nil && (violent(d.code) || d.code[:2] == "14" || d.code[:2] == "17") {
					// Violence with no named target: the people of the place it hit, or
					// of the country the article is about.
					cc, rule := focus, "event.target_focus_country"
					if d.loc != nil && d.loc.Country != "" {
						cc, rule = d.loc.Country, "event.target_location_country"
					}
					if cc != "" && (d.src == nil || d.src.country != cc || rule == "event.target_location_country" || !violent(d.code)) {
						d.tgt = &actor{first: d.match.First, last: d.match.Last, entity: -1, country: cc, code: cc + "CVL", kind: nlp.MPlace}
						if cn := c.kb.Countries[cc]; cn != nil {
							d.tgt.name = cn.Names[0]
						}
						d.tgtRule = rule
					}
				}
				if d.loc != nil && d.code[:2] == "04" && d.pattern.Frame.hasLoc() {
					lastVisitPlace = d.loc
				}
				sentEvents = append(sentEvents, d)
			}
		}
		c.violenceSources(doc, sc, sentEvents)
		c.demands(sc, sentEvents)
		sentEvents = dropOpenAppeals(sentEvents)
		c.casualties(doc, sent, sentEvents)
		for _, d := range sentEvents {
			if d.background || generic(doc, d) {
				c.log.Debug("dropped: background or generic", "background", d.background, "pattern", d.pattern.ID, "trigger", doc.TokText(d.match.First, d.match.Last))
				continue
			}
			if r := c.mention(doc, sent, d); r != "" {
				c.log.Debug("mention, not a report", "rule", r, "pattern", d.pattern.ID, "trigger", doc.TokText(d.match.First, d.match.Last))
				continue
			}
			events = append(events, d)
			if d.dateExplicit {
				anchor = d.dateT
			}
		}
		if sc.subject != nil {
			discourse = sc.subject
		}
	}
	if c.log.Enabled(context.Background(), slog.LevelDebug) {
		for _, d := range events {
			c.log.Debug("draft", "code", d.code, "pattern", d.pattern.ID, "source", d.src.describe(), "target", d.tgt.describe(),
				"trigger", doc.TokText(d.match.First, d.match.Last), "date", day(d.dateT), "mode", d.mode)
		}
	}
	// A violent word with neither a known perpetrator nor a named victim, left over
	// after merging, is seldom a new happening.
	kept := events[:0]
	for _, d := range events {
		if violent(d.code) && !d.pattern.Verb && (d.src == nil || d.src.country == "") && d.fatalities == nil && d.wounded == nil &&
			!told(doc.Tokens, d) &&
			(d.tgt == nil || d.tgtRule == "event.target_focus_country" || d.tgtRule == "event.target_location_country") {
			c.log.Debug("dropped: violent noun without actors", "pattern", d.pattern.ID, "trigger", doc.TokText(d.match.First, d.match.Last))
			continue
		}
		kept = append(kept, d)
	}
	events = kept
	events = append(events, c.statements(doc, pub)...)
	events = append(events, c.obligations(doc, pub)...)
	speakerPlaces(events)
	doc.Events = c.merge(doc, events)
	return nil
}

// describe renders an actor for debug logs.
func (a *actor) describe() string {
	if a == nil {
		return "-"
	}
	return a.code + " " + a.name
}

var relatives = map[string]bool{"الذي": true, "التي": true, "الذين": true, "اللذين": true, "اللتين": true, "اللواتي": true, "اللاتي": true}

func inRelativeClause(toks []arabic.Token, from, i int) bool {
	for j := i - 1; j >= from && j >= i-2; j-- {
		if relatives[toks[j].Norm] {
			return true
		}
	}
	return false
}

func coercive(code string) bool {
	switch code[:2] {
	case "16", "17", "18", "19", "20":
		return true
	}
	return false
}

func violent(code string) bool {
	switch code[:2] {
	case "18", "19", "20":
		return true
	}
	return false
}

func (f Frame) hasLoc() bool {
	for _, t := range f.Targets {
		if t == "loc" {
			return true
		}
	}
	return false
}

// context collects a sentence's actors (collapsing appositions such as «رئيس هيئة
// الأركان…، الجنرال محمد باقري» to the person), places and subject.
func (c *Coder) context(doc *nlp.Document, sent nlp.Sentence) *sentCtx {
	toks := doc.Tokens
	sc := &sentCtx{sent: sent}
	for _, m := range doc.Mentions {
		if m.First < sent.First || m.Last > sent.Last {
			continue
		}
		if m.Kind == nlp.MNisba {
			sc.nisbas = append(sc.nisbas, m)
			continue
		}
		if m.Rule == "entity.tagger" && m.Country == "" {
			continue // a name the statistical tagger found, of no known country: no actor
		}
		switch m.Kind {
		case nlp.MPerson, nlp.MOrg, nlp.MPlace, nlp.MCountry:
			if strings.HasPrefix(m.Rule, "entity.kb") || strings.HasPrefix(m.Rule, "entity.given_name") || m.Rule == "entity.title_name" {
				sc.named = append(sc.named, m)
			}
		}
		if m.Kind == nlp.MPlace {
			sc.places = append(sc.places, m)
			if !m.Capital {
				continue
			}
		}
		first := m.First
		if m.Outer > 0 && m.Outer < m.First && m.Outer >= sent.First {
			first = m.Outer
		}
		a := actor{first: first, last: m.Last, entity: m.Entity, country: m.Country, code: m.Code, kind: m.Kind, rule: m.Rule}
		if m.Kind == nlp.MCountry {
			sc.places = append(sc.places, m)
		}
		if m.Capital {
			a.code = m.Country + "GOV"
		}
		if strings.HasSuffix(a.code, "MED") {
			continue // outlets report events; they are not their actors
		}
		if a.entity >= 0 {
			a.name = doc.Entities[a.entity].Name
		} else {
			a.name = doc.TokText(m.First, m.Last)
			if w := toks[m.First].Norm; m.Kind == nlp.MGroup && arabic.HasConjunction(w) && c.kb.Groups[arabic.StripConjunction(w)] != nil {
				a.name = string([]rune(a.name)[1:]) // «ومسلحين أكراد» → «مسلحين أكراد»
			}
		}
		a.prep = prepOf(toks, first, sent.First)
		if strings.HasPrefix(a.prep, "?") {
			// ب/ل glued to the name: a real clitic when the token is longer than the
			// name's own first word («لطهران», «بإيران»).
			a.prep = strings.TrimPrefix(a.prep, "?")
			if a.entity >= 0 && c.nameWord(doc.Entities[a.entity], stripConj(toks[m.First].Norm)) {
				a.prep = ""
			}
		}
		sc.actors = append(sc.actors, a)
	}
	sort.SliceStable(sc.actors, func(i, j int) bool { return sc.actors[i].first < sc.actors[j].first })
	// Drop actors nested in another (a group inside a role phrase…), keeping the longer.
	var flat []actor
	for _, a := range sc.actors {
		if n := len(flat); n > 0 && a.first < flat[n-1].last {
			if a.kind == nlp.MPerson && flat[n-1].kind != nlp.MPerson {
				a.prep = flat[n-1].prep
				flat[n-1] = a
			}
			continue
		}
		flat = append(flat, a)
	}
	// Apposition: X ، [title] Person → Person (with X's preposition).
	var out []actor
	for _, a := range flat {
		if n := len(out); n > 0 && a.kind == nlp.MPerson && out[n-1].kind != nlp.MPerson && out[n-1].kind != nlp.MCountry {
			gap := a.first - out[n-1].last
			between := toks[out[n-1].last:a.first]
			ok := gap <= 3
			for _, t := range between {
				if t.Kind == arabic.Punct && t.Rune() != arabic.ArabicComma && t.Rune() != ',' || arabic.IsStopword(t.Norm) {
					ok = false
				}
			}
			if ok {
				a.prep = out[n-1].prep
				a.first = out[n-1].first
				out[n-1] = a
				continue
			}
		}
		// A role phrase just before an actor it introduces: «مع رئيس هيئة…»: the
		// preposition two tokens back governs the whole phrase.
		if a.prep == "" && a.first-2 >= sent.First {
			w := stripConj(toks[a.first-2].Norm)
			if prepWords[w] && toks[a.first-1].Kind == arabic.Word && !arabic.IsStopword(toks[a.first-1].Norm) {
				a.prep = w
			}
		}
		out = append(out, a)
	}
	sc.actors = out
	for i := range sc.actors {
		a := &sc.actors[i]
		if a.prep == "" && a.kind != nlp.MCountry || (a.prep == "" && a.kind == nlp.MCountry && i == 0) {
			sc.subject = a
			break
		}
	}
	return sc
}

func stripConj(w string) string { return arabic.StripConjunction(w) }

// draft is an event being coded.
type draft struct {
	pattern      *Pattern
	code         string
	match        Match
	src, tgt     *actor
	srcRule      string
	tgtRule      string
	sentence     nlp.Sentence
	mode         string
	modeCue      *marsad.Text
	dateT        time.Time
	dateRule     string
	dateText     *marsad.Text
	dateExplicit bool
	background   bool
	loc          *nlp.Mention
	locRule      string
	fatalities   *int
	wounded      *int
}

func clauseStart(toks []arabic.Token, from, i int) int {
	for j := i - 1; j >= from; j-- {
		if arabic.IsClauseBreak(toks[j]) || toks[j].IsQuote() {
			return j + 1
		}
		if w := stripConj(toks[j].Norm); w == "ان" || w == "انه" || w == "انها" || w == "بان" || w == "الذي" || w == "التي" {
			return j + 1
		}
	}
	return from
}

// code assigns actors to a match; a coordinated target («مع X وY») gives one event each.
func (c *Coder) code(doc *nlp.Document, sc *sentCtx, m Match, discourse *actor) []*draft {
	toks := doc.Tokens
	p := m.Pattern
	d := &draft{pattern: p, code: p.Code, match: m}
	acts := sc.actors
	inside := func(a actor) bool { return a.first < m.Last && a.last > m.First }
	// After a verb whose pattern has a gap («حمّلت النقابة الحوثيين المسؤولية»), the
	// actors in the gap are its subject and object.
	after := m.Last
	if p.Verb && len(p.Slots) > 1 && p.Slots[1].gap {
		after = m.Head + 1
	}
	var genitiveTarget *actor
	// Source.
	if !p.Frame.Passive {
		if p.Verb {
			// SVO: an actor shortly before the verb in its clause.
			cs := clauseStart(toks, sc.sent.First, m.First)
			for i := len(acts) - 1; i >= 0; i-- {
				a := &acts[i]
				if a.last <= m.First && a.first >= cs && a.prep == "" && m.First-a.last <= 4 {
					d.src, d.srcRule = a, "event.source_svo"
					break
				}
			}
			// VSO inside the trigger: «قصفت الطائرات الروسية …» (V:قصف N:طائرة).
			for i := range acts {
				if a := &acts[i]; d.src == nil && after == m.Last && a.first == m.Head+1 && a.first < m.Last && a.prep == "" {
					d.src, d.srcRule = a, "event.source_vso"
				}
			}
			// VSO: an actor right after the verb (skipping commas, dates and adverbs) —
			// unless the verb already has its subject before it, an unknown doer that
			// is no actor («مجهولين خطفوا القنصل الأفغاني»: the consul is the object).
			unknownSubject := m.First > cs && anyKey(toks[m.First-1], unknownDoers)
			for i := range acts {
				if d.src != nil || unknownSubject {
					break
				}
				a := &acts[i]
				if a.first >= after && a.first <= after+3 && a.prep == "" && !quoteBetween(toks, after, a.first) {
					ok := true
					for k := after; k < a.first; k++ {
						t := toks[k]
						// a title governing the actor («وصف منسق الأمم المتحدة …»)
						title := k == after && a.first == after+1 && constructTitle(c.kb, t, toks[a.first])
						if _, quantity := arabic.ParseQuantity(toks, k); t.Kind == arabic.Word && !isAdverb(t.Norm) && !quantity && !title {
							ok = false
						}
					}
					if ok {
						d.src, d.srcRule = a, "event.source_vso"
						break
					}
				}
			}
			// SVO: an actor further before the verb in its clause.
			if d.src == nil {
				for i := len(acts) - 1; i >= 0; i-- {
					a := &acts[i]
					if a.last <= m.First && a.first >= cs && a.prep == "" {
						d.src, d.srcRule = a, "event.source_svo"
						break
					}
				}
			}
		} else {
			// Genitive after a noun: the agent of «زيارة الرئيس الإيراني», the patient
			// of «اغتيال السفير» (coercion and violence).
			for i := range acts {
				a := &acts[i]
				if a.first == m.Last && a.prep == "" && !hasPronounSuffix(toks[m.Head].Norm) {
					if coercive(p.Code) {
						genitiveTarget = a
						// «استهداف الجيش الإسرائيلي للمتظاهرين»: with a ل-object after it,
						// the genitive is the agent and the ل-object the target.
						for j := i + 1; j < len(acts); j++ {
							if b := &acts[j]; b.first <= a.last+2 && b.prep == "ل" {
								d.src, d.srcRule = a, "event.source_genitive_agent"
								genitiveTarget = b
								break
							}
						}
						if d.src == nil && a.last < len(toks) && a.last < sc.sent.Last && strings.HasPrefix(stripConj(toks[a.last].Norm), "ل") && !strings.HasPrefix(stripConj(toks[a.last].Norm), "ال") {
							d.src, d.srcRule = a, "event.source_genitive_agent"
							genitiveTarget = nil // the victims have no country we know
						}
						// «استهداف قوات الاحتلال مسيرات سلمية»: an indefinite noun right
						// after the genitive is the verbal noun's object, so the genitive
						// is its agent.
						if d.src == nil && a.last < sc.sent.Last && indefiniteObject(toks[a.last]) {
							d.src, d.srcRule = a, "event.source_genitive_agent"
							genitiveTarget = nil
						}
					} else {
						d.src, d.srcRule = a, "event.source_genitive"
					}
					break
				}
			}
		}
		if d.src == nil && p.Verb {
			// The nearest actor before the verb that no preposition governs — but not
			// across «أن/إن» («وقالت الوزارة إن غارة استهدفت…»: the ministry reports, it
			// does not strike) unless the clause's subject is a pronoun («أن قواته قصفت»).
			cs := clauseStart(toks, sc.sent.First, m.First)
			pronounSubject := m.First-1 >= cs && m.First-1 >= sc.sent.First && hasPronounSuffix(toks[m.First-1].Norm)
			for i := len(acts) - 1; i >= 0; i-- {
				a := &acts[i]
				if a.last > m.First || a.prep != "" || a.kind == nlp.MCountry {
					continue
				}
				if a.last <= cs && complementizerBetween(toks, a.last, m.First) && !pronounSubject {
					break
				}
				if pronounSubject && a.first > sc.sent.First && prepGenitive(toks[a.first-1]) {
					continue // «سوء فهم للوجود العسكري الإيراني … أن بلاده ستدمر»: no subject
				}
				d.src, d.srcRule = a, "event.source_nearest_before"
				break
			}
		}
		if d.src == nil && !p.Verb {
			// «غارات جوية روسية», «القصف الإسرائيلي»: the nationality of the deed.
			for _, n := range sc.nisbas {
				if n.First >= m.Last && n.First <= m.Last+2 && !quoteBetween(toks, m.Last, n.First) && !prepBetween(toks, m.Last, n.First) {
					sector := "GOV"
					if coercive(p.Code) || p.Code[:2] == "15" {
						sector = "MIL"
					}
					d.src = &actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country + sector, kind: nlp.MNisba, name: doc.TokText(n.First, n.Last)}
					d.srcRule = "event.source_nisba"
					break
				}
			}
		}
		if d.src == nil && !coercive(p.Code) {
			// «نقلت تاس عن شويغو قوله خلال اجتماع مع ليبرمان»: the one quoted speaks of
			// his own doings (not of attacks: «عن أبو ردينة قوله إن "الاعتداء على …"»).
			for i := range acts {
				a := &acts[i]
				if a.prep == "عن" && a.last < m.First && a.last < sc.sent.Last && anyKey(toks[a.last], sayingNouns) {
					d.src, d.srcRule = a, "event.source_quoted_speaker"
				}
			}
		}
		// «وقال مصدر أمني إن سيارة مفخخة انفجرت», «وأعلن الجيش أن "مسلحين اغتالوا
		// ضابطا"»: a subject that tells of violence in a clause it reports, a clause
		// with a subject of its own, is the source of the news, not of the deed. With
		// no subject of its own («وقال البيان: "صباح اليوم استهدفت مواقع …"», «أنه
		// قتل …») the speaker tells its own deed.
		reported := violent(p.Code) && sc.subject != nil && sc.subject.last <= m.First &&
			ownSubjectReported(toks, sc.subject.last, m.First)
		if d.src == nil && !reported && sc.subject != nil && (sc.subject.first < m.First || !p.Verb) {
			d.src, d.srcRule = sc.subject, "event.source_sentence_subject"
		}
		if d.src == nil && !reported && discourse != nil {
			d.src, d.srcRule = discourse, "event.source_discourse"
		}
	}
	if (p.Verb || performed(toks, sc.sent.First, m.First)) && violent(p.Code) && d.src == nil {
		// «دبابات أميركية أطلقت نيرانها», «اطلقت دبابة إسرائيلية قذيفة», «قامت دبابة
		// إسرائيلية بقصف»: the nationality that ends the subject before the verb (or the
		// «قام بـ» noun), or stands inside the pattern's gap, is the doer's.
		for _, n := range sc.nisbas {
			if n.Country == "" || quoteBetween(toks, min(n.Last, m.First), max(n.First, m.First)) {
				continue
			}
			before := n.Last <= m.First && m.First-n.Last <= 1 && n.First >= clauseStart(toks, sc.sent.First, m.First) &&
				stripConj(toks[m.First].Norm) == toks[m.First].Norm // «الأراضي الجورجية وتحاصر»: a new clause
			gap := n.First > m.First && n.Last < m.Last
			if before || gap {
				d.src = &actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country + "MIL", kind: nlp.MNisba, name: doc.TokText(n.First, n.Last)}
				d.srcRule = "event.source_subject_nisba"
				break
			}
		}
	}
	// «تعرضت قافلته لهجوم», «تعرضت الوزيرة لمحاولة اغتيال»: the one who undergoes an
	// attack is its victim, not its doer.
	var undergoer *actor
	if !p.Verb && violent(p.Code) && undergone(toks, sc.sent.First, m.First) {
		if d.src != nil && d.src.first < m.First {
			undergoer, d.src, d.srcRule = d.src, nil, ""
		} else if u := undergoerOf(toks, acts, sc.sent.First, m.First); u != nil {
			undergoer = u // «بأن القوات الأميركية تعرضت لهجوم», «بتعرض المرجع لمحاولة اغتيال»
		}
	}
	// Targets.
	var tgts []*actor
	for _, t := range p.Frame.Targets {
		switch t {
		case "obj":
			objFrom := after
			if d.src != nil && d.srcRule == "event.source_vso" {
				objFrom = apposedEnd(toks, sc, d.src) // past «، مارتن غريفيث،» in apposition
			}
			for i := range acts {
				a := &acts[i]
				if a.first >= objFrom && causeBetween(toks, objFrom, a.first) {
					break // «قتل ثلاثة مدنيين نتيجة قصف الطائرات الروسية …»: the cause's actor
				}
				if a.first >= objFrom && a.first <= m.Last+8 && (d.src == nil || a.first > d.src.first || d.src.last <= m.First) && a.prep == "" && !same(a, d.src) {
					if d.src != nil && a.first < d.src.last {
						continue
					}
					tgts = append(tgts, a)
					d.tgtRule = "event.target_object"
					break
				}
			}
		case "loc":
			for _, pl := range sc.places {
				if pl.First >= m.Last && pl.First <= m.Last+10 {
					a := &actor{first: pl.First, last: pl.Last, entity: pl.Entity, country: pl.Country, code: pl.Country, kind: pl.Kind}
					if pl.Entity >= 0 {
						a.name = doc.Entities[pl.Entity].Name
					}
					if pl.Kind == nlp.MPlace {
						// the country as actor: its entity when the article names it
						a.entity = -1
						a.name = ""
						if cn := c.kb.Countries[pl.Country]; cn != nil {
							a.name = cn.Names[0]
						}
					}
					tgts = append(tgts, a)
					d.tgtRule = "event.target_place_country"
					break
				}
			}
		case "بين":
			for i := range acts {
				a := &acts[i]
				if a.prep == "بين" && a.first >= m.Last && a.first <= m.Last+6 {
					if (i+1 >= len(acts) || acts[i+1].first > a.last+3) && p.Frame.Symmetric && a.last < sc.sent.Last && arabic.HasConjunction(toks[a.last].Norm) {
						// «بين الجيش السوري وفصائل المعارضة»: the other side has no
						// country; the named one is a side of its own.
						d.src, d.srcRule = a, "event.source_between"
						break
					}
					if i+1 < len(acts) && acts[i+1].first <= a.last+3 {
						b := &acts[i+1]
						if d.src == nil || same(d.src, a) || same(d.src, b) || p.Frame.Symmetric || !p.Verb || d.srcRule != "event.source_vso" && d.srcRule != "event.source_svo" {
							d.src, d.srcRule = a, "event.source_between"
							tgts = append(tgts, b)
						} else {
							tgts = append(tgts, a)
						}
						d.tgtRule = "event.target_between"
					}
					break
				}
			}
		default:
			for i := range acts {
				a := &acts[i]
				reach := 10
				if p.Code[:2] == "04" && a.prep == "مع" && a.first > 0 && (strings.HasPrefix(toks[a.first].Norm, "نظير") || strings.HasPrefix(stripConj(toks[a.first-1].Norm), "نظير")) {
					reach = 16 // «بحث شويغو منطقة خفض التصعيد في جنوب سوريا مع نظيره الإسرائيلي»
				}
				if a.first < m.Last || a.first > m.Last+reach || inside(*a) || same(a, d.src) {
					continue
				}
				if a.prep == t || (t == "الي" && a.prep == "ل") {
					tgts = append(tgts, a)
					d.tgtRule = "event.target_prep_" + t
					// coordinated: «مع X، وY»
					for k := i + 1; k < len(acts); k++ {
						b := &acts[k]
						if b.first-acts[k-1].last > 4 || b.prep != "" && b.prep != t {
							break
						}
						conj := false
						for _, tk := range toks[acts[k-1].last:b.first] {
							if arabic.HasConjunction(tk.Norm) || tk.Norm == "و" || tk.Kind == arabic.Punct && tk.Rune() == arabic.ArabicComma {
								conj = true
							}
						}
						if arabic.HasConjunction(toks[b.first].Norm) {
							conj = true
						}
						if !conj {
							break
						}
						tgts = append(tgts, b)
					}
					break
				}
				// a noun carrying the preposition just before the actor: «بقرار مجلس النواب»
				if a.prep == "" && a.first-1 >= m.Last {
					w := stripConj(toks[a.first-1].Norm)
					if (t == "ب" || t == "ل") && strings.HasPrefix(w, t) && arabic.RuneCount(w) > 3 {
						tgts = append(tgts, a)
						d.tgtRule = "event.target_prep_noun_" + t
						break
					}
				}
			}
		}
		if len(tgts) > 0 {
			break
		}
	}
	if len(tgts) == 0 {
		// «صواريخ على مواقع إسرائيلية»: a nationality after the target preposition.
		if n := c.prepNisba(toks, sc, m, p.Frame.Targets); n != nil {
			tgts = append(tgts, n)
			d.tgtRule = "event.target_prep_nisba"
		} else if n := c.objectNisba(toks, sc, m, d); n != nil {
			tgts = append(tgts, n)
			d.tgtRule = "event.target_object_nisba"
		}
	}
	if p.Verb && violent(p.Code) && d.src != nil && d.srcRule == "event.source_vso" && (len(tgts) == 0 || d.tgtRule == "event.target_object") {
		// «قتل جندي إسرائيلي برصاص فلسطيني», «قتل ثلاثة جنود في هجوم شنه مسلحون»: an
		// agent phrase, or a counted subject, makes the verb passive — the subject is the
		// victim.
		agent := c.agentAfter(doc, sc, d.src.last)
		counted := false
		for k := m.Last; k < d.src.first; k++ {
			if _, ok := arabic.ParseQuantity(toks, k); ok {
				counted = true
			}
		}
		if agent == nil && counted && len(tgts) == 1 {
			agent = tgts[0] // «قتل ثلاثة جنود … مسلحون»: the other actor is the agent
		}
		if agent != nil || counted {
			tgts = append(tgts[:0], d.src)
			d.tgtRule = "event.target_passive_subject"
			d.src, d.srcRule = agent, "event.source_agent"
			if agent == nil {
				d.srcRule = ""
			}
		}
	}
	if p.Verb && violent(p.Code) && !activeIntransitive[p.ID] && m.Last == m.First+1 && d.src != nil && (d.srcRule == "event.source_svo" || d.srcRule == "event.source_subject_nisba" && d.src.last <= m.First ||
		d.srcRule == "event.source_nearest_before" && d.src.last >= m.First-1) && passiveNext(toks, m.Last, sc.sent.Last) &&
		(len(tgts) == 0 || tgts[0].kind == nlp.MPlace) {
		// «ثلاثة عراقيين قتلوا في انفجار …», «جنديين إسبانيين قتلا وأصيب ثالث»: a
		// one-word violent verb after its subject with no object after it (a pattern
		// of several words holds its object) is read, as news writes it, in the
		// passive — the subject is the victim; the agent follows «على يد», «برصاص».
		tgts = append(tgts[:0], d.src)
		d.tgtRule = "event.target_passive_subject"
		d.src, d.srcRule = c.agentAfter(doc, sc, m.Last), "event.source_agent"
		if d.src == nil {
			d.srcRule = ""
		}
	}
	if undergoer != nil {
		tgts = append(tgts[:0], undergoer)
		d.tgtRule = "event.target_undergoer"
	}
	if len(tgts) == 0 && genitiveTarget != nil && !same(genitiveTarget, d.src) {
		tgts = append(tgts, genitiveTarget)
		d.tgtRule = "event.target_genitive"
	}
	if p.Frame.Passive {
		// «مقتل ثلاثة جنود برصاص مسلحين»: the first actor after the trigger is the
		// target, the agent follows على يد / برصاص / من قبل / بنيران.
		for i := range acts {
			a := &acts[i]
			if a.first >= m.Last && a.first <= m.Last+6 && !agentCue(toks, a.first) && !clauseBreakBetween(toks, m.Last, a.first) {
				if len(tgts) == 0 {
					if a.first == m.Last && a.last < sc.sent.Last && (lObject(toks[a.last]) || indefiniteObject(toks[a.last])) {
						// «استهداف الجيش الإسرائيلي للمتظاهرين», «… مسيرات سلمية»: with an
						// object after it, the genitive is the agent.
						d.src, d.srcRule = a, "event.source_genitive_agent"
						continue
					}
					tgts = append(tgts, a)
					d.tgtRule = "event.target_passive_subject"
					continue
				}
			}
			if a.first > m.Last && agentCue(toks, a.first) {
				d.src, d.srcRule = a, "event.source_agent"
			}
		}

	}
	if d.src == nil && violent(p.Code) {
		// «تم اغتصابها من قبل عدة ضباط عراقيين», «هجوم نسب إلى المتمردين التاميل»: the
		// nationality in the agent phrase.
		for _, n := range sc.nisbas {
			if n.First > m.Last && n.First <= m.Last+8 && n.Country != "" && agentCueBefore(toks, m.Last, n.First) {
				d.src = &actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country + "MIL", kind: nlp.MNisba, name: doc.TokText(n.First, n.Last)}
				d.srcRule = "event.source_agent"
				break
			}
		}
	}
	// Coordinated subject «إيران والعراق يعتزمان»: the first conjunct is the source,
	// the second the target.
	if len(tgts) == 0 && d.src != nil {
		for i := range acts {
			if &acts[i] != d.src && !same(&acts[i], d.src) {
				continue
			}
			if i > 0 && arabic.HasConjunction(toks[acts[i].first].Norm) && acts[i].first-acts[i-1].last <= 1 && acts[i-1].prep == "" {
				tgts = append(tgts, &acts[i])
				d.src, d.srcRule = &acts[i-1], "event.source_coordinated"
				d.tgtRule = "event.target_coordinated"
			} else if i+1 < len(acts) && arabic.HasConjunction(toks[acts[i+1].first].Norm) && acts[i+1].first-acts[i].last <= 1 && acts[i+1].prep == "" {
				tgts = append(tgts, &acts[i+1])
				d.tgtRule = "event.target_coordinated"
			}
			break
		}
	}
	if len(tgts) == 0 {
		return []*draft{d}
	}
	var out []*draft
	for _, t := range tgts {
		e := *d
		e.tgt = t
		if same(e.src, e.tgt) {
			e.tgt = nil
		}
		out = append(out, &e)
	}
	return out
}

// keepDraft drops events with no target, except violence and protest, which are worth
// recording even when the actors are unknown: an event with no target is a statement
// of the source's, not an event between actors.
func (c *Coder) keepDraft(toks []arabic.Token, d *draft) bool {
	switch d.code[:2] {
	case "14", "18", "19", "20":
		// With no target and a source guessed from the discourse, a violent word is
		// more often talk about violence than a report of it.
		if d.code[:2] == "14" && d.loc != nil {
			return true // a protest in a named place
		}
		if d.code[:2] == "14" && d.src != nil && d.src.kind == nlp.MCountry && !d.pattern.Verb && d.match.First >= d.src.last &&
			d.match.First-d.src.last <= 2 && d.src.first > d.sentence.First && anyKey(toks[d.src.first-1], witnessed) {
			return true // «شهدت تركيا أمس مظاهرات»: the country is where it took place
		}
		if d.code[:2] == "14" && (purposeProtest(toks, d.sentence, d.match) || doneInProtest(toks, d.sentence, d.match)) {
			return true // «خرجوا للاحتجاج على …»: done in protest
		}
		if d.tgt == nil && d.fatalities == nil && (d.srcRule == "event.source_sentence_subject" || d.srcRule == "event.source_discourse") {
			return false
		}
		return true
	}
	if d.src == nil || d.src.country == "" {
		return false
	}
	if d.tgt == nil && openAppeal(toks, d) {
		return true
	}
	return d.tgt != nil
}

// dropOpenAppeals drops an appeal to no one when the sentence codes another event of
// the same source: what it calls for is that event («شددت على ضرورة فرض عقوبات على
// روسيا» is the sanctions, demanded).
func dropOpenAppeals(ds []*draft) []*draft {
	out := ds[:0]
	for _, d := range ds {
		open := d.tgt == nil && (d.code[:2] == "02" || d.code[:2] == "10")
		other := false
		for _, e := range ds {
			if e != d && open && e.src != nil && d.src != nil && e.src.country == d.src.country && e.match.First > d.match.First {
				other = true
			}
		}
		if !other {
			out = append(out, d)
		}
	}
	return out
}

// bothSides are words for the two parties of a relation («بين البلدين»): an appeal
// about them is addressed to parties the sentence does not name.
var bothSides = wordSet(`البلدين البلدان الجانبين الجانبان الطرفين الطرفان الدولتين الدولتان`)

// openAppeal: an appeal or demand made to no one in particular, an action called for
// («دعا إلى إجراء تحقيق», «داعيا إلى وقف التصعيد», «شدد على ضرورة رفع الحصار»), is still
// an event of its source's. A call in a relative clause («التي دعت إليها») tells who
// called something else, and one about «البلدين» is addressed to parties left unnamed.
func openAppeal(toks []arabic.Token, d *draft) bool {
	if r := d.code[:2]; r != "02" && r != "10" || !strings.HasSuffix(d.pattern.ID, ".v") {
		return false // a verb or participle («داعيا»), not a noun in a list («والدعوة»)
	}
	switch d.srcRule {
	case "event.source_svo", "event.source_vso":
	case "event.source_sentence_subject":
		if d.src.first > d.match.First {
			return false
		}
	default:
		return false // the caller must be the clause's own subject
	}
	m := d.match
	s := d.sentence
	if m.Last >= s.Last || m.First < s.First || inRelativeClause(toks, s.First, m.First) {
		return false
	}
	if m.Present && m.First > s.First && d.srcRule != "event.source_svo" {
		// «منشورات تدعو إلى …»: a present verb after an indefinite noun describes it.
		if p := toks[m.First-1]; p.Kind == arabic.Word && !strings.HasPrefix(stripConj(p.Norm), "ال") && !arabic.IsStopword(p.Norm) {
			return false
		}
	}
	last := stripConj(toks[m.Last-1].Norm)
	next := m.Last // the complement: after the trigger, or after a subject that follows it
	if d.src.first >= m.Last && d.src.first <= m.Last+1 && d.src.last < s.Last {
		next = d.src.last
	}
	action := toks[next].Norm == "الي" || last == "ضروره" || last == "الي"
	if !action {
		return false
	}
	for k := m.Last; k < s.Last && k < m.Last+8; k++ {
		if arabic.IsClauseBreak(toks[k]) {
			break
		}
		if anyKey(toks[k], bothSides) {
			return false
		}
	}
	return true
}

var demonstratives = map[string]bool{"هذا": true, "هذه": true, "ذلك": true, "تلك": true, "هذين": true, "هاتين": true}

// demonstrative: a noun trigger with a demonstrative before or after it refers back.
func demonstrative(toks []arabic.Token, from int, m Match) bool {
	if m.Pattern.Verb {
		return false
	}
	if m.First > from {
		w := stripConj(toks[m.First-1].Norm)
		if demonstratives[w] || (len(w) > 2 && (w[:2] == "ب" || w[:2] == "ل") && demonstratives[w[2:]]) {
			return true // «هذا القصف», «بتلك المظاهرات», «لهذه الهجمات»
		}
	}
	return m.Last < len(toks) && demonstratives[toks[m.Last].Norm]
}

func same(a, b *actor) bool {
	if a == nil || b == nil {
		return false
	}
	if a.entity >= 0 || b.entity >= 0 {
		return a.entity == b.entity
	}
	return a.first == b.first
}

func quoteBetween(toks []arabic.Token, a, b int) bool {
	for _, t := range toks[a:b] {
		if t.IsQuote() {
			return true
		}
	}
	return false
}

var adverbs = map[string]bool{"اليوم": true, "امس": true, "مساء": true, "صباح": true, "ايضا": true, "بدوره": true, "بدورها": true,
	"السبت": true, "الاحد": true, "الاثنين": true, "الثلاثاء": true, "الاربعاء": true, "الخميس": true, "الجمعه": true, "مجددا": true, "الثلاثاء،": true}

func isAdverb(w string) bool { return adverbs[stripConj(w)] }

func hasPronounSuffix(w string) bool {
	for _, s := range []string{"ته", "تها", "تهم", "ئه", "اؤه", "ه", "ها", "هم"} {
		if strings.HasSuffix(w, s) && arabic.RuneCount(w) > 4 {
			return true
		}
	}
	return false
}

func agentCue(toks []arabic.Token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		w := stripConj(toks[j].Norm)
		switch w {
		case "يد", "برصاص", "بنيران", "قبل", "بيد", "نسب", "نسبت", "منسوب":
			return true // «على يد مسلحين», «من قبل ضباط», «نسب إلى المتمردين»
		}
	}
	return false
}

// mode reads negation, intention, threat, condition and reporting cues before the
// trigger within its clause, and the future prefix س.
func (c *Coder) mode(doc *nlp.Document, sent nlp.Sentence, m Match, d *draft) {
	toks := doc.Tokens
	d.mode = marsad.ModeAsserted
	if m.Future {
		d.mode = marsad.ModeIntended
		d.modeCue = &marsad.Text{Span: marsad.Span{Start: toks[m.Head].Start, End: toks[m.Head].End}, Text: toks[m.Head].Text}
	}
	cs := clauseStart(toks, sent.First, m.First)
	if cs > sent.First && m.First-cs < 2 {
		cs = clauseStart(toks, sent.First, cs-1)
	}
	from := m.First - 6
	if from < cs {
		from = cs
	}
	best := -1
	// The cues found before the trigger, in the order of a loop over the cues then the
	// positions (the order matters: see below), looked up by their first word.
	type found struct{ cue, i int }
	var hits []found
	for i := from; i < m.First; i++ {
		// The keys keyEq accepts for a cue's first word: the word, without its
		// conjunction, and without a one-letter «و»/«ف» (short cues: «ولم», «فلن»).
		w := toks[i].Norm
		keys := [3]string{w, stripConj(w), w}
		if strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف") {
			keys[2] = w[len("و"):]
		}
		for ki, key := range keys {
			if ki > 0 && (key == keys[0] || ki == 2 && key == keys[1]) {
				continue // looked up already
			}
			for _, ci := range c.modesByFirst[key] {
				mc := c.modes[ci]
				if i+len(mc.words) > m.First || !keyEq(toks[i], mc.words[0]) {
					continue
				}
				ok := true
				for k, w := range mc.words[1:] {
					if !keyEq(toks[i+1+k], w) {
						ok = false
						break
					}
				}
				if ok {
					hits = append(hits, found{ci, i})
				}
			}
		}
	}
	slices.SortFunc(hits, func(a, b found) int { return cmp.Or(a.cue-b.cue, a.i-b.i) })
	for _, h := range hits {
		mc, i := c.modes[h.cue], h.i
		// the nearest cue wins; "reported" does not override a stronger mode
		if i <= best || mc.mode == marsad.ModeReported && d.mode != marsad.ModeAsserted {
			continue
		}
		best = i
		d.mode = mc.mode
		d.modeCue = &marsad.Text{Span: marsad.Span{Start: toks[i].Start, End: toks[i+len(mc.words)-1].End}, Text: doc.TokText(i, i+len(mc.words))}
	}
	if d.mode == marsad.ModeDenied && best >= 0 && best+1 < m.First && anyKey(toks[best+1], hesitating) {
		// «لم يتورع عن إحراق نفسه», «لم يتردد في …»: not hesitating to do it is doing it.
		d.mode, d.modeCue = marsad.ModeAsserted, nil
	}
	// «نفى الكرملين أن يكون بوتين قد التقى…»: a denial (threat, demand…) verb governs
	// the «أن» clause that holds the trigger.
	if best < 0 && cs > sent.First && complementizerBetween(toks, cs-1, cs) {
		for i := cs - 2; i >= sent.First && i >= cs-4; i-- {
			for _, mc := range c.modes {
				if len(mc.words) == 1 && mc.scope != "prefix" && mc.mode != marsad.ModeReported && keyEq(toks[i], mc.words[0]) {
					d.mode = mc.mode
					d.modeCue = &marsad.Text{Span: marsad.Span{Start: toks[i].Start, End: toks[i].End}, Text: toks[i].Text}
					best = i
					break
				}
			}
			if best >= 0 {
				break
			}
		}
	}
	// «انسحاب القوات … ينبغي أن يتم»: an event noun that is the subject of «ينبغي/يجب».
	if best < 0 && !m.Pattern.Verb {
		for k := m.Last; k < sent.Last && k < m.Last+8; k++ {
			if arabic.IsClauseBreak(toks[k]) {
				break
			}
			if w := stripConj(toks[k].Norm); w == "ينبغي" || w == "يجب" || w == "يتعين" {
				d.mode = marsad.ModeDemanded
				d.modeCue = &marsad.Text{Span: marsad.Span{Start: toks[k].Start, End: toks[k].End}, Text: toks[k].Text}
				break
			}
		}
	}
	if best < 0 && d.code[:2] == "14" {
		if k, ok := plannedProtest(toks, sent, m); ok {
			d.mode = marsad.ModeIntended
			d.modeCue = &marsad.Text{Span: marsad.Span{Start: toks[k].Start, End: toks[k].End}, Text: toks[k].Text}
		}
	}
	if t := toks[sent.Last-1]; t.Kind == arabic.Punct && (t.Rune() == '?' || t.Rune() == arabic.ArabicQuestion) {
		d.mode = marsad.ModeQuestion
	}
}

// witnessed: «شهد» with a place as subject sets an event there.
var witnessed = verbSet("شهد/يشهد")

// hesitating: verbs that, negated, say the deed was done («لم يتورع عن …»).
var hesitating = verbSet("تورع/يتورع", "تردد/يتردد", "توانى/يتوانى", "تأخر/يتأخر")

// announcing: verbs that announce or decide what is to come («أعلن تنظيم مظاهرة»).
var (
	announcing = verbSet("أعلن/يعلن", "قرر/يقرر", "أقر/يقر")
	organising = wordSet(`تنظيم لتنظيم بتنظيم اقامه لاقامه تسيير لتسيير`)
)

// plannedProtest: a protest noun that is to come — the object of a verb in the future
// («ستنظم النقابات مظاهرة»), announced for organising («أعلن الحزب تنظيم مظاهرة حاشدة
// غدا»), or followed by a relative clause in the future
// («المظاهرات التي ستنظم الأسبوع المقبل»). It returns the cue's token.
func plannedProtest(toks []arabic.Token, sent nlp.Sentence, m Match) (int, bool) {
	if m.Pattern.Verb {
		return 0, false
	}
	if m.Last+1 < sent.Last && relatives[toks[m.Last].Norm] {
		if w := toks[m.Last+1].Norm; len([]rune(w)) > 3 && (strings.HasPrefix(w, "ست") || strings.HasPrefix(w, "سي") || strings.HasPrefix(w, "سن")) {
			return m.Last + 1, true
		}
	}
	for j := m.First - 1; j >= sent.First && j >= m.First-2; j-- {
		if futureVerb(toks[j]) {
			return j, true // «ستنظم المعارضة مظاهرة», «سيواصلون اعتصامهم»
		}
		if !anyKey(toks[j], organising) {
			continue
		}
		for k := j - 1; k >= sent.First && k >= j-4; k-- {
			if arabic.IsClauseBreak(toks[k]) {
				break
			}
			if anyKey(toks[k], announcing) {
				return k, true
			}
		}
	}
	return 0, false
}

func keyEq(t arabic.Token, w string) bool {
	if t.Norm == w {
		return true
	}
	// With its conjunction («والعراق»), or a short cue with a one-letter «و»/«ف» («ولم»,
	// «فلن»): both are the token without its first letter, compared in place.
	return (strings.HasPrefix(t.Norm, "و") || strings.HasPrefix(t.Norm, "ف")) && t.Norm[len("و"):] == w
}

// ownDates assigns each date expression of the sentence to its nearest trigger.
func ownDates(doc *nlp.Document, sent nlp.Sentence, ms []Match) map[int][]nlp.DateExpr {
	own := map[int][]nlp.DateExpr{}
	for _, de := range doc.Dates {
		if de.First < sent.First || de.First >= sent.Last {
			continue
		}
		best, bestDist := -1, 1<<30
		var sameClause []int // matches with no clause break between them and the date
		inGap := false
		for _, m := range ms {
			// «حملت الرئاسة حماس، التي تسيطر على غزة منذ 2007، المسؤولية»: a date in a
			// clause the pattern skipped dates that clause, not the event.
			if de.First > m.First && de.Last < m.Last {
				for k := m.First; k < de.First; k++ {
					inGap = inGap || parenthetical(doc.Tokens, k, m.Last) > 0
				}
			}
		}
		if inGap {
			continue
		}
		for i, m := range ms {
			if de.Anchored && m.First < de.Last {
				continue // «بعد يوم من X» dates X, which follows it
			}
			dist := m.First - de.Last
			if de.First >= m.Last {
				dist = de.First - m.Last
			}
			if dist < 0 {
				dist = 0
			}
			// A date across a clause break or a quotation mark belongs to another clause.
			lo, hi := m.Last, de.First
			if de.Last <= m.First {
				lo, hi = de.Last, m.First
			}
			for k := lo; k < hi; k++ {
				if arabic.IsClauseBreak(doc.Tokens[k]) || doc.Tokens[k].IsQuote() {
					dist += 8
				}
			}
			if dist > 12 {
				continue
			}
			if dist < 8 || !m.Pattern.Verb {
				sameClause = append(sameClause, i)
			}
			if dist < bestDist {
				best, bestDist = i, dist
			}
		}
		if best >= 0 {
			own[best] = append(own[best], de)
			// «هجمات جوية روسية … الخميس أدت إلى مقتل 22»: the date of the consequence
			// is the date of its cause in the same clause.
			for _, i := range sameClause {
				if i != best && !de.Year && !de.Month && len(own[i]) == 0 && violentOrProtest(ms[i].Pattern.Code) && violentOrProtest(ms[best].Pattern.Code) {
					own[i] = append(own[i], de)
				}
			}
		} else if !de.Anchored && !de.Year && !de.Month {
			own[-1] = append(own[-1], de) // the sentence's: for triggers with no date of their own
		}
	}
	return own
}

// date gives the event the date expression it owns, else the sentence's other dates,
// else the publication date. Explicit dates long before publication mark background.
func (c *Coder) date(doc *nlp.Document, sent nlp.Sentence, mi int, own map[int][]nlp.DateExpr, d *draft, pub, anchor time.Time) {
	var de *nlp.DateExpr
	if xs := own[mi]; len(xs) > 0 {
		de = &xs[0]
	} else if xs := own[-1]; len(xs) > 0 {
		de = &xs[0]
	}
	d.dateT, d.dateRule = pub, "event.date_publication"
	if de == nil {
		return
	}
	t := de.Date
	switch {
	case de.Anchored:
		if anchor.IsZero() {
			return
		}
		t = anchor.AddDate(0, 0, de.Offset)
	case de.Rule == "dates.day_month" && !pub.IsZero():
		t = resolveYearless(t, pub)
	}
	d.dateT, d.dateRule, d.dateExplicit = t, de.Rule, true
	d.dateText = &marsad.Text{Span: doc.TokSpan(de.First, de.Last), Text: doc.TokText(de.First, de.Last)}
	if !pub.IsZero() && (de.Year || de.Month) {
		if t.Year() < pub.Year() || (de.Month && pub.Sub(t) > 62*24*time.Hour) {
			d.background = true
		}
	} else if !pub.IsZero() && pub.Sub(t) > 62*24*time.Hour {
		d.background = true
	}
	if pub.IsZero() && de.Year && violentOrProtest(d.code) {
		// With no publication date to measure against, violence dated by a bare year
		// («اغتيال وديع حداد سنة 1978») is history told for context.
		d.background = true
	}
}

func violentOrProtest(code string) bool { return violent(code) || code[:2] == "14" }

func resolveYearless(d, pub time.Time) time.Time {
	t := time.Date(pub.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	if t.After(pub.AddDate(0, 1, 0)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t
}

// location: the nearest place after the trigger in the sentence (then before it), else
// for consultations the place of the last visit.
func (c *Coder) location(doc *nlp.Document, sc *sentCtx, m Match, d *draft, lastVisit *nlp.Mention) {
	var best *nlp.Mention
	bestDist := 1 << 30
	for i := range sc.places {
		pl := &sc.places[i]
		if pl.Kind == nlp.MCountry && !placePrep(doc.Tokens, pl.First, sc.sent.First) {
			continue
		}
		dist := pl.First - m.Last
		if dist < 0 {
			dist = (m.First - pl.Last) + 4
		}
		if pl.Kind == nlp.MCountry {
			dist += 6
		}
		if dist < bestDist {
			best, bestDist = pl, dist
		}
	}
	if d.code[:2] == "04" {
		// «بحث … جنوب سوريا مع نظيره عندما التقيا في موسكو»: the meeting's own place.
		for i := range sc.places {
			if pl := &sc.places[i]; pl.First-2 >= sc.sent.First && stripConj(doc.Tokens[pl.First-1].Norm) == "في" && anyKey(doc.Tokens[pl.First-2], meetingVerbs) {
				best = pl
				break
			}
		}
	}
	if best != nil {
		d.loc, d.locRule = best, "event.location_sentence"
		return
	}
	if lastVisit != nil && d.code[:2] == "04" {
		d.loc, d.locRule = lastVisit, "event.location_visit"
	}
}

// directions stand before a place as prepositions do: «جنوبي سوريا», «شمال العراق».
var directions = map[string]bool{"جنوب": true, "شمال": true, "شرق": true, "غرب": true, "جنوبي": true, "شمالي": true,
	"شرقي": true, "غربي": true, "وسط": true, "جنوب شرق": true, "اطراف": true, "ريف": true, "محيط": true, "ضواحي": true}

func placePrep(toks []arabic.Token, i, from int) bool {
	p := prepOf(toks, i, from)
	if p == "في" || p == "داخل" || p == "?ب" || p == "ب" || p == "قرب" {
		return true
	}
	if i > from {
		for _, k := range toks[i-1].Keys() {
			if directions[k] {
				return true
			}
		}
	}
	return false
}

// focusCountry is the country the article is about: the one its places and country
// names point to most often. Violence with no named target or place is taken to
// have happened there.
func focusCountry(doc *nlp.Document) string {
	count := map[string]int{}
	best, n := "", 0
	for _, m := range doc.Mentions {
		if (m.Kind == nlp.MPlace || m.Kind == nlp.MCountry) && m.Country != "" && len(m.Country) == 3 {
			count[m.Country]++
			if c := count[m.Country]; c > n || (c == n && m.Country < best) {
				best, n = m.Country, c
			}
		}
	}
	return best
}

var killWords = map[string]bool{"مقتل": true, "قتل": true, "قتلي": true, "قتيل": true, "قتيلا": true, "مصرع": true, "حتفهم": true,
	"حتفه": true, "استشهاد": true, "شهيد": true, "شهداء": true, "شهيدا": true, "ضحايا": true, "قتلوا": true, "قضوا": true, "لقوا": true, "لقي": true}
var woundWords = map[string]bool{"اصابه": true, "جرح": true, "جرحي": true, "جريح": true, "جريحا": true, "مصابين": true, "اصيب": true, "اصيبوا": true, "اصابات": true}

// casualties reads «مقتل ثلاثة من …», «سقوط 12 قتيلاً», «ارتفاع حصيلة القتلى إلى 12» and
// gives the count to the sentence's violent event.
func (c *Coder) casualties(doc *nlp.Document, sent nlp.Sentence, ds []*draft) {
	var target *draft
	for _, d := range ds {
		switch d.code[:2] {
		case "18", "19", "20":
			if target == nil {
				target = d
			}
		}
	}
	if target == nil {
		return
	}
	toks := doc.Tokens
	count := func(words map[string]bool) *int {
		for i := sent.First; i < sent.Last; i++ {
			if toks[i].Kind != arabic.Word {
				continue
			}
			hit := false
			for _, k := range toks[i].Keys() {
				if words[k] {
					hit = true
				}
			}
			if !hit {
				continue
			}
			for _, j := range []int{i + 1, i + 2, i - 1, i - 2, i + 3} {
				if j < sent.First || j >= sent.Last {
					continue
				}
				j = skipQualifiers(toks, j, sent.Last) // «ما لا يقل عن 28», «أكثر من 40»
				if toks[j].Norm == "الي" && j+1 < sent.Last {
					j++
				}
				if q, ok := arabic.ParseQuantity(toks[:sent.Last], j); ok && !q.Approx && q.Value > 0 && q.Value < 100000 {
					// not a year or a date
					if toks[j].Kind == arabic.Number && q.Value > 1900 && q.Value < 2100 {
						continue
					}
					v := q.Value
					return &v
				}
			}
		}
		return nil
	}
	if n := count(killWords); n != nil {
		target.fatalities = n
	}
	if n := count(woundWords); n != nil {
		target.wounded = n
	}
}

// merge turns drafts into events, merging repeated mentions of the same happening (same
// root and actors, either way round for symmetric events).
func (c *Coder) merge(doc *nlp.Document, ds []*draft) []marsad.Event {
	pub := doc.Meta.Published
	var out []marsad.Event
	index := map[string]int{}
	for _, d := range ds {
		sk, tk := "", ""
		if d.src != nil {
			sk = d.src.key()
		}
		if d.tgt != nil {
			tk = d.tgt.key()
		}
		root := d.code[:2]
		key := root + "|" + sk + "|" + tk
		alt := root + "|" + tk + "|" + sk
		i, ok := index[key]
		if !ok && (d.pattern.Frame.Symmetric || root == "04" || root == "19") && index[alt] > 0 {
			i, ok = index[alt], true
		}
		if !ok && violent(d.code) && (d.src == nil || d.src.country == "") {
			// A killing or blast with no known perpetrator belongs to the attack told
			// just before it («…قصفت… أدت إلى مقتل ثلاثة»): its victims are one side.
			for j := len(out) - 1; j >= 0; j-- {
				if violent(out[j].Code) && (sideAgrees(out[j].Target, d.tgt) || sideAgrees(out[j].Source, d.tgt)) {
					i, ok = j+1, true
					break
				}
			}
		}
		if !ok && violent(d.code) && d.src != nil && d.src.country != "" {
			// «قتل ثلاثة مدنيين نتيجة قصف الطائرات الروسية»: the attack told after a
			// killing of unknown agent in the same sentence is that killing's cause.
			for j := len(out) - 1; j >= 0; j-- {
				if out[j].Evidence.Sentence.Start != d.sentence.Start {
					break
				}
				if violent(out[j].Code) && out[j].Root == root && out[j].Source.Country == "" && sideAgrees(out[j].Target, d.tgt) {
					i, ok = j+1, true
					break
				}
			}
		}
		if !ok && (sk == "" || tk == "") {
			// A mention with an unknown side is the same happening as an event of the
			// same root whose known side agrees («استهدفت مواقع…» after «قصفت…»).
			for j := len(out) - 1; j >= 0; j-- {
				if out[j].Root == root && sideAgrees(out[j].Source, d.src) && sideAgrees(out[j].Target, d.tgt) {
					i, ok = j+1, true
					break
				}
			}
		}
		if ok && d.dateExplicit && out[i-1].DateRule != "event.date_publication" && out[i-1].Date != day(d.dateT) {
			ok = false // the same actors on another day: another happening
		}
		if ok && violent(d.code) && c.otherPlace(doc, out[i-1].Location, d) {
			ok = false // «معارك في نهم» after «سيطر على مواقع في البيضاء»: another battle
		}
		if ok && d.dateExplicit && out[i-1].DateRule == "event.date_publication" && !pub.IsZero() && pub.Sub(d.dateT) > 7*24*time.Hour {
			ok = false // «بدأ الجيش عملياته في 18 فبراير»: weeks before today's news, another happening
		}
		if ok {
			e := &out[i-1]
			e.Mentions++
			if e.Code == root+"0" && d.code != e.Code {
				// «قتل 22 مدنيا في غارات روسية»: the airstrike (195) says more than the
				// killing (190).
				c.setCode(e, d.code)
			}
			e.Confidence = mergedConfidence(e.Confidence, confidence(d))
			e.Evidence.Also = append(e.Evidence.Also, marsad.Span{Start: doc.Tokens[d.match.First].Start, End: doc.Tokens[d.match.Last-1].End})
			if e.Fatalities == nil && d.fatalities != nil {
				e.Fatalities = d.fatalities
			}
			if e.DateRule == "event.date_publication" && d.dateExplicit {
				e.Date, e.DateRule, e.DateSource = day(d.dateT), d.dateRule, d.dateText
			}
			if e.Location == nil && d.loc != nil {
				e.Location = c.locationOf(doc, d)
			}
			// «قتل ثلاثة مدنيين نتيجة قصف الطائرات الروسية …»: a later mention names
			// the side the first left unknown.
			if e.Source.Country == "" && d.src != nil && d.src.country != "" {
				e.Source = c.actorOf(doc, d.src, d.srcRule)
			}
			if e.Target.Country == "" && d.tgt != nil && d.tgt.country != "" {
				e.Target = c.actorOf(doc, d.tgt, d.tgtRule)
			}
			continue
		}
		e := c.event(doc, d)
		out = append(out, e)
		index[key] = len(out)
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("ev%d", i+1)
	}
	return out
}

// otherPlace: the draft happened in a named place that is neither the event's place
// nor inside it (nor the other way round), both told by their own sentences.
func (c *Coder) otherPlace(doc *nlp.Document, l *marsad.Location, d *draft) bool {
	if l == nil || d.loc == nil || l.PlaceID == "" || l.Rule != "event.location_sentence" || d.locRule != "event.location_sentence" || d.loc.Entity < 0 {
		return false
	}
	id := doc.Entities[d.loc.Entity].KBID
	if id == "" || id == l.PlaceID {
		return false
	}
	p, q := c.kb.Places[id], c.kb.Places[l.PlaceID]
	if p == nil || q == nil || p.ADM1 == "" || q.ADM1 == "" {
		return false // a country or a region: too wide to tell
	}
	return p.ADM1 != q.ID && q.ADM1 != p.ID && p.ID != q.ID
}

// sideAgrees: an unknown side agrees with anything; known sides need the same country.
func sideAgrees(e marsad.Actor, a *actor) bool {
	if a == nil || a.country == "" || e.Country == "" {
		return true
	}
	return e.Country == a.country
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func (c *Coder) actorOf(doc *nlp.Document, a *actor, rule string) marsad.Actor {
	if a == nil {
		return marsad.Actor{}
	}
	out := marsad.Actor{Name: a.name, Country: a.country, Code: a.code, Rule: rule}
	if a.entity >= 0 {
		out.Entity = fmt.Sprintf("#%d", a.entity) // renumbered by the coder
	}
	sp := doc.TokSpan(a.first, a.last)
	out.Span = &sp
	return out
}

func (c *Coder) locationOf(doc *nlp.Document, d *draft) *marsad.Location {
	pl := d.loc
	if pl == nil {
		return nil
	}
	loc := &marsad.Location{Country: pl.Country, Rule: d.locRule}
	sp := doc.TokSpan(pl.First, pl.Last)
	loc.Span = &sp
	if pl.Entity >= 0 {
		e := doc.Entities[pl.Entity]
		loc.Name = e.Name
		loc.PlaceID = e.KBID
		loc.Lat, loc.Lon = e.Lat, e.Lon
		if p := c.kb.Places[e.KBID]; p != nil && p.ADM1 != "" {
			if a := c.kb.Places[p.ADM1]; a != nil {
				loc.ADM1 = a.Names[0]
			}
		}
	}
	return loc
}

func (c *Coder) event(doc *nlp.Document, d *draft) marsad.Event {
	e := marsad.Event{Mode: d.mode, ModeCue: d.modeCue, Mentions: 1, Confidence: confidence(d)}
	c.setCode(&e, d.code)
	e.Source = c.actorOf(doc, d.src, d.srcRule)
	e.Target = c.actorOf(doc, d.tgt, d.tgtRule)
	e.Date, e.DateRule, e.DateSource = day(d.dateT), d.dateRule, d.dateText
	e.Location = c.locationOf(doc, d)
	e.Fatalities, e.Wounded = d.fatalities, d.wounded
	sent := d.sentence
	e.Evidence = marsad.Evidence{
		Sentence: marsad.Span{Start: sent.Start, End: sent.End},
		Trigger:  marsad.Text{Span: doc.TokSpan(d.match.First, d.match.Last), Text: doc.TokText(d.match.First, d.match.Last)},
		Pattern:  d.pattern.ID,
	}
	for _, r := range []string{d.srcRule, d.tgtRule, d.dateRule, d.locRule} {
		if r != "" {
			e.Evidence.Rules = append(e.Evidence.Rules, r)
		}
	}
	return e
}

// stoppers are nouns that, governing an event noun, say it does not happen.
var stoppers = map[string]bool{"وقف": true, "لوقف": true, "بوقف": true, "انهاء": true, "لانهاء": true, "منع": true,
	"لمنع": true, "تجنب": true, "لتجنب": true, "نبذ": true, "تعليق": true, "لتعليق": true}

func negatedNoun(toks []arabic.Token, from int, m Match) bool {
	if m.Pattern.Verb || m.First <= from {
		return false
	}
	return stoppers[stripConj(toks[m.First-1].Norm)]
}

// adverbial: «بشكل قاطع», «بصورة …»: the word is an adjective, not a verb.
func adverbial(toks []arabic.Token, from int, m Match) bool {
	if !m.Pattern.Verb || m.First <= from {
		return false
	}
	switch stripConj(toks[m.First-1].Norm) {
	case "بشكل", "بصوره", "بطريقه", "بنحو":
		return true
	}
	return false
}

// definiteBare: a definite event noun with no actor of its own («اللقاء») names an
// event the article has told already.
func definiteBare(doc *nlp.Document, sc *sentCtx, m Match) bool {
	w := stripConj(doc.Tokens[m.Head].Norm)
	if !strings.HasPrefix(w, "ال") && !strings.HasPrefix(w, "بال") && !strings.HasPrefix(w, "لل") {
		return false
	}
	for _, a := range sc.actors {
		if a.first >= m.Last && a.first <= m.Last+1 {
			return false
		}
	}
	return true
}

func complementizerBetween(toks []arabic.Token, a, b int) bool {
	for _, t := range toks[a:b] {
		switch stripConj(t.Norm) {
		case "ان", "انه", "انها", "بان", "بانه", "بانها":
			return true
		}
	}
	return false
}

// insideName: the trigger's head is a word of a named entity.
func insideName(sc *sentCtx, m Match) bool {
	for _, a := range sc.named {
		if m.Head >= a.First && m.Head < a.Last {
			return true
		}
	}
	return false
}

// hypothetical: «أي هجوم», «أية محاولة»: not a happening.
func hypothetical(toks []arabic.Token, from int, m Match) bool {
	if m.First <= from {
		return false
	}
	switch stripConj(toks[m.First-1].Norm) {
	case "اي", "ايه", "لاي", "لايه", "باي", "بايه":
		return true
	}
	return false
}

// nameWord reports whether w is a word of one of the entity's names (so a leading ب or
// ل on it is part of the name: «بوتين», «لبنان»).
func (c *Coder) nameWord(e *marsad.Entity, w string) bool {
	names := []string{e.Name}
	if p := c.kb.Persons[e.KBID]; p != nil {
		names = p.Names
	} else if o := c.kb.Orgs[e.KBID]; o != nil {
		names = o.Names
	} else if pl := c.kb.Places[e.KBID]; pl != nil {
		names = pl.Names
	} else if co := c.kb.Countries[e.KBID]; co != nil {
		names = co.Names
	}
	for _, n := range names {
		for _, f := range strings.Fields(arabic.FoldPhrase(n)) {
			if f == w || arabic.StripArticle(f) == w {
				return true
			}
		}
	}
	return false
}

var agentCues = map[string]bool{"برصاص": true, "بنيران": true, "بيد": true, "يد": true, "قبل": true, "بقذيفه": true, "بغاره": true,
	"شنه": true, "شنها": true, "نفذه": true, "نفذها": true, "تبناه": true, "تبنته": true}

// agentAfter finds the agent of a passive reading: an actor or a nationality adjective
// right after «برصاص», «بنيران», «على يد», «من قبل» within two tokens of i.
func (c *Coder) agentAfter(doc *nlp.Document, sc *sentCtx, i int) *actor {
	toks := doc.Tokens
	for k := i; k < i+5 && k < sc.sent.Last; k++ {
		if !agentCues[stripConj(toks[k].Norm)] {
			continue
		}
		for j := range sc.actors {
			if a := &sc.actors[j]; a.first > k && a.first <= k+2 {
				return a
			}
		}
		for _, n := range sc.nisbas {
			if n.First > k && n.First <= k+2 {
				return &actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country + "MIL", kind: nlp.MNisba, name: doc.TokText(n.First, n.Last)}
			}
		}
	}
	return nil
}

// prepNisba finds «على مواقع إسرائيلية»: a target preposition of the frame, a noun, and a
// nationality adjective, within ten tokens after the trigger.
func (c *Coder) prepNisba(toks []arabic.Token, sc *sentCtx, m Match, frame []string) *actor {
	for _, t := range frame {
		if t == "obj" || t == "loc" {
			continue
		}
		for k := m.Last; k < m.Last+10 && k < sc.sent.Last; k++ {
			if arabic.IsClauseBreak(toks[k]) {
				break
			}
			if stripConj(toks[k].Norm) != t {
				continue
			}
			for _, n := range sc.nisbas {
				if n.First > k && n.First <= k+3 {
					return &actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country, kind: nlp.MNisba, name: ""}
				}
			}
		}
	}
	return nil
}

// guessed rules found an actor from the discourse, not from the words around the trigger.
var guessed = map[string]bool{"": true, "event.source_sentence_subject": true, "event.source_discourse": true,
	"event.target_focus_country": true, "event.target_location_country": true, "event.source_nearest_before": true}

// generic: a plural event noun («الاغتيالات», «اعتداءات»), or any noun of violence
// («الاغتيال»), with no actor of its own, no date, no place and no casualties talks about
// a kind of event, not about one.
func generic(doc *nlp.Document, d *draft) bool {
	if d.pattern.Verb {
		return false
	}
	w := doc.Tokens[d.match.Head].Norm
	if !strings.HasSuffix(w, "ات") && !violent(d.code) {
		return false
	}
	return guessed[d.srcRule] && guessed[d.tgtRule] && !d.dateExplicit && d.fatalities == nil && d.loc == nil
}

// qualifiers stand between a casualty word and its number: «ما لا يقل عن», «أكثر من»,
// «نحو», «حوالي», «قرابة».
var qualifiers = map[string]bool{"ما": true, "لا": true, "يقل": true, "عن": true, "اكثر": true, "من": true, "نحو": true,
	"حوالي": true, "قرابه": true, "زهاء": true, "اقل": true, "الي": true, "حتي": true, "يزيد": true, "على": true, "علي": true}

func skipQualifiers(toks []arabic.Token, j, end int) int {
	for k := j; k < end && k < j+5; k++ {
		if !qualifiers[toks[k].Norm] {
			return k
		}
	}
	return j
}

// lObject: a word governed by ل (not the article): «للمتظاهرين», «لمواقع».
func lObject(t arabic.Token) bool {
	w := stripConj(t.Norm)
	return t.Kind == arabic.Word && strings.HasPrefix(w, "ل") && !strings.HasPrefix(w, "ال") && arabic.RuneCount(w) > 3
}

// demands recodes cooperation that a sentence demands («قال لافروف إن انسحاب القوات
// ينبغي أن يتم») as a demand (CAMEO 100) by the sentence's subject, addressed to the
// actor that is to act — unless the sentence already holds an appeal or a demand.
func (c *Coder) demands(sc *sentCtx, ds []*draft) {
	for _, d := range ds {
		if r := d.code[:2]; r == "02" || r == "10" {
			return
		}
	}
	for _, d := range ds {
		r := d.code[:2]
		if d.mode != marsad.ModeDemanded || r < "03" || r > "08" {
			continue
		}
		subj := sc.subject
		if subj == nil || subj.first > d.match.First {
			continue
		}
		d.code, d.pattern = "100", demandPattern
		if !same(subj, d.src) {
			d.tgt, d.tgtRule = d.src, "event.target_demanded_actor"
			d.src, d.srcRule = subj, "event.source_demanding_subject"
		}
	}
}

var demandPattern = &Pattern{ID: "demand.demanded_cooperation", Code: "100"}

// objectNisba finds «انتقدت الرئاسة الفلسطينية القرار الأميركي», «رفضت السلطة خطة السلام
// الأميركية»: for a verb whose target is its object, a nationality adjective in the
// object noun phrase (right after the verb and its subject) names the target's country.
// Not for violence: «قتل جندي إسرائيلي برصاص فلسطيني» has its agent phrase.
func (c *Coder) objectNisba(toks []arabic.Token, sc *sentCtx, m Match, d *draft) *actor {
	if !m.Pattern.Verb || violent(m.Pattern.Code) && !m.Future || !slices.Contains(m.Pattern.Frame.Targets, "obj") {
		return nil // a violent deed's object nationality is its target only when threatened («ستدمر القواعد الإيرانية»)
	}
	from := m.Last
	if d.src != nil && d.src.first >= m.Last && d.src.last > from {
		from = apposedEnd(toks, sc, d.src)
	}
	for _, n := range sc.nisbas {
		if n.First < from || n.First > from+3 {
			continue
		}
		for k := from; k < n.First; k++ {
			if arabic.IsClauseBreak(toks[k]) {
				return nil
			}
		}
		if n.Country == "" || (d.src != nil && d.src.country == n.Country) {
			return nil
		}
		return &actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country, kind: nlp.MNisba, name: ""}
	}
	return nil
}

// indefiniteObject: a bare indefinite plural or noun that can stand as an object
// («مسيرات», «مواقع», «منازل»): a word, not definite, not a preposition, a number or a
// word with a proclitic preposition.
// constructTitle: t is a title word in the construct state governing the definite
// name after it («منسق الأمم المتحدة», «وزير خارجية …»), not a noun of its own
// («الشيخ» in apposition, «مسلحون» the subject).
func constructTitle(k *kb.KB, t, next arabic.Token) bool {
	w := stripConj(t.Norm)
	if t.Kind != arabic.Word || strings.HasPrefix(w, "ال") || strings.HasSuffix(w, "ون") || strings.HasSuffix(w, "ين") {
		return false
	}
	return k.TitleWord(w) && strings.HasPrefix(stripConj(next.Norm), "ال")
}

// prepGenitive: t is a noun under a clitic preposition («للوجود», «بالهجوم»), so the
// actor after it is its genitive, not a subject.
func prepGenitive(t arabic.Token) bool {
	w := stripConj(t.Norm)
	return t.Kind == arabic.Word && (strings.HasPrefix(w, "لل") || strings.HasPrefix(w, "بال")) && arabic.RuneCount(w) > 4
}

// sayingNouns follow the one a report quotes («عن الوزير قوله»).
var sayingNouns = wordSet(`قوله قولها قولهم قولهما تاكيده تاكيدها اشارته اشارتها`)

// meetingVerbs tell where a meeting took place («التقيا في موسكو»).
var meetingVerbs = verbSet("التقى/يلتقي", "اجتمع/يجتمع", "عقد/يعقد")

// prepBetween: a standalone preposition lies in toks[from:to] («اتصالا هاتفيا مع الرئيس
// الفلسطيني»: the nationality is the partner's, not the caller's).
func prepBetween(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if prepWords[stripConj(toks[k].Norm)] {
			return true
		}
	}
	return false
}

// causeWords introduce the cause of what the clause tells («نتيجة», «جراء», «إثر»).
var causeWords = wordSet(`نتيجه جراء اثر بسبب بفعل`)

func causeBetween(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if causeWords[stripConj(toks[k].Norm)] {
			return true
		}
	}
	return false
}

// apposedEnd returns where a subject after its verb ends: after the person named in
// apposition to it and the comma that closes the apposition («وصف منسق الأمم المتحدة
// الخاص بعملية السلام، نيكولاي ملادينوف، أعمال القنص …»), else at its own end.
func apposedEnd(toks []arabic.Token, sc *sentCtx, src *actor) int {
	for i := range sc.actors {
		a := &sc.actors[i]
		if a.first <= src.first || a.first > src.last+8 {
			continue
		}
		if a.prep != "" && a.kind != nlp.MPerson {
			continue // the title's complement («مبعوث الأمم المتحدة إلى اليمن»)
		}
		if a.kind != nlp.MPerson || a.country != src.country || a.prep != "" || a.last >= sc.sent.Last {
			break
		}
		if !arabic.IsClauseBreak(toks[a.first-1]) || !isComma(toks[a.last]) {
			break
		}
		return a.last + 1
	}
	// the apposition inside the actor's own mention («مبعوث الأمم المتحدة إلى سوريا، ستيفان
	// دي ميستورا،»): its closing comma is part of the subject.
	if src.last < sc.sent.Last && isComma(toks[src.last]) {
		for k := src.first; k < src.last; k++ {
			if isComma(toks[k]) {
				return src.last + 1
			}
		}
	}
	return src.last
}

func isComma(t arabic.Token) bool {
	return t.Kind == arabic.Punct && (t.Rune() == arabic.ArabicComma || t.Rune() == ',')
}

func indefiniteObject(t arabic.Token) bool {
	if t.Kind != arabic.Word {
		return false
	}
	w := t.Norm
	if strings.HasPrefix(w, "ال") || functionWords[w] || prepWords[w] || arabic.RuneCount(w) < 4 {
		return false
	}
	switch {
	case strings.HasPrefix(w, "ب"), strings.HasPrefix(w, "ل"), strings.HasPrefix(w, "و"), strings.HasPrefix(w, "ف"), strings.HasPrefix(w, "ك"):
		return false
	}
	// plural or feminine endings of nouns («مسيرات», «مواقع» is caught by its length)
	return strings.HasSuffix(w, "ات") || strings.HasPrefix(w, "م")
}

// protestSides reads the sides of a protest that its frame did not find: a
// nationality right after the trigger is the protesters' («متظاهرون أفغان»), and the
// first actor or nationality of another country later in the sentence is what they
// protest against («أمام السفارات الصينية», «احتجاجا على … الولايات المتحدة»).
func (c *Coder) protestSides(toks []arabic.Token, sc *sentCtx, d *draft) {
	m := d.match
	if d.src == nil || d.src.country == "" {
		for _, n := range sc.nisbas {
			if n.First >= m.Last && n.First <= m.Last+1 && n.Country != "" {
				d.src = &actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country + "CVL", kind: nlp.MNisba}
				d.srcRule = "event.source_protest_nisba"
				break
			}
		}
	}
	if d.tgt != nil {
		return
	}
	srcCountry := ""
	if d.src != nil {
		srcCountry = d.src.country
	}
	best := -1
	var tgt *actor
	opposed := false
	consider := func(a *actor) {
		if a.country == "" || a.country == srcCountry || len(a.country) != 3 || a.first < m.Last || (d.src != nil && a.first < d.src.last) {
			return
		}
		// What the protest opposes («هتافات معادية لإيران», «تندد بقرار بريطانيا»,
		// «يسقط بوش») is its target before any actor merely named first (the
		// pictures the marchers carry).
		against := opposing(toks, sc.sent, a.first)
		if opposed && !against {
			return
		}
		if best < 0 || a.first < best || against && !opposed {
			best, tgt, opposed = a.first, a, against
		}
	}
	for i := range sc.actors {
		if a := &sc.actors[i]; a.kind != nlp.MPlace {
			consider(a)
		}
	}
	for _, n := range sc.nisbas {
		consider(&actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country, kind: nlp.MNisba})
	}
	if tgt != nil {
		d.tgt, d.tgtRule = tgt, "event.target_protest_against"
	}
}

// violenceSources finds the perpetrator of violence whose frame found none: the
// nationality of the attack that caused it («قتل 150 مدنيا في الضربات الجوية
// الأميركية», «بغارة إسرائيلية»), else the subject of the violent verb it continues
// («أطلقت القوات الإسرائيلية صاروخا … فقتلت المدرس»).
func (c *Coder) violenceSources(doc *nlp.Document, sc *sentCtx, ds []*draft) {
	toks := doc.Tokens
	for i, d := range ds {
		if !violent(d.code) || (d.src != nil && d.src.country != "") {
			continue
		}
		tgtCountry := ""
		if d.tgt != nil {
			tgtCountry = d.tgt.country
		}
		var src *actor
		rule := ""
		for k := d.match.Last; k < sc.sent.Last && k < d.match.Last+12 && src == nil; k++ {
			if arabic.IsClauseBreak(toks[k]) {
				break
			}
			if !anyKey(toks[k], attackNouns) {
				continue
			}
			for _, n := range sc.nisbas {
				if n.First > k && n.First <= k+3 && n.Country != "" && n.Country != tgtCountry {
					src = &actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country, kind: nlp.MNisba}
					rule = "event.source_attack_nisba"
					break
				}
			}
		}
		if src == nil && d.pattern.Verb && i > 0 {
			prev := ds[i-1]
			if prev.pattern.Verb && prev.src != nil && prev.src.country != "" && !guessed[prev.srcRule] &&
				prev.match.Last <= d.match.First && coordinated(toks[d.match.First]) && prev.src.country != tgtCountry {
				src, rule = prev.src, "event.source_coordinated"
			}
		}
		if src == nil {
			// «تعرضت الثكنة لاعتداء …، وقد تبناه تنظيم القاعدة»: who claims the deed in
			// the same sentence did it.
			for k := sc.sent.First; k < sc.sent.Last && src == nil; k++ {
				if !anyKey(toks[k], claiming) {
					continue
				}
				for j := range sc.actors {
					if a := &sc.actors[j]; a.first > k && a.first <= k+3 && a.country != "" && a.country != tgtCountry {
						src, rule = a, "event.source_claim"
						break
					}
				}
			}
		}
		if src == nil && d.pattern.Verb && !d.match.Present && coordinated(toks[d.match.First]) && (d.src == nil || d.srcRule == "event.source_vso") {
			// «اطلقت القوات الإسرائيلية صاروخا على المدرسة فقتلت المدرس», «قامت قوة من
			// الشرطة العراقية بمداهمة الجامع واعتدت على المصلين»: a coordinated verb
			// continues the doer of the clause before it — the nearest earlier actor of
			// known country that is no place and governed by no preposition.
			for j := len(sc.actors) - 1; j >= 0; j-- {
				a := &sc.actors[j]
				if a.last > d.match.First || a.prep != "" || a.country == "" || a.kind == nlp.MPlace || a.kind == nlp.MCountry || a.country == tgtCountry {
					continue
				}
				src, rule = a, "event.source_coordinated"
				break
			}
		}
		if src != nil {
			d.src, d.srcRule = src, rule
		}
	}
}

// claiming: verbs of claiming a deed.
var claiming = wordSet(`تبني تبنت تبنوا تبناه تبناها تبنته تبنتها تبنوه تبنوها يتبني تتبني`)

// coordinated: the verb carries the conjunction ف or و.
func coordinated(t arabic.Token) bool {
	return arabic.HasConjunction(t.Norm)
}

// attackNouns name the attack that caused a death or a wound.
var attackNouns = wordSet(`غاره الغاره غارات الغارات ضربه الضربه ضربات الضربات قصف القصف هجوم الهجوم هجمات الهجمات قذيفه قذائف
صاروخ الصاروخ صواريخ الصواريخ رصاص برصاص نيران بنيران عمليه العمليه`)

// setCode gives e the CAMEO code and what the codebook says of it.
func (c *Coder) setCode(e *marsad.Event, code string) {
	e.Code, e.Root = code, code[:2]
	e.Label, e.Goldstein, e.QuadClass, e.Plover = "", 0, 0, marsad.Plover{}
	if cd := c.Codebook.Lookup(code); cd != nil {
		e.Label, e.Goldstein, e.QuadClass = cd.Label, cd.Goldstein, cd.Quad
	}
	if pc := c.Codebook.PloverOf(code); pc != nil {
		e.Plover = marsad.Plover{Event: pc.Plover, Mode: pc.PMode, Context: pc.PContext}
	}
}

// speakerPlaces gives a verbal event (statement, appeal, praise, demand, criticism,
// rejection, threat) with no place of its own the place of the nearest event before
// it whose source has the same country: the speaker's location context («قال الجبير
// خلال مؤتمر صحفي في واشنطن …»، then «وأضاف الجبير أن "على إيران …"»).
func speakerPlaces(ds []*draft) {
	for _, d := range ds {
		if d.loc != nil || d.src == nil || d.src.country == "" {
			continue
		}
		switch d.code[:2] {
		case "01", "02", "03", "05", "10", "11", "12", "13":
		default:
			continue
		}
		var best *draft
		for _, e := range ds {
			if e == d || e.loc == nil || e.src == nil || e.match.First >= d.match.First {
				continue
			}
			// the speaker's own earlier event, or a meeting the speaker took part in
			party := e.code[:2] == "04" && e.tgt != nil && e.tgt.country == d.src.country
			if e.src.country != d.src.country && !party {
				continue
			}
			if best == nil || e.match.First > best.match.First {
				best = e
			}
		}
		if best != nil {
			d.loc, d.locRule = best.loc, "event.location_speaker"
		}
	}
}

// verbalAttack: «هاجم» whose object, within the next four words, is a policy, a wish,
// words or a stance — a criticism, not force.
func verbalAttack(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	for k := m.Last; k < sent.Last && k < m.Last+4; k++ {
		if arabic.IsClauseBreak(toks[k]) {
			return false
		}
		if anyKey(toks[k], abstractTargets) {
			return true
		}
	}
	return false
}

var abstractTargets = wordSet(`سياسه سياسات رغبه موقف مواقف قرار قرارات تصريحات تصريح اضرابات اضراب فكره افكار خطاب
خطه برنامج مشروع اداء اتفاق اتفاقيه دعوه دعوات مقترح اقتراح نهج منهج ما سماه ما وصفه ماسماه تقرير مقال كتاب فيلم اعلام وسائل الصحف صحف`)

// ownSubjectReported: between a, the end of the sentence's subject, and the trigger at
// b there is a complementizer or a quotation mark, and after the last of them a word
// that is neither an adverb nor a word of time: the reported clause has its own subject.
func ownSubjectReported(toks []arabic.Token, a, b int) bool {
	c := -1
	for k := a; k < b; k++ {
		switch stripConj(toks[k].Norm) {
		case "ان", "انه", "انها", "بان", "بانه", "بانها":
			c = k
		}
		if toks[k].IsQuote() {
			c = k
		}
	}
	if c < 0 {
		return false
	}
	for k := c + 1; k < b; k++ {
		t := toks[k]
		if t.Kind != arabic.Word || isAdverb(t.Norm) || anyKey(t, timeWords) {
			continue
		}
		return true
	}
	return false
}

// told: the sentence tells the event's outcome — a number of dead or wounded, or a
// consequence verb after it («انفجار سيارة مفخخة أسفر عن إصابة 17») — so it happened,
// even with its perpetrator unknown and its victims unnamed.
func told(toks []arabic.Token, d *draft) bool {
	if casualtyCount(toks, d.sentence) || consequenceAfter(toks, d.match.Last, d.sentence.Last) {
		return true
	}
	m, sent := d.match, d.sentence
	// «ووقع الهجوم فجر أمس», «التفجيرات وقعا في سوق»: the event took place.
	if m.First > sent.First && anyKey(toks[m.First-1], occurring) || m.Last < sent.Last && anyKey(toks[m.Last], occurring) {
		return true
	}
	// «انفجرت سيارة مفخخة», «عبوة ناسفة … انفجرت», «وانفجرت خمس قذائف هاون»: a bomb or
	// a shell that went off, in the same clause.
	for j := m.First - 1; j >= sent.First && j >= m.First-3 && !arabic.IsClauseBreak(toks[j]); j-- {
		if anyKey(toks[j], exploding) {
			return true
		}
	}
	for j := m.Last; j < sent.Last && j < m.Last+7 && !arabic.IsClauseBreak(toks[j]); j++ {
		if anyKey(toks[j], exploding) {
			return true
		}
	}
	return false
}

var (
	exploding = verbSet("انفجر/ينفجر")
	occurring = verbSet("وقع/يقع")
)

// passiveNext: the word after a violent verb opens no object — a preposition, a word
// of time, a cause or instrument («بانفجار», «برصاص»), the next clause («وأصيب …»),
// or the end of the clause.
func passiveNext(toks []arabic.Token, i, last int) bool {
	if i >= last || arabic.IsClauseBreak(toks[i]) {
		return true
	}
	t := toks[i]
	if t.Kind != arabic.Word {
		return false
	}
	w := t.Norm
	if passiveFollowers[stripConj(w)] || isAdverb(w) || anyKey(t, timeWords) {
		return true
	}
	if strings.HasPrefix(w, "و") && (strings.HasPrefix(w[2:], "اصيب") || strings.HasPrefix(w[2:], "جرح")) {
		return true
	}
	r := []rune(w)
	return len(r) > 4 && r[0] == 'ب' && (strings.HasPrefix(string(r[1:]), "انفجار") || strings.HasPrefix(string(r[1:]), "هجوم") ||
		strings.HasPrefix(string(r[1:]), "رصاص") || strings.HasPrefix(string(r[1:]), "نيران") || strings.HasPrefix(string(r[1:]), "قصف") ||
		strings.HasPrefix(string(r[1:]), "تفجير") || strings.HasPrefix(string(r[1:]), "غاره"))
}

// activeIntransitive: violent verbs whose subject acts without an object («اشتبكوا في»,
// «توغلت في»): a preposition after them is no sign of the passive.
var activeIntransitive = map[string]bool{
	"fight.clash.v": true, "fight.incursion.v": true, "fight.intercept.v": true, "fight.martyred.v": true,
}

var passiveFollowers = wordSet(`في خلال جراء اثر بعد عندما لدي قرب علي امس اليوم برصاص بنيران حين بينما فيما اثناء`)

// unknownDoers: words for a doer of no known side that stand as the subject before a
// violent verb.
var unknownDoers = wordSet(`مجهولين مجهولون مجهولان مجهول المجهولين المجهولون انتحاري انتحاريان انتحاريون انتحاريين مهاجمون مهاجمين
خاطفون خاطفين الخاطفون الخاطفين قراصنه القراصنه ملثمون ملثمين`)

// agentCueBefore: an agent cue («على يد», «من قبل», «برصاص») stands between from and
// the nationality at n, at most three words before it.
func agentCueBefore(toks []arabic.Token, from, n int) bool {
	for k := max(from, n-3); k < n; k++ {
		if arabic.IsClauseBreak(toks[k]) {
			return false
		}
		switch stripConj(toks[k].Norm) {
		case "يد", "ايدي", "برصاص", "بنيران", "قبل", "بيد", "نسب", "نسبت", "منسوب":
			return true
		}
	}
	return false
}

func clauseBreakBetween(toks []arabic.Token, a, b int) bool {
	for k := a; k < b; k++ {
		if arabic.IsClauseBreak(toks[k]) {
			return true
		}
	}
	return false
}

// undergone: a verb of undergoing («تعرض», «تتعرض») stands before the trigger at i in
// its clause, within eight words.
func undergone(toks []arabic.Token, from, i int) bool {
	for j := i - 1; j >= from && j >= i-8; j-- {
		if arabic.IsClauseBreak(toks[j]) && toks[j].Rune() != arabic.ArabicComma && toks[j].Rune() != ',' {
			return false
		}
		if anyKey(toks[j], undergoingVerbs) {
			// «الاستعداد للتعرض لقصف», «تخشى تعرضها لهجمات»: a danger, not a deed.
			if strings.HasPrefix(stripConj(toks[j].Norm), "لل") || inRelativeClause(toks, from, j) {
				return false // …, «الوكالتين اللتين تعرضتا لاعتداء»: told elsewhere
			}
			for k := max(from, j-2); k < j; k++ {
				if anyKey(toks[k], dangerWords) {
					return false
				}
			}
			return true
		}
	}
	return false
}

var dangerWords = wordSet(`تخشي يخشي نخشي خشيه مخاوف خوف خطر احتمال امكانيه الاستعداد لمنع منع تجنب لتجنب تفادي لتفادي خلالها`)

var undergoingVerbs = verbSet("تعرض/يتعرض")

// undergoerOf: the actor that undergoes — between the verb of undergoing and the trigger
// at i («تعرضت وزيرة الدولة … لمحاولة اغتيال»), or right before the verb («القوات
// الأميركية تعرضت لهجوم»).
func undergoerOf(toks []arabic.Token, acts []actor, from, i int) *actor {
	u := -1
	for j := i - 1; j >= from && j >= i-8; j-- {
		if anyKey(toks[j], undergoingVerbs) {
			u = j
			break
		}
	}
	if u < 0 {
		return nil
	}
	for k := range acts {
		if a := &acts[k]; a.first > u && a.last <= i && a.prep == "" {
			return a
		}
	}
	for k := len(acts) - 1; k >= 0; k-- {
		if a := &acts[k]; a.last <= u && a.last >= u-1 && a.prep == "" {
			return a
		}
	}
	return nil
}

// performed: a noun trigger with «ب» governed by «قام» a few words before it («قامت
// دبابة إسرائيلية بقصف»): the noun stands for the verb.
func performed(toks []arabic.Token, from, i int) bool {
	w := stripConj(toks[i].Norm)
	if !strings.HasPrefix(w, "ب") {
		return false
	}
	for j := i - 1; j >= from && j >= i-4; j-- {
		if arabic.IsClauseBreak(toks[j]) {
			return false
		}
		if anyKey(toks[j], performing) {
			return true
		}
	}
	return false
}

var performing = verbSet("قام/يقوم")

// opposing: a word of opposition stands within the three words before i, in its clause.
func opposing(toks []arabic.Token, sent nlp.Sentence, i int) bool {
	for j := i - 1; j >= sent.First && j >= i-3; j-- {
		if anyKey(toks[j], opposition) {
			return true
		}
		if arabic.IsClauseBreak(toks[j]) {
			return false
		}
	}
	return false
}

var opposition = wordSet(`ضد معاديه معادي معاديه المعاديه المناهضه مناهضه مناهض المناهض مناهضين المناهضين تندد منددين منددا منددة يسقط تسقط
الموت رفضا احتجاجا للاحتجاج بقرار`)
