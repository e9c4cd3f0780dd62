//go:build !purego && !textbook

// engine_packed_avx2_amd64.s: the AVX2+FMA 6×8 microkernel on packed
// panels only, for engine_packed_avx2_amd64.go, where its plain twin and
// measured gain are named. The same tile, registers and operations as
// gemm6x8AVX2 (microkernel_amd64.s, whose register map this follows), but
// A and B are read at immediate offsets from one pointer each: a packed A
// panel is 6 values a k step, a packed B panel 8, so a 4-step unrolled
// body needs no index register and advances each pointer once.
//
//	AX  &Ã[p][0] (6 values a step)     BX  &B̃[p][0] (8 values a step)
//	CX  k steps left                    DX  row i of the C tile; R8 = ldc·8
//	Y0 Y1 the B row; Y2 Y3 broadcasts of A; Y4 … Y15 the 6×8 accumulators

#include "textflag.h"
#include "microkernel_amd64.h"

// PSTEP is one k step at byte offsets ao into Ã and bo into B̃: the outer
// product of column p of A and row p of B added into the 12 accumulators,
// in gemm6x8AVX2's order.
#define PSTEP(ao, bo) \
	VMOVUPD      bo(BX), Y0        \
	VMOVUPD      bo+32(BX), Y1     \
	VBROADCASTSD ao(AX), Y2        \
	VFMADD231PD  Y0, Y2, Y4        \
	VFMADD231PD  Y1, Y2, Y5        \
	VBROADCASTSD ao+8(AX), Y3      \
	VFMADD231PD  Y0, Y3, Y6        \
	VFMADD231PD  Y1, Y3, Y7        \
	VBROADCASTSD ao+16(AX), Y2     \
	VFMADD231PD  Y0, Y2, Y8        \
	VFMADD231PD  Y1, Y2, Y9        \
	VBROADCASTSD ao+24(AX), Y3     \
	VFMADD231PD  Y0, Y3, Y10       \
	VFMADD231PD  Y1, Y3, Y11       \
	VBROADCASTSD ao+32(AX), Y2     \
	VFMADD231PD  Y0, Y2, Y12       \
	VFMADD231PD  Y1, Y2, Y13       \
	VBROADCASTSD ao+40(AX), Y3     \
	VFMADD231PD  Y0, Y3, Y14       \
	VFMADD231PD  Y1, Y3, Y15

// func gemm6x8AVX2Column(tiles, k int, a, b, c *float64, ldc int, alpha, beta float64)
//
// tiles tiles down a column of C: tile t from the A panel at a + t·6·k
// (where the previous tile's k loop leaves AX) and the one B panel at b
// (R12), into C at c + t·6·ldc (where the previous tile's stores leave DX).
TEXT ·gemm6x8AVX2Column(SB), NOSPLIT, $0-64
	MOVQ tiles+0(FP), R13
	MOVQ k+8(FP), R10
	MOVQ a+16(FP), AX
	MOVQ b+24(FP), R12
	MOVQ c+32(FP), DX
	MOVQ ldc+40(FP), R8
	SHLQ $3, R8
	TESTQ R13, R13
	JZ    done

tile:
	MOVQ R12, BX
	MOVQ R10, CX

	// Bring the C tile into L1 while the k loop runs, as gemm6x8AVX2 does.
	PREFETCH_C

	ZERO_ACC

	// The k loop, unrolled by 4, then the k mod 4 steps left.
	SHRQ $2, CX
	JZ   tail

loop4:
	PSTEP(0, 0)
	PSTEP(48, 64)
	PSTEP(96, 128)
	PSTEP(144, 192)
	ADDQ $192, AX
	ADDQ $256, BX
	DECQ CX
	JNZ  loop4

tail:
	MOVQ R10, CX
	ANDQ $3, CX
	JZ   store

loop1:
	PSTEP(0, 0)
	ADDQ $48, AX
	ADDQ $64, BX
	DECQ CX
	JNZ  loop1

store:
	VBROADCASTSD alpha+48(FP), Y0

	// beta == 0 (either sign) when its bits, sign shifted out, are zero; an
	// integer test, so a NaN beta takes the general branch as in Go.
	MOVQ beta+56(FP), R9
	SHLQ $1, R9
	JZ   store0

	VBROADCASTSD beta+56(FP), Y1
	STORE_TILE
	DECQ R13
	JNZ  tile
	VZEROUPPER
	RET

store0:
	STORE0_TILE
	DECQ R13
	JNZ  tile
	VZEROUPPER

done:
	RET
