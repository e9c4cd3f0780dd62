//go:build !purego

#include "textflag.h"

// func prefetchLines(x *float64, n int)
//
// One PRFM PLDL1KEEP per 64-byte line of x[0:n], n > 0 (kernels'
// gatherSerial and vecPrefetchRows), as prefetch_amd64.s's PREFETCHT0.
TEXT ·prefetchLines(SB), NOSPLIT, $0-16
	MOVD x+0(FP), R0
	MOVD n+8(FP), R1
	ADD  R1<<3, R0, R1

loop:
	PRFM (R0), PLDL1KEEP
	ADD  $64, R0
	CMP  R1, R0
	BLO  loop
	RET
