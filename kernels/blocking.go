// blocking.go: the cache blocks MC, KC and NC of Gemm's five loops, from a
// model of this CPU's caches (BLIS's analytical model). What it is not: a
// table of machines (the published choices it was checked against are in
// blocking_model_test.go) or a measurement (a tuning file, tune_file.go,
// written by `dlgo tune`, replaces the model's blocks where it matches
// this CPU).

package kernels

import (
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/klauspost/cpuid/v2"
)

// blocking holds the five block sizes of the Goto/BLIS loops for one
// microkernel:
//
//	NC columns of B per packed block (sized for L3),
//	KC depth of a packed block (a B micro-panel of KC×NR stays in L1),
//	MC rows of A per packed block (an MC×KC block of A stays in L2),
//	NR, MR the register tile.
type blocking struct {
	mr, nr     int
	mc, kc, nc int
}

// cacheLevel is one data cache as the model sees it: its size in bytes, its
// associativity (ways), its line in bytes, and how many cores share it.
type cacheLevel struct {
	size, ways, line, cores int
}

// sets is the number of sets of the cache: size = ways · sets · line.
func (c cacheLevel) sets() int { return c.size / (c.ways * c.line) }

// caches are the three data caches of one core.
type caches struct {
	l1, l2, l3 cacheLevel
}

// Defaults for what neither the OS nor CPUID reports: a typical x86 core of
// the last decade (32 KiB 8-way L1d, 256 KiB 8-way L2, 8 MiB 16-way L3
// shared by 4 cores, 64-byte lines).
var defaultCaches = caches{
	l1: cacheLevel{size: 32 << 10, ways: 8, line: 64, cores: 1},
	l2: cacheLevel{size: 256 << 10, ways: 8, line: 64, cores: 1},
	l3: cacheLevel{size: 8 << 20, ways: 16, line: 64, cores: 4},
}

// thisCPU holds this CPU's caches, read once at start-up.
var thisCPU = readCaches("/sys/devices/system/cpu/cpu0/cache")

// readCaches returns this CPU's data caches: sizes, ways, lines and sharing
// from Linux's sysfs under dir where it has them (it is the only portable
// source of the associativity), else the sizes from CPUID and the ways of
// defaultCaches. It never fails: what it cannot learn it takes from the
// defaults.
func readCaches(dir string) caches {
	c := defaultCaches
	threadsPerCore := max(1, cpuid.CPU.ThreadsPerCore)
	if v := cpuid.CPU.Cache.L1D; v > 0 {
		c.l1.size = v
	}
	if v := cpuid.CPU.Cache.L2; v > 0 {
		c.l2.size = v
	}
	if v := cpuid.CPU.Cache.L3; v > 0 {
		c.l3.size = v
		c.l3.cores = max(1, cpuid.CPU.PhysicalCores)
	}
	if v := cpuid.CPU.CacheLine; v > 0 {
		c.l1.line, c.l2.line, c.l3.line = v, v, v
	}
	for i := 0; i < 8; i++ {
		d := dir + "/index" + strconv.Itoa(i) + "/"
		level, typ := readInt(d+"level"), readString(d+"type")
		if level == 0 {
			continue
		}
		if typ != "Data" && typ != "Unified" {
			continue
		}
		size := readSize(d + "size")
		ways := readInt(d + "ways_of_associativity")
		line := readInt(d + "coherency_line_size")
		cpus := countCPUs(readString(d + "shared_cpu_list"))
		if size <= 0 || ways <= 0 || line <= 0 {
			continue
		}
		l := cacheLevel{size: size, ways: ways, line: line, cores: max(1, cpus/threadsPerCore)}
		switch level {
		case 1:
			c.l1 = l
		case 2:
			c.l2 = l
		case 3:
			c.l3 = l
		}
	}
	return c
}

