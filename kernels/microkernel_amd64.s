//go:build !purego

// The AVX2+FMA float64 microkernel: one 6×8 tile of C from A and B read
// with strides, so that it serves both packed panels (Gemm's usual path)
// and the unpacked matrices of a small product (see engine_direct.go). See
// gemm6x8AVX2 in microkernel_amd64.go for the Go loop it replaces.
//
// Written by hand rather than generated with avo: it is one short loop body
// repeated, a generator would add a second module and a build step for
// readers to learn, and the register map below is easier to check against
// hand-written instructions than against generator code.
//
// Why 6×8: AVX2 has 16 ymm registers of 4 float64. A 6×8 tile needs
// 6·8/4 = 12 accumulators, leaving 2 for the B row and 2 for broadcasts of
// A. Each k step does 12 FMAs for 2 loads of B and 6 broadcasts of A: two
// FMA pipes are kept busy 6 cycles per step while the load ports stay
// under half used, and 12 independent accumulator chains cover the FMA
// latency (4 cycles × 2 pipes = 8 chains needed). 8×6 or 4×12 would need
// more loads per FMA; 12×4 leaves no register for the broadcasts.
//
// Register map:
//
//	AX   &A[0][p], rows 0–3 at AX, AX+R11, AX+2·R11, AX+R12
//	R13  &A[4][p], rows 4–5 at R13, R13+R11; R11 = rsa·8, R12 = 3·rsa·8
//	R14  csa·8: AX and R13 advance by it per k step
//	BX   &B[p][0]; R15 = ldb·8: BX advances by it per k step
//	CX   k steps left in the unrolled loop, then in the tail loop
//	DX   c: row i of the C tile; R8 = ldc·8 bytes (one row of C)
//	Y0   B[p][0 … 3]               Y1  B[p][4 … 7]
//	Y2   A[i][p] broadcast         Y3  A[i+1][p] broadcast
//	Y4  Y5    C row 0, columns 0–3 and 4–7
//	Y6  Y7    C row 1
//	Y8  Y9    C row 2
//	Y10 Y11   C row 3
//	Y12 Y13   C row 4
//	Y14 Y15   C row 5
//	after the loop: Y0 = alpha broadcast, Y1 = beta broadcast

#include "textflag.h"

// STEP (one k step), STORE and STORE0 (a row of C), PREFETCH_C, ZERO_ACC and
// the tile stores are macros in microkernel_amd64.h, which the engine's AVX2
// kernels share.
#include "microkernel_amd64.h"

// func gemm6x8AVX2(k int, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm6x8AVX2(SB), NOSPLIT, $0-80
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), AX
	MOVQ rsa+16(FP), R11
	SHLQ $3, R11
	MOVQ csa+24(FP), R14
	SHLQ $3, R14
	MOVQ b+32(FP), BX
	MOVQ ldb+40(FP), R15
	SHLQ $3, R15
	MOVQ c+48(FP), DX
	MOVQ ldc+56(FP), R8
	SHLQ $3, R8
	LEAQ (R11)(R11*2), R12
	LEAQ (AX)(R11*4), R13

	// Bring the C tile into L1 while the k loop runs: it is read (beta ≠ 0)
	// and written once at the end. A row of 8 float64 may span two lines.
	// Measured: 1–5% faster with it (BenchmarkGemm, 1 thread).
	PREFETCH_C

	ZERO_ACC

	// The k loop, unrolled by 4, then the k mod 4 steps left.
	MOVQ CX, R10
	SHRQ $2, CX
	JZ   tail

loop4:
	STEP
	STEP
	STEP
	STEP
	DECQ CX
	JNZ  loop4

tail:
	MOVQ R10, CX
	ANDQ $3, CX
	JZ   store

loop1:
	STEP
	DECQ CX
	JNZ  loop1

store:
	VBROADCASTSD alpha+64(FP), Y0

	// beta == 0 (either sign) when its bits, sign shifted out, are zero; an
	// integer test, so a NaN beta takes the general branch as in Go.
	MOVQ beta+72(FP), R9
	SHLQ $1, R9
	JZ   store0

	VBROADCASTSD beta+72(FP), Y1
	STORE_TILE
	VZEROUPPER
	RET

store0:
	STORE0_TILE
	VZEROUPPER
	RET
