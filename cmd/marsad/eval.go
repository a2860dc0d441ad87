package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

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
`

// Run runs the command.
func (c *EvalCommand) Run(ctx context.Context, args []string) error {
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
	gold, pred, err := tagNER(ctx, cd, sents)
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

// tagNER codes the sentences as one text (a sentence a line, tokens joined by spaces)
// and maps every named entity mention back to the CoNLL tokens it covers.
func tagNER(ctx context.Context, cd *coder.Coder, sents []evaluate.Sentence) (gold, pred []evaluate.Span, err error) {
	type pos struct{ sent, tok int }
	var b strings.Builder
	var owner []pos // code point → token (-1 for spaces)
	off := 0
	for si, s := range sents {
		for ti, t := range s.Tokens {
			if ti > 0 {
				b.WriteByte(' ')
				owner = append(owner, pos{-1, -1})
				off++
			}
			b.WriteString(t)
			for range []rune(t) {
				owner = append(owner, pos{si, ti})
				off++
			}
		}
		b.WriteByte('\n')
		owner = append(owner, pos{-1, -1})
		off++
		tags := make([]string, len(s.Tags))
		for i, t := range s.Tags {
			tags[i] = strings.Replace(t, "-PER", "-PERS", 1)
			tags[i] = strings.Replace(tags[i], "-PERSS", "-PERS", 1)
		}
		gold = append(gold, evaluate.Spans(si, tags)...)
	}
	rec, err := cd.Code(ctx, coder.Input{Raw: []byte(b.String()), Plain: true})
	if err != nil {
		return nil, nil, err
	}
	types := map[string]string{marsad.Person: "PERS", marsad.Org: "ORG", marsad.Loc: "LOC"}
	for _, e := range rec.Entities {
		if e.Generic {
			continue
		}
		for _, m := range e.Mentions {
			if nominal[m.Rule] {
				continue // «الرئيس الأميركي» refers to a person but does not name one
			}
			first, last := pos{-1, -1}, pos{-1, -1}
			for i := m.Start; i < m.End && i < len(owner); i++ {
				if owner[i].sent < 0 {
					continue
				}
				if first.sent < 0 {
					first = owner[i]
				}
				last = owner[i]
			}
			if first.sent < 0 || first.sent != last.sent {
				continue
			}
			pred = append(pred, evaluate.Span{Sent: first.sent, Start: first.tok, End: last.tok + 1, Type: types[e.Type]})
		}
	}
	return gold, pred, nil
}

// nominal are the rules that attach a title or description to an entity: coreference,
// not a name.
var nominal = map[string]bool{"entity.role_coref": true, "entity.role_by_date": true, "entity.definite_coref": true}
