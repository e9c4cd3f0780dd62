//go:build !purego

// The AVX2 loops of the sparse products on lists (kernels'
// engine_sparse_lists.go): the compaction of a row into its nonzeros
// (the lists of A's rows); column masks and the lists read off them (the
// lists of A's columns); and a row of C held in registers while the rows
// of B its nonzeros name stream past. A ymm register holds 4 float64.

#include "textflag.h"

// compactPermD holds, for each 4-bit mask m, the VPERMD indices that
// move the float64 lanes set in m, in order, to the bottom of a ymm
// register (lane l is the 32-bit halves 2l and 2l+1); compactPermI, the
// lanes themselves as int32, for the positions.
DATA compactPermD<>+0(SB)/4, $0
DATA compactPermD<>+4(SB)/4, $1
DATA compactPermD<>+8(SB)/4, $0
DATA compactPermD<>+12(SB)/4, $1
DATA compactPermD<>+16(SB)/4, $0
DATA compactPermD<>+20(SB)/4, $1
DATA compactPermD<>+24(SB)/4, $0
DATA compactPermD<>+28(SB)/4, $1
DATA compactPermD<>+32(SB)/4, $0
DATA compactPermD<>+36(SB)/4, $1
DATA compactPermD<>+40(SB)/4, $0
DATA compactPermD<>+44(SB)/4, $1
DATA compactPermD<>+48(SB)/4, $0
DATA compactPermD<>+52(SB)/4, $1
DATA compactPermD<>+56(SB)/4, $0
DATA compactPermD<>+60(SB)/4, $1
DATA compactPermD<>+64(SB)/4, $2
DATA compactPermD<>+68(SB)/4, $3
DATA compactPermD<>+72(SB)/4, $0
DATA compactPermD<>+76(SB)/4, $1
DATA compactPermD<>+80(SB)/4, $0
DATA compactPermD<>+84(SB)/4, $1
DATA compactPermD<>+88(SB)/4, $0
DATA compactPermD<>+92(SB)/4, $1
DATA compactPermD<>+96(SB)/4, $0
DATA compactPermD<>+100(SB)/4, $1
DATA compactPermD<>+104(SB)/4, $2
DATA compactPermD<>+108(SB)/4, $3
DATA compactPermD<>+112(SB)/4, $0
DATA compactPermD<>+116(SB)/4, $1
DATA compactPermD<>+120(SB)/4, $0
DATA compactPermD<>+124(SB)/4, $1
DATA compactPermD<>+128(SB)/4, $4
DATA compactPermD<>+132(SB)/4, $5
DATA compactPermD<>+136(SB)/4, $0
DATA compactPermD<>+140(SB)/4, $1
DATA compactPermD<>+144(SB)/4, $0
DATA compactPermD<>+148(SB)/4, $1
DATA compactPermD<>+152(SB)/4, $0
DATA compactPermD<>+156(SB)/4, $1
DATA compactPermD<>+160(SB)/4, $0
DATA compactPermD<>+164(SB)/4, $1
DATA compactPermD<>+168(SB)/4, $4
DATA compactPermD<>+172(SB)/4, $5
DATA compactPermD<>+176(SB)/4, $0
DATA compactPermD<>+180(SB)/4, $1
DATA compactPermD<>+184(SB)/4, $0
DATA compactPermD<>+188(SB)/4, $1
DATA compactPermD<>+192(SB)/4, $2
DATA compactPermD<>+196(SB)/4, $3
DATA compactPermD<>+200(SB)/4, $4
DATA compactPermD<>+204(SB)/4, $5
DATA compactPermD<>+208(SB)/4, $0
DATA compactPermD<>+212(SB)/4, $1
DATA compactPermD<>+216(SB)/4, $0
DATA compactPermD<>+220(SB)/4, $1
DATA compactPermD<>+224(SB)/4, $0
DATA compactPermD<>+228(SB)/4, $1
DATA compactPermD<>+232(SB)/4, $2
DATA compactPermD<>+236(SB)/4, $3
DATA compactPermD<>+240(SB)/4, $4
DATA compactPermD<>+244(SB)/4, $5
DATA compactPermD<>+248(SB)/4, $0
DATA compactPermD<>+252(SB)/4, $1
DATA compactPermD<>+256(SB)/4, $6
DATA compactPermD<>+260(SB)/4, $7
DATA compactPermD<>+264(SB)/4, $0
DATA compactPermD<>+268(SB)/4, $1
DATA compactPermD<>+272(SB)/4, $0
DATA compactPermD<>+276(SB)/4, $1
DATA compactPermD<>+280(SB)/4, $0
DATA compactPermD<>+284(SB)/4, $1
DATA compactPermD<>+288(SB)/4, $0
DATA compactPermD<>+292(SB)/4, $1
DATA compactPermD<>+296(SB)/4, $6
DATA compactPermD<>+300(SB)/4, $7
DATA compactPermD<>+304(SB)/4, $0
DATA compactPermD<>+308(SB)/4, $1
DATA compactPermD<>+312(SB)/4, $0
DATA compactPermD<>+316(SB)/4, $1
DATA compactPermD<>+320(SB)/4, $2
DATA compactPermD<>+324(SB)/4, $3
DATA compactPermD<>+328(SB)/4, $6
DATA compactPermD<>+332(SB)/4, $7
DATA compactPermD<>+336(SB)/4, $0
DATA compactPermD<>+340(SB)/4, $1
DATA compactPermD<>+344(SB)/4, $0
DATA compactPermD<>+348(SB)/4, $1
DATA compactPermD<>+352(SB)/4, $0
DATA compactPermD<>+356(SB)/4, $1
DATA compactPermD<>+360(SB)/4, $2
DATA compactPermD<>+364(SB)/4, $3
DATA compactPermD<>+368(SB)/4, $6
DATA compactPermD<>+372(SB)/4, $7
DATA compactPermD<>+376(SB)/4, $0
DATA compactPermD<>+380(SB)/4, $1
DATA compactPermD<>+384(SB)/4, $4
DATA compactPermD<>+388(SB)/4, $5
DATA compactPermD<>+392(SB)/4, $6
DATA compactPermD<>+396(SB)/4, $7
DATA compactPermD<>+400(SB)/4, $0
DATA compactPermD<>+404(SB)/4, $1
DATA compactPermD<>+408(SB)/4, $0
DATA compactPermD<>+412(SB)/4, $1
DATA compactPermD<>+416(SB)/4, $0
DATA compactPermD<>+420(SB)/4, $1
DATA compactPermD<>+424(SB)/4, $4
DATA compactPermD<>+428(SB)/4, $5
DATA compactPermD<>+432(SB)/4, $6
DATA compactPermD<>+436(SB)/4, $7
DATA compactPermD<>+440(SB)/4, $0
DATA compactPermD<>+444(SB)/4, $1
DATA compactPermD<>+448(SB)/4, $2
DATA compactPermD<>+452(SB)/4, $3
DATA compactPermD<>+456(SB)/4, $4
DATA compactPermD<>+460(SB)/4, $5
DATA compactPermD<>+464(SB)/4, $6
DATA compactPermD<>+468(SB)/4, $7
DATA compactPermD<>+472(SB)/4, $0
DATA compactPermD<>+476(SB)/4, $1
DATA compactPermD<>+480(SB)/4, $0
DATA compactPermD<>+484(SB)/4, $1
DATA compactPermD<>+488(SB)/4, $2
DATA compactPermD<>+492(SB)/4, $3
DATA compactPermD<>+496(SB)/4, $4
DATA compactPermD<>+500(SB)/4, $5
DATA compactPermD<>+504(SB)/4, $6
DATA compactPermD<>+508(SB)/4, $7
GLOBL compactPermD<>(SB), RODATA|NOPTR, $512

