//go:build !purego

// The AVX-512 loops of the masked products (kernels' engine_sparse.go). A zmm register
// holds 8 float64; a 64-column block of a row is eight of them.

#include "textflag.h"

// LANE_MASKS sets k1 to all lanes if bit R8 of AX (mask[p]) is set, else
// to none, and k2 likewise from DX (mask[q]): the FMAs of a row absent
// from a column are masked off, so that they leave its sums unchanged
// rather than adding 0·b. BT puts the bit in the carry; SBB turns the
// carry into all ones or all zeros.
#define LANE_MASKS \
	BTQ   R8, AX;   \
	SBBL  R10, R10; \
	KMOVW R10, K1;  \
	BTQ   R8, DX;   \
	SBBL  R10, R10; \
	KMOVW R10, K2

// func maskRowAVX512(a *float64, n int, mask *uint64, bit uint) int
//
// Sets bit bit of mask[j] for each a[j] ≠ 0, j < n (a multiple of 8), and
// returns how many: eight at a time, a compare into k1 (≠ 0, unordered: a
// NaN counts, −0 does not), then the bit ORed into the eight masks under
// k1 and stored back under k1.
//
//	SI a, DI mask, CX blocks of 8 left, R11 the count
//	Z15 zeros, Z1 the bit in each lane
TEXT ·maskRowAVX512(SB), NOSPLIT, $0-40
	MOVQ         a+0(FP), SI
	MOVQ         n+8(FP), CX
	MOVQ         mask+16(FP), DI
	MOVQ         bit+24(FP), CX
	MOVQ         $1, AX
	SHLQ         CX, AX
	VPBROADCASTQ AX, Z1
	MOVQ         n+8(FP), CX
	VPXORQ       Z15, Z15, Z15
	XORQ         R11, R11
	SHRQ         $3, CX
	JZ           mrdone

mrloop:
	VMOVUPD   (SI), Z0
	VCMPPD    $4, Z15, Z0, K1
	KMOVW     K1, AX
	POPCNTL   AX, AX
	ADDQ      AX, R11
	VPORQ     (DI), Z1, K1, Z2
	VMOVDQU64 Z2, K1, (DI)
	ADDQ      $64, SI
	ADDQ      $64, DI
	DECQ      CX
	JNZ       mrloop

mrdone:
	MOVQ R11, ret+32(FP)
	VZEROUPPER
	RET

// func maskedScatter64AVX512(c *float64, ldc8 int, a *float64, lda8 int, mask *uint64, pairs int, b *float64, ldb8 int)
//
// MaskedMulAdd on a group of up to 64 rows and a 64-column block, two
// columns p, q = p+1 of A at a time (strides in bytes): rows p and q of B
// are loaded into Z8–Z15 and Z16–Z23 once; for each row i set in
// mask[p] | mask[q], in order, C[i] is loaded into Z0–Z7, gets
// a[i][p]·B[p] under k1 (bit i of mask[p]) and then a[i][q]·B[q] under k2
// (bit i of mask[q]), and is stored back. A row in both costs one load
// and one store of C for two rows of B.
//
//	DI c, SI &a[0][p], BX &b[p][0], R11 &mask[p], R13 pairs left
//	AX mask[p], DX mask[q], CX rows left of the pair, R8 i
//	R12 &c[i][0], R9 &a[i][p], R10 a lane mask
TEXT ·maskedScatter64AVX512(SB), NOSPLIT, $0-64
	MOVQ  c+0(FP), DI
	MOVQ  a+16(FP), SI
	MOVQ  mask+32(FP), R11
	MOVQ  pairs+40(FP), R13
	MOVQ  b+48(FP), BX
	TESTQ R13, R13
	JZ    msdone

