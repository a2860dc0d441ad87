package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/evaluate"
	"github.com/marsad-project/marsad/kb"
)

// EvalCommand measures the coder on annotated data.
type EvalCommand struct {
	Stdout, Stderr io.Writer
}

const evalUsage = `Usage:
  marsad eval ner [--kb-dir DIR] FILE   NER on a CoNLL file (token tag per line, blank line between
                                        sentences, IOB2 tags PERS/PER, LOC, ORG, MISC): per-type
                                        precision, recall and F1 and an overall line over PERS, LOC, ORG
  marsad eval gold [flags] DIR_OR_FILE  the coder against gold annotations in the format of
                                        shared/docs/evaluation.md (one JSON file per article):
                                        entities, quotes and events as eval/score.py scores them,
                                        and a confusion table of CAMEO root codes
      --root DIR      folder the gold "file" paths are relative to (default: the folder
                      above the eval/ folder holding the gold, else two levels above it)
      --pred DIR      score DIR/<id>.json records instead of running the coder
      --published     pass each gold "published" date to the coder (as --published)
      --json OUT      write the full result (summary, per-article scores, root table)
      -v              a block per article: P/R/F1, missed and extra items
  marsad eval gsr [flags] DIR           event detection on the Arabic event gold set (DIR holds
                                        protest_gsr.csv, assault_gsr.csv, protest_spans.json,
                                        assault_spans.json) as eval/score_gsr.py scores it
      --json OUT      write the summary
      --workers N     sentences coded in parallel
  Both take --kb-dir DIR (user dictionaries, default $MARSAD_KB_DIR).
`

// Run runs the command.
func (c *EvalCommand) Run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "gold":
			return c.gold(ctx, args[1:])
		case "gsr":
			return c.gsr(ctx, args[1:])
		}
	}
	if len(args) == 0 || args[0] != "ner" {
		fmt.Fprint(c.Stderr, evalUsage)
		return errUsage
	}
	fs := flag.NewFlagSet("eval ner", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() { fmt.Fprint(c.Stderr, evalUsage) }
	dir := fs.String("kb-dir", os.Getenv("MARSAD_KB_DIR"), "folder of user dictionaries")
	verbose := fs.Bool("v", false, "also list every missed (FN) and spurious (FP) entity")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() != 1 {
		fmt.Fprint(c.Stderr, evalUsage)
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return marsad.E("eval ner", marsad.NotFound, err)
	}
	defer f.Close()
	sents, err := evaluate.ReadCoNLL(f)
	if err != nil {
		return err
	}
	k, err := kb.LoadDir(*dir)
	if err != nil {
		return err
	}
	cd, err := coder.New(coder.Config{KB: k, MaxBytes: 64 << 20})
	if err != nil {
		return err
	}
	gold, pred, err := evaluate.CodeNER(ctx, cd, sents)
	if err != nil {
		return err
	}
	per, all := evaluate.Compare(gold, pred, map[string]bool{"PERS": true, "LOC": true, "ORG": true})
	fmt.Fprintf(c.Stdout, "%s: %d sentences, %d tokens, %d gold entities\n", fs.Arg(0), len(sents), countTokens(sents), len(gold))
	evaluate.Report(c.Stdout, per, all)
	if *verbose {
		fps, fns := evaluate.Errors(gold, pred)
		text := func(s evaluate.Span) string { return strings.Join(sents[s.Sent].Tokens[s.Start:s.End], " ") }
		for _, s := range fns {
			fmt.Fprintf(c.Stdout, "FN %-4s %d:%d-%d %s\n", s.Type, s.Sent, s.Start, s.End, text(s))
		}
		for _, s := range fps {
			fmt.Fprintf(c.Stdout, "FP %-4s %d:%d-%d %s\n", s.Type, s.Sent, s.Start, s.End, text(s))
		}
	}
	return nil
}

func countTokens(ss []evaluate.Sentence) int {
	n := 0
	for _, s := range ss {
		n += len(s.Tokens)
	}
	return n
}

func (c *EvalCommand) newCoder(kbDir string, maxBytes int, minConfidence float64) (*coder.Coder, error) {
	k, err := kb.LoadDir(kbDir)
	if err != nil {
		return nil, err
	}
	return coder.New(coder.Config{KB: k, MaxBytes: maxBytes, MinConfidence: minConfidence})
}

func writeJSONFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return marsad.E("eval", marsad.Invalid, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// gold runs `marsad eval gold`: the port of shared/eval/score.py, coding in-process.
func (c *EvalCommand) gold(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval gold", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() { fmt.Fprint(c.Stderr, evalUsage) }
	kbDir := fs.String("kb-dir", os.Getenv("MARSAD_KB_DIR"), "folder of user dictionaries")
	minConf := fs.Float64("min-confidence", coder.DefaultMinConfidence, "leave out events under this confidence (as marsad code)")
	root := fs.String("root", "", "folder the gold \"file\" paths are relative to")
	predDir := fs.String("pred", "", "folder of <id>.json records instead of running the coder")
	published := fs.Bool("published", false, "pass the gold publication date to the coder")
	jsonOut := fs.String("json", "", "write the full result here")
	verbose := fs.Bool("v", false, "a block per article")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprint(c.Stderr, evalUsage)
		return errUsage
	}
	golds, err := evaluate.LoadGold(fs.Arg(0))
	if err != nil {
		return err
	}
	var pred evaluate.Predictor
	if *predDir != "" {
		pred = evaluate.DirPredictor(*predDir)
	} else {
		const maxBytes = 8 << 20 // marsad code's default --max-bytes
		cd, err := c.newCoder(*kbDir, maxBytes, *minConf)
		if err != nil {
			return err
		}
		r := *root
		if r == "" {
			r = evaluate.DefaultRoot(fs.Arg(0))
		}
		pred = evaluate.CoderPredictor(cd, r, maxBytes, *published)
	}
	var vw io.Writer
	if *verbose {
		vw = c.Stdout
	}
	rep := evaluate.ScoreGold(ctx, golds, pred, vw)
	if *jsonOut != "" {
		if err := writeJSONFile(*jsonOut, rep.WriteJSON); err != nil {
			return err
		}
	}
	rep.Roots.Write(c.Stdout)
	rep.WriteSummary(c.Stdout)
	return nil
}

// gsr runs `marsad eval gsr`: the port of shared/eval/score_gsr.py, coding in-process.
func (c *EvalCommand) gsr(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval gsr", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() { fmt.Fprint(c.Stderr, evalUsage) }
	kbDir := fs.String("kb-dir", os.Getenv("MARSAD_KB_DIR"), "folder of user dictionaries")
	minConf := fs.Float64("min-confidence", coder.DefaultMinConfidence, "leave out events under this confidence (as marsad code)")
	jsonOut := fs.String("json", "", "write the summary here")
	workers := fs.Int("workers", runtime.NumCPU(), "sentences coded in parallel")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprint(c.Stderr, evalUsage)
		return errUsage
	}
	set, err := evaluate.LoadGSR(fs.Arg(0))
	if err != nil {
		return err
	}
	const maxBytes = 8 << 20
	cd, err := c.newCoder(*kbDir, maxBytes, *minConf)
	if err != nil {
		return err
	}
	t0 := time.Now()
	preds := evaluate.CodeGSR(ctx, cd, set, *workers)
	rep := evaluate.ScoreGSR(set, preds, time.Since(t0).Seconds())
	if *jsonOut != "" {
		if err := writeJSONFile(*jsonOut, rep.WriteJSON); err != nil {
			return err
		}
	}
	rep.Write(c.Stdout)
	return nil
}