DATA compactPermI<>+0(SB)/4, $0
DATA compactPermI<>+4(SB)/4, $0
DATA compactPermI<>+8(SB)/4, $0
DATA compactPermI<>+12(SB)/4, $0
DATA compactPermI<>+16(SB)/4, $0
DATA compactPermI<>+20(SB)/4, $0
DATA compactPermI<>+24(SB)/4, $0
DATA compactPermI<>+28(SB)/4, $0
DATA compactPermI<>+32(SB)/4, $1
DATA compactPermI<>+36(SB)/4, $0
DATA compactPermI<>+40(SB)/4, $0
DATA compactPermI<>+44(SB)/4, $0
DATA compactPermI<>+48(SB)/4, $0
DATA compactPermI<>+52(SB)/4, $1
DATA compactPermI<>+56(SB)/4, $0
DATA compactPermI<>+60(SB)/4, $0
DATA compactPermI<>+64(SB)/4, $2
DATA compactPermI<>+68(SB)/4, $0
DATA compactPermI<>+72(SB)/4, $0
DATA compactPermI<>+76(SB)/4, $0
DATA compactPermI<>+80(SB)/4, $0
DATA compactPermI<>+84(SB)/4, $2
DATA compactPermI<>+88(SB)/4, $0
DATA compactPermI<>+92(SB)/4, $0
DATA compactPermI<>+96(SB)/4, $1
DATA compactPermI<>+100(SB)/4, $2
DATA compactPermI<>+104(SB)/4, $0
DATA compactPermI<>+108(SB)/4, $0
DATA compactPermI<>+112(SB)/4, $0
DATA compactPermI<>+116(SB)/4, $1
DATA compactPermI<>+120(SB)/4, $2
DATA compactPermI<>+124(SB)/4, $0
DATA compactPermI<>+128(SB)/4, $3
DATA compactPermI<>+132(SB)/4, $0
DATA compactPermI<>+136(SB)/4, $0
DATA compactPermI<>+140(SB)/4, $0
DATA compactPermI<>+144(SB)/4, $0
DATA compactPermI<>+148(SB)/4, $3
DATA compactPermI<>+152(SB)/4, $0
DATA compactPermI<>+156(SB)/4, $0
DATA compactPermI<>+160(SB)/4, $1
DATA compactPermI<>+164(SB)/4, $3
DATA compactPermI<>+168(SB)/4, $0
DATA compactPermI<>+172(SB)/4, $0
DATA compactPermI<>+176(SB)/4, $0
DATA compactPermI<>+180(SB)/4, $1
DATA compactPermI<>+184(SB)/4, $3
DATA compactPermI<>+188(SB)/4, $0
DATA compactPermI<>+192(SB)/4, $2
DATA compactPermI<>+196(SB)/4, $3
DATA compactPermI<>+200(SB)/4, $0
DATA compactPermI<>+204(SB)/4, $0
DATA compactPermI<>+208(SB)/4, $0
DATA compactPermI<>+212(SB)/4, $2
DATA compactPermI<>+216(SB)/4, $3
DATA compactPermI<>+220(SB)/4, $0
DATA compactPermI<>+224(SB)/4, $1
DATA compactPermI<>+228(SB)/4, $2
DATA compactPermI<>+232(SB)/4, $3
DATA compactPermI<>+236(SB)/4, $0
DATA compactPermI<>+240(SB)/4, $0
DATA compactPermI<>+244(SB)/4, $1
DATA compactPermI<>+248(SB)/4, $2
DATA compactPermI<>+252(SB)/4, $3
GLOBL compactPermI<>(SB), RODATA|NOPTR, $256

