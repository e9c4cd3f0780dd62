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
#include "microkernel_amd64.h"

// STEP, STORE and STORE0 are the textbook kernel's (microkernel_amd64.h).

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

	PREFETCH_C

	ZERO_ACC

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
	STORE_TILE
	DECQ SI
	JNZ  tile
	VZEROUPPER
	RET

store0:
	STORE0_TILE
	DECQ SI
	JNZ  tile
	VZEROUPPER

done:
	RET
