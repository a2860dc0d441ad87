package coder_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/marsad-project/marsad/coder"
)

// FuzzCode runs the whole pipeline on arbitrary input: it must never panic, and every
// span it returns must lie inside the input.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"التقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري في القاهرة أمس الاثنين.",
		"title: x\ndate: 2020-11-15\n\nقتل ثلاثة جنود في هجوم شنه مسلحون. وقال \"المتحدث\" إن «الهجوم جبان».",
		"وأحرق المتظاهرون الإطارات بعد يوم من اشتباكات بين الجيش السوري وفصائل المعارضة",
		"\"\"«»“” ، ؛ ؟ . - ـ", "لم يلتق", "١٥/١١/٢٠٢٠ 15 تشرين الثاني/نوفمبر 2020",
	} {
		f.Add(s)
	}
	cd := mustCoder(f)
	f.Fuzz(func(t *testing.T, s string) {
		rec, err := cd.Code(context.Background(), coder.Input{Raw: []byte(s)})
		if err != nil {
			if utf8.ValidString(s) && !containsNUL(s) {
				t.Fatalf("Code(valid text) error: %v", err)
			}
			return
		}
		n := utf8.RuneCountInString(s)
		in := func(a, b int) bool { return 0 <= a && a <= b && b <= n }
		for _, e := range rec.Entities {
			for _, m := range e.Mentions {
				if !in(m.Start, m.End) {
					t.Fatalf("mention %+v outside the input (%d code points)", m, n)
				}
			}
		}
		for _, q := range rec.Quotes {
			if !in(q.Start, q.End) {
				t.Fatalf("quote %+v outside the input", q.Span)
			}
		}
		for _, ev := range rec.Events {
			tr := ev.Evidence.Trigger
			if !in(tr.Start, tr.End) || !in(ev.Evidence.Sentence.Start, ev.Evidence.Sentence.End) {
				t.Fatalf("event evidence %+v outside the input", ev.Evidence)
			}
		}
	})
}

func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}
