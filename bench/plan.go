package bench

// plan.go: fitting a run into a time budget. Each row gets an equal share
// of the budget; a path too slow to do a few products of a size within a
// reasonable share is left out at that size (as the naive loop always
// was), and the largest square sizes are dropped until every row gets a
// useful share — so the largest size follows what this machine does in
// the budget. The speed of each path comes from one small product timed
// at the start (calibrate). It does not measure rows: gemm.go does.

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Plan is how a run fitted its rows into its budget.
type Plan struct {
	BudgetSeconds float64 `json:"budget_s"`
	// RowSeconds is the measuring time first given to each row; the run
	// adjusts it as it goes, so that it ends near the budget.
	RowSeconds float64 `json:"row_s"`
	// Dropped are the square sizes left out; Skipped the path × size
	// pairs left out, each with the time one product would take.
	Dropped []string `json:"dropped,omitempty"`
	Skipped []string `json:"skipped,omitempty"`
}

// rowSpec is one row to measure.
type rowSpec struct {
	s       Shape
	trans   string
	threads int
	path    string
	minTime float64 // seconds: the fewest calls a row makes, estimated
	// paired: after its own measurement the row is timed again against
	// the blas path, alternately (pairedRatio), as long again.
	paired bool
}

// weight is how many rows' time the row takes: two when paired.
func (sp rowSpec) weight() float64 {
	if sp.paired {
		return 2
	}
	return 1
}

// Planning limits.
const (
	// minSamples is the fewest samples a row takes: enough for a median
	// and an interquartile range. A row whose products are too long for
	// that within its time takes bigSamples: a median, and the CPU time
	// received still judged.
	minSamples = 5
	bigSamples = 3
	// minCalls is the fewest calls a big row makes: the check, then
	// bigSamples samples of one call.
	minCalls = bigSamples + 1
	// minRowTime is the least measuring time worth giving a row.
	minRowTime = 0.2
	// slowShare: a row whose fewest calls take more than this share of the
	// budget is left out.
	slowShare = 1.0 / 15
)

// plan chooses which of specs to run within budget seconds, given each
// path's rate in GFLOP/s, and the measuring time per row. Specs must come
// in order of size within each shape, as gemmSpecs makes them.
func plan(specs []rowSpec, rate map[string]float64, budget float64) ([]rowSpec, Plan) {
	p := Plan{BudgetSeconds: budget}
	var keep []rowSpec
	var skipped []Shape
	skippedPaths := map[Shape][]string{}
	for _, sp := range specs {
		r := rate[sp.path]
		if r <= 0 {
			r = 1 // unknown: a naive loop's speed, a safe guess
		}
		sp.minTime = minCalls * sp.s.Flops() / (r * 1e9)
		if sp.minTime > slowShare*budget {
			if _, ok := skippedPaths[sp.s]; !ok {
				skipped = append(skipped, sp.s)
			}
			if !slices.Contains(skippedPaths[sp.s], sp.path) {
				skippedPaths[sp.s] = append(skippedPaths[sp.s], sp.path)
			}
			continue
		}
		keep = append(keep, sp)
	}
	for _, s := range skipped {
		p.Skipped = append(p.Skipped, fmt.Sprintf("%s on %s", strings.Join(skippedPaths[s], ", "), s))
	}
	for {
		p.RowSeconds = rowTime(keep, budget)
		if p.RowSeconds >= minRowTime {
			break
		}
		big := largestSquare(keep)
		if big <= 256 {
			p.RowSeconds = minRowTime // cannot fit: the run will overrun
			break
		}
		var k []rowSpec
		for _, sp := range keep {
			if !(sp.s.Square() && sp.s.M == big) {
				k = append(k, sp)
			}
		}
		keep = k
		p.Dropped = append(p.Dropped, Shape{big, big, big}.String())
		p.Skipped = slices.DeleteFunc(p.Skipped, func(s string) bool { return strings.HasSuffix(s, " on "+fmt.Sprint(big)) })
	}
	return keep, p
}

// rowTime is the equal share t of the budget such that the rows whose
// fewest calls take longer than t take that long, and the others take t.
func rowTime(specs []rowSpec, budget float64) float64 {
	if len(specs) == 0 {
		return budget
	}
	w := 0.0
	for _, sp := range specs {
		w += sp.weight()
	}
	t := budget / w
	for range 8 {
		over, n := 0.0, 0.0
		for _, sp := range specs {
			if sp.minTime > t {
				over += sp.weight() * sp.minTime
			} else {
				n += sp.weight()
			}
		}
		if n == 0 {
			return 0
		}
		t = (budget - over) / n
	}
	return t
}

func largestSquare(specs []rowSpec) int {
	big := 0
	for _, sp := range specs {
		if sp.s.Square() {
			big = max(big, sp.s.M)
		}
	}
	return big
}

// plannedTime is the time the rows are expected to take at row time t.
func plannedTime(specs []rowSpec, t float64) float64 {
	sum := 0.0
	for _, sp := range specs {
		sum += sp.weight() * max(t, sp.minTime)
	}
	return sum
}

// calibrate times one product of 192³ on each path at one thread (the
// naive loop 96³, gonum through gonumGemm) and returns GFLOP/s per path:
// the rates plan needs, in a few tens of milliseconds.
func calibrate(paths []string) map[string]float64 {
	rate := map[string]float64{}
	for _, path := range paths {
		n := 192
		if path == "naive" {
			n = 96
		}
		f, err := implFor(path)
		if err != nil {
			continue
		}
		o := newOperands(Shape{n, n, n}, "NN", newRand())
		o.run(f) // warm-up: buffers, page faults
		t := time.Now()
		o.run(f)
		rate[path] = o.s.Flops() / max(time.Since(t).Seconds(), 1e-9) / 1e9
	}
	return rate
}
