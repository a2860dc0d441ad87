package event

import (
	"github.com/marsad-project/marsad"
	"strings"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/nlp"
)

// A sentence that names a protest or an act of violence does not always report one: most
// mentions in news are references to events told elsewhere («منذ اغتيال الحريري»,
// «بتهمة الشغب»), categories («عمليات خطف وقتل»), or the setting of another event
// («قال أحد المشاركين في المظاهرة»). mention judges, for protest and violence (CAMEO
// 14, 18, 19, 20), whether the trigger reports a happening; it returns the rule that
// says it does not ("" when it reports one).
//
// A verb reports unless it sits in a relative clause («الهجوم الذي استهدف …»: the
// event is named, not told) or after a referring word. An event noun needs evidence
// that it is told here: it opens the sentence («مقتل ثلاثة …»), is the subject or
// object of a verb of happening («اندلعت احتجاجات», «نفذ هجوما»), carries a count,
// a date or a consequence («أسفر عن»), or the draft found casualties.
func (c *Coder) mention(doc *nlp.Document, sent nlp.Sentence, d *draft) string {
	if d.pattern.ID == "disapprove.describe.v" && !condemnedAfter(doc.Tokens, d.match.Last, sent.Last) {
		return "event.description_not_critical" // «وصف اللقاء بالإيجابي»
	}
	if m := d.match; m.First > sent.First && anyKey(doc.Tokens[m.First-1], topicWords) {
		return "event.mention_topic" // «وحول ملف سحب القوات الأمريكية»: a subject of talk
	}
	switch d.code[:2] {
	case "14", "18", "19", "20":
	default:
		return ""
	}
	toks := doc.Tokens
	m := d.match
	if violent(d.code) && !m.Pattern.Verb && d.fatalities == nil && guessed[d.srcRule] && inQuote(doc, m) {
		// «قال إن "الاعتداء على موكب الحكومة اعتداء على وحدة الشعب"»: a speaker's
		// comment on a deed told elsewhere, not a report of it (a protest announced in
		// a quote, «ستكون هناك تحركات سلمية», is still one).
		return "event.mention_quoted"
	}
	if cumulative(toks, sent, m, doc.Meta.Published.Year()) {
		return "event.mention_cumulative" // «مقتل 27 صحافيا منذ انقلاب الحوثيين»: a toll over years
	}
	if d.code[:3] == "144" && (d.src != nil && (strings.HasSuffix(d.src.code, "COP") || strings.HasSuffix(d.src.code, "MIL")) ||
		securityBefore(toks, sent, m)) {
		// «وقطعت القوى الأمنية الطريق», «الشرطة أغلقت طريق …»: security forces closing
		// a road keep order; obstruction is a protest only when protesters do it.
		return "event.block_by_security"
	}
	if d.pattern.ID == "protest.stones.v" && m.Last < sent.Last && protestersOblique[stripConj(toks[m.Last].Norm)] {
		// «كانوا يرشقون المتظاهرين بالحجارة»: stoning the protesters is an attack on them.
		return "event.stones_at_protesters"
	}
	if d.code[:2] == "14" && repressed(toks, sent, m) {
		// «فرقت الشرطة بالقوة مظاهرة», «منعت قوات الأمن تظاهرة», «لمنع المتظاهرين من
		// مواصلة قطع الطرق»: the sentence tells what was done to a protest (CAMEO 17x),
		// not the protest.
		return "event.mention_repressed"
	}
	if d.code[:3] == "181" && d.pattern.Verb {
		for k := m.Last; k < sent.Last && k < m.Last+4; k++ {
			if anyKey(toks[k], stolenGoods) {
				return "event.figurative" // «خطف قرارها», «خطف الفريق الضيف الفوز»
			}
		}
	}
	if d.code[:3] == "183" && d.pattern.Verb && figurative(toks, sent, m) {
		return "event.figurative" // «فجر جديد», «فجر أزمة», «الساعة الثالثة فجرا»
	}
	if d.pattern.ID == "fight.target.v" && aimAt(toks, sent, m) {
		// «يستهدف ضرب الاستقرار», «استهدف طرد الشيعة من المنطقة»: «استهدف» with a verbal
		// noun or an abstract good as object means to aim at, not to strike.
		return "event.aim"
	}
	if d.pattern.ID == "fight.siege.n" && bareMasdarSiege(toks, sent, m) {
		return "event.mention_masdar" // «جهود فرض حصار على روسيا», «من أجل فرض حصار»
	}
	if purposeNoun(toks, sent, m) {
		// «أحياء تستخدم لإطلاق صواريخ», «خطة لاغتياله»: a verbal noun with the
		// purpose «ل» names what was meant, not what happened («تعرض لهجوم» excepted).
		return "event.mention_purpose"
	}
	if inTitle(toks, sent, m) {
		return "event.mention_title" // «فيلم "اغتيال جيسي جيمس"», «مسرحية المذبحة»
	}
	if violenceList(toks, sent, m) {
		return "event.mention_list" // «جرائم اغتصاب وقتل», «من قتل وذبح وخطف»
	}
	for j := m.First - 1; j >= sent.First && j >= m.First-3; j-- {
		if arabic.IsClauseBreak(toks[j]) {
			break
		}
		if anyKey(toks[j], referring) && (j >= m.First-2 || referringGap[stripConj(toks[j+1].Norm)] || referringGap[stripConj(toks[j+2].Norm)]) {
			return "event.mention_referring" // «منذ اغتيال», «المتهم الرئيسي في اغتيال»
		}
	}
	if purposeProtest(toks, sent, m) {
		return "" // «خرجوا احتجاجا على …», «نزلوا إلى الشوارع للاحتجاج على …»
	}
	verb := m.Pattern.Verb && !masdar(toks, sent.First, m)
	for j := m.Last; j < sent.Last && j < m.Last+3; j++ {
		if anyKey(toks[j], hypotheticalAfter) {
			return "event.mention_hypothetical" // «ضربة جوية محتملة»
		}
	}
	if verb {
		peopleWho := d.code[:2] == "14" && m.First > sent.First && stripConj(toks[m.First-1].Norm) == "الذين"
		if m.Pattern != protesterPattern && inRelativeClause(toks, sent.First, m.First) && !peopleWho {
			// «المواطنين الذين يحتجون على …», «العلمانيين الذين تظاهروا بكثافة» tell that
			// those people protest; «الاحتجاجات التي اندلعت …» names an event told elsewhere.
			return "event.mention_relative"
		}
		if violent(d.code) && m.First > sent.First && whenWords[stripConj(toks[m.First-1].Norm)] {
			// «وعندما قتلوا رفيق الحريري ظنوا …», «عندما هاجم مسلحون البرلمان»: a
			// clause of time sets the scene for the sentence's own news. Not for protests:
			// «اعتقل خمسة عندما تظاهروا» tells the protest with the arrests.
			return "event.mention_backdrop"
		}
		// «تخطف من تريد وتقتل من تشاء»: an imperfect with no subject of its own tells
		// what someone does, not what happened; headlines («الجيش يسيطر على …») and
		// imperfects with their subject are news.
		if m.Present && !m.Future && (d.mode == marsad.ModeAsserted || d.mode == marsad.ModeReported) &&
			sent.Region != marsad.RegionTitle && (d.src == nil || guessed[d.srcRule]) && !progressive(toks, sent.First, m.First) {
			return "event.mention_habitual"
		}
		return ""
	}
	for j := m.First - 1; j >= sent.First && j >= m.First-2; j-- {
		if arabic.IsClauseBreak(toks[j]) {
			break
		}
		if anyKey(toks[j], backdrop) && !consequenceAfter(toks, m.Last, sent.Last) {
			// «فروا بعد هجوم أميركي», «غداة اعتداء إرهابي», «على الرغم من مقتل ثلاثة
			// جنود»: an event noun after a word of time or concession is the setting of
			// the sentence's own news, told elsewhere.
			return "event.mention_backdrop"
		}
	}
	if d.code[:2] == "14" && doneInProtest(toks, sent, m) {
		return "" // «إحراق نفسه احتجاجا على الظلم»: a deed done in protest took place
	}
	if d.fatalities != nil || d.wounded != nil {
		return ""
	}
	if d.src != nil && d.tgt != nil && d.src.country != "" && d.tgt.country != "" && d.src.country != d.tgt.country &&
		!guessed[d.srcRule] {
		return "" // «استهداف الجيش الإسرائيلي للمتظاهرين»: an act with its own agent and victim
	}
	cs := clauseStart(toks, sent.First, m.First)
	if m.First-cs <= 1 {
		return "" // «مقتل ثلاثة …», «وفي هجوم آخر …», «2007: اغتيال النائب …»
	}
	if casualtyCount(toks, sent) {
		return "" // the sentence counts its dead or wounded
	}
	for j := m.First - 1; j >= cs && j >= m.First-8; j-- {
		if anyKey(toks[j], happening) {
			return ""
		}
	}
	for j := m.Last; j < sent.Last && j < m.Last+5; j++ {
		t := toks[j]
		if arabic.IsClauseBreak(t) {
			break
		}
		if anyKey(t, happening) || anyKey(t, timeWords) {
			return ""
		}
		if _, ok := arabic.ParseQuantity(toks[:sent.Last], j); ok && j <= m.Last+1 {
			return "" // «مقتل 12»
		}
	}
	for _, de := range doc.Dates {
		if de.First >= m.Last && de.First <= m.Last+4 {
			return ""
		}
	}
	return "event.mention_noun"
}

