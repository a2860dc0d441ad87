package evaluate

// Scoring of article records against the project's gold annotations
// (../shared/docs/evaluation.md), a faithful port of ../shared/eval/score.py: the same
// normalisation, name matching, greedy one-to-one matching and the same figures, so that
// `marsad eval gold` and score.py print the same numbers for the same records.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/coder"
)

var (
	diacritics = regexp.MustCompile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
	alefs      = regexp.MustCompile("[أإآٱ]")
	letters    = strings.NewReplacer("ى", "ي", "ة", "ه", "ؤ", "و", "ئ", "ي")
)

// isPunct is the class of score.py's PUNCT: [\s"'«»“”„‘’.,،؛:!?()\[\]{}\-–—] with
// Python's Unicode \s.
func isPunct(r rune) bool {
	return isPySpace(r) || strings.ContainsRune("\"'«»“”„‘’.,،؛:!?()[]{}-–—", r)
}

// Norm is the light Arabic normalisation of score.py: no diacritics or tatweel, one alef,
// ى→ي, ة→ه, ؤ→و, ئ→ي, punctuation and white space runs to one space, trimmed.
func Norm(s string) string {
	if s == "" {
		return ""
	}
	s = diacritics.ReplaceAllString(s, "")
	s = alefs.ReplaceAllString(s, "ا")
	s = letters.Replace(s)
	var b strings.Builder
	inPunct := false
	for _, r := range s {
		if isPunct(r) {
			if !inPunct {
				b.WriteByte(' ')
			}
			inPunct = true
			continue
		}
		inPunct = false
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// StripClitics is score.py's strip_clitics: the first word of a normalised name loses a
// glued conjunction or preposition (و ف ب ك ل; لل → ال).
func StripClitics(name string) string {
	words := strings.Split(name, " ")
	if len(words) == 0 || words[0] == "" {
		return name
	}
	w := []rune(words[0])
	sub := func(r []rune, i, j int) string {
		if i > len(r) {
			i = len(r)
		}
		if j > len(r) {
			j = len(r)
		}
		return string(r[i:j])
	}
	if strings.HasPrefix(string(w), "لل") && len(w) > 4 {
		w = append([]rune("ال"), w[2:]...)
	} else if len(w) > 4 && (w[0] == 'و' || w[0] == 'ف') && (sub(w, 1, 3) == "ال" || sub(w, 1, 3) == "لل") {
		w = w[1:]
		if strings.HasPrefix(string(w), "لل") {
			w = append([]rune("ال"), w[2:]...)
		}
	}
	if len(w) > 4 && (w[0] == 'ب' || w[0] == 'ك' || w[0] == 'ل') && sub(w, 1, 3) == "ال" {
		w = w[1:]
	}
	words[0] = string(w)
	return strings.Join(words, " ")
}

// NamesMatch is score.py's names_match: predicted names (normalised) against gold names
// (raw): equal after StripClitics, or a gold name of three letters or more is a word or
// a run of words of the predicted one.
func NamesMatch(pred map[string]bool, goldNames []string) bool {
	gold := map[string]bool{}
	for _, g := range goldNames {
		gold[StripClitics(Norm(g))] = true
	}
	for p := range pred {
		p = StripClitics(p)
		words := strings.Split(p, " ")
		for g := range gold {
			if p == g {
				return true
			}
			if len([]rune(g)) >= 3 {
				for _, w := range words {
					if w == g {
						return true
					}
				}
				if strings.Contains(" "+p+" ", " "+g+" ") {
					return true
				}
			}
		}
	}
	return false
}

func strList(v any) []string {
	var out []string
	for _, x := range asList(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		} else {
			out = append(out, pyStr(x))
		}
	}
	return out
}

// entityNames is score.py's entity_names.
func entityNames(pred obj) map[string]bool {
	out := map[string]bool{}
	for _, k := range []string{"name", "name_ar", "canonical"} {
		if s, ok := asStr(pred[k]); ok {
			out[Norm(s)] = true
		}
	}
	for _, a := range asList(pred["aliases"]) {
		if s, ok := asStr(a); ok {
			out[Norm(s)] = true
		}
	}
	for _, m := range asList(pred["mentions"]) {
		switch x := m.(type) {
		case map[string]any:
			if s, ok := asStr(x["text"]); ok {
				out[Norm(s)] = true
			}
		case string:
			out[Norm(x)] = true
		}
	}
	delete(out, "")
	return out
}

// actorNames is score.py's actor_names.
func actorNames(actor any, ents map[string]obj) map[string]bool {
	names := map[string]bool{}
	a, ok := actor.(map[string]any)
	if !ok {
		return names
	}
	for _, k := range []string{"name", "text"} {
		if s, ok := asStr(a[k]); ok {
			names[Norm(s)] = true
		}
	}
	if id, ok := asStr(a["entity"]); ok {
		if e, ok := ents[id]; ok {
			for n := range entityNames(e) {
				names[n] = true
			}
		}
	}
	delete(names, "")
	return names
}

func root(code any) string {
	s, _ := asStr(code)
	r := []rune(s)
	if len(r) > 2 {
		r = r[:2]
	}
	return string(r)
}

// goldCodes is `g.get("codes") or [g["code"]]`.
func goldCodes(g obj) []any {
	if truthy(g["codes"]) {
		return asList(g["codes"])
	}
	return []any{g["code"]}
}

// goldRoots are the CAMEO roots a gold event accepts.
func goldRoots(g obj) map[string]bool {
	roots := map[string]bool{}
	for _, c := range goldCodes(g) {
		roots[root(c)] = true
	}
	if r, ok := asStr(g["root"]); ok && r != "" {
		roots[r] = true
	}
	return roots
}

func sideOK(pred, gold obj) bool {
	var gc []any
	if c, ok := gold["countries"]; ok {
		gc = asList(c)
	} else {
		c, ok := gold["country"]
		if !ok {
			c = ""
		}
		gc = []any{c}
	}
	allEmpty := len(gc) > 0
	for _, c := range gc {
		if !pyEq(c, "") {
			allEmpty = false
		}
	}
	if allEmpty {
		return true // target unspecified in the gold: anything goes
	}
	pc := pred["country"]
	if !truthy(pc) {
		pc = ""
	}
	return pyIn(pc, gc)
}

func sidesOK(p, g obj) bool {
	src, tgt := asObj(p["source"]), asObj(p["target"])
	gs, gt := asObj(g["source"]), asObj(g["target"])
	if sideOK(src, gs) && sideOK(tgt, gt) {
		return true
	}
	return truthy(g["symmetric"]) && sideOK(tgt, gs) && sideOK(src, gt)
}

func eventCompat(p, g obj) bool {
	return goldRoots(g)[root(p["code"])] && sidesOK(p, g)
}

func eventScore(p, g obj, ents map[string]obj) float64 {
	s := 0.0
	if pyIn(p["code"], goldCodes(g)) || pyEq(p["code"], g["code"]) {
		s++
	}
	if pyIn(p["date"], asList(g["dates"])) {
		s++
	}
	loc := asObj(p["location"])["country"]
	if truthy(g["location"]) && pyEq(loc, g["location"]) {
		s += 0.5
	}
	pn := actorNames(p["source"], ents)
	for n := range actorNames(p["target"], ents) {
		pn[n] = true
	}
	for _, side := range []string{"source", "target"} {
		gs := asObj(g[side])
		if truthy(gs["names"]) && NamesMatch(pn, strList(gs["names"])) {
			s++
		}
	}
	return s
}

// pair is a match between predicted item I and gold item J.
type pair struct{ I, J int }

// greedyMatch is score.py's match: greedy one-to-one by descending score among compatible
// pairs, ties broken by prediction then gold order.
func greedyMatch(nPred, nGold int, compat func(i, j int) bool, score func(i, j int) float64) []pair {
	type cand struct {
		s    float64
		i, j int
	}
	var cs []cand
	for i := 0; i < nPred; i++ {
		for j := 0; j < nGold; j++ {
			if compat(i, j) {
				cs = append(cs, cand{score(i, j), i, j})
			}
		}
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].s != cs[b].s {
			return cs[a].s > cs[b].s
		}
		if cs[a].i != cs[b].i {
			return cs[a].i < cs[b].i
		}
		return cs[a].j < cs[b].j
	})
	usedP, usedG := map[int]bool{}, map[int]bool{}
	var out []pair
	for _, c := range cs {
		if usedP[c.i] || usedG[c.j] {
			continue
		}
		usedP[c.i], usedG[c.j] = true, true
		out = append(out, pair{c.i, c.j})
	}
	return out
}

