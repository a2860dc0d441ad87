package sqlq

import (
	"reflect"
	"testing"

	"github.com/marsad-project/marsad"
)

// fakeRows serves rows of values to Scan.
type fakeRows struct {
	rows [][]any
	i    int
}

func (r *fakeRows) Next() bool { r.i++; return r.i <= len(r.rows) }
func (r *fakeRows) Err() error { return nil }
func (r *fakeRows) Scan(dest ...any) error {
	for k, v := range r.rows[r.i-1] {
		reflect.ValueOf(dest[k]).Elem().Set(reflect.ValueOf(v))
	}
	return nil
}

func TestReadBuckets(t *testing.T) {
	rows := func() *fakeRows {
		return &fakeRows{rows: [][]any{{"IRQ", 4, 2}, {"IRN", 1, 1}, {"IRN", 4, 3}, {"SYR", 0, 5}}}
	}
	got, err := ReadBuckets(rows(), "country")
	if err != nil {
		t.Fatal(err)
	}
	want := []marsad.StatBucket{
		{Key: "SYR", Count: 5, Quad: map[string]int{}},
		{Key: "IRN", Count: 4, Quad: map[string]int{"1": 1, "4": 3}},
		{Key: "IRQ", Count: 2, Quad: map[string]int{"4": 2}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("by country: %+v, want %+v", got, want)
	}
	got, _ = ReadBuckets(rows(), "day")
	if got[0].Key != "IRN" || got[2].Key != "SYR" {
		t.Errorf("by day (key order): %+v", got)
	}
}

func TestReadNetwork(t *testing.T) {
	rows := &fakeRows{rows: [][]any{
		{"kb:irgc", "country:IRQ", 3, -10.0, "IRN", "IRQ"},
		{"kb:irgc", "kb:pjak", 1, -10.0, "IRN", "KUR"},
	}}
	net, err := ReadNetwork(rows)
	if err != nil {
		t.Fatal(err)
	}
	want := []marsad.NetworkNode{
		{ID: "kb:irgc", Name: "kb:irgc", Country: "IRN", Count: 4},
		{ID: "country:IRQ", Name: "IRQ", Country: "IRQ", Count: 3},
		{ID: "kb:pjak", Name: "kb:pjak", Country: "KUR", Count: 1},
	}
	if !reflect.DeepEqual(net.Nodes, want) || len(net.Edges) != 2 {
		t.Errorf("nodes %+v, edges %d; want %+v, 2", net.Nodes, len(net.Edges), want)
	}
}