// inQuote: the trigger is inside quoted speech.
func inQuote(doc *nlp.Document, m Match) bool {
	for _, q := range doc.Quotes {
		if m.First >= q.First && m.Last <= q.Last {
			return true
		}
	}
	return false
}

// sinceLong are words after «منذ» that reach back years («منذ انقلاب …», «منذ سنوات»).
var sinceLong = wordSet(`انقلاب الانقلاب عام العام اعوام سنوات سنه السنه ثوره الثوره اندلاع بدايه بدء`)

// firsts before «منذ» make it a record, not a toll: «أول هجوم منذ 2015».
var firsts = wordSet(`اول الاول الاولي الاعنف الاكبر الاسوا الادمي`)

// cumulative: the trigger is followed by «منذ» and a start years back: a running toll,
// not a happening («مقتل 27 صحافيا منذ انقلاب الحوثيين عام 2014»).
func cumulative(toks []arabic.Token, sent nlp.Sentence, m Match, pubYear int) bool {
	for j := m.Last; j < sent.Last-1 && j < m.Last+6; j++ {
		if stripConj(toks[j].Norm) != "منذ" {
			continue
		}
		for k := j - 1; k >= m.First && k >= j-3; k-- {
			if anyKey(toks[k], firsts) {
				return false
			}
		}
		next := toks[j+1]
		if anyKey(next, sinceLong) {
			return true
		}
		if y, ok := arabic.ParseQuantity(toks[:sent.Last], j+1); ok && y.Value >= 1900 && y.Value < pubYear {
			return true
		}
		return false
	}
	return false
}

