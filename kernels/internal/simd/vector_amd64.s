//go:build !purego

// The AVX2 loops of kernels' engine_vector.go: each walks its slices 16 float64 at a time
// (four ymm registers), then 4 at a time; n is a multiple of 4. See
// vector_amd64.go for the Go loops they replace. No FMA: the results are
// bit for bit those of the Go loops.
//
// Register map (all four):
//
//	DI   the output (y, dx, dst), advancing
//	SI   the (second) input (x, dy, src), advancing
//	BX   x of reluGradAVX2, advancing
//	CX   blocks of 16 left, then DX blocks of 4 left
//	Y15  the broadcast scalar a (axpyAVX2) or zero (the ReLUs)
//	Y0–Y7 values in flight

#include "textflag.h"

// func axpyAVX2(y, x *float64, n int, a float64)
TEXT ·axpyAVX2(SB), NOSPLIT, $0-32
	MOVQ         y+0(FP), DI
	MOVQ         x+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD a+24(FP), Y15
	MOVQ         CX, DX
	SHRQ         $4, CX
	JZ           axpy4

axpy16:
	VMULPD  (SI), Y15, Y0
	VMULPD  32(SI), Y15, Y1
	VMULPD  64(SI), Y15, Y2
	VMULPD  96(SI), Y15, Y3
	VMOVUPD (DI), Y4
	VMOVUPD 32(DI), Y5
	VMOVUPD 64(DI), Y6
	VMOVUPD 96(DI), Y7
	VADDPD  Y0, Y4, Y4
	VADDPD  Y1, Y5, Y5
	VADDPD  Y2, Y6, Y6
	VADDPD  Y3, Y7, Y7
	VMOVUPD Y4, (DI)
	VMOVUPD Y5, 32(DI)
	VMOVUPD Y6, 64(DI)
	VMOVUPD Y7, 96(DI)
	ADDQ    $128, SI
	ADDQ    $128, DI
	DECQ    CX
	JNZ     axpy16

axpy4:
	ANDQ $15, DX
	SHRQ $2, DX
	JZ   axpydone

axpy1:
	VMULPD  (SI), Y15, Y0
	VMOVUPD (DI), Y4
	VADDPD  Y0, Y4, Y4
	VMOVUPD Y4, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    DX
	JNZ     axpy1

axpydone:
	VZEROUPPER
	RET

// y = max(0, x) + 0: VMAXPD returns its second source (x) when either is
// NaN or when they are equal (0 and −0); adding +0 turns −0 into +0.
//
// func reluAVX2(y, x *float64, n int)
TEXT ·reluAVX2(SB), NOSPLIT, $0-24
	MOVQ   y+0(FP), DI
	MOVQ   x+8(FP), SI
	MOVQ   n+16(FP), CX
	VXORPD Y15, Y15, Y15
	MOVQ   CX, DX
	SHRQ   $4, CX
	JZ     relu4

relu16:
	VMAXPD  (SI), Y15, Y0
	VMAXPD  32(SI), Y15, Y1
	VMAXPD  64(SI), Y15, Y2
	VMAXPD  96(SI), Y15, Y3
	VADDPD  Y15, Y0, Y0
	VADDPD  Y15, Y1, Y1
	VADDPD  Y15, Y2, Y2
	VADDPD  Y15, Y3, Y3
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	ADDQ    $128, SI
	ADDQ    $128, DI
	DECQ    CX
	JNZ     relu16

relu4:
	ANDQ $15, DX
	SHRQ $2, DX
	JZ   reludone

relu1:
	VMAXPD  (SI), Y15, Y0
	VADDPD  Y15, Y0, Y0
	VMOVUPD Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    DX
	JNZ     relu1

reludone:
	VZEROUPPER
	RET

// dx = dy AND (0 < x), the comparison ordered (false for NaN): the mask
// keeps dy's bits or gives +0.
//
// func reluGradAVX2(dx, dy, x *float64, n int)
TEXT ·reluGradAVX2(SB), NOSPLIT, $0-32
	MOVQ   dx+0(FP), DI
	MOVQ   dy+8(FP), SI
	MOVQ   x+16(FP), BX
	MOVQ   n+24(FP), CX
	VXORPD Y15, Y15, Y15
	MOVQ   CX, DX
	SHRQ   $4, CX
	JZ     grad4

grad16:
	VCMPPD  $0x11, (BX), Y15, Y0
	VCMPPD  $0x11, 32(BX), Y15, Y1
	VCMPPD  $0x11, 64(BX), Y15, Y2
	VCMPPD  $0x11, 96(BX), Y15, Y3
	VANDPD  (SI), Y0, Y0
	VANDPD  32(SI), Y1, Y1
	VANDPD  64(SI), Y2, Y2
	VANDPD  96(SI), Y3, Y3
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	ADDQ    $128, BX
	ADDQ    $128, SI
	ADDQ    $128, DI
	DECQ    CX
	JNZ     grad16

grad4:
	ANDQ $15, DX
	SHRQ $2, DX
	JZ   graddone

grad1:
	VCMPPD  $0x11, (BX), Y15, Y0
	VANDPD  (SI), Y0, Y0
	VMOVUPD Y0, (DI)
	ADDQ    $32, BX
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    DX
	JNZ     grad1

graddone:
	VZEROUPPER
	RET

// func addToAVX2(dst, src *float64, n int)
TEXT ·addToAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ CX, DX
	SHRQ $4, CX
	JZ   add4

add16:
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VADDPD  (SI), Y0, Y0
	VADDPD  32(SI), Y1, Y1
	VADDPD  64(SI), Y2, Y2
	VADDPD  96(SI), Y3, Y3
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	ADDQ    $128, SI
	ADDQ    $128, DI
	DECQ    CX
	JNZ     add16

