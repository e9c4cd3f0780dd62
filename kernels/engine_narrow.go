//go:build !textbook

// engine_narrow.go: a path's narrower tile, for products whose n the path's own
// tile would pad. An MLP's layers are 128 or 10 wide; the avx512 tile is
// 24 columns, so a 128-column product computes 144 columns and throws 16
// away (11% of its work), a 10-column one 24 (58%). The narrow twin of
// that kernel, 16 columns wide, computes 128 and 16. It does the same
// arithmetic for every element of C (the same FMAs in the same order), so
// which tile a product runs on changes its speed, never its bits. Plain
// twin: the path's own tile (gemmPlain never narrows). Measured gain,
// with engine_direct.go: dy·Wᵀ of a 784-128-10 step (64×784×128) 200 →
// 183 µs (BenchmarkEngine, one thread, median of 3, on a 2-core Sapphire Rapids VM
// shared with other work).

package kernels

// pathFor returns the path Gemm computes a product with n columns on: p,
// or p.narrow when that pads n to fewer columns. The choice depends on n
// only, never on the thread count.
func pathFor(p *kernelPath, n int) *kernelPath {
	if q := p.narrow; q != nil && padded(n, q.nr) < padded(n, p.nr) {
		return q
	}
	return p
}

// padded returns n rounded up to a multiple of nr.
func padded(n, nr int) int { return (n + nr - 1) / nr * nr }

// narrowBlocking returns the blocking of a path for its narrow twin of nr
// columns: the same MR, MC and KC (the A blocks and the k loop are the
// same), NC in whole tiles of the new width.
func narrowBlocking(b blocking, nr int) blocking {
	b.nr = nr
	b.nc = max(nr, b.nc/nr*nr)
	return b
}
