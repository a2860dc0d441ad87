package sqlq

import (
	"sort"
	"strconv"
	"strings"

	"github.com/marsad-project/marsad"
)

// Rows is what a query gives back in database/sql and in pgx alike.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

var statKeys = map[string]string{
	"day":     "e.date",
	"country": "CASE WHEN e.loc_country <> '' THEN e.loc_country ELSE e.source_country END",
	"root":    "e.root",
	"quad":    "CAST(e.quad AS TEXT)",
	"outlet":  "e.outlet",
}

// StatsQuery returns the query that counts the events of w (over the tables of from, the
// events aliased e) by bucket key and quad class; ReadBuckets reads its rows.
func StatsQuery(op, by, from string, w *Where) (string, error) {
	key, ok := statKeys[by]
	if !ok {
		return "", marsad.Errorf(op, marsad.Invalid, "stats by %q: want day, country, root, quad or outlet", by)
	}
	return `SELECT ` + key + `, e.quad, count(*)` + from + w.SQL() + ` GROUP BY 1, 2`, nil
}

// ReadBuckets reads StatsQuery's rows into buckets: by day or quad in key order, the
// others by count.
func ReadBuckets(rows Rows, by string) ([]marsad.StatBucket, error) {
	idx := map[string]int{}
	out := []marsad.StatBucket{}
	for rows.Next() {
		var k string
		var quad, n int
		if err := rows.Scan(&k, &quad, &n); err != nil {
			return nil, err
		}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, marsad.StatBucket{Key: k, Quad: map[string]int{}})
		}
		out[i].Count += n
		if quad >= 1 && quad <= 4 {
			out[i].Quad[strconv.Itoa(quad)] += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if by == "day" || by == "quad" {
			return out[i].Key < out[j].Key
		}
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// countryNode prefixes the node of an actor known by its country only.
const countryNode = "country:"

// NetworkQuery returns the query of the actor graph of the events of w and its
// arguments: actors are entity keys, or "country:XXX" for actors known by their country
// only; the f.Limit (default 200) heaviest edges are kept. ReadNetwork reads its rows.
func NetworkQuery(op, from string, f marsad.EventFilter, w *Where) (string, []any, error) {
	limit := f.Limit
	if limit == 0 {
		limit = 200
	}
	if limit < 0 || limit > marsad.MaxLimit {
		return "", nil, marsad.Errorf(op, marsad.Invalid, "limit %d: want 1 to %d", limit, marsad.MaxLimit)
	}
	node := func(side string) string {
		return `CASE WHEN e.` + side + `_key <> '' THEN e.` + side + `_key WHEN e.` + side + `_country <> '' THEN '` + countryNode + `' || e.` + side + `_country ELSE '' END`
	}
	w.Add(node("source") + " <> ''")
	w.Add(node("target") + " <> ''")
	q := `SELECT ` + node("source") + `, ` + node("target") + `, count(*), avg(e.goldstein),
		max(e.source_country), max(e.target_country)` + from + w.SQL() + ` GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?`
	return q, append(w.Args, limit), nil
}

// ReadNetwork reads NetworkQuery's rows into the graph, nodes in the order first seen.
// A node is named by its id, a country node by its country code; the caller gives the
// entity nodes their names from its entities.
func ReadNetwork(rows Rows) (*marsad.Network, error) {
	net := &marsad.Network{Nodes: []marsad.NetworkNode{}, Edges: []marsad.NetworkEdge{}}
	idx := map[string]int{}
	addNode := func(id, country string, n int) {
		i, ok := idx[id]
		if !ok {
			i = len(net.Nodes)
			idx[id] = i
			name := id
			if code, ok := strings.CutPrefix(id, countryNode); ok && code != "" {
				name = code
			}
			net.Nodes = append(net.Nodes, marsad.NetworkNode{ID: id, Name: name, Country: country})
		}
		net.Nodes[i].Count += n
	}
	for rows.Next() {
		var e marsad.NetworkEdge
		var sc, tc string
		if err := rows.Scan(&e.Source, &e.Target, &e.Count, &e.Goldstein, &sc, &tc); err != nil {
			return nil, err
		}
		net.Edges = append(net.Edges, e)
		addNode(e.Source, sc, e.Count)
		addNode(e.Target, tc, e.Count)
	}
	return net, rows.Err()
}
