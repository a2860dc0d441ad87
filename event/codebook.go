package event

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

// Code is one CAMEO event code with its Goldstein score, quad class and PLOVER mapping.
type Code struct {
	Code      string
	Label     string
	Goldstein float64
	Quad      int
	Plover    string
	PMode     string
	PContext  string
	LabelAr   string
}

// Codebook is the CAMEO codebook keyed by code.
type Codebook map[string]*Code

func loadCodebook(data string) (Codebook, error) {
	cb := Codebook{}
	sc := bufio.NewScanner(strings.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 8 {
			return nil, fmt.Errorf("cameo.tsv:%d: %d fields, want 8", n, len(f))
		}
		g, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("cameo.tsv:%d: goldstein: %w", n, err)
		}
		q, err := strconv.Atoi(f[3])
		if err != nil {
			return nil, fmt.Errorf("cameo.tsv:%d: quad: %w", n, err)
		}
		c := &Code{Code: f[0], Label: f[1], Goldstein: g, Quad: q, Plover: f[4], PMode: f[5], PContext: f[6], LabelAr: f[7]}
		if c.Plover == "(dropped)" {
			c.Plover = ""
		}
		if cb[c.Code] != nil {
			return nil, fmt.Errorf("cameo.tsv:%d: duplicate code %s", n, c.Code)
		}
		cb[c.Code] = c
	}
	return cb, sc.Err()
}

// Lookup returns the code, or its nearest parent (0213 → 021 → 02).
func (cb Codebook) Lookup(code string) *Code {
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if x := cb[c]; x != nil {
			return x
		}
	}
	return nil
}

// PloverOf returns the PLOVER event type of a code; codes dropped in PLOVER and roots
// take their nearest mapped relative (a root takes its x0 code).
func (cb Codebook) PloverOf(code string) *Code {
	if c := cb[code]; c != nil && c.Plover != "" {
		return c
	}
	if len(code) == 2 {
		if c := cb[code+"0"]; c != nil && c.Plover != "" {
			return c
		}
	}
	for c := code[:len(code)-1]; len(c) >= 2; c = c[:len(c)-1] {
		if x := cb[c]; x != nil && x.Plover != "" {
			return x
		}
	}
	return nil
}