// func compactAVX2(idx *int32, val *float64, x *float64, n int, bnd *int32, kb int, count int) int
//
// CompactRow on n values (a multiple of 4), from the count count, four at
// a time and without a branch on the data (but the start of a block of
// kb values, a multiple of 4, where the count is stored at bnd and bnd
// advanced): a compare with zero (≠, unordered: a NaN counts,
// −0 does not) into a 4-bit mask m; the values permuted so that the
// nonzeros come first (compactPermD[m]) and all four stored at the count,
// their positions likewise (compactPermI[m] plus the group's position),
// and the count advanced by the popcount of m. Returns the count.
//
//	R10 idx, DI val, SI x, BX groups left, CX the count, AX the mask
//	R11 compactPermD, R12 compactPermI, R8 an offset into them
//	R9 bnd, R13 groups in a block, R14 groups left in this one
//	X5 the group's position in each lane, X6 4 in each, Y15 zeros
TEXT ·compactAVX2(SB), NOSPLIT, $0-64
	MOVQ         idx+0(FP), R10
	MOVQ         val+8(FP), DI
	MOVQ         x+16(FP), SI
	MOVQ         n+24(FP), BX
	MOVQ         bnd+32(FP), R9
	MOVQ         kb+40(FP), R13
	SHRQ         $2, R13
	XORQ         R14, R14
	MOVQ         count+48(FP), CX
	LEAQ         compactPermD<>(SB), R11
	LEAQ         compactPermI<>(SB), R12
	VXORPD       Y15, Y15, Y15
	VPXOR        X5, X5, X5
	MOVL         $4, AX
	VMOVQ        AX, X6
	VPBROADCASTD X6, X6
	SHRQ         $2, BX
	JZ           cdone

cloop:
	TESTQ R14, R14
	JNZ   cgroup
	MOVL  CX, (R9)
	ADDQ  $4, R9
	MOVQ  R13, R14

