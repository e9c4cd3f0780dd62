// microkernel_arm64.h: the pieces of the NEON 6×8 tile that every NEON
// kernel of Gemm shares — the textbook's gemm6x8NEON (microkernel_arm64.s)
// and the engine's edge rows (engine_edge_neon_arm64.s) — so that each
// spells out only its own loads and loops. The register map is
// microkernel_arm64.s's.

// FMLAE(d, n, m, i): FMLA Vd.2D, Vn.2D, Vm.D[i]   (Vd += Vn·Vm[i])
#define FMLAE(d, n, m, i) WORD $(0x4FC01000 | ((i)<<11) | ((m)<<16) | ((n)<<5) | (d))

// FMULE(d, n, m, i): FMUL Vd.2D, Vn.2D, Vm.D[i]   (Vd = Vn·Vm[i])
#define FMULE(d, n, m, i) WORD $(0x4FC09000 | ((i)<<11) | ((m)<<16) | ((n)<<5) | (d))

// ROW(r, m, i) adds the product of A's value Vm.D[i] and the B row in V4 …
// V7 into the accumulators of one row of the tile, Vr … Vr+3.
#define ROW(r, m, i) \
	FMLAE(r, 4, m, i)   \
	FMLAE(r+1, 5, m, i) \
	FMLAE(r+2, 6, m, i) \
	FMLAE(r+3, 7, m, i)

// ZERO_ROW(r0, r1, r2, r3) clears the accumulators of one row.
#define ZERO_ROW(r0, r1, r2, r3) \
	VEOR r0, r0, r0 \
	VEOR r1, r1, r1 \
	VEOR r2, r2, r2 \
	VEOR r3, r3, r3

// STEP is one k step: load a column of the A panel and a row of the B
// panel, and add their outer product into the 24 accumulators.
#define STEP \
	VLD1.P 48(R0), [V0.D2, V1.D2, V2.D2]       \
	VLD1.P 64(R1), [V4.D2, V5.D2, V6.D2, V7.D2] \
	ROW(8, 0, 0)                               \
	ROW(12, 0, 1)                              \
	ROW(16, 1, 0)                              \
	ROW(20, 1, 1)                              \
	ROW(24, 2, 0)                              \
	ROW(28, 2, 1)

// STORE0 writes one row (accumulators Vr … Vr+3), C = alpha·acc; C is not
// read (beta == 0).
#define STORE0(r, v0, v1, v2, v3) \
	FMULE(r, r, 0, 0)                 \
	FMULE(r+1, r+1, 0, 0)             \
	FMULE(r+2, r+2, 0, 0)             \
	FMULE(r+3, r+3, 0, 0)             \
	VST1 [v0, v1, v2, v3], (R3)       \
	ADD  R4, R3

// STORE writes one row, C = alpha·acc + beta·C (the beta product fused).
#define STORE(r, v0, v1, v2, v3) \
	VLD1 (R3), [V4.D2, V5.D2, V6.D2, V7.D2] \
	FMULE(r, r, 0, 0)                       \
	FMULE(r+1, r+1, 0, 0)                   \
	FMULE(r+2, r+2, 0, 0)                   \
	FMULE(r+3, r+3, 0, 0)                   \
	FMLAE(r, 4, 1, 0)                       \
	FMLAE(r+1, 5, 1, 0)                     \
	FMLAE(r+2, 6, 1, 0)                     \
	FMLAE(r+3, 7, 1, 0)                     \
	VST1 [v0, v1, v2, v3], (R3)             \
	ADD  R4, R3
