//go:build !purego && !textbook

// The AVX-512 float64 microkernel with a narrower tile: 8×16, for products
// whose n is a multiple of 16 but not of 24 (n = 128 or 10, a small MLP's
// layer widths), where the 8×24 tile would compute columns only to throw
// them away (a 24-wide tile over 128 columns computes 144). It is the 8×24
// kernel (microkernel_avx512_amd64.s) with the third column of
// accumulators taken out: every element of C gets the same operations in
// the same order, so the two kernels give the same bits. See
// gemm8x16AVX512 in engine_narrow_avx512_amd64.go for the Go loop it
// replaces.
//
// Each k step does 16 FMAs for 2 loads of B and 8 broadcasts of A: 8
// cycles of two 512-bit FMA pipes against 10 loads, and 16 accumulator
// chains cover FMA latency × pipes (4 × 2).
//
// Register map (the rest in microkernel_avx512_amd64.h):
//
//	Z0 Z1      B[p][0 … 15], 8 per register
//	Z8  Z9     C row 0, columns 0–7, 8–15
//	Z10 Z11    C row 1
//	…
//	Z22 Z23    C row 7 (row i in Z(8+2i), Z(9+2i))

#include "textflag.h"
#include "microkernel_avx512_amd64.h"

// STEP is one k step: the outer product of column p of A (8 values) and
// row p of B (16 values) added into the 16 accumulators; then A and B move
// on to p+1.
#define STEP \
	VMOVUPD (BX), Z0         \
	VMOVUPD 64(BX), Z1       \
	A0(Z3)                   \
	FMA2(Z3, Z8, Z9)         \
	A1(Z4)                   \
	FMA2(Z4, Z10, Z11)       \
	A2(Z3)                   \
	FMA2(Z3, Z12, Z13)       \
	A3(Z4)                   \
	FMA2(Z4, Z14, Z15)       \
	A4(Z3)                   \
	FMA2(Z3, Z16, Z17)       \
	A5(Z4)                   \
	FMA2(Z4, Z18, Z19)       \
	A6(Z3)                   \
	FMA2(Z3, Z20, Z21)       \
	A7(Z4)                   \
	FMA2(Z4, Z22, Z23)       \
	NEXT

// func gemm8x16AVX512(k int, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm8x16AVX512(SB), NOSPLIT, $0-80
	ARGS

	// Bring the C tile into L1 while the k loop runs. A row of 16 float64
	// spans two or three lines.
	MOVQ DX, R9
	PREFETCHT0 (R9)
	PREFETCHT0 64(R9)
	PREFETCHT0 127(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 64(R9)
	PREFETCHT0 127(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 64(R9)
	PREFETCHT0 127(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 64(R9)
	PREFETCHT0 127(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 64(R9)
	PREFETCHT0 127(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 64(R9)
	PREFETCHT0 127(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 64(R9)
	PREFETCHT0 127(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 64(R9)
	PREFETCHT0 127(R9)

	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15
	VPXORQ Z16, Z16, Z16
	VPXORQ Z17, Z17, Z17
	VPXORQ Z18, Z18, Z18
	VPXORQ Z19, Z19, Z19
	VPXORQ Z20, Z20, Z20
	VPXORQ Z21, Z21, Z21
	VPXORQ Z22, Z22, Z22
	VPXORQ Z23, Z23, Z23

	KLOOP
	IFBETA0(store0)
	STORE2(Z8, Z9)
	STORE2(Z10, Z11)
	STORE2(Z12, Z13)
	STORE2(Z14, Z15)
	STORE2(Z16, Z17)
	STORE2(Z18, Z19)
	STORE2(Z20, Z21)
	STORE2(Z22, Z23)
	VZEROUPPER
	RET

store0:
	STORE2BETA0(Z8, Z9)
	STORE2BETA0(Z10, Z11)
	STORE2BETA0(Z12, Z13)
	STORE2BETA0(Z14, Z15)
	STORE2BETA0(Z16, Z17)
	STORE2BETA0(Z18, Z19)
	STORE2BETA0(Z20, Z21)
	STORE2BETA0(Z22, Z23)
	VZEROUPPER
	RET
