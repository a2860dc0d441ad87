package evaluate_test

import (
	"strings"
	"testing"

	"github.com/marsad-project/marsad/evaluate"
)

func TestSpans(t *testing.T) {
	tests := []struct {
		name string
		tags []string
		want []evaluate.Span
	}{
		{"iob2", []string{"B-PERS", "I-PERS", "O", "B-LOC"}, []evaluate.Span{{0, 0, 2, "PERS"}, {0, 3, 4, "LOC"}}},
		{"i without b", []string{"O", "I-ORG", "I-ORG"}, []evaluate.Span{{0, 1, 3, "ORG"}}},
		{"type change", []string{"B-LOC", "I-ORG"}, []evaluate.Span{{0, 0, 1, "LOC"}, {0, 1, 2, "ORG"}}},
		{"none", []string{"O", "O"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluate.Spans(0, tt.tags)
			if len(got) != len(tt.want) {
				t.Fatalf("Spans(%v) = %v, want %v", tt.tags, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("Spans(%v)[%d] = %v, want %v", tt.tags, i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestReadCoNLLAndCompare(t *testing.T) {
	in := "محمد B-PERS\nباقري I-PERS\nفي O\nطهران B-LOC\n\nالأمم B-ORG\nالمتحدة I-ORG\n"
	sents, err := evaluate.ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 || len(sents[0].Tokens) != 4 || sents[1].Tags[1] != "I-ORG" {
		t.Fatalf("ReadCoNLL = %+v", sents)
	}
	var gold []evaluate.Span
	for i, s := range sents {
		gold = append(gold, evaluate.Spans(i, s.Tags)...)
	}
	pred := []evaluate.Span{{0, 0, 2, "PERS"}, {0, 3, 4, "ORG"}, {1, 0, 2, "ORG"}}
	per, all := evaluate.Compare(gold, pred, map[string]bool{"PERS": true, "LOC": true, "ORG": true})
	if all.TP != 2 || all.FP != 1 || all.FN != 1 {
		t.Errorf("overall = %+v, want tp=2 fp=1 fn=1", all)
	}
	if len(per) != 3 {
		t.Errorf("per type = %+v, want LOC, ORG, PERS", per)
	}
	if _, err := evaluate.ReadCoNLL(strings.NewReader("token-without-tag\n")); err == nil {
		t.Error("ReadCoNLL accepted a line without a tag")
	}
}
