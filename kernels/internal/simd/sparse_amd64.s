//go:build !purego

// The AVX2 loops of the sparse products on lists (kernels'
// engine_sparse_lists.go): the compaction of a row into its nonzeros, and
// a row of C held in registers while the rows of B its nonzeros name
// stream past. A ymm register holds 4 float64.

#include "textflag.h"

// COMPACT_LANE writes lane k of the four values at SI (position R9+k) at
// the count CX, and advances the count if bit k of AX is set: stores that
// always happen, a count that moves by the bit, no branch.
#define COMPACT_LANE(k) \
	MOVQ  (8*k)(SI), R8;    \
	MOVQ  R8, (DI)(CX*8);   \
	LEAQ  k(R9), R8;        \
	MOVL  R8, (R10)(CX*4);  \
	MOVQ  AX, R8;           \
	SHRQ  $k, R8;           \
	ANDQ  $1, R8;           \
	ADDQ  R8, CX

// func compactAVX2(idx *int32, val *float64, x *float64, n int, base int) int
//
// CompactRow on n values (a multiple of 4): four at a time, a compare
// with zero (≠, unordered: a NaN counts, −0 does not) into a 4-bit mask;
// a group of four zeros is skipped, the others written lane by lane
// (COMPACT_LANE). Returns the count.
//
//	R10 idx, DI val, SI x, BX groups left, R9 the position of x[0]
//	CX the count, AX the group's mask, Y15 zeros
TEXT ·compactAVX2(SB), NOSPLIT, $0-48
	MOVQ   idx+0(FP), R10
	MOVQ   val+8(FP), DI
	MOVQ   x+16(FP), SI
	MOVQ   n+24(FP), BX
	MOVQ   base+32(FP), R9
	XORQ   CX, CX
	VXORPD Y15, Y15, Y15
	SHRQ   $2, BX
	JZ     cdone

cloop:
	VMOVUPD   (SI), Y0
	VCMPPD    $4, Y15, Y0, Y1
	VMOVMSKPD Y1, AX
	TESTQ     AX, AX
	JZ        cnext
	COMPACT_LANE(0)
	COMPACT_LANE(1)
	COMPACT_LANE(2)
	COMPACT_LANE(3)

cnext:
	ADDQ $32, SI
	ADDQ $4, R9
	DECQ BX
	JNZ  cloop

cdone:
	MOVQ CX, ret+40(FP)
	VZEROUPPER
	RET

// func sparseStrip32AVX2(c *float64, ldc8 int, bnd *int32, stride4, span4 int, idx *int32, val *float64, rows int, b *float64, ldb8 int)
//
// SparseStrip32: for each row r of c, the entries e = bnd[0] … bnd[span]−1
// (bnd advancing by stride4 bytes a row): 32 sums of c's row held in
// registers, one broadcast of val[e] and 8 FMAs with row idx[e] of b
// (read from memory) each, in order of e. A row without entries is not
// touched.
//
//	DI &c[r][0], SI &bnd of row r, R13 rows left, CX e, DX its end
//	R10 idx, R11 val, BX b, R12 ldb8, R14 span4, R8 ldc8, R9 stride4
//	AX &b[idx[e]][0]; Y8 val[e] in each lane
TEXT ·sparseStrip32AVX2(SB), NOSPLIT, $0-80
	MOVQ  c+0(FP), DI
	MOVQ  ldc8+8(FP), R8
	MOVQ  bnd+16(FP), SI
	MOVQ  stride4+24(FP), R9
	MOVQ  span4+32(FP), R14
	MOVQ  idx+40(FP), R10
	MOVQ  val+48(FP), R11
	MOVQ  rows+56(FP), R13
	MOVQ  b+64(FP), BX
	MOVQ  ldb8+72(FP), R12
	TESTQ R13, R13
	JZ    s32done

s32row:
	MOVLQSX (SI), CX
	MOVLQSX (SI)(R14*1), DX
	CMPQ    CX, DX
	JGE     s32next
	VMOVUPD 0(DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VMOVUPD 128(DI), Y4
	VMOVUPD 160(DI), Y5
	VMOVUPD 192(DI), Y6
	VMOVUPD 224(DI), Y7

s32entry:
	MOVLQSX      (R10)(CX*4), AX
	IMULQ        R12, AX
	ADDQ         BX, AX
	VBROADCASTSD (R11)(CX*8), Y8
	VFMADD231PD 0(AX), Y8, Y0
	VFMADD231PD 32(AX), Y8, Y1
	VFMADD231PD 64(AX), Y8, Y2
	VFMADD231PD 96(AX), Y8, Y3
	VFMADD231PD 128(AX), Y8, Y4
	VFMADD231PD 160(AX), Y8, Y5
	VFMADD231PD 192(AX), Y8, Y6
	VFMADD231PD 224(AX), Y8, Y7
	INCQ         CX
	CMPQ         CX, DX
	JLT          s32entry
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, 128(DI)
	VMOVUPD Y5, 160(DI)
	VMOVUPD Y6, 192(DI)
	VMOVUPD Y7, 224(DI)

s32next:
	ADDQ R8, DI
	ADDQ R9, SI
	DECQ R13
	JNZ  s32row

s32done:
	VZEROUPPER
	RET

// func sparseStrip4AVX2(c *float64, ldc8 int, bnd *int32, stride4, span4 int, idx *int32, val *float64, rows int, b *float64, ldb8 int)
//
// SparseStrip4: for each row r of c, the entries e = bnd[0] … bnd[span]−1
// (bnd advancing by stride4 bytes a row): 4 sums of c's row held in
// registers, one broadcast of val[e] and 1 FMA with row idx[e] of b
// (read from memory) each, in order of e. A row without entries is not
// touched.
//
//	DI &c[r][0], SI &bnd of row r, R13 rows left, CX e, DX its end
//	R10 idx, R11 val, BX b, R12 ldb8, R14 span4, R8 ldc8, R9 stride4
//	AX &b[idx[e]][0]; Y8 val[e] in each lane
TEXT ·sparseStrip4AVX2(SB), NOSPLIT, $0-80
	MOVQ  c+0(FP), DI
	MOVQ  ldc8+8(FP), R8
	MOVQ  bnd+16(FP), SI
	MOVQ  stride4+24(FP), R9
	MOVQ  span4+32(FP), R14
	MOVQ  idx+40(FP), R10
	MOVQ  val+48(FP), R11
	MOVQ  rows+56(FP), R13
	MOVQ  b+64(FP), BX
	MOVQ  ldb8+72(FP), R12
	TESTQ R13, R13
	JZ    s4done

s4row:
	MOVLQSX (SI), CX
	MOVLQSX (SI)(R14*1), DX
	CMPQ    CX, DX
	JGE     s4next
	VMOVUPD (DI), Y0

s4entry:
	MOVLQSX      (R10)(CX*4), AX
	IMULQ        R12, AX
	ADDQ         BX, AX
	VBROADCASTSD (R11)(CX*8), Y8
	VFMADD231PD (AX), Y8, Y0
	INCQ         CX
	CMPQ         CX, DX
	JLT          s4entry
	VMOVUPD Y0, (DI)

s4next:
	ADDQ R8, DI
	ADDQ R9, SI
	DECQ R13
	JNZ  s4row

s4done:
	VZEROUPPER
	RET
