package data

import (
	"slices"
	"strings"
	"testing"
)

func parse(t *testing.T, text string, opt CSVOptions) (*Set, error) {
	t.Helper()
	return ParseCSV("f.csv", strings.NewReader(text), opt)
}

func TestCSVHeaderAndLabel(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		opt        CSVOptions
		features   []string
		x          []float64
		labels     []int
		classes    []string
	}{
		{"no header, last column", "1,2,0\n3,4,1\n5,6,1\n", CSVOptions{},
			nil, []float64{1, 2, 3, 4, 5, 6}, []int{0, 1, 1}, []string{"0", "1"}},
		{"header, by name", "a, label ,b\n1,1,2\n3,0,4\n", CSVOptions{Label: "label"},
			[]string{"a", "b"}, []float64{1, 2, 3, 4}, []int{1, 0}, []string{"0", "1"}},
		{"header, by index", "y,a,b\n2,1,2\n10,3,4\n", CSVOptions{Label: "0"},
			[]string{"a", "b"}, []float64{1, 2, 3, 4}, []int{0, 1}, []string{"2", "10"}},
		{"negative index", "7,1,2\n8,3,4\n", CSVOptions{Label: "-3"},
			nil, []float64{1, 2, 3, 4}, []int{0, 1}, []string{"7", "8"}},
		{"word labels, no header", "5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,setosa\n", CSVOptions{},
			nil, []float64{5.1, 3.5, 7, 3.2, 6.3, 3.3}, []int{0, 1, 0}, []string{"setosa", "versicolor"}},
		{"word labels, header", "sl,sw,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n", CSVOptions{},
			[]string{"sl", "sw"}, []float64{5.1, 3.5, 7, 3.2}, []int{0, 1}, []string{"setosa", "versicolor"}},
		{"canonical integers", "1,01\n2,1.0\n3,2\n", CSVOptions{},
			nil, []float64{1, 2, 3}, []int{0, 0, 1}, []string{"1", "2"}},
		{"fixed classes", "1,b\n2,b\n", CSVOptions{Classes: []string{"a", "b"}},
			nil, []float64{1, 2}, []int{1, 1}, []string{"a", "b"}},
		{"byte-order mark", "\uFEFFx,y\n1,0\n2,1\n", CSVOptions{},
			[]string{"x"}, []float64{1, 2}, []int{0, 1}, []string{"0", "1"}},
	} {
		s, err := parse(t, tc.text, tc.opt)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !slices.Equal(s.Features, tc.features) || !slices.Equal(s.X.Data, tc.x) ||
			!slices.Equal(s.Labels, tc.labels) || !slices.Equal(s.ClassNames, tc.classes) {
			t.Errorf("%s: features %q x %v labels %v classes %q", tc.name, s.Features, s.X.Data, s.Labels, s.ClassNames)
		}
		if s.Classes != max(len(tc.classes), 2) || s.X.Rows() != len(tc.labels) {
			t.Errorf("%s: %d classes, shape %v", tc.name, s.Classes, s.X.Shape)
		}
	}
}

func TestCSVErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		opt        CSVOptions
		want       []string
	}{
		{"bad cell", "a,b,y\n1,2,0\n3,x4,1\n", CSVOptions{}, []string{"f.csv:3:", `column 2 ("b")`, `"x4" is not a finite number`}},
		{"bad cell, no header", "1,2,0\n\n3,4,1\n5,,1\n", CSVOptions{}, []string{"f.csv:4:", "column 2", `"" is not a finite number`}},
		{"NaN cell", "1,2,0\nNaN,4,1\n", CSVOptions{}, []string{"f.csv:2:", "column 1", "NaN"}},
		{"ragged", "1,2,0\n3,4\n", CSVOptions{}, []string{"f.csv", "line 2", "wrong number of fields"}},
		{"empty", "", CSVOptions{}, []string{"f.csv: no rows"}},
		{"header only", "a,b\n", CSVOptions{}, []string{"header row and no data"}},
		{"one column", "1\n2\n", CSVOptions{}, []string{"f.csv:1:", "at least one feature"}},
		{"unknown name", "a,b\n1,2\n", CSVOptions{Label: "c"}, []string{`no column named "c"`, "a, b"}},
		{"name without header", "1,2\n3,4\n", CSVOptions{Label: "c"}, []string{"no header row"}},
		{"index out of range", "1,2\n3,4\n", CSVOptions{Label: "2"}, []string{"out of range", "2 columns"}},
		{"regression target", "a,y\n1,0.5\n2,1.5\n", CSVOptions{}, []string{"f.csv:2:", `column 2 ("y")`, "not an integer"}},
		{"empty label", "1,a\n2,\n", CSVOptions{}, []string{"f.csv:2:", "empty label"}},
		{"unknown class", "1,a\n2,c\n", CSVOptions{Classes: []string{"a", "b"}}, []string{"f.csv:2:", `label "c" is not one of`}},
		{"quote", "1,\"2\n", CSVOptions{}, []string{"f.csv", "line 1"}},
	} {
		_, err := parse(t, tc.text, tc.opt)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tc.name, err, w)
			}
		}
	}
}

func TestReadCSVFile(t *testing.T) {
	p := writeFile(t, t.TempDir(), "iris.csv", []byte("a,b,y\n1,2,0\n3,oops,1\n"))
	_, err := ReadCSV(p, CSVOptions{})
	wantErr(t, err, p+":3:", "column 2")
	_, err = ReadCSV(p+".missing", CSVOptions{})
	wantErr(t, err, "iris.csv.missing")
}

func TestScaler(t *testing.T) {
	s, _ := parse(t, "1,10,5,0\n3,30,5,1\n", CSVOptions{})
	sc := FitScaler(s.X)
	if !slices.Equal(sc.Mean, []float64{2, 20, 5}) || !slices.Equal(sc.Std, []float64{1, 10, 1}) {
		t.Fatalf("mean %v std %v", sc.Mean, sc.Std)
	}
	sc.Apply(s.X)
	if !slices.Equal(s.X.Data, []float64{-1, -1, 0, 1, 1, 0}) {
		t.Errorf("standardised %v", s.X.Data)
	}
	// The test set is scaled with the training set's statistics.
	test, _ := parse(t, "2,40,6,0\n", CSVOptions{})
	sc.Apply(test.X)
	if !slices.Equal(test.X.Data, []float64{0, 2, 1}) {
		t.Errorf("test standardised %v", test.X.Data)
	}
}
