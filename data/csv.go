package data

// csv.go: a numeric CSV file with one label column, as a Set.
//
// Every column but the label is a feature and must hold finite numbers.
// The label column holds class names: integers ("0", "1", …) or words
// ("setosa", …). A first row that names the columns is recognised and
// skipped. Regression targets (non-integer numbers) are refused: dlgo
// trains classifiers.

import (
	"bufio"
	"cmp"
	"encoding/csv"
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
}

// maxCSVClasses bounds the number of distinct labels: more than this is
// almost surely a column of measurements picked as the label by mistake.
const maxCSVClasses = 1000

// ReadCSV reads the CSV file at path as a Set (see CSVOptions).
func ReadCSV(path string, opt CSVOptions) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseCSV(path, bufio.NewReader(f), opt)
}

// ParseCSV reads CSV text from r as a Set; name is the file name used in
// errors, which give the line and column of a bad cell.
func ParseCSV(name string, r io.Reader, opt CSVOptions) (*Set, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = false
	var rows [][]string
	var lines []int // the line each row starts on, for errors
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows", name)
	}
	rows[0][0] = strings.TrimPrefix(rows[0][0], "\uFEFF") // a byte-order mark
	ncol := len(rows[0])
	if ncol < 2 {
		return nil, fmt.Errorf("%s:%d: %d column: want at least one feature and a label", name, lines[0], ncol)
	}

	var header []string
	if isHeader(rows, opt.Label) {
		header = trimAll(rows[0])
		rows, lines = rows[1:], lines[1:]
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: a header row and no data", name)
	}
	label, err := labelColumn(opt.Label, header, ncol)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	colName := func(c int) string {
		if header != nil {
			return fmt.Sprintf("column %d (%q)", c+1, header[c])
		}
		return fmt.Sprintf("column %d", c+1)
	}

	s := &Set{Name: name, X: tensor.New(len(rows), ncol-1), Labels: make([]int, len(rows))}
	if header != nil {
		s.Features = slices.Delete(slices.Clone(header), label, label+1)
	}
	raw := make([]string, len(rows))
	for i, rec := range rows {
		x := s.X.Row(i)
		j := 0
		for c, cell := range rec {
			cell = strings.TrimSpace(cell)
			if c == label {
				raw[i] = cell
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, fmt.Errorf("%s:%d: %s: %q is not a finite number", name, lines[i], colName(c), cell)
			}
			x[j] = v
			j++
		}
	}
	if err := s.setLabels(raw, opt.Classes); err != nil {
		return nil, fmt.Errorf("%s:%d: %s: %w", name, lines[labelErrRow(err)], colName(label), err)
	}
	return s, nil
}

// isHeader reports whether the first row names the columns: it holds the
// label name asked for, or a non-number in a column whose next cell is a
// number. (A word in the label column alone is a class name, not a header.)
func isHeader(rows [][]string, label string) bool {
	first := trimAll(rows[0])
	if _, err := strconv.Atoi(label); label != "" && err != nil && slices.Contains(first, label) {
		return true
	}
	for c, cell := range first {
		if isNumber(cell) {
			continue
		}
		if len(rows) == 1 || c >= len(rows[1]) || isNumber(strings.TrimSpace(rows[1][c])) {
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
	if i := slices.Index(header, label); i >= 0 {
		return i, nil
	}
	return 0, fmt.Errorf("no column named %q in the header (%s)", label, strings.Join(header, ", "))
}

// labelError is a bad label, with the row it is on.
type labelError struct {
	row int
	msg string
}

func (e *labelError) Error() string { return e.msg }

func labelErrRow(err error) int {
	var le *labelError
	if errors.As(err, &le) {
		return le.row
	}
	return 0
}

// setLabels turns the label cells into class indices: into classes when
// given, else into the sorted distinct labels.
func (s *Set) setLabels(raw []string, classes []string) error {
	// Integer labels are written canonically, so that "1" and "01" (or
	// "1.0") are the same class.
	allInts := true
	for i, v := range raw {
		if v == "" {
			return &labelError{i, "empty label"}
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			allInts = false
			continue
		}
		if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return &labelError{i, fmt.Sprintf("label %q is not an integer or a word: dlgo trains classifiers, not regression", v)}
		}
		raw[i] = strconv.FormatFloat(f, 'f', -1, 64)
	}
	if classes == nil {
		classes = slices.Clone(raw)
		if allInts {
			slices.SortFunc(classes, func(a, b string) int {
				x, _ := strconv.ParseFloat(a, 64)
				y, _ := strconv.ParseFloat(b, 64)
				return cmp.Compare(x, y)
			})
		} else {
			slices.Sort(classes)
		}
		classes = slices.Compact(classes)
		if len(classes) > maxCSVClasses {
			return &labelError{0, fmt.Sprintf("%d distinct labels, more than %d: is this the label column?", len(classes), maxCSVClasses)}
		}
	}
	index := make(map[string]int, len(classes))
	for c, name := range classes {
		index[name] = c
	}
	for i, v := range raw {
		c, ok := index[v]
		if !ok {
			return &labelError{i, fmt.Sprintf("label %q is not one of the classes %v", v, classes)}
		}
		s.Labels[i] = c
	}
	s.Classes = max(len(classes), 2)
	s.ClassNames = classes
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