// topicWords govern an event noun that names a subject of talk, not a happening.
var topicWords = wordSet(`ملف الملف ملفات قضيه القضيه مساله المساله موضوع الموضوع`)

func anyKey(t arabic.Token, set map[string]bool) bool {
	if t.Kind != arabic.Word {
		return false
	}
	for _, k := range t.Keys() {
		if set[k] {
			return true
		}
	}
	return false
}

// referring words, right before a trigger, make it a reference to an event told
// elsewhere or a category of events.
var referring = wordSet(`منذ عقب اعقاب بعيد بتهمه تهمه بتهم تهم قضيه جريمه جرائم حادثه حادث ذكري عمليات اعمال سياسه
ضحايا ملف تحقيق التحقيق التحقيقات ادانه منفذ منفذي مرتكب مرتكبي المشاركين المشاركه مشاركه منظمي خطر خطط خطه مخطط
ارتكاب لارتكاب محاوله محاولات محاولته محاولتها محاولتهم مرور سيناريو بالتورط المدانين مكافحه لمكافحه ظاهره مسلسل حرب قبيل
` +
	// responsibility and accusation name an event told elsewhere: «المسؤولة عن مقتل»,
	// «المشتبه بخطف», «متهمين بخطف», «على علاقة بخطف»
	`متهم المتهم متهمين المتهمين متهما ضلوع الضلوع بالضلوع المشتبه المسووله المسوولين علاقه بعلاقه اتهم اتهمت`)

