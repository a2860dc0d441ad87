package httpapi

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/marsad-project/marsad"
)

const op = "httpapi"

func invalid(format string, args ...any) error {
	return marsad.Errorf(op, marsad.Invalid, format, args...)
}

func paging(q url.Values) (marsad.Paging, error) {
	p := marsad.Paging{Cursor: q.Get("cursor"), Sort: q.Get("sort")}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return p, invalid("limit %q: want a number", v)
		}
		if n < 1 || n > marsad.MaxLimit {
			return p, invalid("limit %d: want 1 to %d", n, marsad.MaxLimit)
		}
		p.Limit = n
	}
	return p, nil
}

// eventFilter reads the common event filters of docs/api.md.
func eventFilter(q url.Values) (marsad.EventFilter, error) {
	p, err := paging(q)
	f := marsad.EventFilter{
		Paging: p, Country: strings.ToUpper(q.Get("country")), SourceCountry: strings.ToUpper(q.Get("source_country")),
		TargetCountry: strings.ToUpper(q.Get("target_country")), Actor: q.Get("actor"), Entity: q.Get("entity"),
		Code: q.Get("code"), Plover: q.Get("plover"), Mode: q.Get("mode"), From: q.Get("from"), To: q.Get("to"),
		Outlet: q.Get("outlet"), Q: q.Get("q"), Story: q.Get("story"), Article: q.Get("article"),
	}
	if err != nil {
		return f, err
	}
	for _, v := range q["root"] {
		for r := range strings.SplitSeq(v, ",") {
			if r = strings.TrimSpace(r); r != "" {
				f.Roots = append(f.Roots, r)
			}
		}
	}
	if v := q.Get("quad"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 4 {
			return f, invalid("quad %q: want 1 to 4", v)
		}
		f.Quad = n
	}
	if v := q.Get("min_confidence"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || x < 0 || x > 1 {
			return f, invalid("min_confidence %q: want a number from 0 to 1", v)
		}
		f.MinConfidence = x
	}
	if v := q.Get("bbox"); v != "" {
		parts := strings.Split(v, ",")
		if len(parts) != 4 {
			return f, invalid("bbox %q: want minLon,minLat,maxLon,maxLat", v)
		}
		var xs [4]float64
		for i, p := range parts {
			x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return f, invalid("bbox %q: want four numbers", v)
			}
			xs[i] = x
		}
		f.BBox = &marsad.BBox{MinLon: xs[0], MinLat: xs[1], MaxLon: xs[2], MaxLat: xs[3]}
	}
	return f, nil
}
