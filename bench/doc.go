// Package bench is dlgo's benchmark suite: matrix multiply against this
// CPU's peak and against gonum, and MLP training speed. The `dlgo bench`
// command drives it; `go test -bench . ./bench` runs the comparisons as
// standard Go benchmarks.
//
// It is the one package besides cmd/ that may depend on outside numerical
// code (gonum), as the yardstick, never as part of dlgo's own arithmetic.
package bench