// violenceList reports whether a one-word trigger is a bare verbal noun coordinated with
// another («قتل وخطف», «اغتصاب ونهب وقتل»): a list of kinds of violence names a
// category, not a happening — unless a count follows it («قتل وخطف خمسة أشخاص»).
func violenceList(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	if m.Last != m.First+1 || !listNouns[stripConj(toks[m.First].Norm)] {
		return false
	}
	coord := func(i int) bool { // toks[i] is «و» + a listed noun
		return i >= sent.First && i < sent.Last && toks[i].Kind == arabic.Word &&
			strings.HasPrefix(toks[i].Norm, "و") && listNouns[stripConj(toks[i].Norm)]
	}
	withPrev := strings.HasPrefix(toks[m.First].Norm, "و") && m.First > sent.First && listNouns[stripConj(toks[m.First-1].Norm)]
	end := m.First
	for end+1 < sent.Last && coord(end+1) {
		end++
	}
	if !withPrev && end == m.First {
		return false
	}
	if end+1 < sent.Last {
		if _, ok := arabic.ParseQuantity(toks[:sent.Last], end+1); ok {
			return false
		}
	}
	return true
}

var listNouns = wordSet(`قتل خطف ذبح تعذيب اغتصاب نهب تهجير سجن اعتقال تدمير حرق سلب تشريد اختطاف تفجير اغتيال
القتل الخطف الذبح التعذيب الاغتصاب النهب التهجير الاعتقال التدمير الحرق التشريد الاختطاف التفجير الاغتيال الاعتقالات الاغتيالات`)

// whenWords open a clause of time.
var whenWords = wordSet(`عندما بعدما حينما`)

// backdrop words, right before an event noun, make it the setting of another event.
var backdrop = wordSet(`بعد غداه اثر رغم الرغم قبل اثناء`)

// consequence verbs after an event noun («إثر سلسلة تفجيرات أسفرت عن مقتل 4») tell
// that it took place even as the setting of another event.
var consequence = verbSet("أسفر/يسفر", "أدى/يؤدي", "خلف/يخلف", "أوقع/يوقع", "أودى/يودي")

func consequenceAfter(toks []arabic.Token, from, last int) bool {
	for j := from; j < last && j < from+10; j++ {
		if anyKey(toks[j], consequence) {
			return true
		}
	}
	return false
}

// happening verbs, before an event noun or right after it, tell that it took place.
var happening = verbSet(
	"اندلع/يندلع", "خرج/يخرج", "تجدد/يتجدد", "تصاعد/يتصاعد", "جرى/يجري", "وقع/يقع", "شهد/يشهد", "نظم/ينظم",
	"شن/يشن", "نفذ/ينفذ", "قاد/يقود", "تواصل/يتواصل", "استمر/يستمر", "انطلق/ينطلق", "عم/يعم", "اجتاح/يجتاح",
	"قام/يقوم", "تعرض/يتعرض", "سقط/يسقط", "أسفر/يسفر", "أدى/يؤدي", "خلف/يخلف", "أوقع/يوقع", "نجا/ينجو",
	"لقي/يلقى", "شارك/يشارك", "دخل/يدخل", "بدأ/يبدأ", "أعلن/يعلن", "واصل/يواصل", "أودى/يودي", "حصد/يحصد",
	"استهدف/يستهدف", "طال/يطال", "انفجر/ينفجر", "فرق/يفرق", "فض/يفض", "قمع/يقمع", "سير/يسير", "تحول/يتحول", "ضرب/يضرب", "هز/يهز", "اتسع/يتسع", "امتد/يمتد", "عاد/يعود", "تبنى/يتبنى",
)

// timeWords after an event noun anchor it in the news of the day.
var timeWords = wordSet(`امس اليوم الليله البارحه صباح مساء ليل ليله فجر ظهر السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه
صباحا مساء ليلا فجرا ظهرا`)

