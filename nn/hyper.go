// hyper.go: the checks every optimizer makes of its settings before a step,
// so that a typo is a clear panic rather than a model that silently does
// not learn.

package nn

import (
	"fmt"
	"math"
)

// orDefault returns v, or def when v is zero (an unset literal field).
func orDefault(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// checkRate panics unless v, opt's field, is finite and not negative,
// showing how to set it with example.
func checkRate(opt, field string, v float64, example string) {
	if !(v >= 0) || math.IsInf(v, 0) {
		panic(fmt.Sprintf("nn.%s.Step: %s = %v: it must be finite and not negative (for example %s)", opt, field, v, example))
	}
}

// checkBeta panics unless v, opt's field, is in [0, 1), naming the
// constructor that sets the usual value.
func checkBeta(opt, field string, v float64, constructor string) {
	if !(v >= 0 && v < 1) {
		panic(fmt.Sprintf("nn.%s.Step: %s = %v: it must be in [0, 1) (%s sets the usual value)", opt, field, v, constructor))
	}
}
