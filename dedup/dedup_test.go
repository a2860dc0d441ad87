package dedup_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/dedup"
)

const story = `أعلن الحرس الثوري الإيراني، مساء السبت، أن قواته قصفت بالمدفعية مواقع تابعة لمجموعات معادية للثورة داخل إقليم كردستان العراق.
وذكرت القوات البرية للحرس الثوري في بيان أنها استهدفت مواقع مجموعات إرهابية وراء الحدود في شمال غرب البلاد.
وجاء هذا القصف بعد يوم من اشتباكات عنيفة بين حرس الحدود الإيراني ومسلحين أكراد على الحدود في محافظة أذربيجان الغربية.
وأدت الاشتباكات إلى مقتل ثلاثة من قوات حرس الحدود الإيراني، بحسب وسائل إعلام رسمية.`

const other = `قال وزير الخارجية المصري إن بلاده تتابع باهتمام التطورات في ليبيا، داعياً جميع الأطراف إلى ضبط النفس.
وأضاف في مؤتمر صحافي مع نظيره الأردني في القاهرة أن الحل السياسي هو السبيل الوحيد لإنهاء الأزمة.
وبحث الوزيران العلاقات الثنائية وسبل تعزيز التعاون الاقتصادي بين البلدين.`

func TestSimilarity(t *testing.T) {
	base := dedup.Compute(story)
	for _, tc := range []struct {
		name   string
		text   string
		dup    bool
		minSim float64
	}{
		{"identical", story, true, 1},
		{"diacritics and alef forms", strings.NewReplacer("أعلن", "أَعْلَنَ", "إقليم", "اقليم").Replace(story), true, 0.8},
		{"new headline and byline", "الحرس الثوري يقصف كردستان\nطهران - وكالات\n" + story, true, 0.8},
		{"furniture", "+ الخط -\n" + story + "\nاقرأ أيضاً: مصر تدعو إلى ضبط النفس في ليبيا\nدلالات: إيران العراق", true, 0.7},
		{"last sentence dropped", story[:strings.LastIndex(story, "\n")], true, 0.7},
		{"wrapped in a longer report", other + "\n" + story, true, 0.9},
		{"different story", other, false, 0},
		{"empty", "", false, 0},
		{"punctuation only", "… ، ؟ !", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fp := dedup.Compute(tc.text)
			s := dedup.Similarity(&base, &fp)
			if dup := s >= dedup.DefaultThreshold; dup != tc.dup {
				t.Errorf("Similarity = %.3f, duplicate %v, want %v", s, dup, tc.dup)
			}
			if s < tc.minSim {
				t.Errorf("Similarity = %.3f, want ≥ %.2f", s, tc.minSim)
			}
		})
	}
}

func TestMarshal(t *testing.T) {
	fp := dedup.Compute(story)
	b, err := fp.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back dedup.Fingerprint
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if back != fp {
		t.Fatalf("round trip changed the fingerprint")
	}
	// Stable across versions: the encoding of a fixed text must not change, or stored
	// fingerprints stop matching new ones.
	if got, want := fmt.Sprintf("%d %08x %08x", fp.Shingles, fp.Sig[0], fp.Sig[NumHashesMinus1()]), "68 04c4fe16 020ef3be"; got != want {
		t.Errorf("fingerprint of the test story = %s, want %s (hash functions changed?)", got, want)
	}
	for _, bad := range [][]byte{nil, {0}, {2, 1}, {1}, {1, 5}, append(slices.Clone(b), 0), b[:len(b)-1]} {
		var f dedup.Fingerprint
		if err := f.UnmarshalBinary(bad); marsad.ErrorKind(err) != marsad.Invalid {
			t.Errorf("UnmarshalBinary(%x…) error = %v, want kind Invalid", bad[:min(len(bad), 4)], err)
		}
	}
}

func NumHashesMinus1() int { return dedup.NumHashes - 1 }

