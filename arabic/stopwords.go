package arabic

import "strings"

// stopwords are folded function words and very common non-name words: they never
// start or continue a person's name found by pattern.
var stopwords = setOf(`في من الي علي عن مع ان او ام ثم حتي لكن بل قد لقد لم لن لا ما ماذا هل اذا اذ لو كي كما
بعد قبل خلال حول ضد بين عند لدي لدى منذ امام وراء خلف فوق تحت دون غير سوي عبر نحو لدي حيث كان كانت يكون تكون
هو هي هم هما هن انا نحن انت انتم هذا هذه ذلك تلك هؤلاء اولئك الذي التي الذين اللذين اللتين اللواتي اللاتي
كل بعض جميع كافه اي احد اخر اخري نفس ذات ايضا فقط جدا الا الان اليوم امس غدا هنا هناك هنالك
قال قالت اكد اكدت اضاف اضافت اشار اشارت اوضح اوضحت ذكر ذكرت اعلن اعلنت صرح صرحت تابع تابعت
يقول تقول يؤكد تؤكد يضيف تضيف لان لانه لانها وان وقال وقالت واكد وكان وكانت انه انها بانه بانها
عليه عليها عليهم اليه اليها لهم له لها منه منها منهم فيه فيها به بها بهم عنه عنها معه معها
وهو وهي وهم الذي والتي يوم عام سنه شهر اسبوع ساعه مساء صباح ليله وقت اثناء لدي ازاء بشان حسب وفق وفقا
بحسب نقلا عبر مثل اكثر اقل اول ثاني ثالث الاول الثاني الثالث الاولي الثانيه الاخير الاخيره بينما فيما
اما امام لمده مده نحو قرابه حوالي نحو تقريبا مقابل رغم بسبب نتيجه اثر عقب اثر اعقاب وسط داخل خارج قرب جنوب شمال شرق غرب
واحد واحده اخري عده كبير كبيره جديد جديده عسكري عسكريه جوي جويه بري بريه بحري بحريه امني امنيه دولي دوليه
يوم الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت بعيد عقب فور لدى`)

func setOf(s string) map[string]bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' })
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[Fold(w)] = true // lookups use folded words (هؤلاء → هولاء)
	}
	return m
}

// IsStopword reports whether a folded word (or the word without its conjunction) is a
// function word or a common word that is never part of a name.
func IsStopword(w string) bool {
	if stopwords[w] {
		return true
	}
	if HasConjunction(w) && stopwords[w[len("و"):]] {
		return true
	}
	return false
}