cgroup:
	VMOVUPD   (SI), Y0
	VCMPPD    $4, Y15, Y0, Y1
	VMOVMSKPD Y1, AX
	MOVQ      AX, R8
	SHLQ      $5, R8
	VMOVDQU   (R11)(R8*1), Y2
	VPERMD    Y0, Y2, Y3
	VMOVUPD   Y3, (DI)(CX*8)
	SHRQ      $1, R8
	VPADDD    (R12)(R8*1), X5, X4
	VMOVDQU   X4, (R10)(CX*4)
	POPCNTL   AX, AX
	ADDQ      AX, CX
	VPADDD    X6, X5, X5
	ADDQ      $32, SI
	DECQ      R14
	DECQ      BX
	JNZ       cloop

cdone:
	MOVQ CX, ret+56(FP)
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

// func maskRowAVX2(a *float64, n int, mask *uint64, bit uint) int
//
// MaskRowAVX2: four at a time, a compare with zero (≠, unordered: a NaN
// counts, −0 does not) gives all ones in the lanes to set; ANDed with the
// bit and ORed into the four masks, which are stored back whole. Returns
// the count (the compare's sign bits, popcounted).
//
//	SI a, DI mask, CX groups left, R11 the count, Y15 zeros, Y14 the bit
TEXT ·maskRowAVX2(SB), NOSPLIT, $0-40
	MOVQ         bit+24(FP), CX
	MOVQ         $1, AX
	SHLQ         CX, AX
	VMOVQ        AX, X14
	VPBROADCASTQ X14, Y14
	MOVQ         a+0(FP), SI
	MOVQ         n+8(FP), CX
	MOVQ         mask+16(FP), DI
	VXORPD       Y15, Y15, Y15
	XORQ         R11, R11
	SHRQ         $2, CX
	JZ           mrdone

mrloop:
	VMOVUPD   (SI), Y0
	VCMPPD    $4, Y15, Y0, Y1
	VMOVMSKPD Y1, AX
	POPCNTL   AX, AX
	ADDQ      AX, R11
	VPAND     Y14, Y1, Y1
	VPOR      (DI), Y1, Y1
	VMOVDQU   Y1, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	DECQ      CX
	JNZ       mrloop

mrdone:
	MOVQ R11, ret+32(FP)
	VZEROUPPER
	RET

// func listsFromMasks(idx *int32, val *float64, bnd *int32, mask *uint64, c, groups int, a *float64, lda8, c8 int)
//
// ListsFromMasks: for each column p < c, for each group g of 64 rows, the
// count so far at bnd (advancing), then for each bit i set in mask[g·c +
// p], lowest first, the row g·64 + i at idx and a[(g·64+i)·lda + p] at
// val; after the groups, the column's end at bnd. Scalar: BSF finds a
// bit, u & (u−1) clears it.
//
//	DI idx, R9 val, R10 bnd, SI &mask[p] of group 0, BX &a[0][p],
//	R12 lda8, R13 columns left, R14 groups left, R8 &mask[g·c + p],
//	CX g·64, DX the count, AX the mask, R11 the row, then its offset
TEXT ·listsFromMasks(SB), NOSPLIT, $0-72
	MOVQ  idx+0(FP), DI
	MOVQ  val+8(FP), R9
	MOVQ  bnd+16(FP), R10
	MOVQ  mask+24(FP), SI
	MOVQ  c+32(FP), R13
	MOVQ  a+48(FP), BX
	MOVQ  lda8+56(FP), R12
	XORQ  DX, DX
	TESTQ R13, R13
	JZ    lfdone

lfcol:
	MOVQ groups+40(FP), R14
	MOVQ SI, R8
	XORQ CX, CX

lfgroup:
	MOVL  DX, (R10)
	ADDQ  $4, R10
	MOVQ  (R8), AX
	TESTQ AX, AX
	JZ    lfnextgroup

lfbit:
	BSFQ  AX, R11
	ADDQ  CX, R11
	MOVL  R11, (DI)(DX*4)
	IMULQ R12, R11
	MOVQ  (BX)(R11*1), R11
	MOVQ  R11, (R9)(DX*8)
	INCQ  DX
	LEAQ  -1(AX), R11
	ANDQ  R11, AX
	JNZ   lfbit

lfnextgroup:
	ADDQ c8+64(FP), R8
	ADDQ $64, CX
	DECQ R14
	JNZ  lfgroup
	MOVL DX, (R10)
	ADDQ $4, R10
	ADDQ $8, SI
	ADDQ $8, BX
	DECQ R13
	JNZ  lfcol

lfdone:
	RET
