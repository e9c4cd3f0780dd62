//go:build !purego && !textbook

// engine_edge_neon_arm64.s: the first 4, 2 or 1 rows of a 6×8 tile of
// packed panels, straight into C, for engine_edge_neon_arm64.go, where
// their plain twin is named. Each row is computed as gemm6x8NEON computes
// it (the same FMLAs in the same order, the same stores:
// microkernel_arm64.h), with the accumulators of the rows outside C left
// out. The register map is gemm6x8NEON's: R0 the A panel (6 values a k
// step, of which the rows' are loaded), R1 the B panel, R2 k steps left,
// R3 row i of C, R4 = ldc·8; V8 … the accumulators of rows 0, 1, …

#include "textflag.h"
#include "microkernel_arm64.h"

// EDGE_ARGS reads the arguments, as gemm6x8NEON does.
#define EDGE_ARGS \
	MOVD k+0(FP), R2    \
	MOVD a+8(FP), R0    \
	MOVD b+16(FP), R1   \
	MOVD c+24(FP), R3   \
	MOVD ldc+32(FP), R4 \
	LSL  $3, R4

// EDGE_ALPHA_BETA puts alpha in F0 and, unless beta is ±0 (an integer
// test, so a NaN beta takes the general branch), beta in F1; for beta ±0
// it jumps to label.
#define EDGE_ALPHA_BETA(label) \
	FMOVD alpha+40(FP), F0 \
	MOVD  beta+48(FP), R5  \
	LSL   $1, R5           \
	CBZ   R5, label        \
	FMOVD beta+48(FP), F1

// func gemm4x8NEON(k int, a, b, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm4x8NEON(SB), NOSPLIT, $0-56
	EDGE_ARGS
	ZERO_ROW(V8.B16, V9.B16, V10.B16, V11.B16)
	ZERO_ROW(V12.B16, V13.B16, V14.B16, V15.B16)
	ZERO_ROW(V16.B16, V17.B16, V18.B16, V19.B16)
	ZERO_ROW(V20.B16, V21.B16, V22.B16, V23.B16)
	CBZ  R2, store4

loop4:
	VLD1   (R0), [V0.D2, V1.D2]
	ADD    $48, R0
	VLD1.P 64(R1), [V4.D2, V5.D2, V6.D2, V7.D2]
	ROW(8, 0, 0)
	ROW(12, 0, 1)
	ROW(16, 1, 0)
	ROW(20, 1, 1)
	SUB    $1, R2
	CBNZ   R2, loop4

store4:
	EDGE_ALPHA_BETA(zero4)
	STORE(8, V8.D2, V9.D2, V10.D2, V11.D2)
	STORE(12, V12.D2, V13.D2, V14.D2, V15.D2)
	STORE(16, V16.D2, V17.D2, V18.D2, V19.D2)
	STORE(20, V20.D2, V21.D2, V22.D2, V23.D2)
	RET

zero4:
	STORE0(8, V8.D2, V9.D2, V10.D2, V11.D2)
	STORE0(12, V12.D2, V13.D2, V14.D2, V15.D2)
	STORE0(16, V16.D2, V17.D2, V18.D2, V19.D2)
	STORE0(20, V20.D2, V21.D2, V22.D2, V23.D2)
	RET

// func gemm2x8NEON(k int, a, b, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm2x8NEON(SB), NOSPLIT, $0-56
	EDGE_ARGS
	ZERO_ROW(V8.B16, V9.B16, V10.B16, V11.B16)
	ZERO_ROW(V12.B16, V13.B16, V14.B16, V15.B16)
	CBZ  R2, store2

loop2:
	VLD1   (R0), [V0.D2]
	ADD    $48, R0
	VLD1.P 64(R1), [V4.D2, V5.D2, V6.D2, V7.D2]
	ROW(8, 0, 0)
	ROW(12, 0, 1)
	SUB    $1, R2
	CBNZ   R2, loop2

store2:
	EDGE_ALPHA_BETA(zero2)
	STORE(8, V8.D2, V9.D2, V10.D2, V11.D2)
	STORE(12, V12.D2, V13.D2, V14.D2, V15.D2)
	RET

zero2:
	STORE0(8, V8.D2, V9.D2, V10.D2, V11.D2)
	STORE0(12, V12.D2, V13.D2, V14.D2, V15.D2)
	RET

// func gemm1x8NEON(k int, a, b, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm1x8NEON(SB), NOSPLIT, $0-56
	EDGE_ARGS
	ZERO_ROW(V8.B16, V9.B16, V10.B16, V11.B16)
	CBZ  R2, store1

loop1:
	FMOVD  (R0), F0
	ADD    $48, R0
	VLD1.P 64(R1), [V4.D2, V5.D2, V6.D2, V7.D2]
	ROW(8, 0, 0)
	SUB    $1, R2
	CBNZ   R2, loop1

store1:
	EDGE_ALPHA_BETA(zero1)
	STORE(8, V8.D2, V9.D2, V10.D2, V11.D2)
	RET

zero1:
	STORE0(8, V8.D2, V9.D2, V10.D2, V11.D2)
	RET
