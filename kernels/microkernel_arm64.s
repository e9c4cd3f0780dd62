//go:build !purego

// The NEON float64 microkernel: one 6×8 tile of C from packed panels of A
// (6 values per k step) and B (8 values per k step). See kernelNEON in
// microkernel_arm64.go for the Go loop it replaces.
//
// Why 6×8: arm64 has 32 128-bit V registers of 2 float64. A 6×8 tile needs
// 6·8/2 = 24 accumulators; the 8 values of a B row take 4 registers and the
// 6 values of an A column 3, one register to spare. Multiplying by an
// element of a register (FMLA Vd.2D, Vn.2D, Vm.D[i]) uses the A column as
// loaded, with no broadcast: each k step is 2 loads (48 and 64 bytes) for
// 24 FMLAs. It is also the generic kernel's tile, so the two are compared
// tile for tile.
//
// Go's arm64 assembler has VFMLA only in its vector-by-vector form, so the
// by-element FMLA and FMUL are written as WORDs (FMLAE, FMULE, in
// microkernel_arm64.h with the step and the stores); their encodings were
// checked against llvm-mc, and the fuzz test compares the kernel with its
// Go twin under qemu.
//
// Register map:
//
//	R0   a: the packed A panel, advanced 6·8 bytes per k step
//	R1   b: the packed B panel, advanced 8·8 bytes per k step
//	R2   k steps left; R5 scratch
//	R3   c: row i of the C tile; R4 = ldc·8 bytes (one row of C)
//	V0   a[p·6+0], a[p·6+1]     V1  a[p·6+2], a[p·6+3]    V2  a[p·6+4], a[p·6+5]
//	V4 … V7    b[p·8+0 … p·8+7], two per register
//	V8 … V11   C row 0, columns 0–1, 2–3, 4–5, 6–7
//	V12 … V15  C row 1
//	V16 … V19  C row 2
//	V20 … V23  C row 3
//	V24 … V27  C row 4
//	V28 … V31  C row 5
//	after the loop: V0.D[0] = alpha, V1.D[0] = beta, V4 … V7 a row of C

#include "textflag.h"
#include "microkernel_arm64.h"

// func gemm6x8NEON(k int, a, b, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm6x8NEON(SB), NOSPLIT, $0-56
	MOVD k+0(FP), R2
	MOVD a+8(FP), R0
	MOVD b+16(FP), R1
	MOVD c+24(FP), R3
	MOVD ldc+32(FP), R4
	LSL  $3, R4

	ZERO_ROW(V8.B16, V9.B16, V10.B16, V11.B16)
	ZERO_ROW(V12.B16, V13.B16, V14.B16, V15.B16)
	ZERO_ROW(V16.B16, V17.B16, V18.B16, V19.B16)
	ZERO_ROW(V20.B16, V21.B16, V22.B16, V23.B16)
	ZERO_ROW(V24.B16, V25.B16, V26.B16, V27.B16)
	ZERO_ROW(V28.B16, V29.B16, V30.B16, V31.B16)

	// The k loop, unrolled by 2, then the odd step.
	LSR  $1, R2, R5
	CBZ  R5, tail

loop2:
	STEP
	STEP
	SUB  $1, R5
	CBNZ R5, loop2

tail:
	TBZ $0, R2, store
	STEP

store:
	FMOVD alpha+40(FP), F0

	// beta == 0 (either sign) when its bits, sign shifted out, are zero; an
	// integer test, so a NaN beta takes the general branch as in Go.
	MOVD beta+48(FP), R5
	LSL  $1, R5
	CBZ  R5, store0

	FMOVD beta+48(FP), F1
	STORE(8, V8.D2, V9.D2, V10.D2, V11.D2)
	STORE(12, V12.D2, V13.D2, V14.D2, V15.D2)
	STORE(16, V16.D2, V17.D2, V18.D2, V19.D2)
	STORE(20, V20.D2, V21.D2, V22.D2, V23.D2)
	STORE(24, V24.D2, V25.D2, V26.D2, V27.D2)
	STORE(28, V28.D2, V29.D2, V30.D2, V31.D2)
	RET

store0:
	STORE0(8, V8.D2, V9.D2, V10.D2, V11.D2)
	STORE0(12, V12.D2, V13.D2, V14.D2, V15.D2)
	STORE0(16, V16.D2, V17.D2, V18.D2, V19.D2)
	STORE0(20, V20.D2, V21.D2, V22.D2, V23.D2)
	STORE0(24, V24.D2, V25.D2, V26.D2, V27.D2)
	STORE0(28, V28.D2, V29.D2, V30.D2, V31.D2)
	RET
