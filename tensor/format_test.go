package tensor

import (
	"fmt"
	"strings"
	"testing"
)

func ExampleTensor_String() {
	t := FromSlice([]float64{1, -2.5, 3, 0.125, 4, 1e6}, 2, 3)
	fmt.Println(t)
	// Output:
	// Tensor [2 3]
	// [[    1  -2.5      3]
	//  [0.125     4  1e+06]]
}

// A large matrix is shortened to its corners; a 1-D tensor is one row; an
// empty one says so.
func TestStringShortened(t *testing.T) {
	big := New(100, 50)
	for i := range big.Data {
		big.Data[i] = float64(i)
	}
	s := big.String()
	lines := strings.Split(s, "\n")
	if len(lines) != 1+7 {
		t.Fatalf("%d lines, want 8:\n%s", len(lines), s)
	}
	for _, want := range []string{"Tensor [100 50]", "[[   0     1     2  …    47    48    49]", " …", "[4950  4951  4952  …  4997  4998  4999]]"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in\n%s", want, s)
		}
	}
	if s := FromSlice([]float64{1, 2}, 2).String(); s != "Tensor [2]\n[1  2]" {
		t.Errorf("1-D: %q", s)
	}
	if s := New(0, 3).String(); s != "Tensor [0 3]\n[]" {
		t.Errorf("empty: %q", s)
	}
	if s := New(2, 2, 2).String(); strings.Count(s, "\n") != 4 {
		t.Errorf("3-D as 4×2:\n%s", s)
	}
}
