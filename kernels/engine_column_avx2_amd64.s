//go:build !purego && !textbook

// engine_column_avx2_amd64.s: gemm6x8AVX2 (microkernel_amd64.s) run on a
// column of tiles in one call, for engine_column_avx2_amd64.go, where its
// plain twin and measured gain are named. The k loop, its registers and
// its stores are gemm6x8AVX2's, copied (an assembly file cannot take
// another's macros); around them, a loop over the tiles: tile t reads A
// from a + t·tileA and writes C at c + t·6·ldc, with the same B.
//
//	AX  &A[0][p], rows 0–3 at AX, AX+R11, AX+2·R11, AX+R12
//	R13 &A[4][p], rows 4–5 at R13, R13+R11; R11 = rsa·8, R12 = 3·rsa·8
//	R14 csa·8: AX and R13 advance by it per k step
//	BX  &B[p][0]; R15 = ldb·8: BX advances by it per k step
//	CX  k steps left; R10 k; SI tiles left; DI the tile's &A[0][0]
//	DX  c: row i of the C tile; R8 = ldc·8 bytes (one row of C)
//	Y0 Y1 the B row; Y2 Y3 broadcasts of A; Y4 … Y15 the 6×8 accumulators

#include "textflag.h"

#define STEP \
	VMOVUPD      (BX), Y0                 \
	VMOVUPD      32(BX), Y1               \
	VBROADCASTSD (AX), Y2                 \
	VFMADD231PD  Y0, Y2, Y4               \
	VFMADD231PD  Y1, Y2, Y5               \
	VBROADCASTSD (AX)(R11*1), Y3          \
	VFMADD231PD  Y0, Y3, Y6               \
	VFMADD231PD  Y1, Y3, Y7               \
	VBROADCASTSD (AX)(R11*2), Y2          \
	VFMADD231PD  Y0, Y2, Y8               \
	VFMADD231PD  Y1, Y2, Y9               \
	VBROADCASTSD (AX)(R12*1), Y3          \
	VFMADD231PD  Y0, Y3, Y10              \
	VFMADD231PD  Y1, Y3, Y11              \
	VBROADCASTSD (R13), Y2                \
	VFMADD231PD  Y0, Y2, Y12              \
	VFMADD231PD  Y1, Y2, Y13              \
	VBROADCASTSD (R13)(R11*1), Y3         \
	VFMADD231PD  Y0, Y3, Y14              \
	VFMADD231PD  Y1, Y3, Y15              \
	ADDQ         R14, AX                  \
	ADDQ         R14, R13                 \
	ADDQ         R15, BX

#define STORE0(lo, hi) \
	VMULPD  Y0, lo, lo     \
	VMULPD  Y0, hi, hi     \
	VMOVUPD lo, (DX)       \
	VMOVUPD hi, 32(DX)     \
	ADDQ    R8, DX

#define STORE(lo, hi) \
	VMULPD      Y0, lo, lo     \
	VMULPD      Y0, hi, hi     \
	VFMADD231PD (DX), Y1, lo   \
	VFMADD231PD 32(DX), Y1, hi \
	VMOVUPD     lo, (DX)       \
	VMOVUPD     hi, 32(DX)     \
	ADDQ        R8, DX

// func gemm6x8AVX2Strided(tiles, k int, a *float64, rsa, csa, tileA int, b *float64, ldb int, c *float64, ldc int, alpha, beta float64)
TEXT ·gemm6x8AVX2Strided(SB), NOSPLIT, $0-96
	MOVQ tiles+0(FP), SI
	MOVQ k+8(FP), R10
	MOVQ a+16(FP), DI
	MOVQ rsa+24(FP), R11
	SHLQ $3, R11
	MOVQ csa+32(FP), R14
	SHLQ $3, R14
	MOVQ ldb+56(FP), R15
	SHLQ $3, R15
	MOVQ c+64(FP), DX
	MOVQ ldc+72(FP), R8
	SHLQ $3, R8
	LEAQ (R11)(R11*2), R12
	TESTQ SI, SI
	JZ    done

tile:
	MOVQ DI, AX
	LEAQ (AX)(R11*4), R13
	MOVQ b+48(FP), BX
	MOVQ R10, CX

	MOVQ       DX, R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)
	ADDQ       R8, R9
	PREFETCHT0 (R9)
	PREFETCHT0 63(R9)

	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
	VXORPD Y14, Y14, Y14
	VXORPD Y15, Y15, Y15

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
	VBROADCASTSD alpha+80(FP), Y0
	MOVQ         tileA+40(FP), R9
	SHLQ         $3, R9
	ADDQ         R9, DI

	// beta == 0 (either sign) when its bits, sign shifted out, are zero; an
	// integer test, so a NaN beta takes the general branch as in Go.
	MOVQ beta+88(FP), R9
	SHLQ $1, R9
	JZ   store0

	VBROADCASTSD beta+88(FP), Y1
	STORE(Y4, Y5)
	STORE(Y6, Y7)
	STORE(Y8, Y9)
	STORE(Y10, Y11)
	STORE(Y12, Y13)
	STORE(Y14, Y15)
	DECQ SI
	JNZ  tile
	VZEROUPPER
	RET

store0:
	STORE0(Y4, Y5)
	STORE0(Y6, Y7)
	STORE0(Y8, Y9)
	STORE0(Y10, Y11)
	STORE0(Y12, Y13)
	STORE0(Y14, Y15)
	DECQ SI
	JNZ  tile
	VZEROUPPER

done:
	RET
