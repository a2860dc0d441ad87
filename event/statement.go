package event

import (
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/nlp"
)

// Statements that criticise or accuse another actor seldom use a verb of criticism:
// «وصفت حماس القرار الأمريكي بأنه صاعق تفجير», «المملكة عانت من عدوان النظام الإيراني».
// A quote whose speaker is known, that holds a word of condemnation and names an actor
// of another country, is coded as disapproval (CAMEO 111), or as an accusation (112)
// when it also holds a word of blame.

// condemnation words (folded, without clitics); an entry with a space is a phrase.
var condemnation = wordSet(`عدوان عدواني عدوانيه العدوانيه ارهاب ارهابي ارهابيه الارهاب جرائم جريمه انتهاك انتهاكات مؤامره
احتلال استفزاز استفزازي مخز مخزي عار جبان جبانه غطرسه همجي همجيه وحشي وحشيه تخريب تخريبي مدمر مدمره مزعزع
باطل مرفوض مرفوضه تضليل اكاذيب اجرامي اجراميه عنصري عنصريه قمع اضطهاد مضايقات ارهاب تدخل غاشم سافر فاشل
مجزره مجازر صاعق عبث عبثي تحد تحدي ظالم ظالمه جائر جائره اعتداء اعتداءات مؤامره المؤامره مضر مضره الضار الضاره`)

