package keyfilter

import (
	"strconv"
	"testing"
)

func TestFilter(t *testing.T) {
	f := New(10000)
	for i := range 10000 {
		f.Add("k" + strconv.Itoa(i))
	}
	for i := range 10000 {
		if !f.Has("k" + strconv.Itoa(i)) {
			t.Fatalf("k%d added but not found", i)
		}
	}
	wrong := 0
	for i := range 100000 {
		if f.Has("x" + strconv.Itoa(i)) {
			wrong++
		}
	}
	if wrong > 10000 { // about 5% expected
		t.Errorf("%d of 100000 absent keys said present", wrong)
	}
	var none *Filter
	if !none.Has("anything") {
		t.Error("nil filter must hold everything")
	}
	small := New(0)
	if small.Has("a") {
		t.Error("empty filter holds a")
	}
}
