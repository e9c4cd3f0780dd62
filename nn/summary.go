// summary.go: what fmt.Println shows of a model — a Keras-style table of
// its layers with their output widths and parameter counts — and the short
// names of the layers in it.

package nn

import (
	"fmt"
	"strconv"
	"strings"
)

// String returns a summary of the model, one line per layer with its
// output width (the number of columns it gives per example; "?" until a
// Dense fixes it) and its number of parameters, then the total:
//
//	Sequential
//	  #  layer              output    params
//	  0  Dense(784 → 128)      128   100,480
//	  1  ReLU                  128         0
//	  2  Dense(128 → 10)        10     1,290
//	total params: 101,770
func (s *Sequential) String() string {
	var b strings.Builder
	b.WriteString("Sequential\n")
	rows := [][3]string{{"layer", "output", "params"}}
	width := -1
	total := 0
	for _, l := range s.Layers {
		width = outWidth(l, width)
		n := countParams(l)
		total += n
		w := "?"
		if width >= 0 {
			w = strconv.Itoa(width)
		}
		rows = append(rows, [3]string{layerName(l), w, thousands(n)})
	}
	var cols [3]int
	for _, r := range rows {
		for j, c := range r {
			cols[j] = max(cols[j], len([]rune(c)))
		}
	}
	num := len(strconv.Itoa(max(len(s.Layers)-1, 0)))
	for i, r := range rows {
		idx := "#"
		if i > 0 {
			idx = strconv.Itoa(i - 1)
		}
		fmt.Fprintf(&b, "  %*s  %s%s  %*s  %*s\n", num, idx, r[0],
			strings.Repeat(" ", cols[0]-len([]rune(r[0]))), cols[1], r[1], cols[2], r[2])
	}
	fmt.Fprintf(&b, "total params: %s", thousands(total))
	return b.String()
}

// layerName is how the summary names a layer: its String method if it has
// one, else its type's name.
func layerName(l Layer) string {
	switch l := l.(type) {
	case *Sequential:
		return fmt.Sprintf("Sequential (%d layers)", len(l.Layers))
	case fmt.Stringer:
		return l.String()
	}
	name := strings.TrimPrefix(fmt.Sprintf("%T", l), "*")
	return name[strings.LastIndex(name, ".")+1:] // without the package

}

// outWidth returns the width of l's output given the width of its input
// (−1 when unknown): a Dense's Out, a nested Sequential's last width, and
// the input's width for anything element-wise.
func outWidth(l Layer, in int) int {
	switch l := l.(type) {
	case *Dense:
		return l.Out()
	case *Sequential:
		for _, c := range l.Layers {
			in = outWidth(c, in)
		}
	}
	return in
}

// countParams is the number of parameters of l, all elements of all its
// Params.
func countParams(l Layer) int {
	n := 0
	for _, p := range l.Params() {
		n += len(p.Value.Data)
	}
	return n
}

// thousands formats n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// String returns "Dense(in → out)".
func (d *Dense) String() string { return fmt.Sprintf("Dense(%d → %d)", d.In(), d.Out()) }

// String returns "ReLU".
func (*ReLU) String() string { return "ReLU" }

// String returns "Tanh".
func (*Tanh) String() string { return "Tanh" }

// String returns "Sigmoid".
func (*Sigmoid) String() string { return "Sigmoid" }

// String returns "LeakyReLU(slope)".
func (a *LeakyReLU) String() string { return fmt.Sprintf("LeakyReLU(%g)", a.Slope) }

// String returns "Dropout(rate)".
func (d *Dropout) String() string { return fmt.Sprintf("Dropout(%g)", d.Rate) }