// verbSet holds every form VerbForms derives for the (past/present) pairs, folded.
func verbSet(pairs ...string) map[string]bool {
	m := map[string]bool{}
	for _, p := range pairs {
		past, pres, _ := strings.Cut(p, "/")
		for _, f := range VerbForms(arabic.Fold(past), arabic.Fold(pres)) {
			m[f] = true
			for _, s := range objSuffixes { // short stems too: «نظمها»
				m[f+s] = true
			}
		}
	}
	return m
}

// casualtyCount: the sentence gives a number of dead or wounded («مقتل 4 أشخاص»,
// «سقوط 12 قتيلا»).
func casualtyCount(toks []arabic.Token, sent nlp.Sentence) bool {
	for i := sent.First; i < sent.Last; i++ {
		if !anyKey(toks[i], killWords) && !anyKey(toks[i], woundWords) {
			continue
		}
		for _, j := range []int{i - 2, i - 1, i + 1, i + 2} {
			if j < sent.First || j >= sent.Last {
				continue
			}
			if q, ok := arabic.ParseQuantity(toks[:sent.Last], j); ok && q.Value > 0 && (toks[j].Kind != arabic.Number || q.Value < 1900) {
				return true
			}
		}
	}
	return false
}

// progressive: «كانوا يتظاهرون», «راحوا يطلقون النار», «شاهد مسلحين يطلقون النار»: an
// imperfect verb after a verb of being, beginning or seeing tells a happening.
func progressive(toks []arabic.Token, from, i int) bool {
	for j := i - 1; j >= from && j >= i-3; j-- {
		if arabic.IsClauseBreak(toks[j]) {
			return false
		}
		if anyKey(toks[j], aspectual) {
			return true
		}
	}
	return false
}

var aspectual = verbSet("كان/يكون", "بدأ/يبدأ", "راح/يروح", "أخذ/يأخذ", "شاهد/يشاهد", "رأى/يرى", "ظل/يظل", "واصل/يواصل",
	"استمر/يستمر", "شرع/يشرع", "عاد/يعود")

// condemnedAfter: a word of condemnation follows («وصفت حماس القرار الأمريكي بأنه صاعق
// تفجير»), so a description is a criticism.
func condemnedAfter(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if anyKey(toks[k], condemnation) {
			return true
		}
	}
	return false
}

// hypotheticalAfter: an adjective after the trigger that makes it a possibility.
var hypotheticalAfter = wordSet(`محتمل محتمله المحتمل المحتمله مفترض مفترضه المفترض المفترضه مرتقب مرتقبه المرتقب المرتقبه`)

// masdar: a verb pattern whose head is the bare stem («قتل») after a preposition or a
// verb that takes it as object is the verbal noun, not the verb: «عن قتل الرهينة»,
// «بين قتل وخطف», «أدانت الصين امس قتل 3 من مواطنيها».
func masdar(toks []arabic.Token, from int, m Match) bool {
	if m.Head != m.First || m.First <= from {
		return false
	}
	head := toks[m.Head].Norm
	prev := stripConj(toks[m.First-1].Norm)
	if m.First-1 > from && isAdverb(prev) {
		prev = stripConj(toks[m.First-2].Norm)
	}
	if arabic.RuneCount(head) != 3 {
		return false
	}
	return masdarGovernors[prev] || anyKey(toks[m.First-1], condemnVerbs)
}

var masdarGovernors = wordSet(`عن من في الي علي بين قصد بهدف لاجل اجل بعد قبل عقب اثر جراء ضد حول بسبب نتيجه وقف منع تهمه بتهمه ` +
	// nouns that govern a verbal noun in construct («عملية خطف الجندي», «حملة خطف»,
	// «امكانية خطف», «تكرار خطف الصحافيين», «لتبرير قتل المدنيين»)
	`عمليه عمليات حمله حملات محاوله محاولات امكانيه احتمال تكرار اعتبار تبرير لتبرير مواصله`)

var condemnVerbs = verbSet("أدان/يدين", "ندد/يندد", "استنكر/يستنكر", "شجب/يشجب", "رفض/يرفض", "انتقد/ينتقد")

