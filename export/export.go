package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/marsad-project/marsad"
)

// Writer writes events in one format. It is not safe for concurrent use.
type Writer interface {
	// Write writes one event.
	Write(marsad.EventRow) error
	// Flush sends what is buffered to the underlying writer (e.g. between HTTP chunks).
	Flush() error
	// Close flushes; it does not close the underlying writer.
	Close() error
}

type format struct {
	contentType string
	ext         string
	new         func(w *bufio.Writer) Writer
}

var formats = map[string]format{
	"gdelt":  {"text/tab-separated-values; charset=utf-8", "tsv", func(w *bufio.Writer) Writer { return &gdeltWriter{w: w} }},
	"plover": {"application/x-ndjson; charset=utf-8", "jsonl", func(w *bufio.Writer) Writer { return newJSON(w, ploverRecord) }},
	"acled":  {"text/csv; charset=utf-8", "csv", func(w *bufio.Writer) Writer { return newCSV(w, acledHeader, acledRecord) }},
	"csv":    {"text/csv; charset=utf-8", "csv", func(w *bufio.Writer) Writer { return newCSV(w, Columns, flatRecord) }},
	"jsonl":  {"application/x-ndjson; charset=utf-8", "jsonl", func(w *bufio.Writer) Writer { return newJSON(w, func(r *marsad.EventRow) any { return r }) }},
}

// Formats returns the names of the formats, sorted.
func Formats() []string {
	out := make([]string, 0, len(formats))
	for k := range formats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ContentType returns the MIME type of a format's output ("" for an unknown format).
func ContentType(name string) string { return formats[name].contentType }

// Extension returns the usual file extension of a format, without the dot.
func Extension(name string) string { return formats[name].ext }

// New returns a Writer of the named format writing to w. An unknown format gives an
// error of kind marsad.Invalid.
func New(name string, w io.Writer) (Writer, error) {
	f, ok := formats[name]
	if !ok {
		return nil, marsad.Errorf("export.New", marsad.Invalid, "unknown format %q (want one of %s)", name, strings.Join(Formats(), ", "))
	}
	return f.new(bufio.NewWriterSize(w, 32<<10)), nil
}

// jsonWriter writes one JSON object per line.
type jsonWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
	rec func(*marsad.EventRow) any
}

func newJSON(w *bufio.Writer, rec func(*marsad.EventRow) any) *jsonWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonWriter{w: w, enc: enc, rec: rec}
}

func (j *jsonWriter) Write(r marsad.EventRow) error {
	if err := j.enc.Encode(j.rec(&r)); err != nil {
		return marsad.E("export.Write", marsad.Internal, err)
	}
	return nil
}

func (j *jsonWriter) Flush() error { return j.w.Flush() }
func (j *jsonWriter) Close() error { return j.w.Flush() }

// csvWriter writes a header and one CSV record per row; rec returns nil to skip a row.
type csvWriter struct {
	w      *bufio.Writer
	c      *csv.Writer
	header []string
	rec    func(*marsad.EventRow) []string
	begun  bool
}

func newCSV(w *bufio.Writer, header []string, rec func(*marsad.EventRow) []string) *csvWriter {
	return &csvWriter{w: w, c: csv.NewWriter(w), header: header, rec: rec}
}

func (c *csvWriter) start() error {
	if c.begun {
		return nil
	}
	c.begun = true
	return c.c.Write(c.header)
}

func (c *csvWriter) Write(r marsad.EventRow) error {
	if err := c.start(); err != nil {
		return err
	}
	rec := c.rec(&r)
	if rec == nil {
		return nil
	}
	for i, f := range rec {
		rec[i] = cleanCSV(f)
	}
	return c.c.Write(rec)
}

func (c *csvWriter) Flush() error {
	if err := c.start(); err != nil {
		return err
	}
	c.c.Flush()
	if err := c.c.Error(); err != nil {
		return err
	}
	return c.w.Flush()
}

func (c *csvWriter) Close() error { return c.Flush() }

// cleanCSV drops control characters other than tab and newline (which CSV quoting
// carries) and invalid UTF-8.
func cleanCSV(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return r
		}
		if r == '\r' {
			return '\n'
		}
		if r < 0x20 || r == 0x7f || r == 0xFFFD {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// day parses a YYYY-MM-DD date, or YYYY-MM / YYYY (first day), from the event's date
// or else the row's publication date.
func day(r *marsad.EventRow) (time.Time, bool) {
	for _, s := range []string{r.Date, r.Published} {
		for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
			if len(s) >= len(layout) {
				if t, err := time.Parse(layout, s[:len(layout)]); err == nil {
					return t, true
				}
			}
		}
	}
	return time.Time{}, false
}

func itoa(n int) string { return strconv.Itoa(n) }

func ptrInt(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func ptrFloat(p *float64, prec int) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', prec, 64)
}

func fmtFloat(f float64, prec int) string { return strconv.FormatFloat(f, 'f', prec, 64) }

func contexts(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ";") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

func firstSeen(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
