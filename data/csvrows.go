package data

// csvrows.go: the records of a CSV stream, one at a time, for csv.go and
// features.go: a byte-order mark removed (it would stand before a quoted
// header's quote), lines bounded in length, the first two records kept for
// header detection, and errors that name the file and line. Not a parser of
// its own: encoding/csv does the quoting.

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
)

// rowReader reads the records of a CSV stream.
type rowReader struct {
	name                  string
	cr                    *csv.Reader
	first, second         []string // the first two records (second nil if none)
	firstLine, secondLine int
}

// newRowReader starts reading CSV text from r, returning an error if it
// holds no record.
func newRowReader(name string, r io.Reader, maxLine int) (*rowReader, error) {
	if maxLine <= 0 {
		maxLine = DefaultMaxLineBytes
	}
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(&lineLimit{r: br, max: maxLine, name: name, line: 1})
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	rr := &rowReader{name: name, cr: cr}
	rec, line, err := rr.next()
	if errors.Is(err, io.EOF) {
		return nil, &CSVError{name, 0, "no rows", ""}
	}
	if err != nil {
		return nil, err
	}
	rr.first, rr.firstLine = slices.Clone(rec), line
	rec, line, err = rr.next()
	switch {
	case err == nil:
		rr.second, rr.secondLine = slices.Clone(rec), line
	case !errors.Is(err, io.EOF):
		return nil, err
	}
	return rr, nil
}

// next returns the next record (valid until the following call) and the
// line it starts on, or io.EOF.
func (rr *rowReader) next() ([]string, int, error) {
	rec, err := rr.cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		var le *lineTooLong
		if errors.As(err, &le) {
			return nil, 0, &CSVError{rr.name, le.line, le.Error(), ""}
		}
		return nil, 0, fmt.Errorf("%s: %w", rr.name, err)
	}
	line, _ := rr.cr.FieldPos(0)
	return rec, line, nil
}

// offset returns how many bytes of input the records read so far took.
func (rr *rowReader) offset() int64 { return rr.cr.InputOffset() }

// lineTooLong is the error of a line longer than the bound.
type lineTooLong struct{ line, max int }

func (e *lineTooLong) Error() string {
	return fmt.Sprintf("line longer than %d bytes: not a CSV file of numbers, or a row too wide", e.max)
}

// lineLimit passes bytes through, failing once a line grows past max.
type lineLimit struct {
	r    io.Reader
	max  int
	name string
	line int // current line, 1-based
	cur  int // bytes in it so far
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			l.line++
			l.cur = 0
			continue
		}
		if l.cur++; l.cur > l.max {
			return i, &lineTooLong{l.line, l.max}
		}
	}
	return n, err
}
