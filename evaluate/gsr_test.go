package evaluate_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad-project/marsad/coder"
	"github.com/marsad-project/marsad/evaluate"
	"github.com/marsad-project/marsad/kb"
)

func gsrFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "protest_gsr.csv", "id,event_type,label,accept,reject,total,text\n"+
		"1,PROTEST,yes,5,0,5,\"تظاهر آلاف، في بغداد, وقالوا \"\"كفى\"\"\"\n"+
		"2,PROTEST,easy no,0,5,5,اجتمع الوزراء\n"+
		"3,PROTEST,ambiguous,2,3,5,جملة\n"+
		"4,PROTEST,yes,5,0,5,اعتصم المعلمون\n")
	writeFile(t, dir, "assault_gsr.csv", "id,event_type,label,accept,reject,total,text\n"+
		"a1,ASSAULT,yes,5,0,5,قصفت الطائرات\n"+
		"a2,ASSAULT,difficult no,1,4,5,هدد الجيش\n")
	writeFile(t, dir, "protest_spans.json", `[
 {"_id": "x1", "text": "تظاهر عراقيون أمام السفارة الأميركية",
  "spans": [{"source_role": {"main": "IRQ", "role": "None"}, "target_role": {"main": "None"}},
            {"source_role": {"main": "IRQ"}, "target_role": {}}]},
 {"_id": "x2", "text": "احتجاج", "spans": [{"source_role": {"main": "UNKNOWN"}, "target_role": {"main": "USA"}}]}]`)
	writeFile(t, dir, "assault_spans.json", `[
 {"_id": "y1", "text": "قصف", "spans": [{"source_role": {"main": "ISR"}, "target_role": {"main": "PSE"}},
                                       {"source_role": {"main": "SYR"}, "target_role": {"main": "PSE"}}]}]`)
	return dir
}

func TestScoreGSRFixture(t *testing.T) {
	set, err := evaluate.LoadGSR(gsrFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.IDs) != 9 || set.Text["d:1"] != `تظاهر آلاف، في بغداد, وقالوا "كفى"` {
		t.Fatalf("LoadGSR: %d sentences, d:1 = %q", len(set.IDs), set.Text["d:1"])
	}
	ev := func(evs ...string) map[string]any {
		var l []any
		for _, e := range evs {
			var m map[string]any
			if err := json.Unmarshal([]byte(e), &m); err != nil {
				t.Fatal(err)
			}
			l = append(l, m)
		}
		return map[string]any{"events": l}
	}
	preds := map[string]map[string]any{
		"d:1":  ev(`{"code": "141"}`),                    // protest, yes: tp
		"d:2":  ev(`{"code": "145"}`),                    // protest, easy no: fp
		"d:3":  ev(`{"code": "141"}`),                    // ambiguous: left out
		"d:4":  ev(`{"code": "190"}`),                    // protest yes without a protest: fn
		"d:a1": ev(`{"code": "190"}`),                    // assault, yes: tp
		"d:a2": ev(`{"code": "180"}`, `{"code": "138"}`), // assault, difficult no: fp
		// x1: found; the first protest event has source IRQ (right); no gold target
		"s:x1": ev(`{"code": "010", "source": {"country": "USA"}}`,
			`{"code": "141", "source": {"country": "IRQ"}, "target": {"country": "USA"}}`),
		// s:x2 has no record: missing, not found
		// y1: gold source ISR (first of a tie), target PSE
		"s:y1": ev(`{"code": "193", "source": {"country": "SYR"}, "target": {"country": "PSE"}}`),
	}
	rep := evaluate.ScoreGSR(set, preds, 0)
	var out bytes.Buffer
	rep.Write(&out)
	want := "PROTEST  detection P=0.500 R=0.500 F1=0.500 (tp=1 fp=1 fn=1)  spans recall=0.500 (n=2) source_country=1.000 (n=1) target_country=0.000 (n=0)\n" +
		"ASSAULT  detection P=0.500 R=1.000 F1=0.667 (tp=1 fp=1 fn=0)  spans recall=1.000 (n=1) source_country=0.000 (n=1) target_country=1.000 (n=1)\n" +
		"sentences=9 missing_output=1 seconds=0.0\n" +
		"protest_f1=0.500 assault_f1=0.667\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestGSRMatchesScoreGSRPy runs score_gsr.py on the fixture with `marsad code --jsonl`
// replaced by a command replaying the records the Go port codes in-process.
func TestGSRMatchesScoreGSRPy(t *testing.T) {
	evalDir, py := sharedEval(t)
	dir := gsrFixture(t)
	set, err := evaluate.LoadGSR(dir)
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
	preds := evaluate.CodeGSR(context.Background(), cd, set, 2)
	var lines []string
	for _, id := range set.IDs {
		b, _ := json.Marshal(preds[id])
		lines = append(lines, string(b))
	}
	recs := writeFile(t, t.TempDir(), "recs.jsonl", strings.Join(lines, "\n")+"\n")
	out, err := exec.Command(py, filepath.Join(evalDir, "score_gsr.py"), "--dir", dir, "--cmd", "cat >/dev/null; cat '"+recs+"'").Output()
	if err != nil {
		t.Fatalf("score_gsr.py: %v", err)
	}
	var got bytes.Buffer
	evaluate.ScoreGSR(set, preds, 0).Write(&got)
	strip := func(s string) string { // seconds differ
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(l, "sentences=") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if strip(got.String()) != strip(string(out)) {
		t.Errorf("Go port:\n%s\nscore_gsr.py:\n%s", got.String(), out)
	}
}
