// format.go: how a Tensor prints — a matrix row by row, its columns
// aligned, shortened with … past a few rows and columns, as numpy does.
// For reading at a glance, not for saving: nn's model files keep the bits.

package tensor

import (
	"fmt"
	"strconv"
	"strings"
)

// formatEdge is how many rows (or columns) are shown at each end of a
// shortened matrix; formatMax is the most shown in full.
const (
	formatEdge = 3
	formatMax  = 8
)

// String formats t with its shape on the first line, then its elements as
// a matrix, one row per line, each element to 4 significant digits (%.4g)
// and the columns aligned:
//
//	Tensor [2 3]
//	[[    1  -2.5     3]
//	 [0.125     4  1e+06]]
//
// Past 8 rows (or columns) only the first and last 3 are shown, with … in
// between. A 1-D tensor prints as one row, [1  2  3]; a tensor of more dimensions as
// the matrix of its last dimension against all the others.
func (t *Tensor) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Tensor %v\n", t.Shape)
	rows, cols := 1, len(t.Data)
	if n := len(t.Shape); n >= 2 {
		cols = t.Shape[n-1]
		rows = len(t.Data) / max(cols, 1)
	}
	if len(t.Data) == 0 {
		b.WriteString("[]")
		return b.String()
	}
	ri, ci := shown(rows), shown(cols)
	cells := make([][]string, len(ri))
	widths := make([]int, len(ci))
	for a, i := range ri {
		for c, j := range ci {
			s := "…"
			if i >= 0 && j >= 0 {
				s = strconv.FormatFloat(t.Data[i*cols+j], 'g', 4, 64)
			}
			cells[a] = append(cells[a], s)
			widths[c] = max(widths[c], len([]rune(s)))
		}
	}
	outer := len(t.Shape) >= 2 // a matrix has brackets around its rows
	if outer {
		b.WriteByte('[')
	}
	for a, i := range ri {
		if a > 0 {
			b.WriteString("\n ")
		}
		if i < 0 {
			b.WriteString("…")
			continue
		}
		b.WriteByte('[')
		for c, s := range cells[a] {
			if c > 0 {
				b.WriteString("  ")
			}
			b.WriteString(strings.Repeat(" ", widths[c]-len([]rune(s))))
			b.WriteString(s)
		}
		b.WriteByte(']')
	}
	if outer {
		b.WriteByte(']')
	}
	return b.String()
}

// shown returns the indices to show of n rows or columns: all of them, or
// the first and last formatEdge with −1 (for …) between.
func shown(n int) []int {
	var idx []int
	if n <= formatMax {
		for i := range n {
			idx = append(idx, i)
		}
		return idx
	}
	for i := range formatEdge {
		idx = append(idx, i)
	}
	idx = append(idx, -1)
	for i := n - formatEdge; i < n; i++ {
		idx = append(idx, i)
	}
	return idx
}
