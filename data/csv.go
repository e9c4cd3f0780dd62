package data

// csv.go: a numeric CSV file with one label column, as a Set.
//
// Every column but the label is a feature and must hold finite numbers.
// The label column holds class names: integers ("0", "1", …) or words
// ("setosa", …). A first row that names the columns is recognised and
// skipped. Regression targets (non-integer numbers) are refused: dlgo
// trains classifiers.
//
// The file is read one row at a time straight into the features' float64s
// (no copy of the text is kept), so that the peak memory is near the data's
// own size; a line longer than CSVOptions.MaxLineBytes (a file without
// newlines, /dev/zero) and more values than CSVOptions.MaxValues are
// refused as soon as they are met. Not a general CSV library: one header
// row at most, numbers only outside the label column.

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"dlgo/tensor"
)

// CSVOptions says how to read a CSV file. The zero value reads the last
// column as the label and finds the classes in the file.
type CSVOptions struct {
	// Label selects the label column: a name from the header row, or an
	// index counted from 0 (negative counts from the end: -1 is the last
	// column). Empty means the last column.
	Label string
	// Classes, when set, fixes the class names and their order, so that a
	// test file is labelled as the training file was; a label not among
	// them is an error. When nil, the classes are the distinct labels of the
	// file, sorted (by value for integers).
	Classes []string
	// MaxLineBytes bounds the length of one line; 0 means
	// DefaultMaxLineBytes.
	MaxLineBytes int
	// MaxValues bounds the number of feature values (rows × features), and
	// so the memory the features take (8 bytes each); 0 means
	// DefaultMaxValues.
	MaxValues int

	// sizeHint is the file's size when known (ReadCSV), to size the
	// features' storage from the bytes per row instead of doubling it.
	sizeHint int64
}

// The default bounds of a CSV file.
const (
	// DefaultMaxLineBytes is 4 MiB: a row of 200 000 features.
	DefaultMaxLineBytes = 4 << 20
	// DefaultMaxValues is 2^27 values, 1 GiB of float64.
	DefaultMaxValues = 1 << 27
)

// maxCSVClasses bounds the number of distinct labels: more than this is
// almost surely a column of measurements picked as the label by mistake.
const maxCSVClasses = 1000

// CSVError is an error in a CSV file, with where it is.
type CSVError struct {
	File string
	Line int    // 1-based; 0 when the error is about the whole file
	Msg  string // what is wrong
	// LabelHint, when not empty, names a column that looks like the label
	// (a column of words) when the label column was not given and the
	// default one did not fit: its header name, or its index.
	LabelHint string
}

// Error formats the error as "file:line: what is wrong".
func (e *CSVError) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// ReadCSV reads the CSV file at path as a Set (see CSVOptions).
func ReadCSV(path string, opt CSVOptions) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		opt.sizeHint = st.Size()
	}
	return ParseCSV(path, f, opt)
}

