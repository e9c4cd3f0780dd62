package data

// bounds_test.go: the data side of issue 14: bounded reading, the CSV
// cases a newcomer hit, the in-place split, the overflow-safe scaler,
// unlabelled rows and pictures.

import (
	"crypto/rand"
	"math"
	mrand "math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dlgo/tensor"
)

func TestCSVBounds(t *testing.T) {
	// A line without end is refused at the bound, naming the line.
	_, err := ParseCSV("f.csv", strings.NewReader("a,b\n1,2\n"+strings.Repeat("1,", 600)), CSVOptions{MaxLineBytes: 1000})
	wantErr(t, err, "f.csv:3: line longer than 1000 bytes")
	// More values than allowed.
	_, err = ParseCSV("f.csv", strings.NewReader("1,2,0\n3,4,1\n5,6,0\n"), CSVOptions{MaxValues: 4})
	wantErr(t, err, "f.csv:3: more than 4 values")
	// A byte-order mark before a quoted header; a duplicated label name.
	s, err := ParseCSV("f.csv", strings.NewReader("\uFEFF\"x\",\"y\"\n1,0\n2,1\n"), CSVOptions{Label: "y"})
	if err != nil || !slices.Equal(s.Features, []string{"x"}) {
		t.Fatalf("BOM and quoted header: %v %v", s, err)
	}
	_, err = ParseCSV("f.csv", strings.NewReader("y,a,y\n1,2,0\n"), CSVOptions{Label: "y"})
	wantErr(t, err, `two columns "y" (columns 0 and 2`)
	// A label-first file read with the default label: a hint names it.
	_, err = ParseCSV("f.csv", strings.NewReader("species,a,b\nsetosa,1,0.5\n"), CSVOptions{})
	var ce *CSVError
	if !errorsAs(err, &ce) || ce.LabelHint != "species" {
		t.Errorf("label-first file: %v, hint %+v", err, ce)
	}
}

func errorsAs(err error, target **CSVError) bool {
	e, ok := err.(*CSVError)
	if ok {
		*target = e
	}
	return ok
}

// ParseCSV keeps one float64 per value, not the text: a file of 20 000
// rows of 20 columns leaves about its float64s live, not its strings.
func TestCSVMemory(t *testing.T) {
	var b strings.Builder
	rng := mrand.New(mrand.NewPCG(1, 1))
	for i := range 20000 {
		for range 20 {
			b.WriteString(strconv.FormatFloat(rng.Float64(), 'f', 6, 64))
			b.WriteByte(',')
		}
		b.WriteString([]string{"0", "1"}[i%2])
		b.WriteByte('\n')
	}
	text := b.String()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s, err := ParseCSV("m.csv", strings.NewReader(text), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	live := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	data := int64(8 * len(s.X.Data))
	if live > 2*data {
		t.Errorf("%d bytes live after parsing %d bytes of values", live, data)
	}
	runtime.KeepAlive(s)
}

// SplitInPlace gives the same sets as Split, without copies.
func TestSplitInPlace(t *testing.T) {
	rng := mrand.New(mrand.NewPCG(4, 4))
	s := &Set{X: tensor.New(101, 3), Labels: make([]int, 101), Classes: 5}
	for i := range 101 {
		for j := range 3 {
			s.X.Data[i*3+j] = rng.NormFloat64()
		}
		s.Labels[i] = rng.IntN(5)
	}
	a, b := Split(s, 0.3, mrand.New(mrand.NewPCG(9, 9)))
	c, d := SplitInPlace(s, 0.3, mrand.New(mrand.NewPCG(9, 9)))
	if !slices.Equal(a.X.Data, c.X.Data) || !slices.Equal(b.X.Data, d.X.Data) || !slices.Equal(a.Labels, c.Labels) || !slices.Equal(b.Labels, d.Labels) {
		t.Fatal("SplitInPlace differs from Split")
	}
	if &c.X.Data[0] != &s.X.Data[0] {
		t.Error("SplitInPlace copied")
	}
	// Appending to one part does not write into the other.
	c.Labels = append(c.Labels, 99)
	if d.Labels[0] == 99 {
		t.Error("the parts overlap")
	}
}

func TestScalerHuge(t *testing.T) {
	x := tensor.New(3, 2)
	copy(x.Data, []float64{1e308, 1, 1.2e308, 2, 1.1e308, 3})
	s := FitScaler(x)
	if math.IsInf(s.Mean[0], 0) || math.IsNaN(s.Std[0]) || math.Abs(s.Mean[0]-1.1e308) > 1e293 {
		t.Fatalf("mean %v std %v", s.Mean, s.Std)
	}
	if err := s.Transform(x); err != nil {
		t.Fatal(err)
	}
	y := tensor.New(4, 2)
	copy(y.Data, []float64{-1.7e308, 0, 1.7e308, 0, 1.7e308, 0, 1.7e308, 0})
	s = FitScaler(y)
	if err := s.Transform(y); err == nil || !strings.Contains(err.Error(), "column 1") || !strings.Contains(err.Error(), "overflows") {
		t.Errorf("x − mean of −2.55e308: %v", err)
	}
	wantErr(t, (&Scaler{Mean: []float64{0}, Std: []float64{1}}).Transform(tensor.New(1, 2)), "2 feature columns, the scaler was fitted on 1")
	wantErr(t, (&Scaler{Mean: []float64{0}, Std: []float64{0}}).Transform(tensor.New(1, 1)), "column 1")
}

// A gzip IDX file whose header claims far more than its stream holds:
// only what arrives is allocated, not the claim.
func TestIDXGzipShortStream(t *testing.T) {
	noise := make([]byte, 200<<10) // incompressible: the file is ~200 KiB
	rand.Read(noise)
	b := gzipBytes(idxBytes([]int{19 << 20}, noise)) // claims 19 MiB, under 100 times the file
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ParseIDX("short.gz", b)
	runtime.ReadMemStats(&after)
	wantErr(t, err, "short.gz", "file ends after")
	// A file of zeros whose header claims 1000 times its size.
	_, err = ParseIDX("zeros.gz", gzipBytes(idxBytes([]int{1000, 28, 28}, make([]byte, 784000))))
	wantErr(t, err, "zeros.gz", "more than 100 times this", "a file of zeros")
	if got := after.TotalAlloc - before.TotalAlloc; got > 8<<20 {
		t.Errorf("allocated %d MiB for a stream of 200 KiB", got>>20)
	}
}

func TestReadIDXNotRegular(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs /dev/zero")
	}
	_, err := ReadIDX("/dev/zero")
	wantErr(t, err, "/dev/zero: a device, not a regular file")
	dir := t.TempDir()
	p := writeFile(t, dir, "x.gz", gzipBytes(idxBytes([]int{3, 2}, []byte{1, 2, 3, 4, 5, 6})))
	dims, err := ReadIDXDims(p)
	if err != nil || !slices.Equal(dims, []int{3, 2}) {
		t.Errorf("ReadIDXDims: %v %v", dims, err)
	}
}

