// Package kernels holds dlgo's raw float64 kernels on slices: the general
// matrix multiply Gemm and the register-tile microkernels it is built on.
//
// # Reading guide: the textbook
//
// From a layer down to the FMA instruction, in six Go files (and one
// assembly file) with no performance branch on the way:
//
//  1. nn/dense.go: y = x·W + b, and its backward pass: three products.
//  2. tensor/matmul.go: MatMul checks the shapes and calls Gemm.
//  3. kernels/gemm.go: Gemm, split into stripes of tiles (one goroutine
//     each, sync.WaitGroup), each computed by the five Goto/BLIS loops
//     NC → KC → MC → NR → MR around the microkernel, always packed.
//  4. kernels/pack.go: packing blocks of A and B into micro-panels, so that
//     the microkernel reads memory in order whatever the transposes.
//  5. kernels/microkernel_generic.go: the microkernel contract, its plain
//     loop, and the pure-Go 6×8 microkernel.
//  6. kernels/microkernel_amd64.go and microkernel_amd64.s (+ .h, its
//     macros): the AVX2 + FMA 6×8 microkernel, with its register map (microkernel_avx512_amd64.*
//     and microkernel_arm64.* are its AVX-512 and NEON siblings).
//
// Around them: check.go (Gemm's argument checks), path.go (the paths and
// DLGO_KERNEL), paths_*.go (which ones this CPU runs), blocking.go and
// blocking_table.go (MC, KC, NC from BLIS's analytical model of the
// caches), tune.go, tune_file.go and tune_load.go (dlgo tune's
// measurement, its file, and its use at the first Gemm), threads.go, gemm_ref.go (the naive
// reference), loops.go (the element-wise loops package tensor runs).
// The count, which CI prints:
//
//	wc -l nn/dense.go tensor/matmul.go kernels/gemm.go kernels/pack.go \
//		kernels/microkernel_generic.go kernels/microkernel_amd64.go
//
// The textbook build tag (go build -tags textbook ./...) builds exactly
// this, CLI included: no engine file below is compiled, so a reader can
// run and time (dlgo bench) what they read.
//
// # The engine
//
// Everything else, in files named engine_*, left out by the textbook tag.
// It plugs in at one hook: gemmOn (gemm.go), which an init function in
// engine_gemm.go points at the engine's runner at start-up. Each file's
// header names its plain twin and the gain it was measured to bring
// (BenchmarkEngine measures them side by side):
//
//   - engine_gemm.go: the runner; reuses its stripes and pack buffers;
//   - engine_pool.go: a pool of polling workers instead of goroutines;
//   - engine_shared.go: a large product's threads share each packed block
//     of B, each packing a share, instead of every stripe packing the
//     operand it does not split (while the cores are close);
//   - engine_distance.go: splits only large products while two cores are
//     far apart (DLGO_SPLITS=fixed turns that off);
//   - engine_gemv.go: one-column products as dot products;
//   - engine_narrow.go (+ engine_narrow_avx512_amd64.*): the 8×16 twin of
//     the avx512 tile, for widths the 8×24 one pads;
//   - engine_direct.go (+ engine_paths_amd64.go): small products unpacked;
//   - engine_packed_avx2_amd64.*, engine_column_avx2_amd64.*,
//     engine_edge_avx2_amd64.*: the avx2 kernel on packed panels only, on
//     a whole column of tiles per call (engine_gemm.go's columnKernel and
//     stridedColumn), and on the rows of an edge tile inside C (and
//     engine_edge_neon_arm64.*, the same for neon);
//   - engine_pack.go: faster packing moves;
//   - engine_generic.go: the generic path's microkernel, the textbook's
//     with a cheaper k loop (same bits);
//   - engine_sparse.go (+ engine_sparse_lists.go): a mostly-zero A
//     through its nonzeros, chosen from the operand: lane masks on
//     avx512, lists of the nonzeros on the other paths;
//   - engine_vector.go, engine_adam.go, engine_loops.go: the element-wise
//     loops in AVX2 and split across threads;
//   - internal/simd: the engine's assembly but the narrow microkernel (the
//     element-wise loops, the transposes of packing, the sparse products,
//     a prefetch), each routine documented with its Go twin here.
//
// Dispatch happens once, at start-up, into function values and booleans
// (a path's kernel, direct, narrow and asm fields). DLGO_KERNEL=generic
// runs no assembly but PeakGFLOPS's (a measurement of the CPU itself);
// the purego build tag builds none. Every variant gives the bits of its
// twin but two, which sum in another order and agree to rounding:
// one-column products and the sparse products (TestEngineMatchesPlain).
//
// # API
//
// What a user of a BLAS-like package needs: Gemm and GemmRef; Threads and
// SetThreads; Path, Paths, KnownPaths, SetPath and EnvError; PeakGFLOPS
// and PathPeakGFLOPS. What dlgo cpu and dlgo bench show: BlockSizes,
// Tuning and CoreDistance (report.go, tune_load.go); what dlgo tune does:
// Tune, TuningFile and its key (below). The element-wise loops that
// tensor's operations and nn's Adam run on (vecAxpy, vecAddTo, vecReLU,
// vecReLUGrad, vecZero, vecAdamUpdate, vecGatherRows, vecPrefetchRows; plain in the
// textbook build, textbook.go) are no part of the API: loops.go hands them
// over through dlgo/internal/loops at start-up.
//
// # Block sizes and tuning
//
// Without a tuning file, MC, KC and NC come from a model of this CPU's
// caches (modelBlocking, blocking.go: Low et al. 2016). Tune measures
// better ones, and the size from which a small product is packed,
// within a budget (dlgo tune: 30 s) and TuningFile.Save keeps
// them, by default at DefaultTuningPath (os.UserCacheDir()/dlgo/tune.json).
// The first Gemm (or Tuning, or BlockSizes) reads that file, and uses it
// if its key (CurrentTuneKey: the CPU, its caches, dlgo's version) is this
// machine's. The environment variable DLGO_TUNE=off ignores it;
// DLGO_TUNE=/path/file.json reads that file instead. A missing, corrupt or
// foreign file leaves the model's blocks, and Tuning().Err says why.
//
// The package deliberately has no other BLAS routines, no float32, and no
// complex types: it is the part of a BLAS that training a small MLP needs,
// written to be read.
package kernels
