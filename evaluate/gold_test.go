package evaluate_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/evaluate"
	"github.com/marsad-project/marsad/kb"
)

func TestNormAndNames(t *testing.T) {
	for in, want := range map[string]string{
		"الأُمَمُ المتّحدة،":    "الامم المتحده",
		"«مصطفى  الكاظمي»":      "مصطفي الكاظمي",
		"إيـــران\u00a0- طهران": "ايران طهران",
		"مسؤول (سوري)":          "مسوول سوري",
		"":                      "",
	} {
		if got := evaluate.Norm(in); got != want {
			t.Errorf("Norm(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"للامم المتحده": "الامم المتحده",
		"وللامم":        "الامم",
		"والعراق":       "العراق",
		"بالعراق":       "العراق",
		"لايران":        "لايران", // no article after the preposition: unchanged
		"للدي":          "للدي",   // too short
	} {
		if got := evaluate.StripClitics(in); got != want {
			t.Errorf("StripClitics(%q) = %q, want %q", in, got, want)
		}
	}
	set := func(s ...string) map[string]bool {
		m := map[string]bool{}
		for _, x := range s {
			m[x] = true
		}
		return m
	}
	if !evaluate.NamesMatch(set("وزير الخارجيه عادل الجبير"), []string{"عادل الجبير"}) {
		t.Error("a gold name inside a longer predicted name should match")
	}
	if !evaluate.NamesMatch(set("للامم المتحده"), []string{"الأمم المتحدة"}) {
		t.Error("للأمم المتحدة should match الأمم المتحدة")
	}
	if evaluate.NamesMatch(set("الجبيري"), []string{"الجبير"}) {
		t.Error("part of a word should not match")
	}
	if evaluate.NamesMatch(set("ال سعود"), []string{"ال"}) {
		t.Error("a gold name under three letters only matches whole")
	}
}

// goldFixture is one annotated article in the documented format; predFixture is a
// record for it. The expected figures below are counted by hand.
const goldFixture = `{
 "id": "fixture", "file": "corpus/fixture.txt", "published": "2018-03-23",
 "entities": [
  {"type": "PERSON", "names": ["عادل الجبير", "الجبير"]},
  {"type": "LOC", "names": ["إيران"]},
  {"type": "ORG", "names": ["الحكومة العراقية"], "optional": true},
  {"type": "ORG", "names": ["الأمم المتحدة"]}
 ],
 "quotes": [
  {"contains": "ليست بحاجة", "speaker": ["عادل الجبير"]},
  {"contains": "لن نسمح", "speaker": ["ظريف"]}
 ],
 "events": [
  {"code": "112", "codes": ["112", "111"], "source": {"country": "SAU", "names": ["الجبير"]},
   "target": {"country": "IRN"}, "dates": ["2018-03-23"], "location": "SAU", "fatalities": null, "note": "accuse"},
  {"code": "190", "source": {"country": "IRN"}, "target": {"country": "YEM"}, "symmetric": true,
   "dates": ["2018-03-20"], "fatalities": 3, "note": "fight"},
  {"code": "040", "optional": true, "source": {"country": ""}, "target": {"country": ""}, "note": "talks"},
  {"code": "173", "source": {"country": "SAU"}, "target": {"country": "IRN"}, "dates": [], "note": "arrest"}
 ]
}`

const predFixture = `{
 "entities": [
  {"id": "e1", "type": "PERSON", "name": "الجبير", "mentions": [{"start": 0, "end": 5, "text": "وزير الخارجية عادل الجبير"}]},
  {"id": "e2", "type": "LOC", "name": "إيران"},
  {"id": "e3", "type": "ORG", "name": "للأمم المتحدة"},
  {"id": "e4", "type": "ORG", "name": "الحكومة العراقية"},
  {"id": "e5", "type": "PERSON", "name": "ظريف"}
 ],
 "quotes": [
  {"text": "«السعودية ليست بحاجة لمن يدافع عنها»", "speaker": "e1"},
  {"text": "لن نسمح بذلك", "speaker_name": "الجبير"},
  {"text": "كلام آخر", "speaker": "e5"}
 ],
 "events": [
  {"code": "111", "source": {"country": "SAU", "entity": "e1"}, "target": {"country": "IRN"},
   "date": "2018-03-23", "location": {"country": "SAU"}},
  {"code": "190", "source": {"country": "YEM"}, "target": {"country": "IRN"}, "date": "2018-03-21", "fatalities": 3},
  {"code": "042", "source": {"country": "IRQ"}, "target": {"country": "IRN"}},
  {"code": "111", "source": {"country": "SAU"}, "target": {"country": "IRN"}}
 ]
}`

// Entities: e1, e2, e3 match (e3 after the clitic), e4 matches an optional gold entity
// and counts neither way, e5 is extra: tp=3 fp=1 fn=0.
// Quotes: both fragments found, one speaker right, one extra quote: tp=2 fp=1 fn=0.
// Events: 111 SAU→IRN matches the 112/111 gold (code, date, location right); 190 matches
// the symmetric fight (code and fatalities right, date wrong); 042 matches the optional
// talks (neither way; code wrong); the second 111 is a copy (fp); the arrest is missed.
// Matched 3: code 2/3, date 1/2, location 1/1, fatalities 1/1.
const wantFixture = `entities  P=0.750 R=1.000 F1=0.857 (tp=3 fp=1 fn=0)
quotes    P=0.667 R=1.000 F1=0.800 (tp=2 fp=1 fn=0) speaker=0.50
events    P=0.667 R=0.667 F1=0.667 (tp=2 fp=1 fn=1) code=0.67 date=0.50 loc=1.00 fatal=1.00
FAILED missing: open
articles=2 failures=1 event_f1=0.667
`

func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestScoreGoldFixture(t *testing.T) {
	dir := t.TempDir()
	goldDir := filepath.Join(dir, "eval", "gold")
	writeFile(t, goldDir, "fixture.json", goldFixture)
	// a second article without a record: it fails and scores zero (its one event is missed)
	writeFile(t, goldDir, "missing.json", `{"id": "missing", "file": "corpus/missing.txt", "entities": [],
		"quotes": [], "events": [{"code": "010", "codes": ["010"], "source": {"country": "IRQ"}, "target": {"country": ""}, "optional": true}]}`)
	predDir := filepath.Join(dir, "pred")
	writeFile(t, predDir, "fixture.json", predFixture)

	if got, want := evaluate.DefaultRoot(goldDir), dir; got != want {
		t.Errorf("DefaultRoot(%s) = %s, want %s", goldDir, got, want)
	}
	golds, err := evaluate.LoadGold(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) != 2 || golds[0].ID != "fixture" || golds[0].File != "corpus/fixture.txt" {
		t.Fatalf("LoadGold = %+v", golds)
	}
	var verbose bytes.Buffer
	rep := evaluate.ScoreGold(context.Background(), golds, evaluate.DirPredictor(predDir), &verbose)
	var out bytes.Buffer
	rep.WriteSummary(&out)
	got := out.String()
	// the failure message carries the OS error text; keep its start
	if i := strings.Index(got, "FAILED missing: open"); i >= 0 {
		j := strings.Index(got[i:], "\n")
		got = got[:i] + "FAILED missing: open" + got[i+j:]
	}
	if got != wantFixture {
		t.Errorf("summary:\n%s\nwant:\n%s", got, wantFixture)
	}
	r := rep.Articles["fixture"]
	if r.Quotes.SpeakerRight != 1 || r.Events.Detail.Code != [2]int{2, 3} || r.Events.Detail.Date != [2]int{1, 2} {
		t.Errorf("fixture detail = %+v %+v", r.Quotes, r.Events.Detail)
	}
	wantV := "== fixture\n" +
		"  entities  P=0.75 R=1.00 F1=0.86  missed=[] extra=['ظريف']\n" +
		"  quotes    P=0.67 R=1.00 F1=0.80  missed=[] extra=[]\n" +
		"  events    P=0.67 R=0.67 F1=0.67  missed=['arrest'] extra=['111 SAU->IRN None']\n"
	if !strings.HasPrefix(verbose.String(), wantV) {
		t.Errorf("verbose:\n%s\nwant prefix:\n%s", verbose.String(), wantV)
	}

	// Root confusion: 111/112, 190 and 042/040 pair on their roots; the second 111
	// (SAU→IRN) pairs with the missed arrest (17) on its actors.
	var tab bytes.Buffer
	rep.Roots.Write(&tab)
	wantTab := []string{
		"gold\\pred  04  11  19 miss",
		"04          1   .   .    .",
		"11          .   1   .    .",
		"17          .   1   .    .",
		"19          .   .   1    .",
		"extra       .   .   .",
	}
	lines := strings.Split(strings.TrimRight(tab.String(), "\n"), "\n")[1:]
	if strings.Join(lines, "\n") != strings.Join(wantTab, "\n") {
		t.Errorf("root table:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantTab, "\n"))
	}
	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Summary struct {
			Events struct {
				F1      float64 `json:"f1"`
				CodeAcc float64 `json:"code_acc"`
			} `json:"events"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Summary.Events.F1 != 0.667 || back.Summary.Events.CodeAcc != 0.667 {
		t.Errorf("JSON summary = %+v (%v)", back, err)
	}
}

// shared returns ../shared/eval (skipping when it is absent) and python3.
func sharedEval(t *testing.T) (string, string) {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "eval")
	if _, err := os.Stat(filepath.Join(dir, "score.py")); err != nil {
		t.Skip("../shared/eval is absent")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not available")
	}
	return dir, py
}

// TestGoldMatchesScorePy codes the shared gold articles, writes the records and checks
// that score.py --pred and the Go port print the same lines (per article and summary).
func TestGoldMatchesScorePy(t *testing.T) {
	if testing.Short() {
		t.Skip("codes the gold articles")
	}
	evalDir, py := sharedEval(t)
	goldDir := filepath.Join(evalDir, "gold")
	golds, err := evaluate.LoadGold(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	k, err := kb.LoadDir("")
	if err != nil {
		t.Fatal(err)
	}
	cd, err := coder.New(coder.Config{KB: k})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	code := evaluate.CoderPredictor(cd, evaluate.DefaultRoot(goldDir), 8<<20, false)
	predDir := t.TempDir()
	for _, g := range golds {
		rec, err := code(ctx, g)
		if err != nil {
			t.Fatalf("%s: %v", g.ID, err)
		}
		b, _ := json.Marshal(rec)
		writeFile(t, predDir, g.ID+".json", string(b))
	}
	cmd := exec.Command(py, filepath.Join(evalDir, "score.py"), "--gold", goldDir, "--pred", predDir, "-v")
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	var got bytes.Buffer
	rep := evaluate.ScoreGold(ctx, golds, evaluate.DirPredictor(predDir), &got)
	rep.WriteSummary(&got)
	if got.String() != string(want) {
		t.Errorf("Go port:\n%s\nscore.py:\n%s", got.String(), want)
	}
}
