// Package quote finds direct quotes («…», "…", “…”) and attributes each to its speaker:
// the subject of the speech verb before it (قال، أكد، ذكرت…), the person quoted in
// «نقلت X عن Y قوله», the last speaker for continuations (وأضاف، وتابع، مشيراً إلى،
// قائلاً), or the subject of the sentence. Agency attributions («حسب ما أوردته وكالة
// "نور نيوز"», «وفقاً لـ»…) are sources, not speakers, and short quoted names are names,
// not quotes.
package quote

import (
	"context"
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/nlp"
)

// speechVerbs are folded speech verbs (past and present, masculine and feminine).
var speechVerbs = set(`قال قالت يقول تقول اكد اكدت يؤكد تؤكد اضاف اضافت يضيف تضيف تابع تابعت اشار اشارت يشير تشير
اوضح اوضحت يوضح توضح ذكر ذكرت يذكر تذكر صرح صرحت شدد شددت يشدد تشدد اعتبر اعتبرت يعتبر تعتبر لفت لفتت
كشف كشفت اعلن اعلنت يعلن تعلن نقل نقلت افاد افادت اعرب اعربت حذر حذرت دعا دعت طالب طالبت كتب كتبت غرد غردت
وصف وصفت نفي نفت ردد رددت علق علقت ختم ختمت اردف اردفت استطرد استطردت زعم زعمت ادعي ادعت هدد هددت توعد توعدت
تساءل تساءلت قالوا اكدوا اضافوا ذكروا اعلنوا شكر شكرت`)

// participles continue the current speaker (مشيراً، قائلاً).
var participles = set(`قائلا مشيرا مؤكدا مضيفا مشددا معتبرا لافتا موضحا داعيا محذرا متابعا معربا واصفا مطالبا منوها
متسائلا مستدركا مختتما قائله مشيره مؤكده مضيفه مشدده معتبره لافته موضحه داعيه محذره`)

// continuations have no subject of their own: the last speaker goes on.
var continuations = set(`اضاف اضافت تابع تابعت استطرد استطردت اردف اردفت ختم ختمت مضي مضت`)

