package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/arabic"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/evaluate"
	"github.com/marsad-project/marsad/kb"
	"github.com/marsad-project/marsad/ner"
)

// TrainCommand trains the statistical models.
type TrainCommand struct {
	Stdout, Stderr io.Writer
}

const trainUsage = `Usage:
  marsad train ner [flags] [FORMAT][@N]:FILE|FILE ...   train the NER tagger on one or more files
  marsad train clusters [flags] [FORMAT:]PATH ...       learn word classes from unlabelled text
  marsad train silver --out FILE PATH ...              tag raw text with the coder (CoNLL)

Each FILE is read in FORMAT, or in the format guessed from its first lines:
  fane      WikiFANE/NewsFANE Gold 2014 (token<TAB>fine-grained BIO tag, mapped by CoarseType)
  conll     token tag [tag ...], blank line between sentences, coarse tags (PERS/PER, ORG,
            LOC/GPE; MISC and the rest -> O), e.g. an ANERcorp CAMeL split
  anercorp  the whole-ANERcorp dump (word tag per xlsx row, no sentence breaks): only its
            first 125,277 lines (the CAMeL train portion) are read; <EMPTY> tokens dropped,
            misspelt tags repaired, sentences split at . ? !
@N repeats the file's sentences N times (its weight), e.g. anercorp@2:ANERCorp.txt.
Flags:
  --out FILE        where to write the model (default ner/model/ner.model)
  --epochs N        perceptron passes (default 12)
  --clitics MODE    for fane files: split (as in WikiFANE), joined (clitics re-attached, like
                    news text) or both (each sentence twice) (default both)
  --order MODE      mixed (all files shuffled together) or files (each epoch goes through
                    the files in the order given, each shuffled) (default mixed)
  --heldout N       keep every Nth sentence of fane files out of training and score on it,
                    joined (0: none)
  --dev-tail P      keep the last P% of the sentences of each conll/anercorp file out of
                    training and score on them (0: none)
  --eval FILE       also score the trained model on a CoNLL file (e.g. ANERcorp test)
  --min-weight W    drop weights smaller than W in absolute value (default 0.02)
  --clusters FILE   word classes (from marsad train clusters) to use as features
  --o-bias B        bias against the O tag stored in the model (default 0)
  --scan-o-bias L   also score the held-out data with each O bias of the comma-separated list

train clusters reads the tokens of fane and conll files (fane clitics joined, as in news
text) and, for text:PATH (a file or a folder of .txt files), raw text, skipping a
leading block of "key: value" header lines; it writes one line per stem (its hash and
two classes) to --out.
Flags:
  --out FILE        where to write the classes
  --classes N       number of classes (default 256)
  --min-count N     stems seen fewer times get no class (default 3)
  --iters N         passes of the exchange algorithm (default 10)

train silver codes raw text (PATH: a file or a folder of .txt files, headers skipped as
above) with the whole coder, this binary's model included, and writes its persons,
organisations and places as CoNLL (token tag, sentences split after . ? !) to --out: news
text labelled by the machine, for training the tagger on (conll:FILE). With --unknown, the
words the coder does not name (but function words) are tagged ? (unknown): the tagger learns
from such a sentence against its own best reading of them.
`

// trainSource is one training file with its format and weight.
type trainSource struct {
	path, format string
	weight       int
}

// parseSource parses [FORMAT][@N]:FILE or FILE.
func parseSource(arg string) (trainSource, error) {
	src := trainSource{path: arg, weight: 1}
	head, rest, ok := strings.Cut(arg, ":")
	if !ok || strings.ContainsAny(head, "/\\.") {
		return src, nil
	}
	format, n, hasN := strings.Cut(head, "@")
	switch format {
	case "", ner.FormatFANE, ner.FormatCoNLL, ner.FormatANERDump:
	default:
		return src, fmt.Errorf("unknown format %q in %q", format, arg)
	}
	if hasN {
		w, err := strconv.Atoi(n)
		if err != nil || w < 1 || w > 100 {
			return src, fmt.Errorf("bad weight %q in %q", n, arg)
		}
		src.weight = w
	}
	src.format, src.path = format, rest
	return src, nil
}

