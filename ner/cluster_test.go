package ner

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestLearnClusters(t *testing.T) {
	// Two kinds of word in two kinds of context: towns after «الى», names after «قال».
	var texts [][]string
	towns := []string{"حمص", "حماه", "درعا", "ادلب"}
	names := []string{"سمير", "خليل", "وليد", "ماجد"}
	for i := range 40 {
		texts = append(texts,
			strings.Fields("ذهب الوفد الى "+towns[i%4]+" امس"),
			strings.Fields("ثم قال "+names[(i+1)%4]+" ان الوفد عاد"))
	}
	cfg := ClusterConfig{Classes: 4, MinCount: 3, Iters: 10}
	c, err := LearnClusters(texts, cfg)
	if err != nil {
		t.Fatal(err)
	}
	class := func(w string) uint16 { l, _ := c.classOf(clusterHash(w)); return l }
	for _, group := range [][]string{towns, names} {
		for _, w := range group[1:] {
			if class(w) != class(group[0]) {
				t.Errorf("«%s» in class %d, «%s» in %d: want the same", w, class(w), group[0], class(group[0]))
			}
		}
	}
	if class(towns[0]) == class(names[0]) {
		t.Errorf("towns and names share class %d", class(towns[0]))
	}
	if l, r := c.classOf(clusterHash("غائب")); l != noClass || r != noClass {
		t.Errorf("unseen word has classes %d, %d", l, r)
	}
	// Deterministic, and the file form reads back.
	c2, _ := LearnClusters(texts, cfg)
	if !reflect.DeepEqual(c, c2) {
		t.Errorf("two runs differ")
	}
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	c3, err := ReadClusters(&buf)
	if err != nil || !reflect.DeepEqual(c, c3) {
		t.Errorf("read back %v (%v), want %v", c3, err, c)
	}
	for _, bad := range []string{"zz 1 2\n", "0000000000000001 1\n", "0000000000000002 1 2\n0000000000000001 1 2\n", "0000000000000001 70000 1\n"} {
		if _, err := ReadClusters(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadClusters(%q): no error", bad)
		}
	}
	if _, err := LearnClusters(texts, ClusterConfig{Classes: 1, MinCount: 1}); err == nil {
		t.Errorf("one class: no error")
	}
}

func TestTrainWithClusters(t *testing.T) {
	k := loadKB(t)
	sents := []Sentence{
		{Tokens: strings.Fields("زار سمير خليل مدينة طرابلس امس"), Tags: []string{"O", "B-PERS", "I-PERS", "O", "B-LOC", "O"}},
		{Tokens: strings.Fields("وصل سمير خليل الى طرابلس"), Tags: []string{"O", "B-PERS", "I-PERS", "O", "B-LOC"}},
	}
	var texts [][]string
	for range 5 {
		for _, s := range sents {
			texts = append(texts, SentenceStems(s.Tokens))
		}
	}
	c, err := LearnClusters(texts, ClusterConfig{Classes: 3, MinCount: 2, Iters: 5})
	if err != nil {
		t.Fatal(err)
	}
	m := TrainClustered(sents, nil, k, c, 5, nil)
	var buf bytes.Buffer
	if _, err := m.Write(&buf, 0); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m2.clusters, c) {
		t.Errorf("word classes not read back")
	}
	if all := New(m2).Evaluate(k, sents)[3]; all.FP != 0 || all.FN != 0 {
		t.Errorf("training data not learnt: %+v", all)
	}
	// The class features are there.
	var s seq
	s.clus = c
	extract(k, TokensOf(sents[0].Tokens), &s, nil)
	l, _ := c.classOf(clusterHash("سمير"))
	if !has(&s, 1, hashClass(fClusL, l)) || !has(&s, 2, hashClass(fClusLP1, l)) {
		t.Errorf("no word-class features")
	}
}
