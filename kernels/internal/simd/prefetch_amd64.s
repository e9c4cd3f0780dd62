//go:build !purego

#include "textflag.h"

// func prefetchLines(x *float64, n int)
//
// One PREFETCHT0 per 64-byte line of x[0:n], n > 0 (kernels' gatherSerial).
TEXT ·prefetchLines(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	LEAQ (SI)(CX*8), DX

loop:
	PREFETCHT0 (SI)
	ADDQ       $64, SI
	CMPQ       SI, DX
	JCS        loop
	RET
