package simd

// strip.go: the check of the operands the sparse strips of every
// architecture make before their assembly runs (sparse_amd64.go,
// sparse_arm64.go).

// checkStrip panics unless the rows of c, the bounds, the entries (up to
// the last row's end, the largest) and the rows of b are all in range.
func checkStrip(name string, w int, c []float64, ldc int, bnd []int32, stride, span int, idx []int32, val []float64, rows int, b []float64, ldb, bRows int) {
	end := int(bnd[(rows-1)*stride+span])
	if ldc < w || len(c) < (rows-1)*ldc+w || end > len(idx) || end > len(val) ||
		bRows < 1 || ldb < w || len(b) < (bRows-1)*ldb+w {
		panic("simd: " + name + ": operands out of range")
	}
}