// figurative: «فجر» is also the dawn («فجر جديد», «بزوغ فجر النهضة», «الثالثة فجراً»,
// «فجر أمس» when no explosive follows) and, with an abstract object, to spark
// («فجر قضية كبرى», «فجر أزمة»).
func figurative(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	w := stripConj(toks[m.First].Norm)
	if w == "فجرا" {
		return true
	}
	if m.First > sent.First && anyKey(toks[m.First-1], dawnBefore) {
		return true
	}
	for k := m.Last; k < sent.Last && k < m.Last+3; k++ {
		if anyKey(toks[k], sparked) {
			return true
		}
	}
	return w == "فجر" && m.Last < sent.Last && anyKey(toks[m.Last], dawnAfter)
}

var (
	dawnBefore = wordSet(`بزوغ مطلع طلوع صلاه ساعات الساعه عند منذ حتي مع`)
	dawnAfter  = wordSet(`جديد الجديد امس اليوم السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه يوم النهضه الحريه الاسلام التاريخ`)
	sparked    = wordSet(`قضيه ازمه مفاجاه مفاجات جدلا جدل خلافا خلاف فضيحه غضب غضبا ثوره طاقات طاقه مواهب قنبلته ازمات قضايا موجه`)
)

// purposeProtest: «احتجاجاً على», «للاحتجاج على» after a verb of its clause is an
// adverbial of purpose — the deed before it was done in protest, so the protest took
// place («أحرق نفسه احتجاجا على …», «خرج المئات للاحتجاج على …»).
func purposeProtest(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	if m.Pattern.ID != "protest.protest.n" || m.Last >= sent.Last || !onWord(toks[m.Last], "علي", "ضد") {
		return false
	}
	w := stripConj(toks[m.First].Norm)
	if w != "احتجاجا" && w != "للاحتجاج" {
		return false
	}
	cs := clauseStart(toks, sent.First, m.First)
	for j := m.First - 1; j >= cs; j-- {
		if anyKey(toks[j], gathering) || anyKey(toks[j], happening) || anyKey(toks[j], demonstrating) {
			return true
		}
	}
	return false
}

func onWord(t arabic.Token, ws ...string) bool {
	for _, w := range ws {
		if t.Norm == w {
			return true
		}
	}
	return false
}

// securityBefore: a word for the police, the army or the security forces in the
// trigger or the three words before it («وقطعت الشرطة الطريق», «القوى الأمنية … فقطعت»).
func securityBefore(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	for k := max(sent.First, m.First-3); k < m.Last; k++ {
		if anyKey(toks[k], securityWords) {
			return true
		}
	}
	return false
}

var securityWords = wordSet(`الشرطه شرطه الامن الامنيه القوي قوات الجيش الجنود الدرك الحرس السلطات البوليس`)

// aimAt: the word after «استهدف» is a verbal noun of purpose or an abstract good.
func aimAt(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	return m.Last < sent.Last && anyKey(toks[m.Last], aims)
}

var aims = wordSet(`طرد ضرب زعزعه اغتيال السيطره النيل تقويض اضعاف اثاره خلق منع ارباك تخريب الاطاحه اسقاط تصفيه ايقاع
افشال عرقله تعطيل تفجير قتل خطف ترهيب تهجير تغيير تحقيق السلم الاستقرار الامن الوحده المصالحه العمليه الحوار المسيره الاقتصاد`)

// bareMasdarSiege: «فرض حصار» with the bare «فرض» right before the noun and no
// conjunction is the verbal noun («جهود فرض حصار», «الخطوة النهائية فرض حصار»); a
// finite verb takes a subject or a pronoun suffix («فرضت القوات حصارا»). After «و»
// or at the head of its clause it may be a passive verb («وفُرض حصار على القرية»).
func bareMasdarSiege(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	t := toks[m.First]
	if t.Norm != "فرض" || m.First+1 >= sent.Last || !strings.HasPrefix(toks[m.First+1].Norm, "حصار") {
		return false
	}
	return m.First-clauseStart(toks, sent.First, m.First) >= 1
}

