//go:build !purego && !textbook

// engine_edge_avx2_amd64.s: the first 4, 2 or 1 rows of a 6×8 tile of a
// packed A panel and B packed or read in place, straight into C, for engine_edge_avx2_amd64.go, where
// their plain twin and measured gain are named. Each row is computed as
// gemm6x8AVX2Column computes it (the same FMAs in the same order, the
// same stores: microkernel_amd64.h; gemm6x8AVX2 for B in place), with
// the accumulators of the rows outside C left out.
//
//	AX  &Ã[p][0] (6 values a k step)    BX  &B[p][0]; R10 = ldb·8 (64 packed)
//	CX  k steps left                     DX  row i of C; R8 = ldc·8
//	Y0 Y1 the B row; Y2 Y3 broadcasts of A; Y4 … Y11 the accumulators

#include "textflag.h"
#include "microkernel_amd64.h"

// ROWS4, ROWS2 and ROWS1 are one k step on the first 4, 2 or 1 rows.
#define ROWS4 \
	VMOVUPD      (BX), Y0       \
	VMOVUPD      32(BX), Y1     \
	VBROADCASTSD (AX), Y2       \
	VFMADD231PD  Y0, Y2, Y4     \
	VFMADD231PD  Y1, Y2, Y5     \
	VBROADCASTSD 8(AX), Y3      \
	VFMADD231PD  Y0, Y3, Y6     \
	VFMADD231PD  Y1, Y3, Y7     \
	VBROADCASTSD 16(AX), Y2     \
	VFMADD231PD  Y0, Y2, Y8     \
	VFMADD231PD  Y1, Y2, Y9     \
	VBROADCASTSD 24(AX), Y3     \
	VFMADD231PD  Y0, Y3, Y10    \
	VFMADD231PD  Y1, Y3, Y11    \
	ADDQ         $48, AX        \
	ADDQ         R10, BX

#define ROWS2 \
	VMOVUPD      (BX), Y0       \
	VMOVUPD      32(BX), Y1     \
	VBROADCASTSD (AX), Y2       \
	VFMADD231PD  Y0, Y2, Y4     \
	VFMADD231PD  Y1, Y2, Y5     \
	VBROADCASTSD 8(AX), Y3      \
	VFMADD231PD  Y0, Y3, Y6     \
	VFMADD231PD  Y1, Y3, Y7     \
	ADDQ         $48, AX        \
	ADDQ         R10, BX

#define ROWS1 \
	VMOVUPD      (BX), Y0       \
	VMOVUPD      32(BX), Y1     \
	VBROADCASTSD (AX), Y2       \
	VFMADD231PD  Y0, Y2, Y4     \
	VFMADD231PD  Y1, Y2, Y5     \
	ADDQ         $48, AX        \
	ADDQ         R10, BX

// LOAD_ARGS reads the arguments common to the three kernels.
#define LOAD_ARGS \
	MOVQ k+0(FP), CX     \
	MOVQ a+8(FP), AX     \
	MOVQ b+16(FP), BX    \
	MOVQ ldb+24(FP), R10 \
	SHLQ $3, R10         \
	MOVQ c+32(FP), DX    \
	MOVQ ldc+40(FP), R8  \
	SHLQ $3, R8

// BETA_ZERO jumps to label when beta is ±0 (its bits, sign shifted out,
// are zero: an integer test, so a NaN beta takes the general branch, as
// STORE_TILE's callers do), else broadcasts beta into Y1; alpha goes into
// Y0 either way.
#define BETA_ZERO(label) \
	VBROADCASTSD alpha+48(FP), Y0 \
	MOVQ         beta+56(FP), R9  \
	SHLQ         $1, R9           \
	JZ           label            \
	VBROADCASTSD beta+56(FP), Y1

// func gemm4x8AVX2Rows(k int, a, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm4x8AVX2Rows(SB), NOSPLIT, $0-64
	LOAD_ARGS
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	TESTQ  CX, CX
	JZ     store4

loop4:
	ROWS4
	DECQ CX
	JNZ  loop4

store4:
	BETA_ZERO(zero4)
	STORE(Y4, Y5)
	STORE(Y6, Y7)
	STORE(Y8, Y9)
	STORE(Y10, Y11)
	VZEROUPPER
	RET

zero4:
	STORE0(Y4, Y5)
	STORE0(Y6, Y7)
	STORE0(Y8, Y9)
	STORE0(Y10, Y11)
	VZEROUPPER
	RET

// func gemm2x8AVX2Rows(k int, a, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm2x8AVX2Rows(SB), NOSPLIT, $0-64
	LOAD_ARGS
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	TESTQ  CX, CX
	JZ     store2

loop2:
	ROWS2
	DECQ CX
	JNZ  loop2

store2:
	BETA_ZERO(zero2)
	STORE(Y4, Y5)
	STORE(Y6, Y7)
	VZEROUPPER
	RET

zero2:
	STORE0(Y4, Y5)
	STORE0(Y6, Y7)
	VZEROUPPER
	RET

// func gemm1x8AVX2Rows(k int, a, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm1x8AVX2Rows(SB), NOSPLIT, $0-64
	LOAD_ARGS
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	TESTQ  CX, CX
	JZ     store1

loop1:
	ROWS1
	DECQ CX
	JNZ  loop1

store1:
	BETA_ZERO(zero1)
	STORE(Y4, Y5)
	VZEROUPPER
	RET

zero1:
	STORE0(Y4, Y5)
	VZEROUPPER
	RET
