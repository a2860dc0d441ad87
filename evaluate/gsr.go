package evaluate

// Scoring of event detection on the public Arabic event gold set
// (openeventdata/arabic_event_gsr, ../shared/eval/gsr), a faithful port of
// ../shared/eval/score_gsr.py.

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
)

// GSRTypes are the event types scored and the CAMEO roots that make a sentence one.
var GSRTypes = []struct {
	Name  string
	Roots map[string]bool
}{
	{"PROTEST", map[string]bool{"14": true}},
	{"ASSAULT", map[string]bool{"18": true, "19": true, "20": true}},
}

type gsrDetect struct{ typ, id, label string }

type gsrSpan struct {
	typ, id  string
	src, tgt string // "" when the gold has no country
}

// GSRSet is the gold set: the sentences (ids "d:<id>" from the detection CSVs and
// "s:<_id>" from the span files, in reading order) and their labels.
type GSRSet struct {
	IDs    []string
	Text   map[string]string
	detect []gsrDetect
	spans  []gsrSpan
}

// LoadGSR reads <type>_gsr.csv (id, label, text columns) and <type>_spans.json for each
// type from dir.
func LoadGSR(dir string) (*GSRSet, error) {
	const op = "evaluate.LoadGSR"
	s := &GSRSet{Text: map[string]string{}}
	add := func(id, text string) {
		if _, ok := s.Text[id]; !ok {
			s.IDs = append(s.IDs, id)
		}
		s.Text[id] = text
	}
	for _, t := range GSRTypes {
		name := filepath.Join(dir, strings.ToLower(t.Name)+"_gsr.csv")
		f, err := os.Open(name)
		if err != nil {
			return nil, marsad.E(op, marsad.NotFound, err)
		}
		r := csv.NewReader(f)
		r.LazyQuotes = true
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			return nil, marsad.Errorf(op, marsad.Invalid, "%s: %v", name, err)
		}
		if len(rows) == 0 {
			continue
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			if _, ok := col[h]; !ok {
				col[h] = i
			}
		}
		for _, k := range []string{"id", "label", "text"} {
			if _, ok := col[k]; !ok {
				return nil, marsad.Errorf(op, marsad.Invalid, "%s: no %q column", name, k)
			}
		}
		get := func(row []string, k string) string {
			if i := col[k]; i < len(row) {
				return row[i]
			}
			return ""
		}
		for _, row := range rows[1:] {
			id := "d:" + get(row, "id")
			add(id, get(row, "text"))
			s.detect = append(s.detect, gsrDetect{t.Name, id, get(row, "label")})
		}
	}
	for _, t := range GSRTypes {
		name := filepath.Join(dir, strings.ToLower(t.Name)+"_spans.json")
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, marsad.E(op, marsad.NotFound, err)
		}
		var xs []map[string]any
		if err := json.Unmarshal(b, &xs); err != nil {
			return nil, marsad.Errorf(op, marsad.Invalid, "%s: %v", name, err)
		}
		for _, x := range xs {
			id := "s:" + pyStr(x["_id"])
			text, _ := asStr(x["text"])
			add(id, text)
			spans := dicts(x["spans"])
			s.spans = append(s.spans, gsrSpan{t.Name, id, goldCountry(spans, "source"), goldCountry(spans, "target")})
		}
	}
	return s, nil
}

// goldCountry is score_gsr.py's gold_country: the most voted main role of the side over
// the annotators' spans (first seen on a tie), leaving out None, UNKNOWN and INT.
func goldCountry(spans []obj, side string) string {
	votes := map[string]int{}
	var order []string
	for _, s := range spans {
		role, ok := s[side+"_role"].(map[string]any)
		if !ok {
			continue
		}
		main := role["main"]
		if !truthy(main) {
			continue
		}
		m := pyStr(main)
		if _, isStr := main.(string); !isStr {
			m = "\x00" + m // never equal to a country string
		}
		if m == "None" || m == "UNKNOWN" || m == "INT" {
			continue
		}
		if _, seen := votes[m]; !seen {
			order = append(order, m)
		}
		votes[m]++
	}
	best, n := "", 0
	for _, m := range order {
		if votes[m] > n {
			best, n = m, votes[m]
		}
	}
	return best
}

// GSRDetection is detection P/R/F1 of one type.
type GSRDetection = PRF

// GSRSpans is span recall and the source / target country accuracy of one type.
type GSRSpans struct {
	Recall    float64 `json:"recall"`
	N         int     `json:"n"`
	SourceAcc float64 `json:"source_country_acc"`
	SourceN   int     `json:"source_n"`
	TargetAcc float64 `json:"target_country_acc"`
	TargetN   int     `json:"target_n"`
}