add4:
	ANDQ $15, DX
	SHRQ $2, DX
	JZ   adddone

add1:
	VMOVUPD (DI), Y0
	VADDPD  (SI), Y0, Y0
	VMOVUPD Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    DX
	JNZ     add1

adddone:
	VZEROUPPER
	RET

// func dotAVX2(x, y *float64, n int) float64
TEXT ·dotAVX2(SB), NOSPLIT, $0-32
	MOVQ   x+0(FP), SI
	MOVQ   y+8(FP), DI
	MOVQ   n+16(FP), CX
	SHRQ   $4, CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3

dot16:
	VMOVUPD     (SI), Y4
	VMOVUPD     32(SI), Y5
	VMOVUPD     64(SI), Y6
	VMOVUPD     96(SI), Y7
	VFMADD231PD (DI), Y4, Y0
	VFMADD231PD 32(DI), Y5, Y1
	VFMADD231PD 64(DI), Y6, Y2
	VFMADD231PD 96(DI), Y7, Y3
	ADDQ        $128, SI
	ADDQ        $128, DI
	DECQ        CX
	JNZ         dot16

	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VHADDPD      X0, X0, X0
	VHADDPD      X1, X1, X1
	VADDSD       X1, X0, X0
	VMOVSD       X0, ret+24(FP)
	VZEROUPPER
	RET

// One Adam step (AdamUpdate), 8 elements at a time (two ymm registers of
// each array), then 4. Per register of 4:
//
//	m = B1·m + C1·g            (stored)
//	v = B2·v + (C2·g)·g        (stored)
//	w = w − (A·m) / (√v·S + EPS)
//
// Y9–Y15 hold the broadcast scalars B1, C1, B2, C2, A, S, EPS (the fields
// of AdamUpdate's scalars in order); Y0–Y3 and Y4–Y7 are g, m, v and a temporary
// (later w) of the two halves.
//
// func adamAVX2(w, grad, m, v *float64, n int, k *[7]float64)
TEXT ·adamAVX2(SB), NOSPLIT, $0-48
	MOVQ         w+0(FP), DI
	MOVQ         grad+8(FP), SI
	MOVQ         m+16(FP), BX
	MOVQ         v+24(FP), R8
	MOVQ         n+32(FP), CX
	MOVQ         k+40(FP), AX
	VBROADCASTSD 0(AX), Y9
	VBROADCASTSD 8(AX), Y10
	VBROADCASTSD 16(AX), Y11
	VBROADCASTSD 24(AX), Y12
	VBROADCASTSD 32(AX), Y13
	VBROADCASTSD 40(AX), Y14
	VBROADCASTSD 48(AX), Y15
	MOVQ         CX, DX
	SHRQ         $3, CX
	JZ           adam4

adam8:
	VMOVUPD (SI), Y0
	VMOVUPD 32(SI), Y4
	VMULPD  (BX), Y9, Y1
	VMULPD  32(BX), Y9, Y5
	VMULPD  Y0, Y10, Y3
	VMULPD  Y4, Y10, Y7
	VADDPD  Y3, Y1, Y1
	VADDPD  Y7, Y5, Y5
	VMOVUPD Y1, (BX)
	VMOVUPD Y5, 32(BX)
	VMULPD  (R8), Y11, Y2
	VMULPD  32(R8), Y11, Y6
	VMULPD  Y0, Y12, Y3
	VMULPD  Y4, Y12, Y7
	VMULPD  Y0, Y3, Y3
	VMULPD  Y4, Y7, Y7
	VADDPD  Y3, Y2, Y2
	VADDPD  Y7, Y6, Y6
	VMOVUPD Y2, (R8)
	VMOVUPD Y6, 32(R8)
	VSQRTPD Y2, Y2
	VSQRTPD Y6, Y6
	VMULPD  Y14, Y2, Y2
	VMULPD  Y14, Y6, Y6
	VADDPD  Y15, Y2, Y2
	VADDPD  Y15, Y6, Y6
	VMULPD  Y13, Y1, Y1
	VMULPD  Y13, Y5, Y5
	VDIVPD  Y2, Y1, Y1
	VDIVPD  Y6, Y5, Y5
	VMOVUPD (DI), Y3
	VMOVUPD 32(DI), Y7
	VSUBPD  Y1, Y3, Y3
	VSUBPD  Y5, Y7, Y7
	VMOVUPD Y3, (DI)
	VMOVUPD Y7, 32(DI)
	ADDQ    $64, SI
	ADDQ    $64, BX
	ADDQ    $64, R8
	ADDQ    $64, DI
	DECQ    CX
	JNZ     adam8

adam4:
	TESTQ $4, DX
	JZ    adamdone
	VMOVUPD (SI), Y0
	VMULPD  (BX), Y9, Y1
	VMULPD  Y0, Y10, Y3
	VADDPD  Y3, Y1, Y1
	VMOVUPD Y1, (BX)
	VMULPD  (R8), Y11, Y2
	VMULPD  Y0, Y12, Y3
	VMULPD  Y0, Y3, Y3
	VADDPD  Y3, Y2, Y2
	VMOVUPD Y2, (R8)
	VSQRTPD Y2, Y2
	VMULPD  Y14, Y2, Y2
	VADDPD  Y15, Y2, Y2
	VMULPD  Y13, Y1, Y1
	VDIVPD  Y2, Y1, Y1
	VMOVUPD (DI), Y3
	VSUBPD  Y1, Y3, Y3
	VMOVUPD Y3, (DI)

adamdone:
	VZEROUPPER
	RET
