package ner

import (
	"bytes"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/kb"
)

var (
	kbOnce sync.Once
	testKB *kb.KB
)

func loadKB(t testing.TB) *kb.KB {
	kbOnce.Do(func() {
		var err error
		testKB, err = kb.Load()
		if err != nil {
			t.Fatal(err)
		}
	})
	return testKB
}

// has reports whether token i of the sequence has the feature.
func has(s *seq, i int, h uint64) bool {
	for _, f := range s.feats[s.off[i]:s.off[i+1]] {
		if f == h {
			return true
		}
	}
	return false
}

func TestExtractFeatures(t *testing.T) {
	k := loadKB(t)
	toks := arabic.Tokenize("وقال الرئيس محمد بن سلمان في بالرياض 2020 CNN")
	var s seq
	extract(k, toks, &s, nil)
	if len(s.off) != len(toks)+1 || int(s.off[len(toks)]) != len(s.feats) {
		t.Fatalf("offsets %v for %d tokens, %d features", s.off, len(toks), len(s.feats))
	}
	// Token 0 «وقال»: folded word, clitic key «قال», prefixes, suffixes, start context.
	for _, c := range []struct {
		i    int
		name string
		h    uint64
	}{
		{0, "word", hashStr(fWord, "وقال")},
		{0, "key", hashStr(fKey, "قال")},
		{0, "stem", hashStr(fStem, "قال")},
		{0, "prefix1", hashStr(fPre, "و")},
		{0, "prefix3", hashStr(fPre, "وقا")},
		{0, "suffix2", hashStr(fSuf, "ال")},
		{0, "w-1", hashStr(fWm1, "<s>")},
		{0, "w+1", hashStr(fWp1, "الرييس")},
		{0, "bigram", pairHash(fBiNext, hashStr(fPairKey, "قال"), hashStr(fPairKey, "رييس"))},
		{1, "title", hashByte(fTitle, 1)},
		{1, "article", hashByte(fArticle, 1)},
		{2, "given", hashByte(fGiven, 1)},
		{2, "title-1", hashByte(fTitlePrev, 1)},
		{2, "kb person begins", hashByte(fKBBegin, byte(kb.KPerson))},
		{3, "kb person inside", hashByte(fKBIn, byte(kb.KPerson))},
		{5, "stopword", hashByte(fStop, 1)},
		{6, "kb place at «بالرياض»", hashByte(fKBBegin, byte(kb.KPlace))},
		{6, "key «رياض»", hashStr(fKey, "رياض")},
		{7, "number word", hashStr(fWord, "<num>")},
		{7, "digit shape", hashByte(fShape, 'd')},
		{8, "latin shape", hashByte(fShape, 'l')},
		{8, "w+2 end", hashStr(fWp2, "</s>")},
		{0, "first token", hashByte(fFirst, 'a')},
		{1, "stem prefix", hashStr(fStemPre, "ري")},
		{1, "stem suffix", hashStr(fStemSuf, "يس")},
		{1, "letter trigram", hashStr(fNgram, "ريي")},
		{0, "stem+2", hashStr(fSp2, "محمد")},
	} {
		if !has(&s, c.i, c.h) {
			t.Errorf("token %d %q: no %s feature", c.i, toks[c.i].Text, c.name)
		}
	}
	if has(&s, 5, hashByte(fGiven, 1)) {
		t.Errorf("«في» has the given-name feature")
	}
	// Same input, same features; no knowledge base, fewer features but no panic.
	var s2 seq
	extract(k, toks, &s2, nil)
	if !reflect.DeepEqual(s.feats, s2.feats) {
		t.Errorf("extraction is not deterministic")
	}
	extract(nil, toks, &s2, nil)
	if has(&s2, 2, hashByte(fGiven, 1)) {
		t.Errorf("given-name feature without a knowledge base")
	}
	// Rare-word features only with a vocabulary: «سلمان» unknown, «محمد» known.
	if has(&s, 4, hashByte(fRare, 2)) {
		t.Errorf("rare-word feature without a vocabulary")
	}
	s2.vocab = vocabSet{vocabHash("محمد")}
	extract(k, toks, &s2, nil)
	if !has(&s2, 4, hashStr(fRarePrev, "بن")) || has(&s2, 2, hashStr(fRarePrev, "رييس")) {
		t.Errorf("rare-word features: «سلمان» (rare) must have them, «محمد» (known) not")
	}
}