// Run runs the command.
func (c *TrainCommand) Run(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "clusters" {
		return c.clusters(args[1:])
	}
	if len(args) > 0 && args[0] == "silver" {
		return c.silver(ctx, args[1:])
	}
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
	order := fs.String("order", "mixed", "mixed or files")
	heldout := fs.Int("heldout", 0, "every Nth fane sentence held out")
	devTail := fs.Float64("dev-tail", 0, "last P% of each news file held out")
	evalFile := fs.String("eval", "", "CoNLL file to score")
	minW := fs.Float64("min-weight", 0.02, "smallest weight kept")
	clusFile := fs.String("clusters", "", "word classes file")
	oBias := fs.Float64("o-bias", 0, "bias against O")
	scan := fs.String("scan-o-bias", "", "O biases to score held-out data with")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() == 0 {
		fmt.Fprint(c.Stderr, trainUsage)
		return errUsage
	}
	if (*clitics != "split" && *clitics != "joined" && *clitics != "both") ||
		(*order != "mixed" && *order != "files") || *devTail < 0 || *devTail >= 100 {
		fmt.Fprint(c.Stderr, trainUsage)
		return errUsage
	}
	var srcs []trainSource
	for _, a := range fs.Args() {
		src, err := parseSource(a)
		if err != nil {
			fmt.Fprintf(c.Stderr, "train ner: %v\n", err)
			return errUsage
		}
		srcs = append(srcs, src)
	}
	for _, src := range srcs {
		// NewsFANE is built on ANERcorp's text: scoring on one after training on the other is void.
		if strings.Contains(strings.ToLower(src.path), "newsfane") && strings.Contains(strings.ToLower(*evalFile), "anercorp") {
			fmt.Fprintf(c.Stderr, "train ner: %s shares ANERcorp's text; do not score it on %s\n", src.path, *evalFile)
			return errUsage
		}
	}
	k, err := kb.Load()
	if err != nil {
		return err
	}
	start := time.Now()
	var train, held, dev []ner.Sentence
	var group []int
	for gi, src := range srcs {
		data, err := os.ReadFile(src.path)
		if err != nil {
			return marsad.E("train ner", marsad.NotFound, err)
		}
		if src.format == "" {
			src.format = ner.DetectFormat(data[:min(len(data), 1<<16)])
		}
		var sents []ner.Sentence
		if src.format == ner.FormatANERDump {
			var st ner.DumpStats
			sents, st, err = ner.ReadANERcorpDump(bytes.NewReader(data), ner.ANERcorpTrainLines)
			if err == nil {
				fmt.Fprintf(c.Stderr, "%s: %d lines read, %d <EMPTY> dropped, %d tags repaired, %d invalid (%d sentences dropped)\n",
					src.path, st.Lines, st.Empty, st.Repaired, st.Invalid, st.Dropped)
			}
		} else {
			sents, err = ner.ReadCorpus(bytes.NewReader(data), src.format)
		}
		if err != nil {
			return err
		}
		var use []ner.Sentence
		if src.format == ner.FormatFANE {
			for i, s := range sents {
				if *heldout > 0 && i%*heldout == *heldout-1 {
					held = append(held, ner.JoinClitics(s))
					continue
				}
				switch *clitics {
				case "split":
					use = append(use, s)
				case "joined":
					use = append(use, ner.JoinClitics(s))
				default:
					use = append(use, s, ner.JoinClitics(s))
				}
			}
		} else {
			cut := len(sents) - int(float64(len(sents))**devTail/100)
			use = sents[:cut]
			dev = append(dev, sents[cut:]...)
		}
		n := 0
		for _, s := range use {
			n += len(s.Tokens)
		}
		fmt.Fprintf(c.Stderr, "%s: %s, %d sentences (%d tokens) for training, weight %d\n", src.path, src.format, len(use), n, src.weight)
		for range src.weight {
			train = append(train, use...)
			for range use {
				group = append(group, gi)
			}
		}
	}
	if *order != "files" {
		group = nil
	}
	logf := func(format string, a ...any) { fmt.Fprintf(c.Stderr, format+"\n", a...) }
	var clus *ner.Clusters
	if *clusFile != "" {
		f, err := os.Open(*clusFile)
		if err != nil {
			return marsad.E("train ner", marsad.NotFound, err)
		}
		clus, err = ner.ReadClusters(f)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(c.Stderr, "%s: word classes of %d stems\n", *clusFile, clus.Len())
	}
	var biases []float64
	if *scan != "" {
		for _, f := range strings.Split(*scan, ",") {
			b, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil {
				fmt.Fprintf(c.Stderr, "train ner: bad --scan-o-bias %q\n", *scan)
				return errUsage
			}
			biases = append(biases, b)
		}
	}
	m := ner.TrainClustered(train, group, k, clus, *epochs, logf)
	m.SetOBias(float32(*oBias))
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
	fmt.Fprintf(c.Stdout, "%s: %d features kept, %d bytes, trained in %s\n", *out, nf, buf.Len(), time.Since(start).Round(time.Second))
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
	if len(dev) > 0 {
		report(fmt.Sprintf("held-out tail (%.0f%%) of the news files", *devTail), dev)
	}
	for _, b := range biases {
		m.SetOBias(float32(b))
		if len(held) > 0 {
			report(fmt.Sprintf("O bias %g: held-out WikiFANE", b), held)
		}
		if len(dev) > 0 {
			report(fmt.Sprintf("O bias %g: held-out tail of the news files", b), dev)
		}
	}
	m.SetOBias(float32(*oBias))
	if *evalFile != "" {
		f, err := os.Open(*evalFile)
		if err != nil {
			return marsad.E("train ner", marsad.NotFound, err)
		}
		ss, err := ner.ReadCoNLL(f) // PERS/PER, ORG, LOC/GPE; MISC -> O
		f.Close()
		if err != nil {
			return err
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

// clusters runs `marsad train clusters`.
func (c *TrainCommand) clusters(args []string) error {
	fs := flag.NewFlagSet("train clusters", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() { fmt.Fprint(c.Stderr, trainUsage) }
	out := fs.String("out", "", "classes file")
	classes := fs.Int("classes", 256, "classes")
	minCount := fs.Int("min-count", 3, "smallest count")
	iters := fs.Int("iters", 10, "passes")
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 || *out == "" {
		fmt.Fprint(c.Stderr, trainUsage)
		return errUsage
	}
	var texts [][]string
	for _, arg := range fs.Args() {
		format, path, ok := strings.Cut(arg, ":")
		if !ok {
			format, path = "text", arg
		}
		var got [][]string
		var err error
		switch format {
		case "text":
			got, err = ner.ReadTextStems(path)
		case ner.FormatFANE, ner.FormatCoNLL:
			var data []byte
			data, err = os.ReadFile(path)
			if err != nil {
				return marsad.E("train clusters", marsad.NotFound, err)
			}
			var sents []ner.Sentence
			sents, err = ner.ReadCorpus(bytes.NewReader(data), format)
			for _, s := range sents {
				if format == ner.FormatFANE {
					s = ner.JoinClitics(s)
				}
				got = append(got, ner.SentenceStems(s.Tokens))
			}
		default:
			fmt.Fprintf(c.Stderr, "train clusters: unknown format %q in %q\n", format, arg)
			return errUsage
		}
		if err != nil {
			return err
		}
		n := 0
		for _, t := range got {
			n += len(t)
		}
		fmt.Fprintf(c.Stderr, "%s: %d texts, %d tokens\n", path, len(got), n)
		texts = append(texts, got...)
	}
	start := time.Now()
	logf := func(format string, a ...any) { fmt.Fprintf(c.Stderr, format+"\n", a...) }
	clus, err := ner.LearnClusters(texts, ner.ClusterConfig{Classes: *classes, MinCount: *minCount, Iters: *iters, Logf: logf})
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return marsad.E("train clusters", marsad.Internal, err)
	}
	if err := clus.Write(f); err != nil {
		f.Close()
		return marsad.E("train clusters", marsad.Internal, err)
	}
	if err := f.Close(); err != nil {
		return marsad.E("train clusters", marsad.Internal, err)
	}
	fmt.Fprintf(c.Stdout, "%s: classes of %d stems, learnt in %s\n", *out, clus.Len(), time.Since(start).Round(time.Millisecond))
	return nil
}

// silver runs `marsad train silver`.
func (c *TrainCommand) silver(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("train silver", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() { fmt.Fprint(c.Stderr, trainUsage) }
	out := fs.String("out", "", "CoNLL file")
	unknown := fs.Bool("unknown", false, "tag the words the coder does not name ? instead of O")
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 || *out == "" {
		fmt.Fprint(c.Stderr, trainUsage)
		return errUsage
	}
	k, err := kb.Load()
	if err != nil {
		return err
	}
	cd, err := coder.New(coder.Config{KB: k, MaxBytes: 64 << 20})
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return marsad.E("train silver", marsad.Internal, err)
	}
	w := bufio.NewWriter(f)
	nd, ns, ne := 0, 0, 0
	for _, path := range fs.Args() {
		docs, err := ner.ReadTexts(path)
		if err != nil {
			f.Close()
			return err
		}
		for _, d := range docs {
			sents := silverSentences(d)
			_, pred, err := evaluate.CodeNER(ctx, cd, sents)
			if err != nil {
				f.Close()
				return err
			}
			for _, p := range pred {
				free := true
				for j := p.Start; j < p.End; j++ {
					free = free && sents[p.Sent].Tags[j] == "O"
				}
				if !free {
					continue
				}
				for j := p.Start; j < p.End; j++ {
					sents[p.Sent].Tags[j] = "I-" + p.Type
				}
				sents[p.Sent].Tags[p.Start] = "B-" + p.Type
				ne++
			}
			for _, s := range sents {
				for j, tok := range s.Tokens {
					tag := s.Tags[j]
					if *unknown && tag == "O" {
						// A word the coder does not name may still be a name; function
						// words, punctuation and numbers are not.
						if t := ner.TokensOf([]string{tok})[0]; t.Kind == arabic.Word && !arabic.IsStopword(t.Norm) {
							tag = ner.Unknown
						}
					}
					fmt.Fprintf(w, "%s %s\n", tok, tag)
				}
				w.WriteByte('\n')
			}
			nd++
			ns += len(sents)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return marsad.E("train silver", marsad.Internal, err)
	}
	if err := f.Close(); err != nil {
		return marsad.E("train silver", marsad.Internal, err)
	}
	fmt.Fprintf(c.Stdout, "%s: %d texts, %d sentences, %d entities\n", *out, nd, ns, ne)
	return nil
}

// silverSentences splits a text into CoNLL sentences of its tokens (tags O): a line
// at least, and after «.», «؟» or «!».
func silverSentences(text string) []evaluate.Sentence {
	var out []evaluate.Sentence
	for line := range strings.Lines(text) {
		var cur evaluate.Sentence
		for _, t := range arabic.Tokenize(line) {
			cur.Tokens = append(cur.Tokens, t.Text)
			cur.Tags = append(cur.Tags, "O")
			if t.Text == "." || t.Text == "؟" || t.Text == "!" {
				out = append(out, cur)
				cur = evaluate.Sentence{}
			}
		}
		if len(cur.Tokens) > 0 {
			out = append(out, cur)
		}
	}
	return out
}