func TestParseFeatures(t *testing.T) {
	opt := FeatureOptions{Dim: 2, Label: "y", Features: []string{"a", "b"}}
	f, err := ParseFeatures("p.csv", strings.NewReader("a,b\n1,2\n3,4\n"), opt)
	if err != nil || !slices.Equal(f.X.Data, []float64{1, 2, 3, 4}) || !slices.Equal(f.Lines, []int{2, 3}) || f.Labels != nil {
		t.Fatalf("no label: %+v %v", f, err)
	}
	f, err = ParseFeatures("p.csv", strings.NewReader("a,y,b\n1,cat,2\n"), opt)
	if err != nil || !slices.Equal(f.X.Data, []float64{1, 2}) || !slices.Equal(f.Labels, []string{"cat"}) {
		t.Fatalf("label by name: %+v %v", f, err)
	}
	f, err = ParseFeatures("p.csv", strings.NewReader("1,2,dog\n"), FeatureOptions{Dim: 2})
	if err != nil || !slices.Equal(f.Labels, []string{"dog"}) {
		t.Fatalf("last column label: %+v %v", f, err)
	}
	_, err = ParseFeatures("p.csv", strings.NewReader("1,2,3,4\n"), opt)
	wantErr(t, err, "p.csv:1: 4 columns: the model takes 2 features")
	_, err = ParseFeatures("p.csv", strings.NewReader("c,d\n1,2\n"), opt)
	wantErr(t, err, "the header names the features c, d")
	_, err = ParseFeatures("p.csv", strings.NewReader("a,b\n"), opt)
	wantErr(t, err, "no data")
}

// A picture of a digit becomes an MNIST example: ink 1 on 0, fitted in
// 20×20, its centre of mass at the centre.
func TestMNISTDigit(t *testing.T) {
	// A 300×200 white page with a dark 60×120 block off to one side.
	im := &Image{W: 300, H: 200, Pix: make([]float64, 300*200)}
	for i := range im.Pix {
		im.Pix[i] = 1
	}
	for y := 20; y < 140; y++ {
		for x := 200; x < 260; x++ {
			im.Pix[y*300+x] = 0
		}
	}
	px, err := im.MNISTDigit()
	if err != nil {
		t.Fatal(err)
	}
	var mass, mx, my float64
	rows, cols := map[int]bool{}, map[int]bool{}
	for y := range 28 {
		for x := range 28 {
			v := px[y*28+x]
			if v < 0 || v > 1 {
				t.Fatalf("pixel %v", v)
			}
			if v > 0.5 {
				rows[y], cols[x] = true, true
			}
			mass += v
			mx += v * (float64(x) + 0.5)
			my += v * (float64(y) + 0.5)
		}
	}
	if len(rows) != 20 || len(cols) != 10 {
		t.Errorf("ink box %d rows × %d columns, want 20 × 10", len(rows), len(cols))
	}
	if math.Abs(mx/mass-14) > 0.5 || math.Abs(my/mass-14) > 0.5 {
		t.Errorf("centre of mass (%.2f, %.2f), want (14, 14)", mx/mass, my/mass)
	}
	if _, err := (&Image{W: 3, H: 3, Pix: make([]float64, 9)}).MNISTDigit(); err != ErrBlankImage {
		t.Errorf("blank: %v", err)
	}
}

func TestParsePGM(t *testing.T) {
	im, err := ParsePGM("a.pgm", []byte("P5\n# c\n2 2\n65535\n\x00\x00\xff\xff\x80\x00\x00\x01"))
	if err != nil || im.W != 2 || im.Pix[1] != 1 || im.Pix[0] != 0 {
		t.Fatalf("16-bit P5: %+v %v", im, err)
	}
	for _, tc := range []struct{ in, want string }{
		{"P5 2 2 255\n\x00", "1 bytes of samples for 2×2"},
		{"P2 2 2 10\n1 2 3 11", "sample 3 is 11, over the maximum 10"},
		{"P2 2 2 10\n1 2 3", "file ends before the sample 3"},
		{"P5 0 2 255\n", "0×2 pixels"},
		{"P5 2 2 0\n", "maximum value 0"},
		{"P5 x", "width: want a number"},
		{"P7", "not a PGM"},
	} {
		_, err := ParsePGM("a.pgm", []byte(tc.in))
		wantErr(t, err, "a.pgm", tc.want)
	}
	_, err = ParseImage("a.gif", []byte("GIF89a"))
	wantErr(t, err, "not a PNG or PGM")
}
