package bench

import (
	"fmt"
	"strconv"
	"strings"
)

// Shape is the size of one product C = op(A)·op(B): C is M×N, the inner
// dimension K.
type Shape struct{ M, N, K int }

// Flops is the arithmetic of one product, 2·M·N·K (a multiply and an add per
// term), the convention every GFLOP/s figure here uses.
func (s Shape) Flops() float64 { return 2 * float64(s.M) * float64(s.N) * float64(s.K) }

// Bytes is the memory traffic a product cannot avoid: A and B read once, C
// written once (beta = 0), 8 bytes an element. Flops()/Bytes() is its
// arithmetic intensity, the x axis of the roofline.
func (s Shape) Bytes() float64 {
	return 8 * (float64(s.M)*float64(s.K) + float64(s.K)*float64(s.N) + float64(s.M)*float64(s.N))
}

// Square reports whether M = N = K.
func (s Shape) Square() bool { return s.M == s.N && s.N == s.K }

// String is "512" for a square product and "64x128x784" otherwise.
func (s Shape) String() string {
	if s.Square() {
		return strconv.Itoa(s.M)
	}
	return fmt.Sprintf("%dx%dx%d", s.M, s.N, s.K)
}

// MLPShapes are the batch-64 products of a 784-128-10 net's first layer:
// forward (64×128×784), the input gradient (64×784×128) and the weight
// gradient (128×784×64).
var MLPShapes = []Shape{{64, 128, 784}, {64, 784, 128}, {128, 784, 64}}

// DefaultShapes are the sizes `dlgo bench` measures: square n = 64 … 2048
// by powers of two, then the MLP shapes.
func DefaultShapes() []Shape {
	var s []Shape
	for n := 64; n <= 2048; n *= 2 {
		s = append(s, Shape{n, n, n})
	}
	return append(s, MLPShapes...)
}

// ParseShapes reads a comma-separated list of sizes: "n" for a square
// product or "MxNxK", e.g. "64,256,1000x784x64".
func ParseShapes(list string) ([]Shape, error) {
	var out []Shape
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		parts := strings.Split(f, "x")
		if len(parts) != 1 && len(parts) != 3 {
			return nil, fmt.Errorf("size %q: want n or MxNxK", f)
		}
		var d [3]int
		for i, p := range parts {
			v, err := strconv.Atoi(p)
			if err != nil || v < 1 || v > 1<<16 {
				return nil, fmt.Errorf("size %q: %q is not a whole number from 1 to 65536", f, p)
			}
			d[i] = v
		}
		if len(parts) == 1 {
			d[1], d[2] = d[0], d[0]
		}
		out = append(out, Shape{d[0], d[1], d[2]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sizes in %q", list)
	}
	return out, nil
}

// ParseInts reads a comma-separated list of positive integers, such as the
// thread counts "1,2,4".
func ParseInts(list string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		v, err := strconv.Atoi(f)
		if err != nil || v < 1 || v > 1024 {
			return nil, fmt.Errorf("%q is not a whole number from 1 to 1024", f)
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty list %q", list)
	}
	return out, nil
}

// ParseTrans reads a comma-separated list of transpose cases: NN, NT, TN,
// TT (the first letter for A, the second for B; T means transposed).
func ParseTrans(list string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(list, ",") {
		f = strings.ToUpper(strings.TrimSpace(f))
		switch f {
		case "":
			continue
		case "NN", "NT", "TN", "TT":
			out = append(out, f)
		default:
			return nil, fmt.Errorf("transpose case %q: want NN, NT, TN or TT", f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty list %q", list)
	}
	return out, nil
}