// ParseCSV reads CSV text from r as a Set; name is the file name used in
// errors, which give the line and column of a bad cell.
func ParseCSV(name string, r io.Reader, opt CSVOptions) (*Set, error) {
	rows, err := newRowReader(name, r, opt.MaxLineBytes)
	if err != nil {
		return nil, err
	}
	first, second := rows.first, rows.second
	ncol := len(first)
	if ncol < 2 {
		return nil, &CSVError{name, rows.firstLine, fmt.Sprintf("%d column: want at least one feature and a label", ncol), ""}
	}
	var header []string
	if isHeader(first, second, opt.Label) {
		header = trimAll(first)
	}
	label, err := labelColumn(opt.Label, header, ncol)
	if err != nil {
		return nil, &CSVError{name, 0, err.Error(), ""}
	}
	colName := func(c int) string {
		if header != nil {
			return fmt.Sprintf("column %d (%q)", c+1, header[c])
		}
		return fmt.Sprintf("column %d", c+1)
	}
	maxValues := opt.MaxValues
	if maxValues <= 0 {
		maxValues = DefaultMaxValues
	}

	s := &Set{Name: name, LabelColumn: label}
	if header != nil {
		s.Features = slices.Delete(slices.Clone(header), label, label+1)
	}
	lab := newLabeler(opt.Classes)
	var x []float64
	var firstData []string // the first data row, for hints
	add := func(rec []string, line int) error {
		if firstData == nil {
			firstData = trimAll(rec)
		}
		if len(x)+ncol-1 > maxValues {
			return &CSVError{name, line, fmt.Sprintf("more than %d values (%d MiB as float64): larger than this run may hold in memory", maxValues, maxValues>>17), ""}
		}
		if len(x)+ncol > cap(x) && opt.sizeHint > 0 {
			x = growForFile(x, ncol-1, len(lab.ids), rows.offset(), opt.sizeHint, maxValues)
		}
		for c, cell := range rec {
			cell = strings.TrimSpace(cell)
			if c == label {
				if err := lab.add(cell); err != nil {
					e := &CSVError{name, line, colName(label) + ": " + err.Error(), ""}
					if opt.Label == "" {
						e.LabelHint = wordColumn(firstData, header, label)
					}
					return e
				}
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				e := &CSVError{name, line, fmt.Sprintf("%s: %q is not a finite number", colName(c), cell), ""}
				if opt.Label == "" && err != nil {
					e.LabelHint = wordColumn(firstData, header, label)
				}
				return e
			}
			x = append(x, v)
		}
		return nil
	}
	if header == nil {
		if err := add(first, rows.firstLine); err != nil {
			return nil, err
		}
	}
	if second != nil {
		if err := add(second, rows.secondLine); err != nil {
			return nil, err
		}
	}
	for {
		rec, line, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := add(rec, line); err != nil {
			return nil, err
		}
	}
	n := len(lab.ids)
	if n == 0 {
		return nil, &CSVError{name, 0, "a header row and no data", ""}
	}
	s.X = &tensor.Tensor{Shape: []int{n, ncol - 1}, Data: x}
	if err := lab.finish(s); err != nil {
		return nil, &CSVError{name, 0, colName(label) + ": " + err.Error(), ""}
	}
	return s, nil
}

// growForFile grows x, the values of rows rows of d features read from the
// first offset bytes of a file of size bytes, to what the whole file will
// hold at that rate (and 5% more), so that the storage is allocated about
// once rather than doubled (twice the data, and a copy) as append would.
func growForFile(x []float64, d, rows int, offset, size int64, maxValues int) []float64 {
	want := len(x) + d
	if rows > 0 && offset > 0 {
		est := float64(size) / float64(offset) * float64(rows) * 1.05
		want = max(want, int(min(est*float64(d), float64(maxValues))))
	}
	want = max(want, min(2*cap(x), maxValues), len(x)+d)
	return slices.Grow(x, want-len(x))
}

// wordColumn names the first column other than skip whose cell in the
// first data row is a word, not a number: a likely label column. It
// returns its header name, or its index, or "" if there is none.
func wordColumn(row, header []string, skip int) string {
	for c, cell := range row {
		if c == skip || cell == "" || isNumber(cell) {
			continue
		}
		if header != nil && header[c] != "" {
			return header[c]
		}
		return strconv.Itoa(c)
	}
	return ""
}

// isHeader reports whether the first row names the columns: it holds the
// label name asked for, or a non-number in a column whose next cell is a
// number. (A word in the label column alone is a class name, not a header.)
func isHeader(first, second []string, label string) bool {
	first = trimAll(first)
	if _, err := strconv.Atoi(label); label != "" && err != nil && slices.Contains(first, label) {
		return true
	}
	for c, cell := range first {
		if isNumber(cell) {
			continue
		}
		if second == nil || c >= len(second) || isNumber(strings.TrimSpace(second[c])) {
			return true
		}
	}
	return false
}

