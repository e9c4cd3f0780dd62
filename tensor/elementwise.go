package tensor

import "dlgo/internal/loops"

// Element-wise operations: dst[i] = f(a[i], b[i]). All shapes must be equal.
// dst may be a or b (the same tensor); any other overlap is undefined.

// Add computes dst = a + b and returns dst.
func Add(dst, a, b *Tensor) *Tensor {
	mustSame("Add", a, b)
	mustSame("Add", dst, a)
	d, x, y := dst.Data, a.Data, b.Data[:len(a.Data)]
	d = d[:len(x)]
	for i := range x {
		d[i] = x[i] + y[i]
	}
	return dst
}

// Sub computes dst = a − b and returns dst.
func Sub(dst, a, b *Tensor) *Tensor {
	mustSame("Sub", a, b)
	mustSame("Sub", dst, a)
	d, x, y := dst.Data[:len(a.Data)], a.Data, b.Data[:len(a.Data)]
	for i := range x {
		d[i] = x[i] - y[i]
	}
	return dst
}

// Mul computes the element-wise (Hadamard) product dst = a ⊙ b and returns
// dst.
func Mul(dst, a, b *Tensor) *Tensor {
	mustSame("Mul", a, b)
	mustSame("Mul", dst, a)
	d, x, y := dst.Data[:len(a.Data)], a.Data, b.Data[:len(a.Data)]
	for i := range x {
		d[i] = x[i] * y[i]
	}
	return dst
}

// Scale computes dst = s·a and returns dst.
func Scale(dst, a *Tensor, s float64) *Tensor {
	mustSame("Scale", dst, a)
	d, x := dst.Data[:len(a.Data)], a.Data
	for i := range x {
		d[i] = s * x[i]
	}
	return dst
}

// AddScaled computes dst = a + s·b (BLAS's axpy) and returns dst; the SGD
// update w := w − α·g is AddScaled(w, w, −α, g). The product is rounded
// before the sum (no fused multiply-add, which the Go compiler would
// otherwise use on arm64), so that every architecture and every kernel
// path gets the same bits. It runs as dst = a, then dst += s·b
// (kernels' Axpy loop), unless dst is b.
func AddScaled(dst, a *Tensor, s float64, b *Tensor) *Tensor {
	mustSame("AddScaled", a, b)
	mustSame("AddScaled", dst, a)
	d, x, y := dst.Data[:len(a.Data)], a.Data, b.Data[:len(a.Data)]
	if len(d) > 0 && &d[0] == &y[0] && &d[0] != &x[0] {
		for i := range x {
			d[i] = x[i] + float64(s*y[i])
		}
		return dst
	}
	if len(d) > 0 && &d[0] != &x[0] {
		copy(d, x)
	}
	loops.Axpy(d, y, s)
	return dst
}

// Apply computes dst[i] = f(a[i]) and returns dst.
func Apply(dst, a *Tensor, f func(float64) float64) *Tensor {
	mustSame("Apply", dst, a)
	d, x := dst.Data[:len(a.Data)], a.Data
	for i := range x {
		d[i] = f(x[i])
	}
	return dst
}

// Copy copies src into dst (same shape) and returns dst.
func Copy(dst, src *Tensor) *Tensor {
	mustSame("Copy", dst, src)
	copy(dst.Data, src.Data)
	return dst
}
