package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/ner"
)

// TestTrainClustersSilverNER runs the three training commands on small files written
// here: word classes from raw text and a CoNLL file, coder-labelled CoNLL from raw text,
// and a model trained with both.
func TestTrainClustersSilverNER(t *testing.T) {
	dir := t.TempDir()
	texts := filepath.Join(dir, "texts")
	if err := os.Mkdir(texts, 0o755); err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	for range 6 {
		body.WriteString(meeting)
		body.WriteString("وصل الوفد الى دمشق ثم الى بغداد امس .\n")
	}
	writeFile(t, texts, "a.txt", []byte("title: خبر\nsource: test\n\n"+body.String()))
	var conll strings.Builder
	for range 4 {
		conll.WriteString("زار O\nسمير B-PERS\nخليل I-PERS\nطرابلس B-LOC\n\nقال O\nسمير B-PERS\nخليل I-PERS\nان O\nبيروت B-LOC\nهادية O\n\n")
	}
	gold := writeFile(t, dir, "gold.conll", []byte(conll.String()))

	clus := filepath.Join(dir, "clusters.txt")
	res := runCmd(t, "", "train", "clusters", "--out", clus, "--classes", "4", "--min-count", "2", "conll:"+gold, "text:"+texts)
	if res.code != 0 {
		t.Fatalf("train clusters: exit %d\n%s", res.code, res.stderr)
	}
	f, err := os.Open(clus)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ner.ReadClusters(f)
	f.Close()
	if err != nil || c.Len() == 0 {
		t.Fatalf("clusters file: %d stems, %v", c.Len(), err)
	}

	silver := filepath.Join(dir, "silver.conll")
	res = runCmd(t, "", "train", "silver", "--out", silver, texts)
	if res.code != 0 {
		t.Fatalf("train silver: exit %d\n%s", res.code, res.stderr)
	}
	data, err := os.ReadFile(silver)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("الصفدي I-PERS")) || !bytes.Contains(data, []byte("القاهرة B-LOC")) || bytes.Contains(data, []byte("title")) {
		t.Errorf("silver CoNLL lacks the coder's names or holds the header:\n%s", data[:min(len(data), 600)])
	}

	model := filepath.Join(dir, "ner.model")
	res = runCmd(t, "", "train", "ner", "--out", model, "--epochs", "3", "--clusters", clus, "--o-bias", "1.5", "--scan-o-bias", "0,2", "conll:"+gold, "conll:"+silver)
	if res.code != 0 {
		t.Fatalf("train ner: exit %d\n%s", res.code, res.stderr)
	}
	f, err = os.Open(model)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ner.ReadModel(f)
	f.Close()
	if err != nil || m.OBias() != 1.5 || m.Features() == 0 {
		t.Fatalf("model: %v, O bias %v, %d features", err, m.OBias(), m.Features())
	}

	for _, args := range [][]string{
		{"train", "clusters", "--out", clus},                         // no input
		{"train", "clusters", "--out", clus, "xml:" + gold},          // unknown format
		{"train", "silver", texts},                                   // no --out
		{"train", "ner", "--out", model, "--scan-o-bias", "x", gold}, // bad list
	} {
		if res := runCmd(t, "", args...); res.code == 0 {
			t.Errorf("%q: exit 0, want an error", args)
		}
	}
}
