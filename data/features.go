package data

// features.go: unlabelled rows for prediction, a CSV file of feature
// columns with or without the label column a model was trained with.
// Whether the label column is there is told by the number of columns; a
// header row, if any, is checked against the training header. The same
// bounds as ReadCSV (line length, number of values); not a labelled set.

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"dlgo/tensor"
)

// FeatureOptions says what rows a model takes.
type FeatureOptions struct {
	// Dim is the number of features the model takes.
	Dim int
	// Label is the label column as the model was trained with it
	// (CSVOptions.Label); it is skipped when a row has Dim+1 columns.
	Label string
	// Features, when set, names the feature columns the model was trained
	// on: a header row must name the same ones, in the same order.
	Features []string
	// MaxLineBytes and MaxValues bound the input as in CSVOptions.
	MaxLineBytes, MaxValues int
}

// Features is rows of features read for prediction.
type Features struct {
	X *tensor.Tensor // rows × Dim
	// Lines holds the line each row is on, for messages.
	Lines []int
	// Labels holds the label column's cells when there was one, else nil.
	Labels []string
}

// ParseFeatures reads CSV text from r as rows of opt.Dim features; name is
// used in errors, which give the line and column of a bad cell.
func ParseFeatures(name string, r io.Reader, opt FeatureOptions) (*Features, error) {
	if opt.Dim < 1 {
		return nil, &CSVError{name, 0, fmt.Sprintf("a model of %d features", opt.Dim), ""}
	}
	rows, err := newRowReader(name, r, opt.MaxLineBytes)
	if err != nil {
		return nil, err
	}
	first := trimAll(rows.first)
	ncol := len(first)
	label := -1
	switch ncol {
	case opt.Dim:
	case opt.Dim + 1:
		// The label column: by name (found in a header), by index, or
		// the last.
		label = ncol - 1
		if opt.Label != "" {
			if i, err := strconv.Atoi(opt.Label); err == nil {
				if i < 0 {
					i += ncol
				}
				if i >= 0 && i < ncol {
					label = i
				}
			} else if i := slices.Index(first, opt.Label); i >= 0 {
				label = i
			}
		}
	default:
		return nil, &CSVError{name, rows.firstLine, fmt.Sprintf("%d columns: the model takes %d features (or %d columns with the label)", ncol, opt.Dim, opt.Dim+1), ""}
	}
	// A header: a word in a feature column.
	header := false
	for c, cell := range first {
		if c != label && !isNumber(cell) {
			header = true
		}
	}
	if header && opt.Features != nil {
		got := slices.Delete(slices.Clone(first), max(label, 0), max(label+1, 0))
		if label < 0 {
			got = first
		}
		if !slices.Equal(got, opt.Features) {
			return nil, &CSVError{name, rows.firstLine, fmt.Sprintf("the header names the features %s; the model was trained on %s",
				strings.Join(got, ", "), strings.Join(opt.Features, ", ")), ""}
		}
	}
	maxValues := opt.MaxValues
	if maxValues <= 0 {
		maxValues = DefaultMaxValues
	}
	f := &Features{}
	var x []float64
	add := func(rec []string, line int) error {
		if len(rec) != ncol {
			return &CSVError{name, line, fmt.Sprintf("%d columns, the first row has %d", len(rec), ncol), ""}
		}
		if len(x)+opt.Dim > maxValues {
			return &CSVError{name, line, fmt.Sprintf("more than %d values: larger than this run may hold in memory", maxValues), ""}
		}
		for c, cell := range rec {
			cell = strings.TrimSpace(cell)
			if c == label {
				f.Labels = append(f.Labels, cell)
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return &CSVError{name, line, fmt.Sprintf("column %d: %q is not a finite number", c+1, cell), ""}
			}
			x = append(x, v)
		}
		f.Lines = append(f.Lines, line)
		return nil
	}
	if !header {
		if err := add(rows.first, rows.firstLine); err != nil {
			return nil, err
		}
	}
	if rows.second != nil {
		if err := add(rows.second, rows.secondLine); err != nil {
			return nil, err
		}
	}
	for {
		rec, line, err := rows.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := add(rec, line); err != nil {
			return nil, err
		}
	}
	if len(f.Lines) == 0 {
		return nil, &CSVError{name, 0, "a header row and no data", ""}
	}
	f.X = &tensor.Tensor{Shape: []int{len(f.Lines), opt.Dim}, Data: x}
	return f, nil
}