// PRF is precision, recall and F1 rounded to three places as score.py reports them, with
// the counts.
type PRF struct {
	P  float64 `json:"p"`
	R  float64 `json:"r"`
	F1 float64 `json:"f1"`
	TP int     `json:"tp"`
	FP int     `json:"fp"`
	FN int     `json:"fn"`
}

// NewPRF is score.py's prf.
func NewPRF(tp, fp, fn int) PRF {
	s := Score{TP: tp, FP: fp, FN: fn}
	return PRF{P: pyRound(s.P(), 3), R: pyRound(s.R(), 3), F1: pyRound(s.F1(), 3), TP: tp, FP: fp, FN: fn}
}

func accuracy(right, n int) float64 {
	if n == 0 {
		return 0
	}
	return pyRound(float64(right)/float64(n), 3)
}

// EntityResult is the entity part of an article's score.
type EntityResult struct {
	PRF
	Missed []any `json:"missed"`
	Extra  []any `json:"extra"`
}

// QuoteResult is the quote part of an article's score.
type QuoteResult struct {
	PRF
	SpeakerAcc   float64 `json:"speaker_acc"`
	SpeakerRight int     `json:"speaker_right"`
}

// EventDetail counts [right, n] over matched events for exact code, date, location
// country and fatalities.
type EventDetail struct {
	Code       [2]int `json:"code"`
	Date       [2]int `json:"date"`
	Location   [2]int `json:"location"`
	Fatalities [2]int `json:"fatalities"`
}

