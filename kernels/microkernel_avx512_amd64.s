//go:build !purego

// The AVX-512 float64 microkernel: one 8×24 tile of C from A and B read
// with strides, so that it serves both packed panels (Gemm's usual path)
// and the unpacked matrices of a small product (engine_direct.go). See
// gemm8x24AVX512 in microkernel_avx512_amd64.go for the Go loop it
// replaces. Hand-written, as microkernel_amd64.s is, for the same reasons.
//
// Why 8×24: AVX-512 has 32 zmm registers of 8 float64. An 8×24 tile needs
// 8·24/8 = 24 accumulators, leaving 3 for the B row and 2 for broadcasts
// of A. Each k step does 24 FMAs for 3 loads of B and 8 broadcasts of A:
// 12 cycles of two 512-bit FMA pipes against 11 loads, under one a cycle.
// 24 chains more than cover FMA latency × pipes (4 × 2). 12×16 (24
// accumulators too) needs 14 loads per step; 14×16 fills all 32 registers
// and still needs 16.
//
// Register map (the rest in microkernel_avx512_amd64.h):
//
//	Z0 Z1 Z2      B[p][0 … 23], 8 per register
//	Z8  Z9  Z10   C row 0, columns 0–7, 8–15, 16–23
//	Z11 Z12 Z13   C row 1
//	…
//	Z29 Z30 Z31   C row 7 (row i in Z(8+3i) … Z(10+3i))

#include "textflag.h"
#include "microkernel_avx512_amd64.h"

// STEP is one k step: the outer product of column p of A (8 values) and
// row p of B (24 values) added into the 24 accumulators; then A and B move
// on to p+1.
#define STEP \
	VMOVUPD (BX), Z0                 \
	VMOVUPD 64(BX), Z1               \
	VMOVUPD 128(BX), Z2              \
	A0(Z3)                           \
	FMA3(Z3, Z8, Z9, Z10)            \
	A1(Z4)                           \
	FMA3(Z4, Z11, Z12, Z13)          \
	A2(Z3)                           \
	FMA3(Z3, Z14, Z15, Z16)          \
	A3(Z4)                           \
	FMA3(Z4, Z17, Z18, Z19)          \
	A4(Z3)                           \
	FMA3(Z3, Z20, Z21, Z22)          \
	A5(Z4)                           \
	FMA3(Z4, Z23, Z24, Z25)          \
	A6(Z3)                           \
	FMA3(Z3, Z26, Z27, Z28)          \
	A7(Z4)                           \
	FMA3(Z4, Z29, Z30, Z31)          \
	NEXT

// func gemm8x24AVX512(k int, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm8x24AVX512(SB), NOSPLIT, $0-80
	ARGS

	// No prefetch of the C tile here, unlike the AVX2 kernel: it measured
	// 0–3% slower with one (BenchmarkGemm, BenchmarkGemmMLP), the 24
	// PREFETCHT0s costing more than they save in front of k·24 FMAs. The
	// hardware prefetchers keep the panels coming on their own.
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
	VPXORQ Z24, Z24, Z24
	VPXORQ Z25, Z25, Z25
	VPXORQ Z26, Z26, Z26
	VPXORQ Z27, Z27, Z27
	VPXORQ Z28, Z28, Z28
	VPXORQ Z29, Z29, Z29
	VPXORQ Z30, Z30, Z30
	VPXORQ Z31, Z31, Z31

	KLOOP
	IFBETA0(store0)
	STORE3(Z8, Z9, Z10)
	STORE3(Z11, Z12, Z13)
	STORE3(Z14, Z15, Z16)
	STORE3(Z17, Z18, Z19)
	STORE3(Z20, Z21, Z22)
	STORE3(Z23, Z24, Z25)
	STORE3(Z26, Z27, Z28)
	STORE3(Z29, Z30, Z31)
	VZEROUPPER
	RET

store0:
	STORE3BETA0(Z8, Z9, Z10)
	STORE3BETA0(Z11, Z12, Z13)
	STORE3BETA0(Z14, Z15, Z16)
	STORE3BETA0(Z17, Z18, Z19)
	STORE3BETA0(Z20, Z21, Z22)
	STORE3BETA0(Z23, Z24, Z25)
	STORE3BETA0(Z26, Z27, Z28)
	STORE3BETA0(Z29, Z30, Z31)
	VZEROUPPER
	RET
