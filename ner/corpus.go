package ner

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"github.com/marsad-project/marsad"
)

// Training-file formats (see ReadCorpus).
const (
	FormatFANE     = "fane"     // WikiFANE/NewsFANE Gold: token<TAB>fine-grained tag (ReadFANE)
	FormatCoNLL    = "conll"    // token tag [tag …], blank line between sentences, coarse tags (ReadCoNLL)
	FormatANERDump = "anercorp" // the whole ANERcorp as `word tag` lines, no sentence breaks (ReadANERcorpDump)
)

// ANERcorpTrainLines is the number of lines of the ANERcorp dump (one line per row of the
// original ANERCorp.xlsx) that belong to the CAMeL Lab train split. From line 125,279 on
// the file is, token for token, the CAMeL test split; line 125,278 sits on the boundary
// and is dropped too.
const ANERcorpTrainLines = 125277

// NewsType maps a coarse news-corpus type (ANERcorp, CAMeL splits, Wojood) to PERS, ORG or
// LOC, or "" for the types dropped to O (MISC and everything else).
//
//	PERS ← PERS, PER, PERSON;  ORG ← ORG;  LOC ← LOC, GPE
func NewsType(t string) string {
	switch t {
	case "PERS", "PER", "PERSON":
		return "PERS"
	case "ORG":
		return "ORG"
	case "LOC", "GPE":
		return "LOC"
	}
	return ""
}

// repairBIO turns an I- tag that does not continue an entity of its type into B-.
func repairBIO(tags []string) {
	for k, t := range tags {
		if strings.HasPrefix(t, "I-") && (k == 0 || len(tags[k-1]) < 3 || tags[k-1][2:] != t[2:]) {
			tags[k] = "B-" + t[2:]
		}
	}
}

// newsTag maps one BIO tag with NewsType; ok is false for a tag that is not BIO at all.
func newsTag(t string) (tag string, ok bool) {
	if t == "O" {
		return "O", true
	}
	if len(t) < 3 || (t[:2] != "B-" && t[:2] != "I-") {
		return "", false
	}
	if ty := NewsType(t[2:]); ty != "" {
		return t[:2] + ty, true
	}
	return "O", true
}

// ReadCoNLL reads a CoNLL-style file with coarse tags (`token tag [tag …]`, space or tab
// separated, a blank line between sentences, IOB2), as the ANERcorp CAMeL splits and the
// Wojood sample are written, and maps its tags with NewsType. Where a token carries several
// (nested) tags, the first one that maps to a type wins. An I- tag that does not continue
// an entity of its type becomes B-. The tag Unknown ("?") is kept: a token whose tag
// the file does not know (see TrainGroups).
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	return readColumns(r, "ner.ReadCoNLL", "`token tag`", nil, func(f []string) string {
		if f[1] == Unknown {
			return Unknown
		}
		for _, t := range f[1:] {
			if g, ok := newsTag(t); ok && g != "O" {
				return g
			}
		}
		return "O"
	})
}

// readColumns reads `token tag …` lines, white-space separated, a blank line (or a line
// of white space) between sentences, as ReadCoNLL and ReadFANE do. A leading BOM is
// dropped and clean, when not nil, prepares each line; tag maps the fields of a line
// (the token and at least one more) to the token's BIO tag, and repairBIO then repairs
// each sentence's tags. op names the reader and form the line it wants in errors.
func readColumns(r io.Reader, op, form string, clean func(string) string, tag func(fields []string) string) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	flush := func() {
		if len(cur.Tokens) > 0 {
			repairBIO(cur.Tags)
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimPrefix(sc.Text(), "\uFEFF")
		if clean != nil {
			line = clean(line)
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			flush()
			continue
		}
		if len(f) < 2 {
			return nil, marsad.Errorf(op, marsad.Invalid, "line %d: want %s, got %q", n, form, sc.Text())
		}
		cur.Tokens = append(cur.Tokens, f[0])
		cur.Tags = append(cur.Tags, tag(f))
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, marsad.E(op, marsad.Invalid, err)
	}
	return out, nil
}

// DumpStats counts what ReadANERcorpDump cleaned.
type DumpStats struct {
	Lines     int // lines read (at most the limit)
	Empty     int // `<EMPTY>` tokens dropped
	Repaired  int // misspelt tags repaired (B-ERS → B-PERS, IPERS → I-PERS, o → O, …)
	Invalid   int // tags that could not be repaired: their sentence is dropped
	Dropped   int // sentences dropped for an invalid tag
	Sentences int // sentences kept
}