func TestIndex(t *testing.T) {
	ix := dedup.NewIndex(dedup.Options{})
	steps := []struct {
		id, text     string
		story, match string
		merged       []string
	}{
		{"a", story, "a", "", nil},
		{"b", other, "b", "", nil},
		{"c", "عنوان آخر\n" + story, "a", "a", nil},
		{"d", "", "d", "", nil},
		// e joins b's and a's stories: it holds both texts.
		{"e", story + "\n" + other, "a", "*", []string{"b"}}, // contains both: either matches
		{"a", "ignored: already indexed", "a", "", nil},
	}
	for _, s := range steps {
		r := ix.Add(s.id, dedup.Compute(s.text))
		if r.Story != s.story || (r.Match != s.match && (s.match != "*" || r.Match == "")) || !slices.Equal(r.Merged, s.merged) {
			t.Errorf("Add(%s) = %+v, want story %s match %q merged %v", s.id, r, s.story, s.match, s.merged)
		}
	}
	if st, _ := ix.Story("b"); st != "a" {
		t.Errorf("Story(b) = %s after the merge, want a", st)
	}
	if _, ok := ix.Story("zz"); ok {
		t.Errorf("Story(zz) found")
	}
	if ix.Len() != 5 {
		t.Errorf("Len = %d, want 5", ix.Len())
	}
}

func TestRestore(t *testing.T) {
	ix := dedup.NewIndex(dedup.Options{})
	// Restored out of order, story "s1" whose first article is not in the index.
	ix.Restore("y", "s1", dedup.Compute(other))
	ix.Restore("x", "s1", dedup.Compute(story))
	ix.Restore("z", "", dedup.Compute("نص قصير"))
	for id, want := range map[string]string{"x": "s1", "y": "s1", "z": "z"} {
		if got, _ := ix.Story(id); got != want {
			t.Errorf("Story(%s) = %s, want %s", id, got, want)
		}
	}
	r := ix.Add("w", dedup.Compute("عاجل\n"+story))
	if r.Story != "s1" || r.Match != "x" {
		t.Errorf("Add after Restore = %+v, want story s1 match x", r)
	}
}

func FuzzCompute(f *testing.F) {
	f.Add(story)
	f.Add("")
	f.Add("a b")
	f.Add("\xff\xfe ـــ ً")
	f.Fuzz(func(t *testing.T, text string) {
		fp := dedup.Compute(text)
		if fp != dedup.Compute(text) {
			t.Fatal("Compute is not deterministic")
		}
		if s := dedup.Similarity(&fp, &fp); (fp.Empty() && s != 0) || (!fp.Empty() && s != 1) {
			t.Fatalf("Similarity(fp, fp) = %v (empty %v)", s, fp.Empty())
		}
		b, _ := fp.MarshalBinary()
		var back dedup.Fingerprint
		if err := back.UnmarshalBinary(b); err != nil || back != fp {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzUnmarshal(f *testing.F) {
	b, _ := dedup.Compute(story).MarshalBinary()
	f.Add(b)
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var fp dedup.Fingerprint
		if err := fp.UnmarshalBinary(b); err != nil {
			return
		}
		again, _ := fp.MarshalBinary()
		var fp2 dedup.Fingerprint
		if err := fp2.UnmarshalBinary(again); err != nil || fp2 != fp {
			t.Fatalf("re-encoding a decoded fingerprint failed: %v", err)
		}
		_ = dedup.Similarity(&fp, &fp2)
	})
}

func TestWindow(t *testing.T) {
	ix := dedup.NewIndex(dedup.Options{Window: 2})
	ix.Add("a", dedup.Compute(story))
	ix.Add("b", dedup.Compute(other))
	ix.Add("c", dedup.Compute("نص ثالث لا يشبه غيره في شيء على الإطلاق"))
	if r := ix.Add("d", dedup.Compute(story)); r.Match != "" || r.Story != "d" {
		t.Errorf("Add(d) = %+v: a left the window, want no match", r)
	}
	if r := ix.Add("e", dedup.Compute(other+"\nعاجل")); r.Match != "" {
		t.Errorf("Add(e) = %+v: b left the window, want no match", r)
	}
	if r := ix.Add("f", dedup.Compute("عاجل: "+story)); r.Match != "d" {
		t.Errorf("Add(f) = %+v, want a match with d (in the window)", r)
	}
	if st, ok := ix.Story("a"); !ok || st != "a" {
		t.Errorf("Story(a) = %q, %v after eviction", st, ok)
	}
}