func (d *EventDetail) add(o EventDetail) {
	for k := 0; k < 2; k++ {
		d.Code[k] += o.Code[k]
		d.Date[k] += o.Date[k]
		d.Location[k] += o.Location[k]
		d.Fatalities[k] += o.Fatalities[k]
	}
}

// EventResult is the event part of an article's score.
type EventResult struct {
	PRF
	Detail EventDetail `json:"detail"`
	Missed []any       `json:"missed"`
	Extra  []any       `json:"extra"`
}

// ArticleResult is one article's score, as score.py's per-article report.
type ArticleResult struct {
	Entities EntityResult `json:"entities"`
	Quotes   QuoteResult  `json:"quotes"`
	Events   EventResult  `json:"events"`

	roots *RootConfusion
}

func dicts(v any) []obj {
	var out []obj
	for _, x := range asList(v) {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func first20(l []any) []any {
	if len(l) > 20 {
		return l[:20]
	}
	return l
}

// ScoreArticle scores one article record (decoded JSON) against its gold annotation
// (decoded JSON), as score.py's score_article.
func ScoreArticle(gold, pred obj) ArticleResult {
	var res ArticleResult
	ents := dicts(pred["entities"])
	byID := map[string]obj{}
	for _, e := range ents {
		if id, ok := asStr(e["id"]); ok && id != "" {
			byID[id] = e
		}
	}

	// entities
	gents := dicts(gold["entities"])
	m := greedyMatch(len(ents), len(gents), func(i, j int) bool {
		t, _ := asStr(ents[i]["type"])
		gt, _ := asStr(gents[j]["type"])
		return strings.ToUpper(t) == gt && NamesMatch(entityNames(ents[i]), strList(gents[j]["names"]))
	}, func(i, j int) float64 { return 1 })
	matchedG, matchedP := map[int]bool{}, map[int]bool{}
	for _, x := range m {
		matchedG[x.J], matchedP[x.I] = true, true
	}
	tp, fn := 0, 0
	missed := []any{}
	for j, g := range gents {
		opt := truthy(g["optional"])
		switch {
		case matchedG[j] && !opt:
			tp++
		case !matchedG[j] && !opt:
			fn++
			var name any
			if l := asList(g["names"]); len(l) > 0 {
				name = l[0]
			}
			missed = append(missed, name)
		}
	}
	extra := []any{}
	for i, e := range ents {
		if !matchedP[i] {
			extra = append(extra, e["name"])
		}
	}
	res.Entities = EntityResult{PRF: NewPRF(tp, len(ents)-len(matchedP), fn), Missed: missed, Extra: first20(extra)}

	// quotes
	quotes := dicts(pred["quotes"])
	gq := dicts(gold["quotes"])
	qCompat := func(p, g obj) bool {
		gs, _ := asStr(g["contains"])
		ps, _ := asStr(p["text"])
		return strings.Contains(Norm(ps), Norm(gs))
	}
	qSpeakerOK := func(p, g obj) bool {
		names := map[string]bool{}
		for _, k := range []string{"speaker_name", "speaker"} {
			switch v := p[k].(type) {
			case string:
				names[Norm(v)] = true
				if e, ok := byID[v]; ok {
					for n := range entityNames(e) {
						names[n] = true
					}
				}
			case map[string]any:
				for n := range actorNames(v, byID) {
					names[n] = true
				}
			}
		}
		delete(names, "")
		return NamesMatch(names, strList(g["speaker"]))
	}
	m = greedyMatch(len(quotes), len(gq), func(i, j int) bool { return qCompat(quotes[i], gq[j]) },
		func(i, j int) float64 {
			if qSpeakerOK(quotes[i], gq[j]) {
				return 2
			}
			return 1
		})
	covered := map[int]bool{}
	usedP := map[int]bool{}
	right := 0
	for _, x := range m {
		covered[x.J], usedP[x.I] = true, true
		if qSpeakerOK(quotes[x.I], gq[x.J]) {
			right++
		}
	}
	for j, g := range gq {
		if covered[j] {
			continue
		}
		for _, p := range quotes {
			if qCompat(p, g) {
				covered[j] = true
				if qSpeakerOK(p, g) {
					right++
				}
				break
			}
		}
	}
	res.Quotes = QuoteResult{PRF: NewPRF(len(covered), len(quotes)-len(usedP), len(gq)-len(covered)),
		SpeakerAcc: accuracy(right, len(covered)), SpeakerRight: right}

	// events
	evs := dicts(pred["events"])
	gev := dicts(gold["events"])
	m = greedyMatch(len(evs), len(gev), func(i, j int) bool { return eventCompat(evs[i], gev[j]) },
		func(i, j int) float64 { return eventScore(evs[i], gev[j], byID) })
	matchedG, matchedP = map[int]bool{}, map[int]bool{}
	tp = 0
	var d EventDetail
	for _, x := range m {
		matchedG[x.J], matchedP[x.I] = true, true
		p, g := evs[x.I], gev[x.J]
		if !truthy(g["optional"]) {
			tp++
		}
		d.Code[1]++
		if pyIn(p["code"], goldCodes(g)) {
			d.Code[0]++
		}
		if truthy(g["dates"]) {
			d.Date[1]++
			if pyIn(p["date"], asList(g["dates"])) {
				d.Date[0]++
			}
		}
		if truthy(g["location"]) {
			d.Location[1]++
			if pyEq(asObj(p["location"])["country"], g["location"]) {
				d.Location[0]++
			}
		}
		if g["fatalities"] != nil {
			d.Fatalities[1]++
			if pyEq(p["fatalities"], g["fatalities"]) {
				d.Fatalities[0]++
			}
		}
	}
	fn = 0
	missed = []any{}
	for j, g := range gev {
		if !matchedG[j] && !truthy(g["optional"]) {
			fn++
			note, ok := g["note"]
			if !ok {
				note = g["code"]
			}
			missed = append(missed, note)
		}
	}
	extra = []any{}
	for i, e := range evs {
		if !matchedP[i] {
			extra = append(extra, fmt.Sprintf("%s %s->%s %s", pyStr(e["code"]),
				pyStr(asObj(e["source"])["country"]), pyStr(asObj(e["target"])["country"]), pyStr(e["date"])))
		}
	}
	res.Events = EventResult{PRF: NewPRF(tp, len(evs)-len(m), fn), Detail: d, Missed: missed, Extra: first20(extra)}
	res.roots = confuseRoots(evs, gev, byID)
	return res
}

// GoldArticle is one gold annotation file, kept as decoded JSON (the fields scored are
// those of ../shared/docs/evaluation.md; unknown fields are ignored).
type GoldArticle struct {
	ID, File, Published string
	Data                map[string]any
}

// LoadGold reads one gold JSON file, or every *.json file directly in a folder, in name
// order (as score.py's load_golds).
func LoadGold(path string) ([]GoldArticle, error) {
	const op = "evaluate.LoadGold"
	st, err := os.Stat(path)
	if err != nil {
		return nil, marsad.E(op, marsad.NotFound, err)
	}
	files := []string{path}
	if st.IsDir() {
		des, err := os.ReadDir(path)
		if err != nil {
			return nil, marsad.E(op, marsad.NotFound, err)
		}
		files = nil
		for _, de := range des {
			if strings.HasSuffix(de.Name(), ".json") {
				files = append(files, filepath.Join(path, de.Name()))
			}
		}
		sort.Strings(files)
	}
	var out []GoldArticle
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, marsad.E(op, marsad.NotFound, err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, marsad.Errorf(op, marsad.Invalid, "%s: %v", f, err)
		}
		g := GoldArticle{Data: m}
		g.ID, _ = asStr(m["id"])
		g.File, _ = asStr(m["file"])
		g.Published, _ = asStr(m["published"])
		if g.ID == "" || g.File == "" {
			return nil, marsad.Errorf(op, marsad.Invalid, "%s: gold annotation without \"id\" or \"file\"", f)
		}
		out = append(out, g)
	}
	return out, nil
}

// DefaultRoot is the folder the gold "file" paths are relative to when --root is not
// given: the folder above the nearest eval/ folder holding the gold (score.py's default,
// the folder above its own eval/), else the folder two levels above the gold files.
func DefaultRoot(goldPath string) string {
	abs, err := filepath.Abs(goldPath)
	if err != nil {
		abs = goldPath
	}
	dir := abs
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if filepath.Base(d) == "eval" {
			return filepath.Dir(d)
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return filepath.Dir(dir)
}

// Predictor returns the article record for a gold article, as decoded JSON.
type Predictor func(ctx context.Context, g GoldArticle) (map[string]any, error)

// CoderPredictor codes root/g.File in-process as `marsad code FILE` does (the file's
// base name as id, inputs over maxBytes refused); with published, the gold publication
// date is passed as `marsad code --published {published}` would.
func CoderPredictor(cd *coder.Coder, root string, maxBytes int, published bool) Predictor {
	return func(ctx context.Context, g GoldArticle) (rec map[string]any, err error) {
		path := filepath.Join(root, g.File)
		st, err := os.Stat(path)
		if err != nil {
			return nil, err
		}
		if st.Size() > int64(maxBytes) {
			return nil, fmt.Errorf("%d bytes, over the limit of %d", st.Size(), maxBytes)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		in := coder.Input{Raw: raw, ID: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))}
		if published && g.Published != "" {
			if in.Published, err = coder.ParseDate(g.Published); err != nil {
				return nil, err
			}
		}
		return codeToJSON(ctx, cd, in)
	}
}

// codeToJSON codes one input and returns the record as JSON would give it to a scorer;
// a coder panic is an error.
func codeToJSON(ctx context.Context, cd *coder.Coder, in coder.Input) (rec map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			rec, err = nil, fmt.Errorf("coder panic: %v", r)
		}
	}()
	a, err := cd.Code(ctx, in)
	if err != nil {
		return nil, err
	}
	return recordJSON(a)
}

