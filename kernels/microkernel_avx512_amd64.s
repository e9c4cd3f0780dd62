//go:build !purego

// The AVX-512 float64 microkernel: one 8×24 tile of C from A and B read
// with strides, so that it serves both packed panels (Gemm's usual path)
// and the unpacked matrices of a small product (see direct.go). See
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
// Register map:
//
//	AX   &A[0][p], rows 0–3 at AX, AX+R11, AX+2·R11, AX+R12
//	R13  &A[4][p], rows 4–7 likewise; R11 = rsa·8, R12 = 3·rsa·8 bytes
//	R14  csa·8: AX and R13 advance by it per k step
//	BX   &B[p][0]; R15 = ldb·8: BX advances by it per k step
//	CX   k steps left in the unrolled loop, then in the tail loop
//	DX   c: row i of the C tile; R8 = ldc·8 bytes (one row of C)
//	Z0 Z1 Z2   B[p][0 … 23], 8 per register
//	Z3 Z4      A[i][p] broadcast, alternately
//	Z8  Z9  Z10   C row 0, columns 0–7, 8–15, 16–23
//	Z11 Z12 Z13   C row 1
//	…
//	Z29 Z30 Z31   C row 7 (row i in Z(8+3i) … Z(10+3i))
//	after the loop: Z0 = alpha broadcast, Z1 = beta broadcast

#include "textflag.h"

// STEP is one k step: the outer product of column p of A (8 values) and
// row p of B (24 values) added into the 24 accumulators; then A and B move
// on to p+1.
#define STEP \
	VMOVUPD      (BX), Z0               \
	VMOVUPD      64(BX), Z1             \
	VMOVUPD      128(BX), Z2            \
	VBROADCASTSD (AX), Z3                  \
	VFMADD231PD  Z0, Z3, Z8                \
	VFMADD231PD  Z1, Z3, Z9                \
	VFMADD231PD  Z2, Z3, Z10               \
	VBROADCASTSD (AX)(R11*1), Z4           \
	VFMADD231PD  Z0, Z4, Z11               \
	VFMADD231PD  Z1, Z4, Z12               \
	VFMADD231PD  Z2, Z4, Z13               \
	VBROADCASTSD (AX)(R11*2), Z3           \
	VFMADD231PD  Z0, Z3, Z14               \
	VFMADD231PD  Z1, Z3, Z15               \
	VFMADD231PD  Z2, Z3, Z16               \
	VBROADCASTSD (AX)(R12*1), Z4           \
	VFMADD231PD  Z0, Z4, Z17               \
	VFMADD231PD  Z1, Z4, Z18               \
	VFMADD231PD  Z2, Z4, Z19               \
	VBROADCASTSD (R13), Z3                 \
	VFMADD231PD  Z0, Z3, Z20               \
	VFMADD231PD  Z1, Z3, Z21               \
	VFMADD231PD  Z2, Z3, Z22               \
	VBROADCASTSD (R13)(R11*1), Z4          \
	VFMADD231PD  Z0, Z4, Z23               \
	VFMADD231PD  Z1, Z4, Z24               \
	VFMADD231PD  Z2, Z4, Z25               \
	VBROADCASTSD (R13)(R11*2), Z3          \
	VFMADD231PD  Z0, Z3, Z26               \
	VFMADD231PD  Z1, Z3, Z27               \
	VFMADD231PD  Z2, Z3, Z28               \
	VBROADCASTSD (R13)(R12*1), Z4          \
	VFMADD231PD  Z0, Z4, Z29               \
	VFMADD231PD  Z1, Z4, Z30               \
	VFMADD231PD  Z2, Z4, Z31               \
	ADDQ         R14, AX                   \
	ADDQ         R14, R13                  \
	ADDQ         R15, BX

// STORE0 writes one row of the tile, C = alpha·acc (beta == 0: C not read).
#define STORE0(z0, z1, z2) \
	VMULPD  Z0, z0, z0     \
	VMULPD  Z0, z1, z1     \
	VMULPD  Z0, z2, z2     \
	VMOVUPD z0, (DX)       \
	VMOVUPD z1, 64(DX)     \
	VMOVUPD z2, 128(DX)    \
	ADDQ    R8, DX

// STORE writes one row of the tile, C = alpha·acc + beta·C.
#define STORE(z0, z1, z2) \
	VMULPD      Z0, z0, z0      \
	VMULPD      Z0, z1, z1      \
	VMULPD      Z0, z2, z2      \
	VFMADD231PD (DX), Z1, z0    \
	VFMADD231PD 64(DX), Z1, z1  \
	VFMADD231PD 128(DX), Z1, z2 \
	VMOVUPD     z0, (DX)        \
	VMOVUPD     z1, 64(DX)      \
	VMOVUPD     z2, 128(DX)     \
	ADDQ        R8, DX

// func gemm8x24AVX512(k int, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm8x24AVX512(SB), NOSPLIT, $0-80
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
	VBROADCASTSD alpha+64(FP), Z0

	// beta == 0 (either sign) when its bits, sign shifted out, are zero.
	MOVQ beta+72(FP), R9
	SHLQ $1, R9
	JZ   store0

	VBROADCASTSD beta+72(FP), Z1
	STORE(Z8, Z9, Z10)
	STORE(Z11, Z12, Z13)
	STORE(Z14, Z15, Z16)
	STORE(Z17, Z18, Z19)
	STORE(Z20, Z21, Z22)
	STORE(Z23, Z24, Z25)
	STORE(Z26, Z27, Z28)
	STORE(Z29, Z30, Z31)
	VZEROUPPER
	RET

store0:
	STORE0(Z8, Z9, Z10)
	STORE0(Z11, Z12, Z13)
	STORE0(Z14, Z15, Z16)
	STORE0(Z17, Z18, Z19)
	STORE0(Z20, Z21, Z22)
	STORE0(Z23, Z24, Z25)
	STORE0(Z26, Z27, Z28)
	STORE0(Z29, Z30, Z31)
	VZEROUPPER
	RET
