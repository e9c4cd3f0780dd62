//go:build !purego

// The NEON peak probe: a loop of 16 independent FMLA chains (see PeakGFLOPS
// in peak.go). 16 ≥ FMA latency × FMA pipes on current arm64 cores (4 × 4
// on Neoverse V2), so no FMLA waits for another. Each chain is
// x = x + m·a with m = a = 0, which stays 0: never subnormal, never slow.
//
// Register map: R0 iterations left; the chains in V0–V15; V30 = m, V31 = a.

#include "textflag.h"

// func fmaChainsNEON(n int)
TEXT ·fmaChainsNEON(SB), NOSPLIT, $0-8
	MOVD n+0(FP), R0
	VEOR V30.B16, V30.B16, V30.B16
	VEOR V31.B16, V31.B16, V31.B16
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	VEOR V12.B16, V12.B16, V12.B16
	VEOR V13.B16, V13.B16, V13.B16
	VEOR V14.B16, V14.B16, V14.B16
	VEOR V15.B16, V15.B16, V15.B16
	CMP  $0, R0
	BLE  done

loop:
	VFMLA V30.D2, V31.D2, V0.D2
	VFMLA V30.D2, V31.D2, V1.D2
	VFMLA V30.D2, V31.D2, V2.D2
	VFMLA V30.D2, V31.D2, V3.D2
	VFMLA V30.D2, V31.D2, V4.D2
	VFMLA V30.D2, V31.D2, V5.D2
	VFMLA V30.D2, V31.D2, V6.D2
	VFMLA V30.D2, V31.D2, V7.D2
	VFMLA V30.D2, V31.D2, V8.D2
	VFMLA V30.D2, V31.D2, V9.D2
	VFMLA V30.D2, V31.D2, V10.D2
	VFMLA V30.D2, V31.D2, V11.D2
	VFMLA V30.D2, V31.D2, V12.D2
	VFMLA V30.D2, V31.D2, V13.D2
	VFMLA V30.D2, V31.D2, V14.D2
	VFMLA V30.D2, V31.D2, V15.D2
	SUB   $1, R0
	CBNZ  R0, loop

done:
	RET