func TestDecode(t *testing.T) {
	O, BP, IP, BO, IO, BL, IL := tagO, tagBPers, tagIPers, tagBOrg, tagIOrg, tagBLoc, tagILoc
	for _, c := range []struct {
		tags []int
		want []Span
	}{
		{nil, nil},
		{[]int{O, O}, nil},
		{[]int{BP, IP, O, BL}, []Span{{0, 2, "PERS"}, {3, 4, "LOC"}}},
		{[]int{BP, BP, IP}, []Span{{0, 1, "PERS"}, {1, 3, "PERS"}}},
		{[]int{IO, IO, O}, []Span{{0, 2, "ORG"}}},                 // I without B starts one
		{[]int{BO, IL, IL}, []Span{{0, 1, "ORG"}, {1, 3, "LOC"}}}, // type change
		{[]int{O, BL, IL, IL}, []Span{{1, 4, "LOC"}}},             // entity at the end
		{[]int{BO, IO, BL, O, BP}, []Span{{0, 2, "ORG"}, {2, 3, "LOC"}, {4, 5, "PERS"}}},
	} {
		if got := Decode(c.tags); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Decode(%v) = %v, want %v", c.tags, got, c.want)
		}
	}
}

func TestViterbiRespectsBIO(t *testing.T) {
	// Emissions favour I-PERS everywhere; the constraint forces a B-PERS first.
	n := 3
	emit := make([]float32, n*nTags)
	for i := 0; i < n; i++ {
		emit[i*nTags+tagIPers] = 5
		emit[i*nTags+tagBPers] = 1
	}
	var trans [(nTags + 1) * nTags]float32
	got := viterbi(emit, make([]int8, n*nTags), &trans, n, nil)
	if want := []int{tagBPers, tagIPers, tagIPers}; !reflect.DeepEqual(got, want) {
		t.Errorf("viterbi = %v, want %v", got, want)
	}
}

