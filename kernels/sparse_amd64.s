//go:build !purego

// The AVX-512 loop of SpMMAdd (sparse.go): one row of C, 64 columns wide,
// held in eight zmm registers while the row's nonzeros stream past; each
// adds its value times a 64-wide block of a row of B. Eight independent
// accumulators cover FMA latency × pipes (4 × 2), and a nonzero costs
// eight loads of B and one broadcast: about 4 cycles.
//
// Register map:
//
//	DI   row (C), read at the start, written at the end
//	SI   &col[t] (int32), R8 &val[t], CX nonzeros left
//	BX   b; R9 = ldb·8 bytes; AX &b[col[t]·ldb]
//	Z0–Z7  row[0 … 63], 8 per register
//	Z8   val[t] broadcast

#include "textflag.h"

// func spmmRow64AVX512(row *float64, col *int32, val *float64, nnz int, b *float64, ldb int)
TEXT ·spmmRow64AVX512(SB), NOSPLIT, $0-48
	MOVQ row+0(FP), DI
	MOVQ col+8(FP), SI
	MOVQ val+16(FP), R8
	MOVQ nnz+24(FP), CX
	MOVQ b+32(FP), BX
	MOVQ ldb+40(FP), R9
	SHLQ $3, R9
	VMOVUPD (DI), Z0
	VMOVUPD 64(DI), Z1
	VMOVUPD 128(DI), Z2
	VMOVUPD 192(DI), Z3
	VMOVUPD 256(DI), Z4
	VMOVUPD 320(DI), Z5
	VMOVUPD 384(DI), Z6
	VMOVUPD 448(DI), Z7
	TESTQ CX, CX
	JZ    done

loop:
	MOVLQSX      (SI), AX
	IMULQ        R9, AX
	ADDQ         BX, AX
	VBROADCASTSD (R8), Z8
	VFMADD231PD  (AX), Z8, Z0
	VFMADD231PD  64(AX), Z8, Z1
	VFMADD231PD  128(AX), Z8, Z2
	VFMADD231PD  192(AX), Z8, Z3
	VFMADD231PD  256(AX), Z8, Z4
	VFMADD231PD  320(AX), Z8, Z5
	VFMADD231PD  384(AX), Z8, Z6
	VFMADD231PD  448(AX), Z8, Z7
	ADDQ         $4, SI
	ADDQ         $8, R8
	DECQ         CX
	JNZ          loop

done:
	VMOVUPD Z0, (DI)
	VMOVUPD Z1, 64(DI)
	VMOVUPD Z2, 128(DI)
	VMOVUPD Z3, 192(DI)
	VMOVUPD Z4, 256(DI)
	VMOVUPD Z5, 320(DI)
	VMOVUPD Z6, 384(DI)
	VMOVUPD Z7, 448(DI)
	VZEROUPPER
	RET

// func spmmScatter64AVX512(c *float64, ldc int, ptr *int32, k int, col *int32, val *float64, b *float64, ldb int)
//
// SpMMAddT's loop (sparse.go) on a 64-column block: for each row p < k of
// T (by its row pointers ptr), B[p][0:64] is loaded into Z8–Z15 once, and
// each of the row's nonzeros v, in column i, adds v·B[p] into C[i][0:64]:
// eight loads, FMAs and stores of a row of C that stays in L1, where
// SpMMAdd reads B[p] again, from L2, for every i.
//
//	DI c, R10 ldc·8; R11 &ptr[p], R12 rows left; BX &b[p·ldb], R9 ldb·8
//	SI col, R8 val; R13 &col[t], CX &val[t], DX nonzeros left in row p
//	AX &c[i·ldc]; Z0–Z7 C[i][0:64]; Z8–Z15 B[p][0:64]; Z16 v broadcast
TEXT ·spmmScatter64AVX512(SB), NOSPLIT, $0-64
	MOVQ c+0(FP), DI
	MOVQ ldc+8(FP), R10
	SHLQ $3, R10
	MOVQ ptr+16(FP), R11
	MOVQ k+24(FP), R12
	MOVQ col+32(FP), SI
	MOVQ val+40(FP), R8
	MOVQ b+48(FP), BX
	MOVQ ldb+56(FP), R9
	SHLQ $3, R9
	TESTQ R12, R12
	JZ    scatterdone

scatterrow:
	MOVLQSX (R11), CX
	MOVLQSX 4(R11), DX
	SUBQ    CX, DX
	JZ      scatternext
	VMOVUPD (BX), Z8
	VMOVUPD 64(BX), Z9
	VMOVUPD 128(BX), Z10
	VMOVUPD 192(BX), Z11
	VMOVUPD 256(BX), Z12
	VMOVUPD 320(BX), Z13
	VMOVUPD 384(BX), Z14
	VMOVUPD 448(BX), Z15
	LEAQ    (SI)(CX*4), R13
	LEAQ    (R8)(CX*8), CX

