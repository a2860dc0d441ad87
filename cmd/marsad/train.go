package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/evaluate"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/ner"
)

// TrainCommand trains the statistical models.
type TrainCommand struct {
	Stdout, Stderr io.Writer
}

const trainUsage = `Usage:
  marsad train ner [flags] WIKIFANE_FILE   train the NER tagger on WikiFANE Gold 2014
                                           (token<TAB>fine-grained BIO tag)
Flags:
  --out FILE        where to write the model (default ner/model/ner.model)
  --epochs N        perceptron passes (default 12)
  --clitics MODE    split (as in WikiFANE), joined (clitics re-attached, like news text)
                    or both (each sentence twice) (default both)
  --heldout N       keep every Nth sentence out of training and score on it, joined (0: none)
  --eval FILE       also score the trained model on a CoNLL file (e.g. ANERcorp test)
  --min-weight W    drop weights smaller than W in absolute value (default 0.02)
`

// Run runs the command.
func (c *TrainCommand) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "ner" {
		fmt.Fprint(c.Stderr, trainUsage)
		return errUsage
	}
	fs := flag.NewFlagSet("train ner", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() { fmt.Fprint(c.Stderr, trainUsage) }
	out := fs.String("out", "ner/model/ner.model", "model file")
	epochs := fs.Int("epochs", 12, "passes")
	clitics := fs.String("clitics", "both", "split, joined or both")
	heldout := fs.Int("heldout", 0, "every Nth sentence held out")
	evalFile := fs.String("eval", "", "CoNLL file to score")
	minW := fs.Float64("min-weight", 0.02, "smallest weight kept")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() != 1 {
		fmt.Fprint(c.Stderr, trainUsage)
		return errUsage
	}
	if *clitics != "split" && *clitics != "joined" && *clitics != "both" {
		fmt.Fprint(c.Stderr, trainUsage)
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return marsad.E("train ner", marsad.NotFound, err)
	}
	sents, err := ner.ReadFANE(f)
	f.Close()
	if err != nil {
		return err
	}
	k, err := kb.Load()
	if err != nil {
		return err
	}
	var train, held []ner.Sentence
	for i, s := range sents {
		if *heldout > 0 && i%*heldout == *heldout-1 {
			held = append(held, ner.JoinClitics(s))
			continue
		}
		switch *clitics {
		case "split":
			train = append(train, s)
		case "joined":
			train = append(train, ner.JoinClitics(s))
		default:
			train = append(train, s, ner.JoinClitics(s))
		}
	}
	logf := func(format string, a ...any) { fmt.Fprintf(c.Stderr, format+"\n", a...) }
	m := ner.Train(train, k, *epochs, logf)
	var buf bytes.Buffer
	nf, err := m.Write(&buf, float32(*minW))
	if err != nil {
		return marsad.E("train ner", marsad.Internal, err)
	}
	m, err = ner.ReadModel(bytes.NewReader(buf.Bytes())) // score what is written
	if err != nil {
		return err
	}
	t := ner.New(m)
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return marsad.E("train ner", marsad.Internal, err)
	}
	fmt.Fprintf(c.Stdout, "%s: %d features kept, %d bytes\n", *out, nf, buf.Len())
	report := func(name string, ss []ner.Sentence) {
		start := time.Now()
		scores := t.Evaluate(k, ss)
		n := 0
		for _, s := range ss {
			n += len(s.Tokens)
		}
		el := time.Since(start)
		fmt.Fprintf(c.Stdout, "%s: %d sentences, %d tokens, %.0f tokens/s\n", name, len(ss), n, float64(n)/el.Seconds())
		for _, s := range scores {
			p, r := ratio(s.TP, s.TP+s.FP), ratio(s.TP, s.TP+s.FN)
			fmt.Fprintf(c.Stdout, "  %-5s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", s.Type, p, r, s.F1(), s.TP, s.FP, s.FN)
		}
	}
	if len(held) > 0 {
		report("held-out WikiFANE (clitics joined)", held)
	}
	if *evalFile != "" {
		f, err := os.Open(*evalFile)
		if err != nil {
			return marsad.E("train ner", marsad.NotFound, err)
		}
		cs, err := evaluate.ReadCoNLL(f)
		f.Close()
		if err != nil {
			return err
		}
		ss := make([]ner.Sentence, len(cs))
		for i, s := range cs {
			tags := make([]string, len(s.Tags))
			for j, t := range s.Tags {
				if strings.HasSuffix(t, "-PER") {
					t += "S"
				}
				tags[j] = t
			}
			ss[i] = ner.Sentence{Tokens: s.Tokens, Tags: tags}
		}
		report(*evalFile, ss)
	}
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
