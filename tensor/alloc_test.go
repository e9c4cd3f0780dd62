//go:build !textbook

package tensor

import "testing"

// A tensor large enough for huge pages is zero, whole and writable, and
// adviseHuge takes any slice, aligned or not, empty or smaller than a page.
func TestNewHuge(t *testing.T) {
	x := New(hugeMin/8+5, 1)
	for i, v := range x.Data {
		if v != 0 {
			t.Fatalf("element %d is %v, want 0", i, v)
		}
	}
	x.Data[len(x.Data)-1] = 3
	for _, d := range [][]float64{nil, make([]float64, 1), x.Data[1:], x.Data[3 : len(x.Data)-7]} {
		adviseHuge(d)
	}
	if x.Data[len(x.Data)-1] != 3 || x.Data[0] != 0 {
		t.Fatal("adviseHuge changed the data")
	}
}