func TestReadFANEAndJoin(t *testing.T) {
	in := "\uFEFF\u200Eو\tO\r\n\u200Eب\tO\r\n\u200Eالقاهرة\tB-Population-Center\r\n" +
		"\u200Eزار\tO\r\n\u200Eه\tO\r\n\u200Eمدفع\tB-Shooting\r\n\u200Eجامعة\tB-Educational\r\n\u200Eالقاهرة\tI-Educational\r\n" +
		"\u200Eو\tO\r\n\u200Eهم\tO\r\n.\tO\r\n\t\r\n\u200Eالعرب\tB-Group\r\n\u200Eاحمد\tI-Politician\r\n\t\r\n"
	ss, err := ReadFANE(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 {
		t.Fatalf("%d sentences, want 2", len(ss))
	}
	want := Sentence{
		Tokens: []string{"و", "ب", "القاهرة", "زار", "ه", "مدفع", "جامعة", "القاهرة", "و", "هم", "."},
		Tags:   []string{"O", "O", "B-LOC", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O"},
	}
	if !reflect.DeepEqual(ss[0], want) {
		t.Errorf("sentence 0 = %v, want %v", ss[0], want)
	}
	if want := []string{"O", "B-PERS"}; !reflect.DeepEqual(ss[1].Tags, want) {
		t.Errorf("sentence 1 tags = %v, want %v (Group dropped, I- after it becomes B-)", ss[1].Tags, want)
	}
	j := JoinClitics(ss[0])
	wantJ := Sentence{
		Tokens: []string{"وبالقاهرة", "زاره", "مدفع", "جامعة", "القاهرة", "وهم", "."},
		Tags:   []string{"B-LOC", "O", "O", "B-ORG", "I-ORG", "O", "O"},
	}
	if !reflect.DeepEqual(j, wantJ) {
		t.Errorf("JoinClitics = %v, want %v", j, wantJ)
	}
}

func TestCoarseType(t *testing.T) {
	for fine, want := range map[string]string{
		"Politician": "PERS", "Police": "PERS", "Government": "ORG", "Religious_ORG": "ORG",
		"Nation": "LOC", "Population-Center": "LOC", "Water-Body": "LOC", "Path": "LOC",
		"Group": "", "Celestial": "", "Air": "", "Shooting": "", "Software": "", "Book": "",
	} {
		if got := CoarseType(fine); got != want {
			t.Errorf("CoarseType(%s) = %q, want %q", fine, got, want)
		}
	}
}

func spanText(toks []arabic.Token, s Span) string {
	var w []string
	for _, t := range toks[s.First:s.Last] {
		w = append(w, t.Text)
	}
	return s.Type + ":" + strings.Join(w, " ")
}

func TestLoadAndTag(t *testing.T) {
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	k := loadKB(t)
	toks := arabic.Tokenize("التقى الرئيس الفرنسي إيمانويل ماكرون رئيس الوزراء البريطاني في باريس")
	var got []string
	for _, s := range tg.Tag(k, toks) {
		got = append(got, spanText(toks, s))
	}
	want := []string{"PERS:إيمانويل ماكرون", "LOC:باريس"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tag = %q, want %q", got, want)
	}
	if tg.Tag(k, nil) != nil {
		t.Errorf("Tag(nil) != nil")
	}
}

func TestTrainSmall(t *testing.T) {
	k := loadKB(t)
	sents := []Sentence{
		{Tokens: strings.Fields("زار سمير خليل مدينة طرابلس امس"), Tags: []string{"O", "B-PERS", "I-PERS", "O", "B-LOC", "O"}},
		{Tokens: strings.Fields("قال سمير خليل ان شركة نفط الشمال تعمل"), Tags: []string{"O", "B-PERS", "I-PERS", "O", "B-ORG", "I-ORG", "I-ORG", "O"}},
		{Tokens: strings.Fields("وصل سمير خليل الى طرابلس"), Tags: []string{"O", "B-PERS", "I-PERS", "O", "B-LOC"}},
		{Tokens: strings.Fields("غادر سمير خليل"), Tags: []string{"O", "B-PERS", "I-PERS"}},
	}
	m := Train(sents, k, 10, nil)
	var buf bytes.Buffer
	if _, err := m.Write(&buf, 0); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// The training data is learnt.
	scores := New(m2).Evaluate(k, sents)
	if all := scores[len(scores)-1]; all.FP != 0 || all.FN != 0 {
		t.Errorf("training data not learnt: %+v", scores)
	}
	// The vocabulary and the O bias survive the file; the words seen often are known.
	if len(m2.vocab) == 0 || len(m2.vocab) != len(m.vocab) {
		t.Errorf("vocabulary: %d stems read, %d trained", len(m2.vocab), len(m.vocab))
	}
	tg := New(m2)
	if !tg.Known(arabic.Tokenize("خليل")[0]) || tg.Known(arabic.Tokenize("كوزمولوفسكي")[0]) {
		t.Errorf("Known: «خليل» (seen four times) must be known, «كوزمولوفسكي» (unseen) not")
	}
	m.SetOBias(1.5)
	buf.Reset()
	m.Write(&buf, 0)
	if m3, err := ReadModel(&buf); err != nil || m3.OBias() != 1.5 {
		t.Errorf("O bias read back %v (%v), want 1.5", m3.OBias(), err)
	}
	m.SetOBias(0)
	// Training is deterministic.
	var b1, b2 bytes.Buffer
	Train(sents, k, 5, nil).Write(&b1, 0)
	Train(sents, k, 5, nil).Write(&b2, 0)
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Errorf("two trainings on the same data differ")
	}
}

func TestConcurrentTag(t *testing.T) {
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	k := loadKB(t)
	texts := []string{
		"التقى الرئيس الفرنسي إيمانويل ماكرون رئيس الوزراء البريطاني في باريس",
		"أعلنت وزارة الخارجية الأمريكية اليوم أن الوزير سيزور القاهرة وعمان",
	}
	want := make([][]Span, len(texts))
	for i, s := range texts {
		want[i] = tg.Tag(k, arabic.Tokenize(s))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 50; r++ {
				i := (g + r) % len(texts)
				if got := tg.Tag(k, arabic.Tokenize(texts[i])); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("concurrent Tag differs: %v, want %v", got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkTag(b *testing.B) {
	tg, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	k := loadKB(b)
	text := strings.Repeat("أعلنت وزارة الخارجية الأمريكية اليوم أن الوزير أنتوني بلينكن سيزور القاهرة وعمان الأسبوع المقبل، "+
		"حيث يلتقي الرئيس المصري عبد الفتاح السيسي والملك عبدالله الثاني لبحث الأوضاع في قطاع غزة. ", 10)
	toks := arabic.Tokenize(text)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tg.Tag(k, toks)
	}
	b.ReportMetric(float64(len(toks)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestTypeSums checks the invariant the tagger's word-type cache rests on: the sums of
// the slots of each word type plus the context features are the sums of the whole
// feature lists the trainer sees, in any context and whether or not the types were
// cached (integer weights: the sums are exact).
func TestTypeSums(t *testing.T) {
	k := loadKB(t)
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	m := tg.Model()
	w := &work{}
	for _, text := range []string{
		"وقال الرئيس محمد بن سلمان في بالرياض 2020 CNN إن محمد بن سلمان وصل",
		"التقى البرازيلي روبنز باريكيلو كوزمولوفسكي في 12 ، و سلمان",
		"سلمان",
	} {
		toks := arabic.Tokenize(text)
		var s seq
		s.vocab = m.vocab
		extract(k, toks, &s, nil)
		for pass := 0; pass < 2; pass++ { // the second pass reads every word from the cache
			emit := m.emissions(k, toks, nil, w)
			for i := range toks {
				sum := m.sumFeats(s.feats[s.off[i]:s.off[i+1]])
				for g := range nTags {
					want := float32(sum[g]) * m.scale
					if g == tagO {
						want -= m.oBias
					}
					if got := emit[i*nTags+g]; got != want {
						t.Errorf("%q pass %d token %d %q tag %d: tagger's score %v, from the feature list %v", text, pass, i, toks[i].Text, g, got, want)
					}
				}
			}
		}
	}
}

// TestReadModelBad checks that damaged model files give errors, not panics.
func TestReadModelBad(t *testing.T) {
	m := Train([]Sentence{{Tokens: strings.Fields("زار سمير طرابلس"), Tags: []string{"O", "B-PERS", "B-LOC"}}}, nil, 2, nil)
	var buf bytes.Buffer
	if _, err := m.Write(&buf, 0); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if _, err := ReadModel(bytes.NewReader(good)); err != nil {
		t.Fatalf("good model: %v", err)
	}
	for cut := 0; cut < len(good); cut += 7 {
		if _, err := ReadModel(bytes.NewReader(good[:cut])); err == nil {
			t.Errorf("model cut at %d of %d bytes read without error", cut, len(good))
		}
	}
	for i := len(magic); i < len(good); i += 5 {
		bad := bytes.Clone(good)
		bad[i] ^= 0xA5
		if m, err := ReadModel(bytes.NewReader(bad)); err == nil {
			New(m).Tag(nil, arabic.Tokenize("زار سمير طرابلس")) // must not panic
		}
	}
}

// TestTrainUnknown trains on sentences partly tagged Unknown: the known tags are learnt
// (the unknown ones are the model's own guess) and training stays deterministic.
func TestTrainUnknown(t *testing.T) {
	k := loadKB(t)
	sents := []Sentence{
		{Tokens: strings.Fields("زار سمير خليل مدينة طرابلس امس"), Tags: []string{"O", "B-PERS", "I-PERS", "O", "B-LOC", "O"}},
		{Tokens: strings.Fields("وصل سمير خليل الى طرابلس"), Tags: []string{Unknown, "B-PERS", "I-PERS", "O", Unknown}},
		{Tokens: strings.Fields("غادر سمير خليل"), Tags: []string{Unknown, Unknown, Unknown}},
	}
	m := Train(sents, k, 8, nil)
	if all := New(m).Evaluate(k, sents[:1])[3]; all.FP != 0 || all.FN != 0 {
		t.Errorf("known tags not learnt: %+v", all)
	}
	var b1, b2 bytes.Buffer
	Train(sents, k, 4, nil).Write(&b1, 0)
	Train(sents, k, 4, nil).Write(&b2, 0)
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Errorf("two trainings on the same data differ")
	}
}