func recordJSON(a *marsad.Article) (map[string]any, error) {
	b, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// DirPredictor reads DIR/<id>.json, as score.py --pred DIR (a JSON list gives its first
// record).
func DirPredictor(dir string) Predictor {
	return func(_ context.Context, g GoldArticle) (map[string]any, error) {
		b, err := os.ReadFile(filepath.Join(dir, g.ID+".json"))
		if err != nil {
			return nil, err
		}
		return decodeRecord(b)
	}
}

func decodeRecord(b []byte) (map[string]any, error) {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	if l, ok := v.([]any); ok {
		if len(l) == 0 {
			return obj{}, nil
		}
		v = l[0]
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a JSON object")
	}
	return m, nil
}

// GoldSummary is score.py's summary over all articles.
type GoldSummary struct {
	Entities PRF `json:"entities"`
	Quotes   struct {
		PRF
		SpeakerAcc float64 `json:"speaker_acc"`
	} `json:"quotes"`
	Events struct {
		PRF
		CodeAcc       float64 `json:"code_acc"`
		DateAcc       float64 `json:"date_acc"`
		LocationAcc   float64 `json:"location_acc"`
		FatalitiesAcc float64 `json:"fatalities_acc"`
	} `json:"events"`
	Articles int      `json:"articles"`
	Failures []string `json:"failures"`
	Seconds  float64  `json:"seconds"`
}

// GoldReport is the full result: the summary, each article's score (by id) and the
// confusion of CAMEO roots.
type GoldReport struct {
	Summary  GoldSummary              `json:"summary"`
	Articles map[string]ArticleResult `json:"articles"`
	Roots    *RootConfusion           `json:"roots"`

	order []string
}

// ScoreGold scores every gold article on the record pred gives for it. A failing
// article scores zero (as score.py: it is counted, not skipped). When verbose is not
// nil, a score.py -v block is written to it per article as it is scored.
func ScoreGold(ctx context.Context, golds []GoldArticle, pred Predictor, verbose io.Writer) *GoldReport {
	rep := &GoldReport{Articles: map[string]ArticleResult{}, Roots: newRootConfusion()}
	var ent, quo, ev [3]int
	var detail EventDetail
	speaker := [2]int{}
	failures := []string{}
	var seconds float64
	for _, g := range golds {
		t0 := time.Now()
		p, err := pred(ctx, g)
		seconds += time.Since(t0).Seconds()
		if err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", g.ID, err))
			p = obj{}
		}
		r := ScoreArticle(g.Data, p)
		rep.Articles[g.ID] = r
		rep.order = append(rep.order, g.ID)
		rep.Roots.add(r.roots)
		for k, x := range []PRF{r.Entities.PRF, r.Quotes.PRF, r.Events.PRF} {
			t := [...]*[3]int{&ent, &quo, &ev}[k]
			t[0] += x.TP
			t[1] += x.FP
			t[2] += x.FN
		}
		detail.add(r.Events.Detail)
		speaker[0] += r.Quotes.SpeakerRight
		speaker[1] += r.Quotes.TP
		if verbose != nil {
			WriteArticle(verbose, g.ID, r)
		}
	}
	s := &rep.Summary
	s.Entities = NewPRF(ent[0], ent[1], ent[2])
	s.Quotes.PRF = NewPRF(quo[0], quo[1], quo[2])
	s.Quotes.SpeakerAcc = accuracy(speaker[0], speaker[1])
	s.Events.PRF = NewPRF(ev[0], ev[1], ev[2])
	s.Events.CodeAcc = accuracy(detail.Code[0], detail.Code[1])
	s.Events.DateAcc = accuracy(detail.Date[0], detail.Date[1])
	s.Events.LocationAcc = accuracy(detail.Location[0], detail.Location[1])
	s.Events.FatalitiesAcc = accuracy(detail.Fatalities[0], detail.Fatalities[1])
	s.Articles = len(golds)
	s.Failures = failures
	s.Seconds = pyRound(seconds, 2)
	return rep
}

