// microkernel_amd64.h: the pieces of the AVX2 6×8 tile that every AVX2
// kernel of Gemm shares — the textbook's gemm6x8AVX2 (microkernel_amd64.s),
// and the engine's packed and column kernels (engine_packed_avx2_amd64.s,
// engine_column_avx2_amd64.s) — so that each spells out only its own
// addressing and loops. The register map is microkernel_amd64.s's.

// STEP is one k step: the outer product of column p of A (6 values) and
// row p of B (8 values) added into the 12 accumulators; then A and B move
// on to p+1.
#define STEP \
	VMOVUPD      (BX), Y0                 \
	VMOVUPD      32(BX), Y1               \
	VBROADCASTSD (AX), Y2                 \
	VFMADD231PD  Y0, Y2, Y4               \
	VFMADD231PD  Y1, Y2, Y5               \
	VBROADCASTSD (AX)(R11*1), Y3          \
	VFMADD231PD  Y0, Y3, Y6               \
	VFMADD231PD  Y1, Y3, Y7               \
	VBROADCASTSD (AX)(R11*2), Y2          \
	VFMADD231PD  Y0, Y2, Y8               \
	VFMADD231PD  Y1, Y2, Y9               \
	VBROADCASTSD (AX)(R12*1), Y3          \
	VFMADD231PD  Y0, Y3, Y10              \
	VFMADD231PD  Y1, Y3, Y11              \
	VBROADCASTSD (R13), Y2                \
	VFMADD231PD  Y0, Y2, Y12              \
	VFMADD231PD  Y1, Y2, Y13              \
	VBROADCASTSD (R13)(R11*1), Y3         \
	VFMADD231PD  Y0, Y3, Y14              \
	VFMADD231PD  Y1, Y3, Y15              \
	ADDQ         R14, AX                  \
	ADDQ         R14, R13                 \
	ADDQ         R15, BX

// STORE0 writes row r of the tile, C = alpha·acc (beta == 0: C not read).
#define STORE0(lo, hi) \
	VMULPD  Y0, lo, lo     \
	VMULPD  Y0, hi, hi     \
	VMOVUPD lo, (DX)       \
	VMOVUPD hi, 32(DX)     \
	ADDQ    R8, DX

// STORE writes row r of the tile, C = alpha·acc + beta·C.
#define STORE(lo, hi) \
	VMULPD      Y0, lo, lo     \
	VMULPD      Y0, hi, hi     \
	VFMADD231PD (DX), Y1, lo   \
	VFMADD231PD 32(DX), Y1, hi \
	VMOVUPD     lo, (DX)       \
	VMOVUPD     hi, 32(DX)     \
	ADDQ        R8, DX

// PREFETCH_C brings the six rows of the C tile at DX (rows R8 bytes apart)
// into L1 while the k loop runs: C is read (beta ≠ 0) and written once at
// the end, and a row of 8 float64 may span two lines. R9 is scratch.
// Measured: 1–5% faster with it (BenchmarkGemm, 1 thread).
#define PREFETCH_C \
	MOVQ       DX, R9 \
	PREFETCHT0 (R9)   \
	PREFETCHT0 63(R9) \
	ADDQ       R8, R9 \
	PREFETCHT0 (R9)   \
	PREFETCHT0 63(R9) \
	ADDQ       R8, R9 \
	PREFETCHT0 (R9)   \
	PREFETCHT0 63(R9) \
	ADDQ       R8, R9 \
	PREFETCHT0 (R9)   \
	PREFETCHT0 63(R9) \
	ADDQ       R8, R9 \
	PREFETCHT0 (R9)   \
	PREFETCHT0 63(R9) \
	ADDQ       R8, R9 \
	PREFETCHT0 (R9)   \
	PREFETCHT0 63(R9)

// ZERO_ACC clears the 12 accumulators, Y4 … Y15.
#define ZERO_ACC \
	VXORPD Y4, Y4, Y4    \
	VXORPD Y5, Y5, Y5    \
	VXORPD Y6, Y6, Y6    \
	VXORPD Y7, Y7, Y7    \
	VXORPD Y8, Y8, Y8    \
	VXORPD Y9, Y9, Y9    \
	VXORPD Y10, Y10, Y10 \
	VXORPD Y11, Y11, Y11 \
	VXORPD Y12, Y12, Y12 \
	VXORPD Y13, Y13, Y13 \
	VXORPD Y14, Y14, Y14 \
	VXORPD Y15, Y15, Y15

// STORE_TILE writes the six rows, C = alpha·acc + beta·C (Y0 = alpha,
// Y1 = beta), leaving DX one row below the tile; STORE0_TILE does it for
// beta = 0, without reading C.
#define STORE_TILE \
	STORE(Y4, Y5)   \
	STORE(Y6, Y7)   \
	STORE(Y8, Y9)   \
	STORE(Y10, Y11) \
	STORE(Y12, Y13) \
	STORE(Y14, Y15)

#define STORE0_TILE \
	STORE0(Y4, Y5)   \
	STORE0(Y6, Y7)   \
	STORE0(Y8, Y9)   \
	STORE0(Y10, Y11) \
	STORE0(Y12, Y13) \
	STORE0(Y14, Y15)