// attributions introduce the outlet a statement was taken from.
var attributions = set(`حسب بحسب وفق وفقا حسبما طبقا نقلا`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func has(m map[string]bool, t arabic.Token) bool {
	if t.Kind != arabic.Word {
		return false
	}
	for _, k := range t.Keys() {
		if m[k] {
			return true
		}
	}
	return false
}

// Stage is the quote stage.
type Stage struct{}

// NewStage returns the quote stage.
func NewStage() *Stage { return &Stage{} }

type span struct{ open, close int } // token indexes of the marks

// pairs finds quotation mark pairs within each region line.
func pairs(toks []arabic.Token) []span {
	var out []span
	open := -1
	for i, t := range toks {
		if !t.IsQuote() {
			continue
		}
		if open >= 0 && toks[open].Line != t.Line {
			open = -1
		}
		r := t.Rune()
		switch {
		case r == '«' || r == '“' || r == '„':
			open = i
		case r == '»' || r == '”':
			if open >= 0 {
				out = append(out, span{open, i})
			}
			open = -1
		default: // straight quotes toggle
			if open >= 0 {
				out = append(out, span{open, i})
				open = -1
			} else {
				open = i
			}
		}
	}
	return out
}

// Process fills doc.Quotes.
func (s *Stage) Process(_ context.Context, doc *nlp.Document) error {
	toks := doc.Tokens
	ms := doc.Mentions
	lastSpeaker := -1
	lastName := ""
	lastAt := -1 // token of the quote that set lastSpeaker
	ps := pairs(toks)
	said := indirectSpeech(doc, ps)
	// last is the speaker a quote with no speaker of its own continues: the speaker of the
	// latest quote, or the subject of a later indirect statement («وقال المرصد إن …»).
	last := func(open int) (int, string) {
		spk, name := lastSpeaker, lastName
		for _, st := range said {
			if st.at >= open {
				break
			}
			if st.at > lastAt {
				spk, name = st.speaker, st.name
			}
		}
		return spk, name
	}
	curSent := -1
	sentSpeaker := -1
	sentSpeakerName := ""
	for _, p := range ps {
		first, end := p.open+1, p.close
		if end <= first {
			continue
		}
		si := doc.SentenceOf(p.open)
		if si < 0 || !doc.Sentences[si].Coded() {
			continue
		}
		sent := doc.Sentences[si]
		if isName(doc, p, ms) {
			continue
		}
		if si != curSent {
			curSent, sentSpeaker, sentSpeakerName = si, -1, ""
		}
		q := nlp.QuoteInfo{First: first, Last: end, SpeakerIdx: -1}
		q.Start, q.End = toks[first].Start, toks[end-1].End
		q.Text = doc.Slice(q.Start, q.End)
		// Look back for the cue.
		from := sent.First
		if len(doc.Quotes) > 0 {
			prev := doc.Quotes[len(doc.Quotes)-1]
			if prev.Last >= from && prev.Last < p.open {
				from = prev.Last + 1
			}
		}
		cue := -1
		kind := ""
		for i := p.open - 1; i >= from; i-- {
			t := toks[i]
			switch {
			case has(participles, t):
				cue, kind = i, "participle"
			case t.Kind == arabic.Word && (strings.HasSuffix(arabic.StripArticle(t.Norm), "قوله") || strings.HasSuffix(t.Norm, "قولها")) && arabic.RuneCount(t.Norm) <= 6:
				cue, kind = i, "qawluhu"
			case has(continuations, t):
				cue, kind = i, "continuation"
			case has(speechVerbs, t):
				cue, kind = i, "verb"
			}
			if cue >= 0 {
				break
			}
		}
		spk, name, rule := -1, "", ""
		excluded := attributionSpans(toks, from, p.open)
		actorIn := func(a, b int, nearest bool) (int, string) {
			best, bestName := -1, ""
			for _, m := range ms {
				if m.First < a || m.Last > b || m.Entity < 0 || excluded(m.First) || subsumed(ms, m) {
					continue
				}
				if !nearest && (m.First > a && has(preps, toks[m.First-1]) || prepClitic(doc, m)) {
					continue
				}
				if m.Kind == nlp.MPlace && !m.Capital {
					continue
				}
				if !nearest {
					return m.Entity, doc.TokText(m.First, m.Last)
				}
				best, bestName = m.Entity, doc.TokText(m.First, m.Last)
			}
			return best, bestName
		}
		switch kind {
		case "verb", "continuation":
			spk, name = actorIn(cue+1, p.open, false)
			rule = "quote.speech_verb_subject"
			if spk < 0 && kind == "verb" {
				spk, name = subjectBefore(doc, sent.First, cue, excluded)
				rule = "quote.subject_before_verb"
				if spk < 0 || doc.Entities[spk].Type != "PERSON" {
					// «جاء ذلك في تغريدة للأحمر … حيث قال»: the person named before.
					if p, n := lastPerson(doc, sent.First, cue); p >= 0 {
						spk, name, rule = p, n, "quote.person_before_verb"
					}
				}
			}
			if spk < 0 {
				spk, name = last(p.open)
				rule = "quote.continuation"
			}
		case "qawluhu":
			// نقلت تاس عن شويغو قوله: the person after عن.
			for i := cue - 1; i >= from; i-- {
				if has(set("عن"), toks[i]) {
					spk, name = actorIn(i+1, cue, false)
					break
				}
			}
			rule = "quote.naql_an_qawluhu"
			// «نقلت الجزيرة عن مصدر عسكري قوله»: an unnamed source; the channel only reports.
		case "participle":
			spk, name, rule = sentSpeaker, sentSpeakerName, "quote.participle_same_speaker"
			if spk < 0 {
				spk, name = subjectBefore(doc, sent.First, cue, excluded)
				rule = "quote.participle_sentence_subject"
			}
			if spk < 0 {
				spk, name = last(p.open)
				rule = "quote.participle_last_speaker"
			}
		default:
			// «"…"، قال الجنرال محمد باقري»: the speech verb after the quote.
			if v := verbAfter(toks, p.close+1, sent.Last); v >= 0 {
				end := v + 6
				if end > sent.Last {
					end = sent.Last
				}
				spk, name = actorIn(v+1, end, false)
				rule = "quote.speech_verb_after"
				t := toks[v]
				q.Cue = &marsad.Text{Span: marsad.Span{Start: t.Start, End: t.End}, Text: t.Text}
			}
			if spk < 0 {
				spk, name = subjectBefore(doc, sent.First, p.open, excluded)
				rule = "quote.sentence_subject"
			}
			if spk < 0 {
				spk, name = last(p.open)
				rule = "quote.last_speaker"
			}
		}
		if cue >= 0 {
			t := toks[cue]
			q.Cue = &marsad.Text{Span: marsad.Span{Start: t.Start, End: t.End}, Text: t.Text}
		}
		q.SpeakerIdx = spk
		if spk >= 0 {
			q.SpeakerName = doc.Entities[spk].Name
			lastSpeaker, lastName, lastAt = spk, name, p.open
			sentSpeaker, sentSpeakerName = spk, name
		}
		q.Rule = rule
		doc.Quotes = append(doc.Quotes, q)
	}
	return nil
}

// isName: short quoted text that is a name («وكالة "نور نيوز"», «لـ"الحرس الثوري"»,
// «"مجموعات معادية للثورة"» after تابعة لـ) rather than speech.
func isName(doc *nlp.Document, p span, ms []nlp.Mention) bool {
	toks := doc.Tokens
	n := p.close - p.open - 1
	if n > 4 {
		return false
	}
	// the quoted words are (part of) a mention
	for _, m := range ms {
		if m.First <= p.open+1 && m.Last >= p.close-1 && m.Last > p.open+1 || (m.First < p.open && m.Last > p.open+1) {
			return true
		}
	}
	if p.open > 0 {
		prev := toks[p.open-1]
		if prev.Kind == arabic.Word && (prev.Norm == "ل" || prev.Norm == "ب" || prev.Norm == "لـ") {
			return true
		}
	}
	return n <= 1
}

// attributionSpans marks the tokens of «حسب ما أوردته وكالة …», «وفقاً لـ…» up to the
// next comma: outlets there are sources, not speakers.
func attributionSpans(toks []arabic.Token, from, to int) func(int) bool {
	var spans [][2]int
	for i := from; i < to; i++ {
		if has(attributions, toks[i]) {
			j := i + 1
			for j < to && !arabic.IsClauseBreak(toks[j]) {
				j++
			}
			spans = append(spans, [2]int{i, j})
			i = j
		}
	}
	return func(k int) bool {
		for _, s := range spans {
			if k >= s[0] && k < s[1] {
				return true
			}
		}
		return false
	}
}

var preps = set(`مع علي الي من عن في ضد بين لدي حول بشان عبر داخل خلال ازاء امام`)

// subjectBefore returns the sentence subject before token end: the first actor mention
// that no preposition governs.
func subjectBefore(doc *nlp.Document, from, end int, excluded func(int) bool) (int, string) {
	toks := doc.Tokens
	for _, m := range doc.Mentions {
		if m.First < from || m.Last > end || m.Entity < 0 || excluded(m.First) {
			continue
		}
		if m.Kind == nlp.MPlace || m.Kind == nlp.MCountry {
			continue
		}
		if m.First > from && has(preps, toks[m.First-1]) {
			continue
		}
		if startsWithPrep(toks[m.First].Norm) {
			continue
		}
		return m.Entity, doc.TokText(m.First, m.Last)
	}
	return -1, ""
}

func startsWithPrep(w string) bool {
	return strings.HasPrefix(w, "لل") || strings.HasPrefix(w, "بال") || strings.HasPrefix(w, "وبال") || strings.HasPrefix(w, "ولل")
}

// subsumed: a mention inside the title of a person mention («المتحدث باسم الرئاسة
// الفلسطينية نبيل أبو ردينة»): the person speaks, not the organisation.
func subsumed(ms []nlp.Mention, m nlp.Mention) bool {
	for _, p := range ms {
		if p.Kind == nlp.MPerson && p.Outer > 0 && p.Outer < p.First && m.First >= p.Outer && m.Last <= p.First {
			return true
		}
	}
	return false
}

// lastPerson returns the last person mentioned in tokens [from, end).
func lastPerson(doc *nlp.Document, from, end int) (int, string) {
	best, name := -1, ""
	for _, m := range doc.Mentions {
		if m.First >= from && m.Last <= end && m.Entity >= 0 && m.Kind == nlp.MPerson {
			best, name = m.Entity, doc.TokText(m.First, m.Last)
		}
	}
	return best, name
}

// prepClitic: the mention's first word carries ل or ب that its name does not start with
// («لليبرمان», «لشويغو»): it is governed by a preposition.
func prepClitic(doc *nlp.Document, m nlp.Mention) bool {
	w := doc.Tokens[m.First].Norm
	if startsWithPrep(w) {
		return true
	}
	if strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف") {
		w = w[len("و"):]
	}
	if !strings.HasPrefix(w, "ل") && !strings.HasPrefix(w, "ب") {
		return false
	}
	if m.Entity < 0 {
		return false
	}
	name := arabic.FoldPhrase(doc.Entities[m.Entity].Name)
	for _, n := range strings.Fields(name) {
		if strings.HasPrefix(w, n) || w == n {
			return false
		}
	}
	return true
}

