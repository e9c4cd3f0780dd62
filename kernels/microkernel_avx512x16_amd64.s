//go:build !purego && !textbook

// The AVX-512 float64 microkernel with a narrower tile: 8×16, for products
// whose n is a multiple of 16 but not of 24 (n = 128 or 10, a small MLP's
// layer widths), where the 8×24 tile would compute columns only to throw
// them away (a 24-wide tile over 128 columns computes 144). It is the 8×24
// kernel (microkernel_avx512_amd64.s) with the third column of
// accumulators taken out: every element of C gets the same operations in
// the same order, so the two kernels give the same bits. See
// gemm8x16AVX512 in microkernel_avx512x16_amd64.go for the Go loop it
// replaces.
//
// Each k step does 16 FMAs for 2 loads of B and 8 broadcasts of A: 8
// cycles of two 512-bit FMA pipes against 10 loads, and 16 accumulator
// chains cover FMA latency × pipes (4 × 2).
//
// Register map:
//
//	AX   &A[0][p], rows 0–3 at AX, AX+R11, AX+2·R11, AX+R12
//	R13  &A[4][p], rows 4–7 likewise; R11 = rsa·8, R12 = 3·rsa·8 bytes
//	R14  csa·8: AX and R13 advance by it per k step
//	BX   &B[p][0]; R15 = ldb·8: BX advances by it per k step
//	CX   k steps left in the unrolled loop, then in the tail loop
//	DX   c: row i of the C tile; R8 = ldc·8 bytes (one row of C)
//	Z0 Z1      B[p][0 … 15], 8 per register
//	Z3 Z4      A[i][p] broadcast, alternately
//	Z8  Z9     C row 0, columns 0–7, 8–15
//	Z10 Z11    C row 1
//	…
//	Z22 Z23    C row 7 (row i in Z(8+2i), Z(9+2i))
//	after the loop: Z0 = alpha broadcast, Z1 = beta broadcast

#include "textflag.h"

// STEP is one k step: the outer product of column p of A (8 values) and
// row p of B (16 values) added into the 16 accumulators; then A and B move
// on to p+1.
#define STEP \
	VMOVUPD      (BX), Z0               \
	VMOVUPD      64(BX), Z1             \
	VBROADCASTSD (AX), Z3 \
	VFMADD231PD  Z0, Z3, Z8 \
	VFMADD231PD  Z1, Z3, Z9 \
	VBROADCASTSD (AX)(R11*1), Z4 \
	VFMADD231PD  Z0, Z4, Z10 \
	VFMADD231PD  Z1, Z4, Z11 \
	VBROADCASTSD (AX)(R11*2), Z3 \
	VFMADD231PD  Z0, Z3, Z12 \
	VFMADD231PD  Z1, Z3, Z13 \
	VBROADCASTSD (AX)(R12*1), Z4 \
	VFMADD231PD  Z0, Z4, Z14 \
	VFMADD231PD  Z1, Z4, Z15 \
	VBROADCASTSD (R13), Z3 \
	VFMADD231PD  Z0, Z3, Z16 \
	VFMADD231PD  Z1, Z3, Z17 \
	VBROADCASTSD (R13)(R11*1), Z4 \
	VFMADD231PD  Z0, Z4, Z18 \
	VFMADD231PD  Z1, Z4, Z19 \
	VBROADCASTSD (R13)(R11*2), Z3 \
	VFMADD231PD  Z0, Z3, Z20 \
	VFMADD231PD  Z1, Z3, Z21 \
	VBROADCASTSD (R13)(R12*1), Z4 \
	VFMADD231PD  Z0, Z4, Z22 \
	VFMADD231PD  Z1, Z4, Z23 \
	ADDQ         R14, AX \
	ADDQ         R14, R13 \
	ADDQ         R15, BX

// STORE0 writes one row of the tile, C = alpha·acc (beta == 0: C not read).
#define STORE0(z0, z1) \
	VMULPD  Z0, z0, z0 \
	VMULPD  Z0, z1, z1 \
	VMOVUPD z0, (DX)   \
	VMOVUPD z1, 64(DX) \
	ADDQ    R8, DX

// STORE writes one row of the tile, C = alpha·acc + beta·C.
#define STORE(z0, z1) \
	VMULPD      Z0, z0, z0     \
	VMULPD      Z0, z1, z1     \
	VFMADD231PD (DX), Z1, z0   \
	VFMADD231PD 64(DX), Z1, z1 \
	VMOVUPD     z0, (DX)       \
	VMOVUPD     z1, 64(DX)     \
	ADDQ        R8, DX

// func gemm8x16AVX512(k int, a *float64, rsa, csa int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm8x16AVX512(SB), NOSPLIT, $0-80
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
	STORE(Z8, Z9)
	STORE(Z10, Z11)
	STORE(Z12, Z13)
	STORE(Z14, Z15)
	STORE(Z16, Z17)
	STORE(Z18, Z19)
	STORE(Z20, Z21)
	STORE(Z22, Z23)
	VZEROUPPER
	RET

store0:
	STORE0(Z8, Z9)
	STORE0(Z10, Z11)
	STORE0(Z12, Z13)
	STORE0(Z14, Z15)
	STORE0(Z16, Z17)
	STORE0(Z18, Z19)
	STORE0(Z20, Z21)
	STORE0(Z22, Z23)
	VZEROUPPER
	RET
