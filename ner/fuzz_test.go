package ner

import (
	"bytes"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/arabic"
)

// FuzzReadModel: any bytes read as a model give an error or a model that tags without
// panicking.
func FuzzReadModel(f *testing.F) {
	m := Train([]Sentence{{Tokens: strings.Fields("زار سمير طرابلس"), Tags: []string{"O", "B-PERS", "B-LOC"}}}, nil, 2, nil)
	var buf bytes.Buffer
	if _, err := m.Write(&buf, 0); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(magic))
	f.Add([]byte{0x1f, 0x8b, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadModel(bytes.NewReader(data))
		if err != nil {
			if m != nil {
				t.Fatal("a model and an error")
			}
			return
		}
		New(m).Tag(nil, arabic.Tokenize("زار سمير طرابلس أمس"))
	})
}

// FuzzReadCoNLL: any text read as CoNLL, or as a FANE or cluster file, gives an error
// or sentences whose tokens and tags pair up.
func FuzzReadCoNLL(f *testing.F) {
	f.Add("زار B-PERS\nسمير I-PERS\n\nطرابلس B-LOC\n")
	f.Add("0123456789abcdef 1 2\n# comment\n")
	f.Add("w\tB-LOC\tx\n\n\n")
	f.Fuzz(func(t *testing.T, text string) {
		for _, read := range []func(string) ([]Sentence, error){
			func(s string) ([]Sentence, error) { return ReadCoNLL(strings.NewReader(s)) },
			func(s string) ([]Sentence, error) { return ReadFANE(strings.NewReader(s)) },
		} {
			ss, err := read(text)
			if err != nil {
				continue
			}
			for _, s := range ss {
				if len(s.Tokens) != len(s.Tags) {
					t.Fatalf("%d tokens, %d tags", len(s.Tokens), len(s.Tags))
				}
			}
		}
		if c, err := ReadClusters(strings.NewReader(text)); err == nil && len(c.keys) != len(c.classes) {
			t.Fatalf("%d keys, %d classes", len(c.keys), len(c.classes))
		}
	})
}
