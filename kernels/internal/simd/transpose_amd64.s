//go:build !purego

// transpose4AVX2: the inner loop of kernels' transposeRowsFast (engine_pack.go) for four stored
// rows at a time, 4×4 blocks transposed in registers. Go's scalar loop
// moves one value per load and store (≈0.3 ns a value on a Zen 5); this
// moves four (≈0.07 ns), which matters for a transposed B: a small product
// packs as many values as it does multiply-adds per 85.
//
// Register map:
//
//	SI   &src[0][p]: rows at SI, SI+R8, SI+2·R8, SI+R9 (R8 = ld·8, R9 = 3·ld·8)
//	DI   &panel[p][0]: rows at DI, DI+R10, DI+2·R10, DI+R11 (R10 = w·8, R11 = 3·w·8)
//	CX   4×4 blocks left; R12 = 4·w·8, DI's step per block
//	Y0–Y3  four rows of src, four values each:   r_i = src[i][p … p+3]
//	Y4–Y7  pairs:  [r0[0] r1[0] r0[2] r1[2]] … (VUNPCKLPD / VUNPCKHPD)
//	Y8–Y11 the panel rows p … p+3: [r0[q] r1[q] r2[q] r3[q]] (VPERM2F128)

#include "textflag.h"

// func transpose4AVX2(dst *float64, w int, src *float64, ld int, blocks int)
TEXT ·transpose4AVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ w+8(FP), R10
	SHLQ $3, R10
	MOVQ src+16(FP), SI
	MOVQ ld+24(FP), R8
	SHLQ $3, R8
	MOVQ blocks+32(FP), CX
	LEAQ (R8)(R8*2), R9
	LEAQ (R10)(R10*2), R11
	LEAQ (R10*4), R12
	TESTQ CX, CX
	JLE   done

loop:
	VMOVUPD    (SI), Y0
	VMOVUPD    (SI)(R8*1), Y1
	VMOVUPD    (SI)(R8*2), Y2
	VMOVUPD    (SI)(R9*1), Y3
	VUNPCKLPD  Y1, Y0, Y4
	VUNPCKHPD  Y1, Y0, Y5
	VUNPCKLPD  Y3, Y2, Y6
	VUNPCKHPD  Y3, Y2, Y7
	VPERM2F128 $0x20, Y6, Y4, Y8
	VPERM2F128 $0x20, Y7, Y5, Y9
	VPERM2F128 $0x31, Y6, Y4, Y10
	VPERM2F128 $0x31, Y7, Y5, Y11
	VMOVUPD    Y8, (DI)
	VMOVUPD    Y9, (DI)(R10*1)
	VMOVUPD    Y10, (DI)(R10*2)
	VMOVUPD    Y11, (DI)(R11*1)
	ADDQ       $32, SI
	ADDQ       R12, DI
	DECQ       CX
	JNZ        loop

done:
	VZEROUPPER
	RET

// func transpose2AVX2(dst *float64, w int, src *float64, ld int, blocks int)
//
// transpose2AVX2: the same for the two stored rows left of a 6-row panel
// (the avx2 tile's A), in 2×4 blocks: a row pair's four values interleaved
// by VUNPCKLPD / VUNPCKHPD, each panel row p … p+3 getting its two values
// in one 16-byte store (Go's loop: one value per load and store).
//
//	SI   &src[0][p], the other row at SI+R8 (R8 = ld·8)
//	DI   &panel[p][0]: rows at DI, DI+R10, DI+2·R10, DI+R11
//	Y2   [r0[0] r1[0] r0[2] r1[2]];  Y3 [r0[1] r1[1] r0[3] r1[3]]
TEXT ·transpose2AVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ w+8(FP), R10
	SHLQ $3, R10
	MOVQ src+16(FP), SI
	MOVQ ld+24(FP), R8
	SHLQ $3, R8
	MOVQ blocks+32(FP), CX
	LEAQ (R10)(R10*2), R11
	LEAQ (R10*4), R12
	TESTQ CX, CX
	JLE   done2

loop2:
	VMOVUPD      (SI), Y0
	VMOVUPD      (SI)(R8*1), Y1
	VUNPCKLPD    Y1, Y0, Y2
	VUNPCKHPD    Y1, Y0, Y3
	VMOVUPD      X2, (DI)
	VMOVUPD      X3, (DI)(R10*1)
	VEXTRACTF128 $1, Y2, (DI)(R10*2)
	VEXTRACTF128 $1, Y3, (DI)(R11*1)
	ADDQ         $32, SI
	ADDQ         R12, DI
	DECQ         CX
	JNZ          loop2

done2:
	VZEROUPPER
	RET
