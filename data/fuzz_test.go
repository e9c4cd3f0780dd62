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

// FuzzFeatures feeds ParseFeatures arbitrary text: rows of the model's
// width, or an error naming the file.
func FuzzFeatures(f *testing.F) {
	f.Add("a,b\n1,2\n", 2, "")
	f.Add("1,2,cat\n3,4,dog\n", 2, "y")
	f.Add("\uFEFF\"a\",\"y\",\"b\"\n1,x,2\n", 2, "y")
	f.Add("1\n", 0, "-1")
	f.Fuzz(func(t *testing.T, text string, dim int, label string) {
		if dim > 1000 {
			return
		}
		s, err := ParseFeatures("fuzz.csv", strings.NewReader(text), FeatureOptions{Dim: dim, Label: label, MaxLineBytes: 1 << 16})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if s.X.Rows() != len(s.Lines) || s.X.Cols() != dim || len(s.X.Data) != len(s.Lines)*dim {
			t.Fatalf("shape %v for %d lines", s.X.Shape, len(s.Lines))
		}
		if s.Labels != nil && len(s.Labels) != len(s.Lines) {
			t.Fatalf("%d labels for %d rows", len(s.Labels), len(s.Lines))
		}
	})
}

// FuzzImage feeds ParseImage (PNG and PGM) arbitrary bytes: a picture
// whose pixels are in [0, 1], or an error naming the file; and MNISTDigit
// gives 784 values in [0, 1] or ErrBlankImage.
func FuzzImage(f *testing.F) {
	f.Add([]byte("P5 2 2 255\n\x00\x10\xff\x80"))
	f.Add([]byte("P2\n# x\n3 1 7\n0 7 3"))
	f.Add([]byte("P5 2 1 65535\n\x00\x01\xff\xff"))
	var png bytes.Buffer
	pngEncodeGray(&png, 3, 2)
	f.Add(png.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		im, err := ParseImage("fuzz.img", b)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.img") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if im.W*im.H != len(im.Pix) || im.W < 1 || im.H < 1 {
			t.Fatalf("%d×%d with %d pixels", im.W, im.H, len(im.Pix))
		}
		px, err := im.MNISTDigit()
		if err != nil {
			return
		}
		if len(px) != 784 {
			t.Fatalf("%d values", len(px))
		}
		for _, v := range px {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("value %v", v)
			}
		}
	})
}