mspair:
	MOVQ (R11), AX
	MOVQ 8(R11), DX
	MOVQ AX, CX
	ORQ  DX, CX
	JZ   msnext
	MOVQ BX, R12
	ADDQ ldb8+56(FP), R12
	VMOVUPD (BX), Z8
	VMOVUPD 64(BX), Z9
	VMOVUPD 128(BX), Z10
	VMOVUPD 192(BX), Z11
	VMOVUPD 256(BX), Z12
	VMOVUPD 320(BX), Z13
	VMOVUPD 384(BX), Z14
	VMOVUPD 448(BX), Z15
	VMOVUPD (R12), Z16
	VMOVUPD 64(R12), Z17
	VMOVUPD 128(R12), Z18
	VMOVUPD 192(R12), Z19
	VMOVUPD 256(R12), Z20
	VMOVUPD 320(R12), Z21
	VMOVUPD 384(R12), Z22
	VMOVUPD 448(R12), Z23

msrow:
	TZCNTQ       CX, R8
	BLSRQ        CX, CX
	MOVQ         R8, R12
	IMULQ        ldc8+8(FP), R12
	ADDQ         DI, R12
	MOVQ         R8, R9
	IMULQ        lda8+24(FP), R9
	ADDQ         SI, R9
	VBROADCASTSD (R9), Z24
	VBROADCASTSD 8(R9), Z25
	LANE_MASKS
	VMOVUPD      (R12), Z0
	VMOVUPD      64(R12), Z1
	VMOVUPD      128(R12), Z2
	VMOVUPD      192(R12), Z3
	VMOVUPD      256(R12), Z4
	VMOVUPD      320(R12), Z5
	VMOVUPD      384(R12), Z6
	VMOVUPD      448(R12), Z7
	VFMADD231PD  Z8, Z24, K1, Z0
	VFMADD231PD  Z9, Z24, K1, Z1
	VFMADD231PD  Z10, Z24, K1, Z2
	VFMADD231PD  Z11, Z24, K1, Z3
	VFMADD231PD  Z12, Z24, K1, Z4
	VFMADD231PD  Z13, Z24, K1, Z5
	VFMADD231PD  Z14, Z24, K1, Z6
	VFMADD231PD  Z15, Z24, K1, Z7
	VFMADD231PD  Z16, Z25, K2, Z0
	VFMADD231PD  Z17, Z25, K2, Z1
	VFMADD231PD  Z18, Z25, K2, Z2
	VFMADD231PD  Z19, Z25, K2, Z3
	VFMADD231PD  Z20, Z25, K2, Z4
	VFMADD231PD  Z21, Z25, K2, Z5
	VFMADD231PD  Z22, Z25, K2, Z6
	VFMADD231PD  Z23, Z25, K2, Z7
	VMOVUPD      Z0, (R12)
	VMOVUPD      Z1, 64(R12)
	VMOVUPD      Z2, 128(R12)
	VMOVUPD      Z3, 192(R12)
	VMOVUPD      Z4, 256(R12)
	VMOVUPD      Z5, 320(R12)
	VMOVUPD      Z6, 384(R12)
	VMOVUPD      Z7, 448(R12)
	TESTQ        CX, CX
	JNZ          msrow

msnext:
	ADDQ $16, SI
	ADDQ $16, R11
	ADDQ ldb8+56(FP), BX
	ADDQ ldb8+56(FP), BX
	DECQ R13
	JNZ  mspair

msdone:
	VZEROUPPER
	RET

// func maskedGather64AVX512(c *float64, ldc8 int, a *float64, lda8 int, mask *uint64, pairs int, b *float64, ldb8 int)
//
// MaskedTMulAdd on a group of up to 64 rows of B and a 64-column block,
// two rows p, q = p+1 of C at a time (strides in bytes; c, a and mask
// start at p's): C[p] and C[q] are held in Z0–Z7 and Z8–Z15; for each row
// i set in mask[p] | mask[q], in order, B[i] is loaded into Z16–Z23 once
// and gives C[p] += a[i][p]·B[i] under k1 (bit i of mask[p]) and C[q] +=
// a[i][q]·B[i] under k2.
//
//	DI &c[p][0], SI &a[0][p], R11 &mask[p], R13 pairs left, BX b
//	AX mask[p], DX mask[q], CX rows left of the pair, R8 i
//	R12 &c[q][0], then &b[i][0]; R9 &a[i][p], R10 a lane mask
TEXT ·maskedGather64AVX512(SB), NOSPLIT, $0-64
	MOVQ  c+0(FP), DI
	MOVQ  a+16(FP), SI
	MOVQ  mask+32(FP), R11
	MOVQ  pairs+40(FP), R13
	MOVQ  b+48(FP), BX
	TESTQ R13, R13
	JZ    mgdone