// fixANERTag validates one ANERcorp tag, repairing the misspellings found in the xlsx
// (case, a missing hyphen, one letter wrong in the type). ok is false for anything else.
func fixANERTag(t string) (fixed string, repaired, ok bool) {
	switch t {
	case "O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC":
		return t, false, true
	}
	u := strings.ToUpper(strings.TrimSpace(t))
	if u == "O" {
		return "O", true, true
	}
	if len(u) < 2 || (u[0] != 'B' && u[0] != 'I') {
		return "", false, false
	}
	p, ty := u[:1], strings.TrimLeft(u[1:], "-_ ")
	types := []string{"PERS", "ORG", "LOC", "MISC"}
	for _, want := range types {
		if ty == want {
			return p + "-" + want, true, true
		}
	}
	// One letter missing, one extra or one wrong, if that names a single type.
	match := ""
	for _, want := range types {
		if near(ty, want) {
			if match != "" {
				return "", false, false
			}
			match = want
		}
	}
	if match == "" {
		return "", false, false
	}
	return p + "-" + match, true, true
}

// near reports whether a and b (ASCII) are one substitution, insertion or deletion apart.
func near(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		d := 0
		for i := range a {
			if a[i] != b[i] {
				d++
			}
		}
		return d == 1
	case 1:
		for i := range a {
			if a[i] != b[i] {
				return a[i:] == b[i+1:]
			}
		}
		return true
	}
	return false
}

// ReadANERcorpDump reads the whole-ANERcorp dump (`word tag` per line, one line per row
// of ANERCorp.xlsx, no sentence breaks), keeping at most maxLines lines (ANERcorpTrainLines
// for the CAMeL train portion; 0: all). It drops `<EMPTY>` tokens, repairs misspelt tags,
// drops the sentences holding a tag it cannot repair, splits sentences after the tokens
// «.», «؟» and «!», and maps the tags with NewsType (MISC → O).
func ReadANERcorpDump(r io.Reader, maxLines int) ([]Sentence, DumpStats, error) {
	var st DumpStats
	var out []Sentence
	var cur Sentence
	bad := false
	flush := func() {
		if len(cur.Tokens) > 0 {
			if bad {
				st.Dropped++
			} else {
				repairBIO(cur.Tags)
				out = append(out, cur)
			}
		}
		cur, bad = Sentence{}, false
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		if maxLines > 0 && st.Lines >= maxLines {
			break
		}
		st.Lines++
		line := strings.TrimPrefix(sc.Text(), "\uFEFF")
		line = strings.NewReplacer("\u200E", "", "\u200F", "", "\u200B", "", "\u00A0", " ").Replace(line)
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if f[0] == "<EMPTY>" {
			st.Empty++
			continue
		}
		var tag string
		if len(f) != 2 {
			st.Invalid++
			bad = true
			tag = "O"
		} else {
			t, rep, ok := fixANERTag(f[1])
			switch {
			case !ok:
				st.Invalid++
				bad = true
				tag = "O"
			default:
				if rep {
					st.Repaired++
				}
				tag, _ = newsTag(t)
			}
		}
		cur.Tokens = append(cur.Tokens, f[0])
		cur.Tags = append(cur.Tags, tag)
		if f[0] == "." || f[0] == "؟" || f[0] == "!" {
			flush()
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, st, marsad.E("ner.ReadANERcorpDump", marsad.Invalid, err)
	}
	st.Sentences = len(out)
	return out, st, nil
}

// DetectFormat guesses the format of a training file from its first bytes: tab-separated
// lines with a fine-grained tag (CoarseType knows it) are FANE; a file with `<EMPTY>`
// tokens, or no blank line in its first 2,000 lines, is the ANERcorp dump; anything else
// is CoNLL.
func DetectFormat(head []byte) string {
	lines := bytes.Split(head, []byte("\n"))
	if len(lines) > 2000 {
		lines = lines[:2000]
	}
	blank, fine, rows := false, false, 0
	for i, l := range lines {
		s := strings.TrimSpace(strings.ReplaceAll(string(l), "\u200E", ""))
		if s == "" {
			if i < len(lines)-1 {
				blank = true
			}
			continue
		}
		rows++
		f := strings.Fields(s)
		if f[0] == "<EMPTY>" {
			return FormatANERDump
		}
		if t := f[len(f)-1]; len(t) > 2 && CoarseType(t[2:]) != "" {
			fine = true
		}
	}
	switch {
	case fine:
		return FormatFANE
	case !blank && rows >= 1000:
		return FormatANERDump
	}
	return FormatCoNLL
}

// ReadCorpus reads a training file in one of the formats above (for FormatANERDump, the
// CAMeL train portion only: ANERcorpTrainLines lines).
func ReadCorpus(r io.Reader, format string) ([]Sentence, error) {
	switch format {
	case FormatFANE:
		return ReadFANE(r)
	case FormatCoNLL:
		return ReadCoNLL(r)
	case FormatANERDump:
		ss, _, err := ReadANERcorpDump(r, ANERcorpTrainLines)
		return ss, err
	}
	return nil, marsad.Errorf("ner.ReadCorpus", marsad.Invalid, "unknown format %q (want fane, conll or anercorp)", format)
}