// GSRReport is score_gsr.py's summary.
type GSRReport struct {
	Sentences     int      `json:"sentences"`
	MissingOutput int      `json:"missing_output"`
	Seconds       float64  `json:"seconds"`
	PerSecond     float64  `json:"sentences_per_s"`
	Protest       PRF      `json:"protest"`
	ProtestSpans  GSRSpans `json:"protest_spans"`
	Assault       PRF      `json:"assault"`
	AssaultSpans  GSRSpans `json:"assault_spans"`
}

// ScoreGSR scores the records (by sentence id, decoded JSON) against the set, as
// score_gsr.py. seconds is the time the coding took.
func ScoreGSR(s *GSRSet, preds map[string]map[string]any, seconds float64) *GSRReport {
	rep := &GSRReport{Sentences: len(s.IDs), Seconds: pyRound(seconds, 2)}
	for _, id := range s.IDs {
		if _, ok := preds[id]; !ok {
			rep.MissingOutput++
		}
	}
	if seconds != 0 {
		rep.PerSecond = pyRound(float64(len(s.IDs))/seconds, 1)
	}
	eventsOf := func(id string, roots map[string]bool) []obj {
		var out []obj
		for _, e := range dicts(preds[id]["events"]) {
			if roots[root(e["code"])] {
				out = append(out, e)
			}
		}
		return out
	}
	for _, t := range GSRTypes {
		tp, fp, fn := 0, 0, 0
		for _, d := range s.detect {
			if d.typ != t.Name || d.label == "ambiguous" {
				continue
			}
			hit := len(eventsOf(d.id, t.Roots)) > 0
			pos := d.label == "yes"
			switch {
			case hit && pos:
				tp++
			case hit:
				fp++
			case pos:
				fn++
			}
		}
		var found, srcOK, srcN, tgtOK, tgtN, n int
		for _, sp := range s.spans {
			if sp.typ != t.Name {
				continue
			}
			n++
			evs := eventsOf(sp.id, t.Roots)
			if len(evs) == 0 {
				continue
			}
			found++
			e := evs[0]
			if sp.src != "" {
				srcN++
				if pyEq(asObj(e["source"])["country"], sp.src) {
					srcOK++
				}
			}
			if sp.tgt != "" {
				tgtN++
				if pyEq(asObj(e["target"])["country"], sp.tgt) {
					tgtOK++
				}
			}
		}
		spans := GSRSpans{Recall: accuracy(found, n), N: n, SourceAcc: accuracy(srcOK, srcN), SourceN: srcN,
			TargetAcc: accuracy(tgtOK, tgtN), TargetN: tgtN}
		if t.Name == "PROTEST" {
			rep.Protest, rep.ProtestSpans = NewPRF(tp, fp, fn), spans
		} else {
			rep.Assault, rep.AssaultSpans = NewPRF(tp, fp, fn), spans
		}
	}
	return rep
}

// Write prints score_gsr.py's lines.
func (rep *GSRReport) Write(w io.Writer) {
	for _, t := range GSRTypes {
		s, sp := rep.Protest, rep.ProtestSpans
		if t.Name == "ASSAULT" {
			s, sp = rep.Assault, rep.AssaultSpans
		}
		fmt.Fprintf(w, "%-8s detection P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)  spans recall=%.3f (n=%d) source_country=%.3f (n=%d) target_country=%.3f (n=%d)\n",
			t.Name, s.P, s.R, s.F1, s.TP, s.FP, s.FN, sp.Recall, sp.N, sp.SourceAcc, sp.SourceN, sp.TargetAcc, sp.TargetN)
	}
	fmt.Fprintf(w, "sentences=%d missing_output=%d seconds=%s\n", rep.Sentences, rep.MissingOutput, pyFloatRepr(rep.Seconds))
	fmt.Fprintf(w, "protest_f1=%.3f assault_f1=%.3f\n", rep.Protest.F1, rep.Assault.F1)
}

// pyFloatRepr is repr() of a Python float (always with a fraction or exponent).
func pyFloatRepr(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// WriteJSON writes the summary as score_gsr.py --json does.
func (rep *GSRReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(rep)
}

// CodeGSR codes every sentence in-process as `marsad code --jsonl` does (the sentence
// id as article id, no publication date), workers at a time, and returns the records
// as decoded JSON. A sentence the coder fails on gets a record without events, as the
// batch's error record.
func CodeGSR(ctx context.Context, cd *coder.Coder, s *GSRSet, workers int) map[string]map[string]any {
	if workers < 1 {
		workers = runtime.NumCPU()
	}
	recs := make([]map[string]any, len(s.IDs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				id := s.IDs[i]
				rec, err := codeToJSON(ctx, cd, coder.Input{Raw: []byte(s.Text[id]), ID: id})
				if err != nil {
					rec = obj{"error": err.Error()}
				}
				rec["id"] = id
				recs[i] = rec
			}
		}()
	}
	for i := range s.IDs {
		next <- i
	}
	close(next)
	wg.Wait()
	out := make(map[string]map[string]any, len(recs))
	for i, id := range s.IDs {
		out[id] = recs[i]
	}
	return out
}
