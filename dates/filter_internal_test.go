package dates

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/internal/devcorpus"
)

// TestHeadFilter checks that passing over the tokens without a relative date's head
// word changes nothing: Find with and without the check agree on the dev corpus (or,
// without it, on a few sentences).
func TestHeadFilter(t *testing.T) {
	texts := []string{
		"قتل يوم واحد الاثنين الماضي، وأمس الأول غادر، ومساء السبت وصل، وبعد غد يعود، قبل ثلاثة أيام",
		"\u200f15\u200e نوفمبر\u200f 2020 \u200f\u200e - 10:30 a b c d e f g h i j k",
		"الليلة الماضية ويوم الجمعة المقبل وجمعة والأسبوع الماضي والشهر المنصرم وبعد يومين من الهجوم",
	}
	limit := 0
	if testing.Short() {
		limit = 100
	}
	dev, err := devcorpus.Load(limit) // the written texts above run without it
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, dev...)
	for _, s := range texts {
		for _, line := range strings.Split(s, "\n") {
			if n := len(arabic.Tokenize(line)); fieldsOver(line, 16) && n <= 16 {
				t.Fatalf("fieldsOver(%.60q, 16) but %d tokens", line, n)
			}
		}
	}
	pub := time.Date(2018, 2, 27, 0, 0, 0, 0, time.UTC)
	defer func() { headFilter = true }()
	for _, s := range texts {
		toks := arabic.Tokenize(s)
		headFilter = true
		got := Find(toks, pub)
		headFilter = false
		want := Find(toks, pub)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%.60q: with the head filter %+v, without %+v", s, got, want)
		}
	}
}
