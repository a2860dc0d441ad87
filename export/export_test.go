package export_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/marsad-project/marsad"
	"github.com/marsad-project/marsad/export"
	"github.com/marsad-project/marsad/internal/golden"
)

func fp(f float64) *float64 { return &f }
func ip(n int) *int         { return &n }

// rows are the test events: a fully filled one whose Arabic text carries tabs, newlines,
// quotes and commas, a verbal event ACLED skips, and an almost empty one.
func rows() []marsad.EventRow {
	full := marsad.EventRow{
		Event: marsad.Event{
			ID: "a1-ev1", Code: "195", Root: "19", Label: "Employ aerial weapons", QuadClass: 4, Goldstein: -10,
			Plover: marsad.Plover{Event: "ASSAULT", Mode: "aerial", Context: "military; legal"},
			Source: marsad.Actor{Name: "الحرس\tالثوري", Country: "IRN", Code: "IRNMIL"},
			Target: marsad.Actor{Name: "مجموعات \"معادية\"\nللثورة", Country: "IRQ", Code: "IRQREBSEP"},
			Date:   "2020-11-14",
			Location: &marsad.Location{Name: "إقليم كردستان، العراق", PlaceID: "g99237", Country: "IRQ", ADM1: "19",
				Lat: fp(36.1901), Lon: fp(43.993)},
			Mode: marsad.ModeAsserted, Fatalities: ip(3), Wounded: ip(2), Mentions: 2, Confidence: 0.875,
			Evidence: marsad.Evidence{Trigger: marsad.Text{Text: "قصفت\r\nبالمدفعية"}, Pattern: "قصف X", Rules: []string{"r1", "r2"}},
		},
		Article: "alaraby-1", ArticleTitle: "إيران والعراق, \"وثيقة\"", Outlet: "العربي الجديد", Published: "2020-11-15",
		URL: "https://example.org/a?x=1,2", Story: "s1", NumArticles: 3, NumSources: 2, NumMentions: 5,
		FirstSeen: time.Date(2020, 11, 15, 8, 30, 0, 0, time.UTC), SourceKey: "irgc", TargetKey: "",
	}
	verbal := marsad.EventRow{
		Event: marsad.Event{ID: "a1-ev2", Code: "0871", Root: "08", QuadClass: 2, Goldstein: 9,
			Plover: marsad.Plover{Event: "RETREAT"}, Source: marsad.Actor{Country: "IRN"}, Mode: marsad.ModeIntended},
		Article: "alaraby-1", Published: "2020-11",
	}
	statement := marsad.EventRow{Event: marsad.Event{ID: "a2-ev1", Code: "010", Root: "01"}, Article: "a2"}
	return []marsad.EventRow{full, verbal, statement}
}

