// microkernel_arm64.h: the pieces of the NEON 6×8 tile that every NEON
// kernel of Gemm shares — the textbook's gemm6x8NEON (microkernel_arm64.s)
// and the engine's edge rows (engine_edge_neon_arm64.s) — so that each
// spells out only its own loads and loops. The register map is
// microkernel_arm64.s's.

// FMLAE(d, n, m, i): FMLA Vd.2D, Vn.2D, Vm.D[i]   (Vd += Vn·Vm[i])
#define FMLAE(d, n, m, i) WORD $(0x4FC01000 | ((i)<<11) | ((m)<<16) | ((n)<<5) | (d))

// FMULE(d, n, m, i): FMUL Vd.2D, Vn.2D, Vm.D[i]   (Vd = Vn·Vm[i])
#define FMULE(d, n, m, i) WORD $(0x4FC09000 | ((i)<<11) | ((m)<<16) | ((n)<<5) | (d))

// STEP is one k step: load a column of the A panel and a row of the B
// panel, and add their outer product into the 24 accumulators.
#define STEP \
	VLD1.P 48(R0), [V0.D2, V1.D2, V2.D2]       \
	VLD1.P 64(R1), [V4.D2, V5.D2, V6.D2, V7.D2] \
	FMLAE(8, 4, 0, 0)                          \
	FMLAE(9, 5, 0, 0)                          \
	FMLAE(10, 6, 0, 0)                         \
	FMLAE(11, 7, 0, 0)                         \
	FMLAE(12, 4, 0, 1)                         \
	FMLAE(13, 5, 0, 1)                         \
	FMLAE(14, 6, 0, 1)                         \
	FMLAE(15, 7, 0, 1)                         \
	FMLAE(16, 4, 1, 0)                         \
	FMLAE(17, 5, 1, 0)                         \
	FMLAE(18, 6, 1, 0)                         \
	FMLAE(19, 7, 1, 0)                         \
	FMLAE(20, 4, 1, 1)                         \
	FMLAE(21, 5, 1, 1)                         \
	FMLAE(22, 6, 1, 1)                         \
	FMLAE(23, 7, 1, 1)                         \
	FMLAE(24, 4, 2, 0)                         \
	FMLAE(25, 5, 2, 0)                         \
	FMLAE(26, 6, 2, 0)                         \
	FMLAE(27, 7, 2, 0)                         \
	FMLAE(28, 4, 2, 1)                         \
	FMLAE(29, 5, 2, 1)                         \
	FMLAE(30, 6, 2, 1)                         \
	FMLAE(31, 7, 2, 1)

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