func first8(l []any) []any {
	if len(l) > 8 {
		return l[:8]
	}
	return l
}

// WriteArticle writes score.py -v's block for one article.
func WriteArticle(w io.Writer, id string, r ArticleResult) {
	fmt.Fprintf(w, "== %s\n", id)
	line := func(k string, x PRF, missed, extra []any) {
		fmt.Fprintf(w, "  %-9s P=%.2f R=%.2f F1=%.2f  missed=%s extra=%s\n", k, x.P, x.R, x.F1,
			pyReprList(first8(missed)), pyReprList(first8(extra)))
	}
	line("entities", r.Entities.PRF, r.Entities.Missed, r.Entities.Extra)
	line("quotes", r.Quotes.PRF, nil, nil)
	line("events", r.Events.PRF, r.Events.Missed, r.Events.Extra)
}

// WriteSummary writes score.py's summary lines.
func (rep *GoldReport) WriteSummary(w io.Writer) {
	s := rep.Summary
	line := func(k string, x PRF, extra string) {
		fmt.Fprintf(w, "%-9s P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)%s\n", k, x.P, x.R, x.F1, x.TP, x.FP, x.FN, extra)
	}
	line("entities", s.Entities, "")
	line("quotes", s.Quotes.PRF, fmt.Sprintf(" speaker=%.2f", s.Quotes.SpeakerAcc))
	line("events", s.Events.PRF, fmt.Sprintf(" code=%.2f date=%.2f loc=%.2f fatal=%.2f",
		s.Events.CodeAcc, s.Events.DateAcc, s.Events.LocationAcc, s.Events.FatalitiesAcc))
	for _, f := range s.Failures {
		fmt.Fprintln(w, "FAILED", f)
	}
	fmt.Fprintf(w, "articles=%d failures=%d event_f1=%.3f\n", s.Articles, len(s.Failures), s.Events.F1)
}

// WriteJSON writes the full result as score.py --json does (plus the root confusion).
func (rep *GoldReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(rep)
}