scatterentry:
	MOVLQSX      (R13), AX
	IMULQ        R10, AX
	ADDQ         DI, AX
	VBROADCASTSD (CX), Z16
	VMOVUPD      (AX), Z0
	VMOVUPD      64(AX), Z1
	VMOVUPD      128(AX), Z2
	VMOVUPD      192(AX), Z3
	VMOVUPD      256(AX), Z4
	VMOVUPD      320(AX), Z5
	VMOVUPD      384(AX), Z6
	VMOVUPD      448(AX), Z7
	VFMADD231PD  Z8, Z16, Z0
	VFMADD231PD  Z9, Z16, Z1
	VFMADD231PD  Z10, Z16, Z2
	VFMADD231PD  Z11, Z16, Z3
	VFMADD231PD  Z12, Z16, Z4
	VFMADD231PD  Z13, Z16, Z5
	VFMADD231PD  Z14, Z16, Z6
	VFMADD231PD  Z15, Z16, Z7
	VMOVUPD      Z0, (AX)
	VMOVUPD      Z1, 64(AX)
	VMOVUPD      Z2, 128(AX)
	VMOVUPD      Z3, 192(AX)
	VMOVUPD      Z4, 256(AX)
	VMOVUPD      Z5, 320(AX)
	VMOVUPD      Z6, 384(AX)
	VMOVUPD      Z7, 448(AX)
	ADDQ         $4, R13
	ADDQ         $8, CX
	DECQ         DX
	JNZ          scatterentry

scatternext:
	ADDQ $4, R11
	ADDQ R9, BX
	DECQ R12
	JNZ  scatterrow

scatterdone:
	VZEROUPPER
	RET

// The first 16 column numbers, to which a row's base is added.
DATA iota32<>+0(SB)/4, $0
DATA iota32<>+4(SB)/4, $1
DATA iota32<>+8(SB)/4, $2
DATA iota32<>+12(SB)/4, $3
DATA iota32<>+16(SB)/4, $4
DATA iota32<>+20(SB)/4, $5
DATA iota32<>+24(SB)/4, $6
DATA iota32<>+28(SB)/4, $7
DATA iota32<>+32(SB)/4, $8
DATA iota32<>+36(SB)/4, $9
DATA iota32<>+40(SB)/4, $10
DATA iota32<>+44(SB)/4, $11
DATA iota32<>+48(SB)/4, $12
DATA iota32<>+52(SB)/4, $13
DATA iota32<>+56(SB)/4, $14
DATA iota32<>+60(SB)/4, $15
GLOBL iota32<>(SB), RODATA, $64

// func compressAVX512(a *float64, n int, col *int32, val *float64, base int) int
//
// Writes the nonzeros of a[0:n] (n a multiple of 8) to val and their
// column numbers, base + index, to col; returns how many. Eight values at
// a time: a compare into a mask (≠ 0, unordered: NaN counts, −0 does not),
// the values and the column numbers compressed under it in registers, and
// stored whole, so that col needs 16 and val 8 elements of room past the
// last nonzero.
//
//	SI a, CX blocks of 8 left, DI col, R8 val, R11 nonzeros so far
//	Z2 the column numbers of the block (lanes 0–7), Z4 eight in each lane
TEXT ·compressAVX512(SB), NOSPLIT, $0-48
	MOVQ         a+0(FP), SI
	MOVQ         n+8(FP), CX
	MOVQ         col+16(FP), DI
	MOVQ         val+24(FP), R8
	MOVQ         base+32(FP), AX
	VPXORQ       Z15, Z15, Z15
	VPBROADCASTD AX, Z2
	VMOVDQU32    iota32<>(SB), Z5
	VPADDD       Z5, Z2, Z2
	MOVL         $8, R10
	VPBROADCASTD R10, Z4
	XORQ         R11, R11
	SHRQ         $3, CX
	JZ           cdone

cloop:
	VMOVUPD     (SI), Z0
	VCMPPD      $4, Z15, Z0, K1
	VCOMPRESSPD Z0, K1, Z1
	VPCOMPRESSD Z2, K1, Z3
	VMOVUPD     Z1, (R8)(R11*8)
	VMOVDQU32   Z3, (DI)(R11*4)
	KMOVW       K1, R10
	POPCNTL     R10, R10
	ADDQ        R10, R11
	VPADDD      Z4, Z2, Z2
	ADDQ        $64, SI
	DECQ        CX
	JNZ         cloop

cdone:
	MOVQ R11, ret+40(FP)
	VZEROUPPER
	RET