func write(t *testing.T, format string, rs []marsad.EventRow) string {
	t.Helper()
	var b bytes.Buffer
	w, err := export.New(format, &b)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if err := w.Write(r); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	for _, f := range export.Formats() {
		t.Run(f, func(t *testing.T) {
			got := write(t, f, rows())
			path := filepath.Join("testdata", f+".golden")
			if d := golden.Compare(t, path, got, "go test ./export -update"); d != "" {
				t.Errorf("%s output differs from %s:\n%s", f, path, d)
			}
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := export.New("xml", io.Discard)
	if marsad.ErrorKind(err) != marsad.Invalid {
		t.Fatalf("New(xml) error = %v, want kind Invalid", err)
	}
}

func TestGDELTColumns(t *testing.T) {
	if n := len(export.GDELTColumns); n != 61 {
		t.Fatalf("len(GDELTColumns) = %d, want 61", n)
	}
	out := write(t, "gdelt", rows())
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(rows()) {
		t.Fatalf("%d lines, want %d (a field split a row?)", len(lines), len(rows()))
	}
	col := func(name string) int {
		for i, c := range export.GDELTColumns {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	for i, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 61 {
			t.Fatalf("line %d has %d fields, want 61", i+1, len(f))
		}
		if i == 0 {
			for name, want := range map[string]string{
				"GlobalEventID": "a1-ev1", "Day": "20201114", "MonthYear": "202011", "Year": "2020",
				"Actor1Code": "IRNMIL", "Actor1Name": "الحرس الثوري", "Actor1CountryCode": "IRN", "Actor1Type1Code": "MIL",
				"Actor2Type1Code": "REB", "Actor2Type2Code": "SEP", "Actor2Name": "مجموعات \"معادية\" للثورة",
				"EventCode": "195", "EventBaseCode": "195", "EventRootCode": "19", "QuadClass": "4", "GoldsteinScale": "-10.0",
				"NumMentions": "5", "NumSources": "2", "NumArticles": "3", "ActionGeo_Type": "4",
				"ActionGeo_CountryCode": "IRQ", "ActionGeo_Lat": "36.1901", "ActionGeo_FeatureID": "g99237",
				"DATEADDED": "20201115083000", "SOURCEURL": "https://example.org/a?x=1,2",
			} {
				if got := f[col(name)]; got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		format string
		cols   int
		rows   int
	}{
		{"csv", len(export.Columns), 3},
		{"acled", 20, 2}, // the statement (010) is no ACLED event
	} {
		t.Run(tc.format, func(t *testing.T) {
			recs, err := csv.NewReader(strings.NewReader(write(t, tc.format, rows()))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != tc.rows+1 {
				t.Fatalf("%d records, want header + %d", len(recs), tc.rows)
			}
			for i, r := range recs {
				if len(r) != tc.cols {
					t.Errorf("record %d has %d fields, want %d", i, len(r), tc.cols)
				}
			}
			// Quotes, commas and newlines survive CSV quoting.
			if !strings.Contains(strings.Join(recs[1], "|"), "مجموعات \"معادية\"\nللثورة") && tc.format == "csv" {
				t.Errorf("target name not kept verbatim: %q", recs[1])
			}
		})
	}
}

func TestJSONLines(t *testing.T) {
	for _, f := range []string{"jsonl", "plover"} {
		t.Run(f, func(t *testing.T) {
			sc := bufio.NewScanner(strings.NewReader(write(t, f, rows())))
			n := 0
			for sc.Scan() {
				var m map[string]any
				if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
					t.Fatalf("line %d: %v", n+1, err)
				}
				if f == "plover" {
					for _, k := range []string{"id", "event_type", "context", "actors"} {
						if _, ok := m[k]; !ok {
							t.Errorf("line %d: no %q", n+1, k)
						}
					}
				}
				n++
			}
			if n != len(rows()) {
				t.Fatalf("%d lines, want %d", n, len(rows()))
			}
		})
	}
	var back marsad.EventRow
	line, _, _ := strings.Cut(write(t, "jsonl", rows()), "\n")
	if err := json.Unmarshal([]byte(line), &back); err != nil || back.Target.Name != rows()[0].Target.Name {
		t.Fatalf("jsonl round trip: %v, target %q", err, back.Target.Name)
	}
}

func TestACLEDType(t *testing.T) {
	for _, tc := range []struct {
		code, et, st string
		ok           bool
	}{
		{"190", export.Battles, "Armed clash", true},
		{"195", export.Explosions, "Air/drone strike", true},
		{"1831", export.Explosions, "Suicide bomb", true},
		{"1832", export.Explosions, "Remote explosive/landmine/IED", true},
		{"186", export.Violence, "Attack", true},
		{"181", export.Violence, "Abduction/forced disappearance", true},
		{"1451", export.Riots, "Violent demonstration", true},
		{"141", export.Protests, "Peaceful protest", true},
		{"173", export.Strategic, "Arrests", true},
		{"057", export.Strategic, "Agreement", true},
		{"0871", export.Strategic, "Agreement", true},
		{"036", "", "", false},
		{"112", "", "", false},
		{"", "", "", false},
	} {
		et, st, ok := export.ACLEDType(tc.code)
		if et != tc.et || st != tc.st || ok != tc.ok {
			t.Errorf("ACLEDType(%q) = %q, %q, %v; want %q, %q, %v", tc.code, et, st, ok, tc.et, tc.st, tc.ok)
		}
	}
}

// failWriter fails every write, to check that errors reach the caller.
type failWriter struct{}

var errSink = errors.New("sink closed")

func (failWriter) Write([]byte) (int, error) { return 0, errSink }

func TestWriteErrors(t *testing.T) {
	for _, f := range export.Formats() {
		w, err := export.New(f, failWriter{})
		if err != nil {
			t.Fatal(err)
		}
		var werr error
		for i := 0; i < 2000 && werr == nil; i++ { // past the buffer
			werr = w.Write(rows()[0])
		}
		if werr == nil {
			werr = w.Close()
		}
		if !errors.Is(werr, errSink) {
			t.Errorf("%s: error = %v, want the sink's error", f, werr)
		}
	}
}

// FuzzWrite writes a row built from arbitrary strings in every format and checks that
// the outputs keep their shape: 61 fields on one line (gdelt), a parseable CSV record
// of the right width, one JSON object per line, valid UTF-8.
func FuzzWrite(f *testing.F) {
	f.Add("ev1", "195", "2020-11-14", "الحرس\tالثوري", "\"x\"\n,y", "https://a/b", 3)
	f.Add("", "", "", "", "", "", -1)
	f.Fuzz(func(t *testing.T, id, code, date, name, title, url string, n int) {
		r := marsad.EventRow{
			Event: marsad.Event{ID: id, Code: code, Root: code, Date: date, Fatalities: &n,
				Source: marsad.Actor{Name: name, Code: name, Country: code}, Target: marsad.Actor{Name: title},
				Location: &marsad.Location{Name: name, Country: code},
				Evidence: marsad.Evidence{Trigger: marsad.Text{Text: title}}},
			Article: id, ArticleTitle: title, URL: url, Published: date,
		}
		for _, format := range export.Formats() {
			var b bytes.Buffer
			w, _ := export.New(format, &b)
			if err := w.Write(r); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if err := w.Close(); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			out := b.String()
			if !utf8.ValidString(out) {
				t.Fatalf("%s: invalid UTF-8 out", format)
			}
			switch format {
			case "gdelt":
				if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
					t.Fatalf("gdelt: %d lines", strings.Count(out, "\n"))
				}
				if k := len(strings.Split(strings.TrimSuffix(out, "\n"), "\t")); k != 61 {
					t.Fatalf("gdelt: %d fields", k)
				}
			case "csv", "acled":
				recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
				if err != nil {
					t.Fatalf("%s: %v\n%q", format, err, out)
				}
				for _, rec := range recs[1:] {
					if len(rec) != len(recs[0]) {
						t.Fatalf("%s: %d fields, header has %d", format, len(rec), len(recs[0]))
					}
				}
			default:
				if strings.Count(out, "\n") != 1 || !json.Valid([]byte(out)) {
					t.Fatalf("%s: not one JSON line: %q", format, out)
				}
			}
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	r := rows()[0]
	for _, f := range export.Formats() {
		b.Run(f, func(b *testing.B) {
			w, _ := export.New(f, io.Discard)
			b.ReportAllocs()
			for b.Loop() {
				_ = w.Write(r)
			}
			_ = w.Close()
		})
	}
}
