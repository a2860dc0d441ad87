package evaluate

import (
	"context"
	"strings"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
)

// CodeNER codes the sentences as one text (a sentence a line, tokens joined by spaces)
// and maps every named entity mention back to the CoNLL tokens it covers. gold are the
// sentences' own entities, their PER tags read as PERS; pred are the coder's, a mention
// that spans two sentences or only attaches a title or description left out. Tags are
// PERS, ORG and LOC.
func CodeNER(ctx context.Context, cd *coder.Coder, sents []Sentence) (gold, pred []Span, err error) {
	type pos struct{ sent, tok int }
	var b strings.Builder
	var owner []pos // code point → token (-1 for spaces)
	for si, s := range sents {
		for ti, t := range s.Tokens {
			if ti > 0 {
				b.WriteByte(' ')
				owner = append(owner, pos{-1, -1})
			}
			b.WriteString(t)
			for range []rune(t) {
				owner = append(owner, pos{si, ti})
			}
		}
		b.WriteByte('\n')
		owner = append(owner, pos{-1, -1})
		tags := make([]string, len(s.Tags))
		for i, t := range s.Tags {
			tags[i] = strings.Replace(t, "-PER", "-PERS", 1)
			tags[i] = strings.Replace(tags[i], "-PERSS", "-PERS", 1)
		}
		gold = append(gold, Spans(si, tags)...)
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
			pred = append(pred, Span{Sent: first.sent, Start: first.tok, End: last.tok + 1, Type: types[e.Type]})
		}
	}
	return gold, pred, nil
}

// nominal are the rules that attach a title or description to an entity: coreference,
// not a name.
var nominal = map[string]bool{"entity.role_coref": true, "entity.role_by_date": true, "entity.definite_coref": true}
