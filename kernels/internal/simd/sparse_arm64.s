//go:build !purego

// The sparse products' NEON strip (sparse_arm64.go), on the lists of
// kernels' engine_sparse_lists.go: strides in bytes. Go's arm64 assembler
// has FMLA only vector by vector, so the by-element form is written as a
// WORD (FMLAE; the encoding kernels' microkernel_arm64.s uses, checked
// there against llvm-mc), and the test compares the strip with its Go
// twin bit for bit under qemu.

#include "textflag.h"

// FMLAE(d, n, m, i): FMLA Vd.2D, Vn.2D, Vm.D[i]   (Vd += Vn·Vm[i], fused)
#define FMLAE(d, n, m, i) WORD $(0x4FC01000 | ((i)<<11) | ((m)<<16) | ((n)<<5) | (d))

// func sparseStrip32NEON(c *float64, ldc8 int, bnd *int32, stride4, span4 int, idx *int32, val *float64, rows int, b *float64, ldb8 int)
//
// For each row r of c, the entries e = bnd[0] … bnd[span]−1 (bnd advancing
// by stride4 bytes a row): 32 sums of c's row held in V0 … V15, and for
// each entry val[e] in V24's lane 0 and 16 FMLAs with row idx[e] of b,
// loaded 8 values at a time into V16 … V23, in order of e. A row without
// entries is not touched.
//
//	R0 &c[r][0], R1 ldc8, R2 &bnd of row r, R3 stride4, R4 span4
//	R5 idx, R6 val, R7 rows left, R8 b, R9 ldb8
//	R10 e, R11 its end, R12 a moving pointer into c, R13 &b[idx[e]][0]
TEXT ·sparseStrip32NEON(SB), NOSPLIT, $0-80
	MOVD c+0(FP), R0
	MOVD ldc8+8(FP), R1
	MOVD bnd+16(FP), R2
	MOVD stride4+24(FP), R3
	MOVD span4+32(FP), R4
	MOVD idx+40(FP), R5
	MOVD val+48(FP), R6
	MOVD rows+56(FP), R7
	MOVD b+64(FP), R8
	MOVD ldb8+72(FP), R9
	CBZ  R7, done

row:
	MOVW (R2), R10
	MOVW (R2)(R4), R11
	CMP  R11, R10
	BGE  next
	MOVD R0, R12
	VLD1.P 64(R12), [V0.D2, V1.D2, V2.D2, V3.D2]
	VLD1.P 64(R12), [V4.D2, V5.D2, V6.D2, V7.D2]
	VLD1.P 64(R12), [V8.D2, V9.D2, V10.D2, V11.D2]
	VLD1   (R12), [V12.D2, V13.D2, V14.D2, V15.D2]

entry:
	MOVW  (R5)(R10<<2), R13
	MUL   R9, R13, R13
	ADD   R8, R13, R13
	FMOVD (R6)(R10<<3), F24
	VLD1.P 64(R13), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1.P 64(R13), [V20.D2, V21.D2, V22.D2, V23.D2]
	FMLAE(0, 16, 24, 0)
	FMLAE(1, 17, 24, 0)
	FMLAE(2, 18, 24, 0)
	FMLAE(3, 19, 24, 0)
	FMLAE(4, 20, 24, 0)
	FMLAE(5, 21, 24, 0)
	FMLAE(6, 22, 24, 0)
	FMLAE(7, 23, 24, 0)
	VLD1.P 64(R13), [V16.D2, V17.D2, V18.D2, V19.D2]
	VLD1   (R13), [V20.D2, V21.D2, V22.D2, V23.D2]
	FMLAE(8, 16, 24, 0)
	FMLAE(9, 17, 24, 0)
	FMLAE(10, 18, 24, 0)
	FMLAE(11, 19, 24, 0)
	FMLAE(12, 20, 24, 0)
	FMLAE(13, 21, 24, 0)
	FMLAE(14, 22, 24, 0)
	FMLAE(15, 23, 24, 0)
	ADD   $1, R10
	CMP   R11, R10
	BLT   entry

	MOVD R0, R12
	VST1.P [V0.D2, V1.D2, V2.D2, V3.D2], 64(R12)
	VST1.P [V4.D2, V5.D2, V6.D2, V7.D2], 64(R12)
	VST1.P [V8.D2, V9.D2, V10.D2, V11.D2], 64(R12)
	VST1   [V12.D2, V13.D2, V14.D2, V15.D2], (R12)

next:
	ADD  R1, R0
	ADD  R3, R2
	SUB  $1, R7
	CBNZ R7, row

done:
	RET
