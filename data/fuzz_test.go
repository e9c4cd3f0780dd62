package data

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzIDX feeds ParseIDX arbitrary bytes: it must return a file or an
// error, never panic, and never allocate for more elements than the input
// could hold (a header claiming gigabytes in a few bytes is refused first).
func FuzzIDX(f *testing.F) {
	good := idxBytes([]int{2, 2, 2}, []byte{1, 2, 3, 4, 5, 6, 7, 8})
	f.Add(good)
	f.Add(gzipBytes(good))
	f.Add(good[:10])
	f.Add(idxBytes([]int{1 << 31, 1 << 31}, nil))
	f.Add(gzipBytes(idxBytes([]int{1 << 20}, nil)))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := ParseIDX("fuzz", b)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz: ") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		n := 1
		for _, d := range x.Dims {
			n *= d
		}
		if n != len(x.Data) {
			t.Errorf("dims %v with %d elements", x.Dims, len(x.Data))
		}
		if !bytes.HasPrefix(b, gzipMagic) && len(b) != 4+4*len(x.Dims)+n {
			t.Errorf("raw file of %d bytes decoded as dims %v", len(b), x.Dims)
		}
	})
}

// FuzzCSV feeds ParseCSV arbitrary text: it must return a set or an error
// naming the file, never panic, and a set must be consistent.
func FuzzCSV(f *testing.F) {
	f.Add("a,b,y\n1,2,0\n3,4,1\n", "")
	f.Add("1,2,setosa\n3,4,virginica\n", "-1")
	f.Add("x,y\n1,0.5\n", "y")
	f.Add("\"1,2\n", "0")
	f.Add("1,,2\n", "7")
	f.Fuzz(func(t *testing.T, text, label string) {
		s, err := ParseCSV("fuzz.csv", strings.NewReader(text), CSVOptions{Label: label})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if s.X.Rows() != s.Len() || s.Len() == 0 || s.Dim() < 1 {
			t.Fatalf("set of shape %v with %d labels", s.X.Shape, s.Len())
		}
		for _, l := range s.Labels {
			if l < 0 || l >= s.Classes {
				t.Fatalf("label %d of %d classes", l, s.Classes)
			}
		}
	})
}
