//go:build !purego

// The element-wise loops of a training step in NEON (vector_arm64.go), two
// float64 lanes a register: kernels' axpyGeneric, reluGeneric,
// reluGradGeneric, addToGeneric and adamGeneric, with their bits (each
// product and sum rounded on its own, no fused multiply-add). Go's arm64
// assembler has no vector FADD, FSUB, FMUL, FDIV, FSQRT, FMAX or FCMGT,
// so they are written as WORDs below (encodings from the Arm ARM, checked
// by go tool objdump's decoder); the tests compare every routine with its
// Go twin, bit for bit, under qemu.

#include "textflag.h"

// Vd.2D = Vn.2D op Vm.2D
#define FADDV(d, n, m) WORD $(0x4E60D400 | ((m)<<16) | ((n)<<5) | (d))
#define FSUBV(d, n, m) WORD $(0x4EE0D400 | ((m)<<16) | ((n)<<5) | (d))
#define FMULV(d, n, m) WORD $(0x6E60DC00 | ((m)<<16) | ((n)<<5) | (d))
#define FDIVV(d, n, m) WORD $(0x6E60FC00 | ((m)<<16) | ((n)<<5) | (d))
#define FMAXV(d, n, m) WORD $(0x4E60F400 | ((m)<<16) | ((n)<<5) | (d))
#define FCMGTV(d, n, m) WORD $(0x6EE0E400 | ((m)<<16) | ((n)<<5) | (d))
// Vd.2D = √Vn.2D
#define FSQRTV(d, n) WORD $(0x6EE1F800 | ((n)<<5) | (d))

// func axpyNEON(y, x *float64, n int, a float64)
// y[i] += a·x[i] for i < n, n a positive multiple of 4.
TEXT ·axpyNEON(SB), NOSPLIT, $0-32
	MOVD  y+0(FP), R0
	MOVD  x+8(FP), R1
	MOVD  n+16(FP), R2
	FMOVD a+24(FP), F31
	VDUP  V31.D[0], V31.D2
	LSR   $2, R2

axpyloop:
	VLD1.P 32(R1), [V0.D2, V1.D2]
	VLD1   (R0), [V2.D2, V3.D2]
	FMULV(4, 0, 31)
	FMULV(5, 1, 31)
	FADDV(2, 2, 4)
	FADDV(3, 3, 5)
	VST1.P [V2.D2, V3.D2], 32(R0)
	SUBS   $1, R2
	BNE    axpyloop
	RET

// func reluNEON(y, x *float64, n int)
// y[i] = max(x[i], 0) for i < n, n a positive multiple of 4: FMAX gives
// NaN for a NaN and +0 for −0, as Go's builtin max.
TEXT ·reluNEON(SB), NOSPLIT, $0-24
	MOVD y+0(FP), R0
	MOVD x+8(FP), R1
	MOVD n+16(FP), R2
	VEOR V31.B16, V31.B16, V31.B16
	LSR  $2, R2

reluloop:
	VLD1.P 32(R1), [V0.D2, V1.D2]
	FMAXV(2, 0, 31)
	FMAXV(3, 1, 31)
	VST1.P [V2.D2, V3.D2], 32(R0)
	SUBS   $1, R2
	BNE    reluloop
	RET

// func reluGradNEON(dx, dy, x *float64, n int)
// dx[i] = dy[i] if x[i] > 0, else +0 (a NaN x too: FCMGT is false), for
// i < n, n a positive multiple of 4.
TEXT ·reluGradNEON(SB), NOSPLIT, $0-32
	MOVD dx+0(FP), R0
	MOVD dy+8(FP), R1
	MOVD x+16(FP), R2
	MOVD n+24(FP), R3
	VEOR V31.B16, V31.B16, V31.B16
	LSR  $2, R3

reluGradloop:
	VLD1.P 32(R2), [V0.D2, V1.D2]
	VLD1.P 32(R1), [V2.D2, V3.D2]
	FCMGTV(4, 0, 31)
	FCMGTV(5, 1, 31)
	VAND   V4.B16, V2.B16, V2.B16
	VAND   V5.B16, V3.B16, V3.B16
	VST1.P [V2.D2, V3.D2], 32(R0)
	SUBS   $1, R3
	BNE    reluGradloop
	RET

// func addToNEON(dst, src *float64, n int)
// dst[i] += src[i] for i < n, n a positive multiple of 4.
TEXT ·addToNEON(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD n+16(FP), R2
	LSR  $2, R2

addToloop:
	VLD1.P 32(R1), [V0.D2, V1.D2]
	VLD1   (R0), [V2.D2, V3.D2]
	FADDV(2, 2, 0)
	FADDV(3, 3, 1)
	VST1.P [V2.D2, V3.D2], 32(R0)
	SUBS   $1, R2
	BNE    addToloop
	RET

// func adamNEON(w, grad, m, v *float64, n int, k *[7]float64)
// One Adam step (adamGeneric) for i < n, n a positive multiple of 2, with
// k = b1, c1, b2, c2, a, s, eps:
//
//	m = b1·m + c1·g;  v = b2·v + (c2·g)·g;  w −= (a·m) / (√v·s + eps)
//
//	V24 … V30  the scalars of k, in both lanes
//	V0 g, V1 m, V2 v, V10 w; V4 … V9 products and sums
TEXT ·adamNEON(SB), NOSPLIT, $0-48
	MOVD  w+0(FP), R0
	MOVD  grad+8(FP), R1
	MOVD  m+16(FP), R2
	MOVD  v+24(FP), R3
	MOVD  n+32(FP), R4
	MOVD  k+40(FP), R5
	FMOVD 0(R5), F24
	FMOVD 8(R5), F25
	FMOVD 16(R5), F26
	FMOVD 24(R5), F27
	FMOVD 32(R5), F28
	FMOVD 40(R5), F29
	FMOVD 48(R5), F30
	VDUP  V24.D[0], V24.D2
	VDUP  V25.D[0], V25.D2
	VDUP  V26.D[0], V26.D2
	VDUP  V27.D[0], V27.D2
	VDUP  V28.D[0], V28.D2
	VDUP  V29.D[0], V29.D2
	VDUP  V30.D[0], V30.D2
	LSR   $1, R4

adamloop:
	VLD1.P 16(R1), [V0.D2]
	VLD1   (R2), [V1.D2]
	VLD1   (R3), [V2.D2]
	FMULV(4, 24, 1)
	FMULV(5, 25, 0)
	FADDV(1, 4, 5)
	FMULV(6, 26, 2)
	FMULV(7, 27, 0)
	FMULV(7, 7, 0)
	FADDV(2, 6, 7)
	VST1.P [V1.D2], 16(R2)
	VST1.P [V2.D2], 16(R3)
	FMULV(8, 28, 1)
	FSQRTV(9, 2)
	FMULV(9, 9, 29)
	FADDV(9, 9, 30)
	FDIVV(8, 8, 9)
	VLD1   (R0), [V10.D2]
	FSUBV(10, 10, 8)
	VST1.P [V10.D2], 16(R0)
	SUBS   $1, R4
	BNE    adamloop
	RET