// labelColumn resolves CSVOptions.Label to a column index.
func labelColumn(label string, header []string, ncol int) (int, error) {
	if label == "" {
		return ncol - 1, nil
	}
	if i, err := strconv.Atoi(label); err == nil {
		if i < 0 {
			i += ncol
		}
		if i < 0 || i >= ncol {
			return 0, fmt.Errorf("label column %s out of range: the file has %d columns (0 to %d)", label, ncol, ncol-1)
		}
		return i, nil
	}
	if header == nil {
		return 0, fmt.Errorf("label column %q: the file has no header row to find it by name; give an index", label)
	}
	i := slices.Index(header, label)
	if i < 0 {
		return 0, fmt.Errorf("no column named %q in the header (%s)", label, strings.Join(header, ", "))
	}
	if j := slices.Index(header[i+1:], label); j >= 0 {
		return 0, fmt.Errorf("the header names two columns %q (columns %d and %d, counted from 0): give the label column's index", label, i, i+1+j)
	}
	return i, nil
}

// labeler turns label cells into class indices as they are read, keeping
// one copy of each distinct label rather than one string per row.
type labeler struct {
	fixed   map[string]int // the given classes, when set
	classes []string       // the given classes, or the distinct labels in order of appearance
	seen    map[string]int // distinct label → index into classes (when not fixed)
	ids     []int32
	allInts bool
}

func newLabeler(classes []string) *labeler {
	l := &labeler{allInts: true}
	if classes != nil {
		l.fixed = make(map[string]int, len(classes))
		for c, name := range classes {
			l.fixed[name] = c
		}
		l.classes = classes
	} else {
		l.seen = map[string]int{}
	}
	return l
}

// add records the label of the next row. Integer labels are written
// canonically, so that "1" and "01" (or "1.0") are the same class.
func (l *labeler) add(v string) error {
	if v == "" {
		return errors.New("empty label")
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return fmt.Errorf("label %q is not an integer or a word: dlgo trains classifiers, not regression", v)
		}
		v = strconv.FormatFloat(f, 'f', -1, 64)
	} else {
		l.allInts = false
	}
	if l.fixed != nil {
		c, ok := l.fixed[v]
		if !ok {
			return fmt.Errorf("label %q is not one of the classes %v", v, l.classes)
		}
		l.ids = append(l.ids, int32(c))
		return nil
	}
	c, ok := l.seen[v]
	if !ok {
		if len(l.classes) == maxCSVClasses {
			return fmt.Errorf("more than %d distinct labels: is this the label column?", maxCSVClasses)
		}
		c = len(l.classes)
		l.seen[v] = c
		l.classes = append(l.classes, v)
	}
	l.ids = append(l.ids, int32(c))
	return nil
}

// finish sets s's labels and classes: the given classes, or the distinct
// labels sorted (by value when all are integers).
func (l *labeler) finish(s *Set) error {
	s.Labels = make([]int, len(l.ids))
	if l.fixed != nil {
		for i, c := range l.ids {
			s.Labels[i] = int(c)
		}
		s.Classes = max(len(l.classes), 2)
		s.ClassNames = l.classes
		return nil
	}
	sorted := slices.Clone(l.classes)
	if l.allInts {
		slices.SortFunc(sorted, func(a, b string) int {
			x, _ := strconv.ParseFloat(a, 64)
			y, _ := strconv.ParseFloat(b, 64)
			return cmp.Compare(x, y)
		})
	} else {
		slices.Sort(sorted)
	}
	rank := make([]int, len(l.classes)) // order of appearance → sorted index
	for i, name := range l.classes {
		rank[i], _ = slices.BinarySearchFunc(sorted, name, func(a, b string) int {
			if l.allInts {
				x, _ := strconv.ParseFloat(a, 64)
				y, _ := strconv.ParseFloat(b, 64)
				return cmp.Compare(x, y)
			}
			return strings.Compare(a, b)
		})
	}
	for i, c := range l.ids {
		s.Labels[i] = rank[c]
	}
	s.Classes = max(len(sorted), 2)
	s.ClassNames = sorted
	return nil
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func trimAll(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = strings.TrimSpace(c)
	}
	return out
}
