//go:build !purego

// transpose4NEON: the inner loop of kernels' transposeRowsFast
// (engine_pack.go) for four stored rows at a time, in 4×2 blocks
// transposed in registers: two values of each row loaded at once, paired
// across rows by TRN1 and TRN2, and stored as two half panel rows. Go's
// loop moves one value per load and store; this moves two per load and
// four per store.
//
// Register map:
//
//	R2, R5, R6, R7   &src[i][p] for the rows i = 0 … 3 (ld·8 apart)
//	R0, R8           &panel[p][0], &panel[p+1][0]; R9 = 2·w·8, their step
//	R4               blocks left
//	V0–V3            the rows: v_i = src[i][p], src[i][p+1]
//	V4, V5           panel row p:   [v0[0] v1[0]], [v2[0] v3[0]] (TRN1)
//	V6, V7           panel row p+1: [v0[1] v1[1]], [v2[1] v3[1]] (TRN2)

#include "textflag.h"

// func transpose4NEON(dst *float64, w int, src *float64, ld int, blocks int)
TEXT ·transpose4NEON(SB), NOSPLIT, $0-40
	MOVD dst+0(FP), R0
	MOVD w+8(FP), R1
	MOVD src+16(FP), R2
	MOVD ld+24(FP), R3
	MOVD blocks+32(FP), R4
	LSL  $3, R1, R1
	LSL  $3, R3, R3
	ADD  R3, R2, R5
	ADD  R3, R5, R6
	ADD  R3, R6, R7
	ADD  R1, R0, R8
	LSL  $1, R1, R9
	CBZ  R4, done

loop:
	VLD1.P 16(R2), [V0.D2]
	VLD1.P 16(R5), [V1.D2]
	VLD1.P 16(R6), [V2.D2]
	VLD1.P 16(R7), [V3.D2]
	VTRN1  V1.D2, V0.D2, V4.D2
	VTRN1  V3.D2, V2.D2, V5.D2
	VTRN2  V1.D2, V0.D2, V6.D2
	VTRN2  V3.D2, V2.D2, V7.D2
	VST1   [V4.D2, V5.D2], (R0)
	VST1   [V6.D2, V7.D2], (R8)
	ADD    R9, R0
	ADD    R9, R8
	SUBS   $1, R4
	BNE    loop

done:
	RET

// func transpose2NEON(dst *float64, w int, src *float64, ld int, blocks int)
//
// transpose2NEON: the same for the two stored rows left of a 6-row panel
// (the neon tile's A), in 2×2 blocks: panel row p gets [v0[0] v1[0]]
// (TRN1), row p+1 [v0[1] v1[1]] (TRN2), one 16-byte store each.
//
//	R2, R5   &src[i][p] for the rows i = 0, 1 (ld·8 apart)
//	R0, R8   &panel[p][0], &panel[p+1][0]; R9 = 2·w·8, their step
//	R4       blocks left
TEXT ·transpose2NEON(SB), NOSPLIT, $0-40
	MOVD dst+0(FP), R0
	MOVD w+8(FP), R1
	MOVD src+16(FP), R2
	MOVD ld+24(FP), R3
	MOVD blocks+32(FP), R4
	LSL  $3, R1, R1
	LSL  $3, R3, R3
	ADD  R3, R2, R5
	ADD  R1, R0, R8
	LSL  $1, R1, R9
	CBZ  R4, done2

loop2:
	VLD1.P 16(R2), [V0.D2]
	VLD1.P 16(R5), [V1.D2]
	VTRN1  V1.D2, V0.D2, V4.D2
	VTRN2  V1.D2, V0.D2, V6.D2
	VST1   [V4.D2], (R0)
	VST1   [V6.D2], (R8)
	ADD    R9, R0
	ADD    R9, R8
	SUBS   $1, R4
	BNE    loop2

done2:
	RET