// verbAfter finds a speech verb right after a closing quote («"…"، قال …»), skipping
// punctuation; -1 when none.
func verbAfter(toks []arabic.Token, i, end int) int {
	for ; i < end && i < len(toks); i++ {
		if toks[i].Kind == arabic.Punct {
			continue
		}
		if has(speechVerbs, toks[i]) {
			return i
		}
		return -1
	}
	return -1
}

// statement is an indirect statement: a speech verb and its subject outside quotes.
type statement struct {
	at      int // the verb's token
	speaker int // entity index
	name    string
}

// indirectSpeech finds, in document order, the speech verbs outside quotation marks whose
// subject follows them within a few words («وقال المرصد إن …»): a later quote with no cue
// of its own continues that speaker.
func indirectSpeech(doc *nlp.Document, ps []span) []statement {
	toks := doc.Tokens
	quoted := func(i int) bool {
		for _, p := range ps {
			if i > p.open && i < p.close {
				return true
			}
		}
		return false
	}
	var out []statement
	for _, sent := range doc.Sentences {
		if !sent.Coded() {
			continue
		}
		for i := sent.First; i < sent.Last; i++ {
			if !has(speechVerbs, toks[i]) || quoted(i) {
				continue
			}
			for _, m := range doc.Mentions {
				if m.First <= i || m.First > i+3 || m.Last > sent.Last || m.Entity < 0 || subsumed(doc.Mentions, m) {
					continue
				}
				if m.First > i+1 && has(preps, toks[m.First-1]) || prepClitic(doc, m) || m.Kind == nlp.MPlace && !m.Capital {
					continue
				}
				if !subjectSlot(toks, i+1, m.First) || quoted(m.First) {
					break // «وأضاف أن "وزير الدفاع …"»: what follows is the statement
				}
				out = append(out, statement{at: i, speaker: m.Entity, name: doc.TokText(m.First, m.Last)})
				break
			}
		}
	}
	return out
}

// subjectSlot reports whether the words from i to j (a speech verb's next words up to a
// mention) can stand before its subject: no punctuation and no «أن/إن» that opens the
// statement itself.
func subjectSlot(toks []arabic.Token, i, j int) bool {
	for ; i < j; i++ {
		t := toks[i]
		if t.Kind != arabic.Word {
			return false
		}
		switch arabic.StripConjunction(t.Norm) {
		case "ان", "انه", "انها", "بان", "بانه", "بانها":
			return false
		}
	}
	return true
}
