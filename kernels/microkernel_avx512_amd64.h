// The parts the two AVX-512 microkernels share (microkernel_avx512_amd64.s,
// 8×24, and engine_narrow_avx512_amd64.s, 8×16, its narrow twin): the
// arguments, the k loop, the test of beta, and one row's FMAs and stores
// for a row of three or two zmm registers. Each kernel spells out its STEP
// (one k step over its accumulators) and its rows of stores from these, so
// that the two compute every element of C by the same operations.
//
// Registers, in both kernels:
//
//	AX   &A[0][p], rows 0–3 at AX, AX+R11, AX+2·R11, AX+R12
//	R13  &A[4][p], rows 4–7 likewise; R11 = rsa·8, R12 = 3·rsa·8 bytes
//	R14  csa·8: AX and R13 advance by it per k step
//	BX   &B[p][0]; R15 = ldb·8: BX advances by it per k step
//	CX   k steps left in the unrolled loop, then in the tail loop
//	DX   c: row i of the C tile; R8 = ldc·8 bytes (one row of C)
//	Z0 Z1 (Z2)   B[p][0 … 23 or 15], 8 per register
//	Z3 Z4        A[i][p] broadcast, alternately
//	Z8 …         the accumulators (see each kernel)
//	after the loop: Z0 = alpha broadcast, Z1 = beta broadcast

// ARGS loads the arguments of func(k int, a *float64, rsa, csa int,
// b *float64, ldb int, c *float64, ldc int, alpha, beta float64).
#define ARGS \
	MOVQ k+0(FP), CX          \
	MOVQ a+8(FP), AX          \
	MOVQ rsa+16(FP), R11      \
	SHLQ $3, R11              \
	MOVQ csa+24(FP), R14      \
	SHLQ $3, R14              \
	MOVQ b+32(FP), BX         \
	MOVQ ldb+40(FP), R15      \
	SHLQ $3, R15              \
	MOVQ c+48(FP), DX         \
	MOVQ ldc+56(FP), R8       \
	SHLQ $3, R8               \
	LEAQ (R11)(R11*2), R12    \
	LEAQ (AX)(R11*4), R13

// The broadcasts of A[i][p], i = 0 … 7, into z.
#define A0(z) VBROADCASTSD (AX), z
#define A1(z) VBROADCASTSD (AX)(R11*1), z
#define A2(z) VBROADCASTSD (AX)(R11*2), z
#define A3(z) VBROADCASTSD (AX)(R12*1), z
#define A4(z) VBROADCASTSD (R13), z
#define A5(z) VBROADCASTSD (R13)(R11*1), z
#define A6(z) VBROADCASTSD (R13)(R11*2), z
#define A7(z) VBROADCASTSD (R13)(R12*1), z

// FMA3 and FMA2 add A[i][p] (broadcast in a) times B[p][…] (Z0, Z1, Z2)
// into row i's accumulators.
#define FMA3(a, c0, c1, c2) \
	VFMADD231PD Z0, a, c0 \
	VFMADD231PD Z1, a, c1 \
	VFMADD231PD Z2, a, c2

#define FMA2(a, c0, c1) \
	VFMADD231PD Z0, a, c0 \
	VFMADD231PD Z1, a, c1

// NEXT moves A and B on to p+1.
#define NEXT \
	ADDQ R14, AX  \
	ADDQ R14, R13 \
	ADDQ R15, BX

// KLOOP runs STEP k times: unrolled by 4, then the k mod 4 steps left.
#define KLOOP \
	MOVQ CX, R10  \
	SHRQ $2, CX   \
	JZ   tail     \
loop4:            \
	STEP          \
	STEP          \
	STEP          \
	STEP          \
	DECQ CX       \
	JNZ  loop4    \
tail:             \
	MOVQ R10, CX  \
	ANDQ $3, CX   \
	JZ   scalars  \
loop1:            \
	STEP          \
	DECQ CX       \
	JNZ  loop1    \
scalars:          \
	VBROADCASTSD alpha+64(FP), Z0

// IFBETA0 jumps to label if beta == 0 (either sign: its bits, sign shifted
// out, are zero), and otherwise broadcasts beta into Z1.
#define IFBETA0(label) \
	MOVQ beta+72(FP), R9          \
	SHLQ $1, R9                   \
	JZ   label                    \
	VBROADCASTSD beta+72(FP), Z1

// STORE3 and STORE2 write one row of the tile, C = alpha·acc + beta·C
// (one rounding: FMA), and move DX to the next row.
#define STORE3(z0, z1, z2) \
	VMULPD      Z0, z0, z0      \
	VMULPD      Z0, z1, z1      \
	VMULPD      Z0, z2, z2      \
	VFMADD231PD (DX), Z1, z0    \
	VFMADD231PD 64(DX), Z1, z1  \
	VFMADD231PD 128(DX), Z1, z2 \
	VMOVUPD     z0, (DX)        \
	VMOVUPD     z1, 64(DX)      \
	VMOVUPD     z2, 128(DX)     \
	ADDQ        R8, DX

#define STORE2(z0, z1) \
	VMULPD      Z0, z0, z0     \
	VMULPD      Z0, z1, z1     \
	VFMADD231PD (DX), Z1, z0   \
	VFMADD231PD 64(DX), Z1, z1 \
	VMOVUPD     z0, (DX)       \
	VMOVUPD     z1, 64(DX)     \
	ADDQ        R8, DX

// STORE3BETA0 and STORE2BETA0 write one row, C = alpha·acc, C not read.
#define STORE3BETA0(z0, z1, z2) \
	VMULPD  Z0, z0, z0     \
	VMULPD  Z0, z1, z1     \
	VMULPD  Z0, z2, z2     \
	VMOVUPD z0, (DX)       \
	VMOVUPD z1, 64(DX)     \
	VMOVUPD z2, 128(DX)    \
	ADDQ    R8, DX

#define STORE2BETA0(z0, z1) \
	VMULPD  Z0, z0, z0     \
	VMULPD  Z0, z1, z1     \
	VMOVUPD z0, (DX)       \
	VMOVUPD z1, 64(DX)     \
	ADDQ    R8, DX
