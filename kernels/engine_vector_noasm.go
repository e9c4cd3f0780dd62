//go:build (purego || !amd64) && !textbook

// engine_vector_noasm.go: part of the engine, for engine_vector.go, where its plain twin
// and measured gain are named.

package kernels

// Without assembly (the purego tag, or not amd64) the vector loops are the
// Go ones; these stubs process nothing.

const hasVectorAsm = false

func axpyAsm(y, x []float64, a float64) int { return 0 }
func reluAsm(y, x []float64) int            { return 0 }
func reluGradAsm(dx, dy, x []float64) int   { return 0 }
func addToAsm(dst, src []float64) int       { return 0 }

func dotAVX2(x, y *float64, n int) float64 { panic("unreachable") }

func adamAsm(w, g, m, v []float64, k *adamConsts) int { return 0 }