mgpair:
	MOVQ (R11), AX
	MOVQ 8(R11), DX
	MOVQ AX, CX
	ORQ  DX, CX
	JZ   mgnext
	MOVQ DI, R12
	ADDQ ldc8+8(FP), R12
	VMOVUPD (DI), Z0
	VMOVUPD 64(DI), Z1
	VMOVUPD 128(DI), Z2
	VMOVUPD 192(DI), Z3
	VMOVUPD 256(DI), Z4
	VMOVUPD 320(DI), Z5
	VMOVUPD 384(DI), Z6
	VMOVUPD 448(DI), Z7
	VMOVUPD (R12), Z8
	VMOVUPD 64(R12), Z9
	VMOVUPD 128(R12), Z10
	VMOVUPD 192(R12), Z11
	VMOVUPD 256(R12), Z12
	VMOVUPD 320(R12), Z13
	VMOVUPD 384(R12), Z14
	VMOVUPD 448(R12), Z15

mgrow:
	TZCNTQ       CX, R8
	BLSRQ        CX, CX
	MOVQ         R8, R12
	IMULQ        ldb8+56(FP), R12
	ADDQ         BX, R12
	MOVQ         R8, R9
	IMULQ        lda8+24(FP), R9
	ADDQ         SI, R9
	VBROADCASTSD (R9), Z24
	VBROADCASTSD 8(R9), Z25
	LANE_MASKS
	VMOVUPD      (R12), Z16
	VMOVUPD      64(R12), Z17
	VMOVUPD      128(R12), Z18
	VMOVUPD      192(R12), Z19
	VMOVUPD      256(R12), Z20
	VMOVUPD      320(R12), Z21
	VMOVUPD      384(R12), Z22
	VMOVUPD      448(R12), Z23
	VFMADD231PD  Z16, Z24, K1, Z0
	VFMADD231PD  Z17, Z24, K1, Z1
	VFMADD231PD  Z18, Z24, K1, Z2
	VFMADD231PD  Z19, Z24, K1, Z3
	VFMADD231PD  Z20, Z24, K1, Z4
	VFMADD231PD  Z21, Z24, K1, Z5
	VFMADD231PD  Z22, Z24, K1, Z6
	VFMADD231PD  Z23, Z24, K1, Z7
	VFMADD231PD  Z16, Z25, K2, Z8
	VFMADD231PD  Z17, Z25, K2, Z9
	VFMADD231PD  Z18, Z25, K2, Z10
	VFMADD231PD  Z19, Z25, K2, Z11
	VFMADD231PD  Z20, Z25, K2, Z12
	VFMADD231PD  Z21, Z25, K2, Z13
	VFMADD231PD  Z22, Z25, K2, Z14
	VFMADD231PD  Z23, Z25, K2, Z15
	TESTQ        CX, CX
	JNZ          mgrow
	MOVQ         DI, R12
	ADDQ         ldc8+8(FP), R12
	VMOVUPD      Z0, (DI)
	VMOVUPD      Z1, 64(DI)
	VMOVUPD      Z2, 128(DI)
	VMOVUPD      Z3, 192(DI)
	VMOVUPD      Z4, 256(DI)
	VMOVUPD      Z5, 320(DI)
	VMOVUPD      Z6, 384(DI)
	VMOVUPD      Z7, 448(DI)
	VMOVUPD      Z8, (R12)
	VMOVUPD      Z9, 64(R12)
	VMOVUPD      Z10, 128(R12)
	VMOVUPD      Z11, 192(R12)
	VMOVUPD      Z12, 256(R12)
	VMOVUPD      Z13, 320(R12)
	VMOVUPD      Z14, 384(R12)
	VMOVUPD      Z15, 448(R12)

mgnext:
	ADDQ $16, SI
	ADDQ $16, R11
	ADDQ ldc8+8(FP), DI
	ADDQ ldc8+8(FP), DI
	DECQ R13
	JNZ  mgpair

mgdone:
	VZEROUPPER
	RET
