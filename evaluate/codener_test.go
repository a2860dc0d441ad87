package evaluate_test

import (
	"context"
	"testing"

	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/evaluate"
)

func TestCodeNER(t *testing.T) {
	cd, err := coder.New(coder.Config{})
	if err != nil {
		t.Fatal(err)
	}
	sents := []evaluate.Sentence{
		{Tokens: []string{"استقبل", "رئيس", "الوزراء", "بنيامين", "نتنياهو", "وفدا", "في", "القدس", "."},
			Tags: []string{"O", "O", "O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"}},
		{Tokens: []string{"وأكد", "نتنياهو", "ذلك", "."}, Tags: []string{"O", "B-PERS", "O", "O"}},
	}
	gold, pred, err := evaluate.CodeNER(context.Background(), cd, sents)
	if err != nil {
		t.Fatal(err)
	}
	wantGold := []evaluate.Span{{Sent: 0, Start: 3, End: 5, Type: "PERS"}, {Sent: 0, Start: 7, End: 8, Type: "LOC"}, {Sent: 1, Start: 1, End: 2, Type: "PERS"}}
	if len(gold) != len(wantGold) {
		t.Fatalf("gold = %+v, want %+v", gold, wantGold)
	}
	for i := range gold {
		if gold[i] != wantGold[i] {
			t.Errorf("gold[%d] = %+v, want %+v", i, gold[i], wantGold[i])
		}
	}
	has := func(s evaluate.Span) bool {
		for _, p := range pred {
			if p == s {
				return true
			}
		}
		return false
	}
	for _, s := range []evaluate.Span{{Sent: 0, Start: 3, End: 5, Type: "PERS"}, {Sent: 1, Start: 1, End: 2, Type: "PERS"}} {
		if !has(s) {
			t.Errorf("pred %+v lacks %+v", pred, s)
		}
	}
	for _, p := range pred {
		if p.Sent < 0 || p.Sent >= len(sents) || p.Start < 0 || p.End > len(sents[p.Sent].Tokens) || p.Start >= p.End {
			t.Errorf("pred span %+v is not within its sentence", p)
		}
	}
}