// referringGap: words that may stand between a referring word and the trigger
// («المتهم الرئيسي في اغتيال»).
var referringGap = wordSet(`الرئيسي الاول الثاني في ب الرئيسيين`)

// stolenGoods: objects that make «خطف» figurative.
var stolenGoods = wordSet(`قرار قرارها قراره قرارهم الاضواء الانظار الاهتمام اللقب البطوله الفوز النصر قلوب الكاس الصداره الميداليه`)

// inTitle: the trigger names a work — it follows a noun such as «فيلم، كتاب، مسرحية»,
// directly or as the first words of a quoted title after it.
func inTitle(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	j := m.First - 1
	for k := 0; k < 6 && j >= sent.First; k++ {
		if toks[j].IsQuote() {
			j--
			break
		}
		if k == 0 && anyKey(toks[j], works) {
			return true
		}
		if arabic.IsClauseBreak(toks[j]) {
			return false
		}
		j--
	}
	return j >= sent.First && j < m.First-1 && anyKey(toks[j], works)
}

var works = wordSet(`فيلم فيلمه الفيلم كتاب كتابه الكتاب روايه الروايه مسرحيه المسرحيه مسلسل المسلسل برنامج البرنامج اغنيه قصيده
بعنوان عنوانه لوحه اللوحه معرض`)

// purposeNoun: a noun trigger prefixed with the preposition «ل» of purpose, not after a
// verb of undergoing («تعرض لهجوم», «لمحاولة اغتيال»).
func purposeNoun(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	if m.Pattern.Verb || !violent(m.Pattern.Code) {
		return false
	}
	w := stripConj(toks[m.First].Norm)
	if !strings.HasPrefix(w, "ل") || strings.HasPrefix(w, "ال") || arabic.RuneCount(w) < 4 {
		return false
	}
	for j := max(sent.First, m.First-12); j < m.First; j++ {
		if anyKey(toks[j], undergoing) || j >= m.First-2 && anyKey(toks[j], launching) {
			return false
		}
	}
	return true
}

var undergoing = verbSet("تعرض/يتعرض", "أدى/يؤدي", "دعا/يدعو", "أشار/يشير", "نسب/ينسب", "تصدى/يتصدى")

// launching: verbal nouns whose object «ل» marks («شنها لضربة جوية»).
var launching = wordSet(`شن شنها شنه شنهم تنفيذ تنفيذها تنفيذه تعرض تعرضه تعرضها تعرضهم`)

// repressing are verbs and verbal nouns of dispersing, banning or crushing a protest.
var repressing = func() map[string]bool {
	s := verbSet("فرق/يفرق", "فض/يفض", "منع/يمنع", "قمع/يقمع", "حظر/يحظر", "أجهض/يجهض", "تصدى/يتصدى")
	for k := range wordSet(`تفريق لتفريق بتفريق قمع لقمع بقمع منع لمنع فض لفض بفض حظر لحظر`) {
		s[k] = true
	}
	return s
}()

// repressed: a verb or verbal noun of repression up to six words before a protest
// trigger in its clause governs it.
func repressed(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	if m.Pattern == protesterPattern || m.Pattern.Verb && !masdar(toks, sent.First, m) {
		return false // «ومنعوا السيارات … كما رشقوا»: the protesters' own deeds
	}
	for j := m.First - 1; j >= sent.First && j >= m.First-6; j-- {
		if arabic.IsClauseBreak(toks[j]) || relatives[toks[j].Norm] {
			return false
		}
		if anyKey(toks[j], repressing) {
			return true
		}
	}
	return false
}

// doneInProtest: a protest trigger other than «احتجاج» itself is followed by
// «احتجاجا/للاحتجاج» («أحرق نفسه احتجاجا على …», «اعتصام … احتجاجا على …»).
func doneInProtest(toks []arabic.Token, sent nlp.Sentence, m Match) bool {
	if m.Pattern.ID == "protest.protest.n" {
		return false
	}
	for j := m.Last; j < sent.Last && j <= m.Last+2; j++ {
		if w := stripConj(toks[j].Norm); w == "احتجاجا" || w == "للاحتجاج" {
			return true
		}
	}
	return false
}