// blame words turn a criticism into an accusation.
var blame = wordSet(`اتهم تتهم يتهم اتهام اتهامات مسؤوليه مسؤول تورط متورط يقف وراء دعم تزويد تمويل يمول تسليح مد امداد`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var (
	criticismPattern  = &Pattern{ID: "statement.condemnation_quote", Code: "111"}
	accusationPattern = &Pattern{ID: "statement.blame_quote", Code: "112"}
)

// statements returns drafts for quotes that condemn an actor of another country.
func (c *Coder) statements(doc *nlp.Document, pub time.Time) []*draft {
	var out []*draft
	toks := doc.Tokens
	for _, q := range doc.Quotes {
		if q.SpeakerIdx < 0 {
			continue
		}
		spk := doc.Entities[q.SpeakerIdx]
		if spk.Country == "" {
			continue
		}
		cue, accuse := -1, false
		for i := q.First; i < q.Last; i++ {
			for _, k := range toks[i].Keys() {
				if condemnation[k] && cue < 0 {
					cue = i
				}
				if blame[k] {
					accuse = true
				}
			}
		}
		if cue < 0 {
			continue
		}
		si := doc.SentenceOf(q.First)
		if si < 0 {
			continue
		}
		sent := doc.Sentences[si]
		sc := c.context(doc, sent)
		// The condemned actor is the one the condemnation word governs: right after it
		// («عدوان النظام الإيراني», «القرار الأمريكي … صاعق» is too far to tell).
		var tgt *actor
		tgtRule := "event.target_in_quote"
		best := 1 << 30
		consider := func(a *actor) {
			if a.country == "" || a.country == spk.Country || len(a.country) != 3 || a.prep == "علي" || a.prep == "ضد" {
				return // «الاعتداء على موكب الحكومة»: the victim, not the one condemned
			}
			d := a.first - cue
			if d < 1 || d > 3 {
				return
			}
			if d < best {
				tgt, best = a, d
			}
		}
		for i := range sc.actors {
			if a := &sc.actors[i]; a.first >= q.First && a.last <= q.Last {
				consider(a)
			}
		}
		for _, n := range sc.nisbas {
			if n.First >= q.First && n.Last <= q.Last {
				consider(&actor{first: n.First, last: n.Last, entity: -1, country: n.Country, code: n.Country, kind: nlp.MNisba, name: doc.TokText(n.First, n.Last)})
			}
		}
		if tgt == nil {
			// «إلى "النشاطات المضرة" لروسيا»: the quoted phrase's owner right after it.
			after := q.Last
			for after < sent.Last && toks[after].IsQuote() {
				after++
			}
			for i := range sc.actors {
				a := &sc.actors[i]
				if a.first == after && (a.prep == "ل" || a.prep == "") && a.country != "" && a.country != spk.Country && len(a.country) == 3 {
					tgt, tgtRule = a, "event.target_after_quote"
				}
			}
		}
		if tgt == nil {
			continue
		}
		src := &actor{first: q.First, last: q.First + 1, entity: q.SpeakerIdx, country: spk.Country, code: spk.Code, kind: nlp.MPerson, name: spk.Name}
		if spk.Type != marsad.Person {
			src.kind = nlp.MOrg
		}
		p := criticismPattern
		if accuse {
			p = accusationPattern
		}
		d := &draft{pattern: p, code: p.Code, match: Match{Pattern: p, First: cue, Last: cue + 1, Head: cue},
			src: src, srcRule: "event.source_quote_speaker", tgt: tgt, tgtRule: tgtRule,
			sentence: sent, mode: marsad.ModeAsserted, dateT: pub, dateRule: "event.date_publication"}
		out = append(out, d)
	}
	return out
}

var (
	quoteDemandPattern = &Pattern{ID: "demand.obligation_quote", Code: "100"}
	quoteThreatPattern = &Pattern{ID: "threaten.pay_price_quote", Code: "130"}
	obligation         = wordSet(`يجب ينبغي يتعين يتوجب عليه عليها عليهم عليهما لابد`)
	priceWords         = wordSet(`الثمن ثمن ثمنا`)
)

// obligations returns drafts for what a speaker says another country must do: «على
// إيران أن تحترم حسن الجوار» is a demand (CAMEO 10) on Iran, «إيران يجب أن تدفع
// الثمن» a threat (13).
func (c *Coder) obligations(doc *nlp.Document, pub time.Time) []*draft {
	var out []*draft
	toks := doc.Tokens
	for _, q := range doc.Quotes {
		if q.SpeakerIdx < 0 {
			continue
		}
		spk := doc.Entities[q.SpeakerIdx]
		si := doc.SentenceOf(q.First)
		if spk.Country == "" || si < 0 {
			continue
		}
		sent := doc.Sentences[si]
		sc := c.context(doc, sent)
		for i := range sc.actors {
			a := &sc.actors[i]
			if a.first < q.First || a.last > q.Last || a.country == "" || a.country == spk.Country || len(a.country) != 3 {
				continue
			}
			an := -1 // the «أن» of the obligation
			switch {
			case a.prep == "علي":
				for k := a.last; k < q.Last && k <= a.last+2; k++ {
					if toks[k].Norm == "ان" {
						an = k
					}
				}
			case a.prep == "":
				for k := a.last; k < q.Last && k <= a.last+1; k++ {
					if anyKey(toks[k], obligation) && k+1 < q.Last && toks[k+1].Norm == "ان" {
						an = k + 1
					}
				}
			}
			if an < 0 {
				continue
			}
			p := quoteDemandPattern
			for k := an + 1; k < q.Last && k <= an+3; k++ {
				if anyKey(toks[k], priceWords) {
					p = quoteThreatPattern
				}
			}
			src := &actor{first: q.First, last: q.First + 1, entity: q.SpeakerIdx, country: spk.Country, code: spk.Code, kind: nlp.MPerson, name: spk.Name}
			if spk.Type != marsad.Person {
				src.kind = nlp.MOrg
			}
			mode := marsad.ModeDemanded
			if p == quoteThreatPattern {
				mode = marsad.ModeAsserted
			}
			out = append(out, &draft{pattern: p, code: p.Code, match: Match{Pattern: p, First: an, Last: an + 1, Head: an},
				src: src, srcRule: "event.source_quote_speaker", tgt: a, tgtRule: "event.target_obligation",
				sentence: sent, mode: mode, dateT: pub, dateRule: "event.date_publication"})
			break
		}
	}
	return out
}

// protesters are nouns that, as the subject of a verb of gathering, marching or riot,
// report a protest («تجمع آلاف المتظاهرين», «مليون متظاهر خرجوا»). The nominative plural (-ون)
// is a subject; the -ين form is one only after a quantity («تجمع آلاف المتظاهرين»),
// elsewhere it is an object («قمعت الشرطة المتظاهرين»). What demonstrators do as
// demonstrators — chant, raise banners, carry flags, hand in a petition, block a
// convoy («وردد المتظاهرون هتافات», «ورفع المتظاهرون لافتات») — is the demonstration
// itself as the reporter saw it: CAMEO codes the demonstration (141), and an analyst
// reading that sentence alone knows a protest took place. Words about protesters that
// are not their deeds (a statement by one of them, what was done to them) are not.
var (
	protestersNominative = wordSet(`المتظاهرون متظاهرون المحتجون محتجون المعتصمون معتصمون المضربون مضربون`)
	protestersOblique    = wordSet(`المتظاهرين متظاهرين المحتجين محتجين المعتصمين معتصمين متظاهر محتج متظاهرا محتجا معتصما`)
	crowdWords           = wordSet(`حشود حشد جموع الاف الالاف ميات الميات عشرات العشرات مليون ملايين الف`) // folded: «مئات» is «ميات»
	gathering            = verbSet("تجمع/يتجمع", "خرج/يخرج", "تدفق/يتدفق", "سار/يسير", "احتشد/يحتشد", "اجتاح/يجتاح",
		"توافد/يتوافد", "زحف/يزحف", "جاب/يجوب", "طاف/يطوف", "نزل/ينزل", "تظاهر/يتظاهر", "اعتصم/يعتصم", "احتج/يحتج",
		"تجمهر/يتجمهر", "تحرك/يتحرك", "انطلق/ينطلق", "واصل/يواصل", "استمر/يستمر", "اقتحم/يقتحم", "قطع/يقطع", "أغلق/يغلق",
		// riotous acts tell of a protest too
		"أحرق/يحرق", "أضرم/يضرم", "حطم/يحطم", "هاجم/يهاجم",
		"اشتبك/يشتبك", "رشق/يرشق", "أشعل/يشعل", "نصب/ينصب",
		// a deed done («قام المتظاهرون بنصب خيامهم»), a crowd gathered («جمعت المعارضة 50
		// ألف متظاهر»), traffic or work stopped («أعاق آلاف المتظاهرين عمل البرلمان»)
		"قام/يقوم", "جمع/يجمع", "حشد/يحشد", "أعاق/يعيق", "عطل/يعطل")
	vehicles = wordSet(`السيارات سيارات الشاحنات شاحنات الاليات اليات الحافلات حافلات المركبات مركبات الطائرات`)
	// rallying: verbs whose crowd subject right after them is a rally.
	blocking        = verbSet("منع/يمنع")
	chanting        = verbSet("ردد/يردد", "هتف/يهتف")
	complementizers = wordSet(`ان لكن لان`)
	rallying        = verbSet("تجمع/يتجمع", "احتشد/يحتشد", "تجمهر/يتجمهر", "توافد/يتوافد", "تدفق/يتدفق")
	// demonstrating: the acts that make up a demonstration — chanting, and showing
	// signs (a verb of raising or carrying followed by banners, slogans, flags or
	// pictures: «حمل المتظاهرون الحكومة المسؤولية» is a blame, not a sign) — and the
	// march's own movements.
	demonstrating = verbSet("هتف/يهتف", "توجه/يتوجه", "جاء/يجيء", "وصل/يصل", "جاب/يجوب", "سار/يسير")
	showing       = verbSet("ردد/يردد", "رفع/يرفع", "حمل/يحمل", "لوح/يلوح", "أطلق/يطلق", "علق/يعلق", "ارتدى/يرتدي", "سلم/يسلم")
	signs         = wordSet(`لافته لافتات شعار شعارات هتاف هتافات علم اعلام اعلاما صور صورا صوره لوحات رايات رايه نعوش نعشا
يافطات يافطه ملصقات الشعارات الهتافات اللافتات الاعلام الصور الرايات ملابس شارات نعوشا مذكره عريضه`)
)

// demonstrates: toks[j] is a verb of demonstrating, or of showing followed by a sign
// in its clause («رفع المتظاهرون لافتات», «المتظاهرون يحملون صورا»).
func demonstrates(toks []arabic.Token, sent nlp.Sentence, j int) bool {
	if anyKey(toks[j], demonstrating) {
		return true
	}
	if !anyKey(toks[j], showing) {
		return false
	}
	for k := j + 1; k < sent.Last && k <= j+8; k++ {
		if arabic.IsClauseBreak(toks[k]) && !(toks[k].Kind == arabic.Punct && (toks[k].Rune() == '،' || toks[k].Rune() == ',')) {
			return false // a comma may close a phrase of place («وحمل المتظاهرون في إسطنبول، الأعلام»)
		}
		if anyKey(toks[k], signs) {
			return true
		}
	}
	return false
}

var protesterPattern = &Pattern{ID: "protest.protesters_subject", Code: "141", Verb: true}

// protesterMatch returns a synthetic match on protesters that are the subject of a verb
// of gathering, when no protest verb pattern fired in the sentence.
func (c *Coder) protesterMatch(toks []arabic.Token, sent nlp.Sentence, ms []Match) (Match, bool) {
	for _, m := range ms {
		if m.Pattern.Code[:2] == "14" && m.Pattern.Verb {
			return Match{}, false
		}
	}
	for i := sent.First; i < sent.Last; i++ {
		if anyKey(toks[i], chanting) && i+1 < sent.Last {
			// «ردد أكثر من ألف شخص "الموت لـ…"», «هتف مئات الطلاب»: a counted crowd
			// that chants is a demonstration.
			k := skipQualifiers(toks, i+1, sent.Last)
			if _, ok := arabic.ParseQuantity(toks[:sent.Last], k); ok || anyKey(toks[k], crowdWords) {
				return Match{Pattern: protesterPattern, First: i, Last: i + 1, Head: i, Future: futureVerb(toks[i])}, true
			}
		}
		w := stripConj(toks[i].Norm)
		subject := protestersNominative[w]
		if !subject && protestersOblique[w] && i > sent.First {
			_, quantity := arabic.ParseQuantity(toks, i-1)
			// after «إنّ» and its sisters the -ين form is the subject too («إن متظاهرين أطلقوا …»)
			subject = quantity || anyKey(toks[i-1], crowdWords) || complementizers[stripConj(toks[i-1].Norm)] ||
				(i > sent.First+1 && toks[i-1].Norm == "من" && anyKey(toks[i-2], crowdWords))
		}
		if !subject && i > sent.First && anyKey(toks[i-1], rallying) && (anyKey(toks[i], crowdWords) || stripConj(toks[i].Norm) == "عدد") &&
			!(i+1 < sent.Last && anyKey(toks[i+1], vehicles)) && !(i+2 < sent.Last && anyKey(toks[i+2], vehicles)) {
			// «تجمع عشرات الفلسطينيين في ميدان …», «احتشد آلاف أمام البرلمان»: a crowd
			// that gathers is a rally.
			return Match{Pattern: protesterPattern, First: i, Last: i + 1, Head: i}, true
		}
		if !subject {
			continue
		}
		// The verb comes before its subject within the clause («وخرج مساء أمس مئات من
		// المتظاهرين»), or right after it («المتظاهرون رفعوا», «المتظاهرون كانوا يهتفون»).
		for j := i - 1; j >= sent.First && j >= i-8; j-- {
			if arabic.IsClauseBreak(toks[j]) || relatives[toks[j].Norm] {
				break
			}
			if anyKey(toks[j], gathering) || (j >= i-3 && demonstrates(toks, sent, j)) {
				if inRelativeClause(toks, sent.First, j) {
					break // «المقر الذي تجمع في محيطه المتظاهرون»: a place described
				}
				return Match{Pattern: protesterPattern, First: i, Last: i + 1, Head: i, Future: futureVerb(toks[j])}, true
			}
		}
		if protestersNominative[w] {
			// «ومنع المتظاهرون الشاحنات من الوصول»: with the nominative subject, the
			// protesters stop traffic («المتظاهرين منعوا من …» is passive).
			for j := i - 1; j >= sent.First && j >= i-2; j-- {
				if anyKey(toks[j], blocking) {
					return Match{Pattern: protesterPattern, First: i, Last: i + 1, Head: i}, true
				}
			}
		}
		reach := i + 3
		for j := i + 1; j < sent.Last && j <= i+3; j++ {
			if stripConj(toks[j].Norm) == "قد" {
				reach = j + 1 // «وكان متظاهرون بمدينة العريش قد حطموا»
				break
			}
		}
		for j := i + 1; j < sent.Last && j <= reach; j++ {
			if relatives[toks[j].Norm] || arabic.IsClauseBreak(toks[j]) {
				break
			}
			if anyKey(toks[j], gathering) || demonstrates(toks, sent, j) {
				return Match{Pattern: protesterPattern, First: i, Last: i + 1, Head: i, Future: futureVerb(toks[j])}, true
			}
		}
	}
	return Match{}, false
}

// futureVerb: an imperfect with the future prefix «س» («سيواصلون», «ستخرج»): what the
// protesters are to do, not what they did.
func futureVerb(t arabic.Token) bool {
	w := []rune(stripConj(t.Norm))
	return len(w) > 4 && w[0] == 'س' && (w[1] == 'ي' || w[1] == 'ت' || w[1] == 'ن')
}
