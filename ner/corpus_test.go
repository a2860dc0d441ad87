package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadANERcorpDump(t *testing.T) {
	in := "\uFEFFفرانكفورت B-LOC\n<EMPTY> O\nأعلن O\nاتحاد B-ORF\nصناعة IORG\nبرند B-ERS\n. o\n" +
		"كوفي B-PERS\nأنان I-PERS\nو O\nدولار B-MISC\n؟ O\n" +
		"الصالحية ونايفة</title> B-LOC\nقال O\n! O\n" +
		"بيروت B-LOC\nوتل I-LOC\n. O\n" +
		"سوريا B-LOC\n"
	ss, st, err := ReadANERcorpDump(strings.NewReader(in), 18) // the last line is past the limit
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{Tokens: strings.Fields("فرانكفورت أعلن اتحاد صناعة برند ."), Tags: []string{"B-LOC", "O", "B-ORG", "I-ORG", "B-PERS", "O"}},
		{Tokens: strings.Fields("كوفي أنان و دولار ؟"), Tags: []string{"B-PERS", "I-PERS", "O", "O", "O"}},
		{Tokens: strings.Fields("بيروت وتل ."), Tags: []string{"B-LOC", "I-LOC", "O"}},
	}
	if !reflect.DeepEqual(ss, want) {
		t.Errorf("sentences = %v, want %v", ss, want)
	}
	wantSt := DumpStats{Lines: 18, Empty: 1, Repaired: 4, Invalid: 1, Dropped: 1, Sentences: 3}
	if st != wantSt {
		t.Errorf("stats = %+v, want %+v", st, wantSt)
	}
}

func TestFixANERTag(t *testing.T) {
	for in, want := range map[string]string{
		"B-PERS": "B-PERS", "o": "O", "B-ERS": "B-PERS", "IPERS": "I-PERS", "B-ORF": "B-ORG",
		"i-loc": "I-LOC", "B-MISS": "B-MISC", "B-PER": "B-PERS", "X": "", "B-DATE": "", "ونايفة</title>": "",
	} {
		got, _, ok := fixANERTag(in)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("fixANERTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadCoNLL(t *testing.T) {
	in := "غيث B-PER\nالطراونة I-PERS\nفي O\nعمان B-GPE\nالدولار B-MISC\n\n" +
		"وزارة B-ORG\nالصحة I-ORG\nالفلسطينية I-ORG B-NORP\nامس O B-DATE\n\n\n" +
		"الاردني I-LOC\n"
	ss, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{Tokens: strings.Fields("غيث الطراونة في عمان الدولار"), Tags: []string{"B-PERS", "I-PERS", "O", "B-LOC", "O"}},
		{Tokens: strings.Fields("وزارة الصحة الفلسطينية امس"), Tags: []string{"B-ORG", "I-ORG", "I-ORG", "O"}},
		{Tokens: []string{"الاردني"}, Tags: []string{"B-LOC"}},
	}
	if !reflect.DeepEqual(ss, want) {
		t.Errorf("ReadCoNLL = %v, want %v", ss, want)
	}
}

func TestDetectFormat(t *testing.T) {
	fane := "\u200Eفرانكفورت\tB-Population-Center\r\n\u200Eاعلن\tO\r\n\t\r\n"
	conll := "غيث B-PERS\nالطراونة I-PERS\n\nأمر O\n"
	dump := "فرانكفورت B-LOC\n<EMPTY> O\n"
	long := strings.Repeat("كلمة O\n", 1500)
	for in, want := range map[string]string{fane: FormatFANE, conll: FormatCoNLL, dump: FormatANERDump, long: FormatANERDump} {
		if got := DetectFormat([]byte(in)); got != want {
			t.Errorf("DetectFormat(%.30q…) = %s, want %s", in, got, want)
		}
	}
}

func TestReadCoNLLUnknown(t *testing.T) {
	in := "قال O\nسمير ?\nخليل I-PERS\nان O\n\nزار ?\nطرابلس B-LOC\n"
	ss, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{Tokens: strings.Fields("قال سمير خليل ان"), Tags: []string{"O", Unknown, "B-PERS", "O"}},
		{Tokens: strings.Fields("زار طرابلس"), Tags: []string{Unknown, "B-LOC"}},
	}
	if !reflect.DeepEqual(ss, want) {
		t.Errorf("sentences = %v, want %v", ss, want)
	}
}