func readString(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

func readInt(path string) int {
	n, err := strconv.Atoi(readString(path))
	if err != nil {
		return 0
	}
	return n
}

// readSize reads a sysfs cache size such as "48K" or "2048K" in bytes.
func readSize(path string) int {
	s := readString(path)
	mult := 1
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n * mult
}

// countCPUs counts the CPUs of a sysfs list such as "0-3,8-11".
func countCPUs(list string) int {
	n := 0
	for _, r := range strings.Split(list, ",") {
		lo, hi, ok := strings.Cut(r, "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			continue
		}
		b := a
		if ok {
			if b, err = strconv.Atoi(hi); err != nil || b < a {
				continue
			}
		}
		n += b - a + 1
	}
	return n
}

// Bounds on the model's blocks: KC at least 128 as BLIS's own
// implementation of the model (kernels/armsve/3/bli_armsve_utils.c) keeps
// it, so that a small or low-associativity L1 does not make the
// microkernel's loop too short to hide its start and end; NC at most 4096
// (BLIS's usual 4080), since a B block larger than that gains nothing on
// the products an MLP runs and a wrong L3 report (a VM's) is then harmless.
//
// The A block is kept within maxABlock (or a quarter of the L2 where that
// is more): the model would fill 14 of the 16 ways of a 2 MiB L2, and on a
// Sapphire Rapids core MC 672 at KC 336 (1.8 MiB) ran 13% slower than MC
// 192 (0.5 MiB), avx512's MC 1024 at KC 192 14% slower than 256 (CPU
// time, median of 9 runs at 1024³); on a Zen 3 the model's 384 KiB is
// the best measured (issue 13), and BLIS's and OpenBLAS's A blocks on
// 1–2 MiB L2s are 480–576 KiB. The C tiles and B panels that stream
// through L2 beside A are what the model leaves out.
const (
	maxABlock = 512 << 10
	minKC     = 128
	maxKC     = 1024
	maxMC     = 1024
	maxNC     = 4096
)

// modelBlocking returns MC, KC and NC for an mr×nr microkernel of 8-byte
// elements on caches c, by the analytical model of Low, Igual, Smith and
// Quintana-Ortí, "Analytical modeling is enough for high-performance
// BLIS" (ACM TOMS 43(2), 2016), §4, as BLIS implements it:
//
//   - KC: the B micro-panel (KC×NR) stays in L1 while the A micro-panels
//     (MR×KC) stream through it. With one way kept for C and the next
//     lines, A gets C_A = ⌊(W₁ − 1)/(1 + NR/MR)⌋ ways and B NR/MR times
//     as many, and an A micro-panel fills its ways exactly:
//     KC = C_A · N₁ · L₁ / (MR · 8), N₁ sets of L₁-byte lines.
//   - MC: the A block (MC×KC) stays in L2 beside two B micro-panels (the
//     current and the next) and one way for C:
//     C_Ac = W₂ − 1 − ⌈2·KC·NR·8 / (N₂·L₂)⌉, MC = C_Ac · N₂·L₂ / (KC·8),
//     a multiple of MR, and the A block at most maxABlock (below).
//   - NC: the B block (KC×NC) stays in L3 beside two A blocks:
//     C_Bc = W₃ − 1 − ⌈2·KC·MC·8 / (N₃·L₃)⌉, NC = C_Bc · N₃·L₃ / (KC·8),
//     a multiple of NR (NC's bound when there is no L3 larger than L2).
//     The whole L3 counts, as in BLIS's own use of the
//     model: a core's share of a server's L3 (1.375 MiB on a Skylake-X)
//     would give NC below 100, and A repacked for every NC columns. An L2
//     shared by several cores (Apple M) counts as its share per core.
//
// Where the model departs from the published choices (it gives a Zen 3
// KC 256 as BLIS and OpenBLAS do, and MC 192 where they keep Haswell's
// 72), blocking_model_test.go says how far and why; `dlgo tune` measures.
//
// KC is rounded down to a multiple of 8 and kept in [minKC, maxKC]; MC and
// NC in [MR, maxMC] and [NR, maxNC]. On a Zen 3 core (32 KiB 8-way L1d,
// 512 KiB 8-way L2) it gives KC 256, MC 192 for the 6×8 tile: the sizes
// issue 13 measured best there (KC 256–384, MC 144–192).
func modelBlocking(mr, nr int, c caches) blocking {
	const s = 8 // bytes of a float64
	l1, l2, l3 := c.l1, c.l2, c.l3

	ca := math.Floor(float64(l1.ways-1) / (1 + float64(nr)/float64(mr)))
	kc := int(max(1, ca)) * l1.sets() * l1.line / (mr * s)
	kc = clamp(kc/8*8, minKC, maxKC)

	way2 := l2.size / max(1, l2.cores) / l2.ways
	cac := l2.ways - 1 - ceilDiv(2*kc*nr*s, way2)
	mc := max(1, cac) * way2 / (kc * s)
	mc = min(mc, max(maxABlock, l2.size/max(1, l2.cores)/4)/(kc*s))
	mc = clamp(mc/mr*mr, mr, maxMC/mr*mr)

	nc := maxNC // no L3 beyond L2 (Apple M's L2 is its last level): B streams
	if l3.size > l2.size {
		way3 := l3.size / l3.ways
		cbc := l3.ways - 1 - ceilDiv(2*kc*mc*s, way3)
		nc = max(1, cbc) * way3 / (kc * s)
	}
	nc = clamp(nc/nr*nr, nr, maxNC/nr*nr)
	return blocking{mr: mr, nr: nr, mc: mc, kc: kc, nc: nc}
}

func ceilDiv(a, b int) int { return (a + b - 1) / max(1, b) }

func clamp(x, lo, hi int) int {
	return max(lo, min(x, hi))
}
