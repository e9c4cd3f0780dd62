package kernels

import (
	"testing"
)

// The cores the model is checked against: their data caches per core
// (size, ways, line, cores sharing), from the vendors' optimisation
// manuals; an L3 is the whole chip's or CCX's, as blocking.go counts it.
func kb(k, ways, line, cores int) cacheLevel { return cacheLevel{k << 10, ways, line, cores} }

var modelCores = map[string]caches{
	"Haswell":       {kb(32, 8, 64, 1), kb(256, 8, 64, 1), kb(8<<10, 16, 64, 4)},
	"Zen 2":         {kb(32, 8, 64, 1), kb(512, 8, 64, 1), kb(16<<10, 16, 64, 4)},
	"Zen 3":         {kb(32, 8, 64, 1), kb(512, 8, 64, 1), kb(32<<10, 16, 64, 8)},
	"Zen 4":         {kb(32, 8, 64, 1), kb(1024, 8, 64, 1), kb(32<<10, 16, 64, 8)},
	"Zen 5":         {kb(48, 12, 64, 1), kb(1024, 16, 64, 1), kb(32<<10, 16, 64, 8)},
	"Skylake-X":     {kb(32, 8, 64, 1), kb(1024, 16, 64, 1), kb(24<<10+768, 11, 64, 18)},
	"Ice Lake SP":   {kb(48, 12, 64, 1), kb(1280, 20, 64, 1), kb(48<<10, 12, 64, 32)},
	"Neoverse N1":   {kb(64, 4, 64, 1), kb(1024, 8, 64, 1), kb(32<<10, 16, 64, 80)},
	"Neoverse V1":   {kb(64, 4, 64, 1), kb(1024, 8, 64, 1), kb(32<<10, 16, 64, 64)},
	"Apple M1 (P)":  {kb(128, 8, 128, 1), kb(12<<10, 12, 128, 4), kb(0, 16, 128, 1)}, // no L3 (the SLC is memory-side)
	"Sapphire Rpds": {kb(48, 12, 64, 1), kb(2048, 16, 64, 1), kb(105<<10, 15, 64, 56)},
}

// TestModelAgainstPublished runs the model (modelBlocking) on each core's
// caches with the tile each library uses there, and compares it with that
// library's published double-precision blocks: BLIS's
// config/<core>/bli_cntx_init_<core>.c (flame/blis; Zen 4 and 5 from AMD's
// aocl branch) and OpenBLAS's param.h (DGEMM_DEFAULT_P = MC, _Q = KC, _R =
// NC, _UNROLL_M × _UNROLL_N = the tile). The ratios model/published must
// stay within each row's bounds, and why a row is far is said in it. The
// table is logged (go test -v -run ModelAgainst ./kernels).
func TestModelAgainstPublished(t *testing.T) {
	type bounds struct{ lo, hi float64 }
	rows := []struct {
		core, lib     string
		mr, nr        int
		mc, kc, nc    int
		kcB, mcB, ncB bounds
		why           string
	}{
		{"Haswell", "BLIS", 6, 8, 72, 256, 4080, bounds{0.97, 1.03}, bounds{1.29, 1.37}, bounds{0.85, 0.91},
			"KC exact (256); MC 96 against 72: the model gives A 6 of the 8 L2 ways, BLIS leaves room for the C tiles and B panels streaming through; NC 3584 against 4080"},
		{"Haswell", "OpenBLAS", 4, 8, 512, 256, 13824, bounds{0.97, 1.03}, bounds{0.18, 0.20}, bounds{0.25, 0.27},
			"KC exact; OpenBLAS's P 512 is a 1 MiB A block, four times the L2 the model sizes MC for; its R 13824 is beyond the model's NC bound (4096)"},
		{"Zen 2", "BLIS", 6, 8, 72, 256, 4080, bounds{0.97, 1.03}, bounds{2.59, 2.75}, bounds{0.97, 1.03},
			"KC exact; MC 192 (A block 384 KiB of the 512 KiB L2) against the 72 BLIS kept from Haswell"},
		{"Zen 3", "BLIS", 6, 8, 72, 256, 4080, bounds{0.97, 1.03}, bounds{2.59, 2.75}, bounds{0.97, 1.03},
			"KC exact; MC 192 where BLIS keeps Haswell's 72: issue 13 measured MC 144–192 with KC 256–384 best on a Zen 3"},
		{"Zen 3", "OpenBLAS", 4, 8, 512, 256, 13824, bounds{0.97, 1.03}, bounds{0.37, 0.39}, bounds{0.29, 0.31},
			"KC exact; OpenBLAS's ZEN target has Haswell's P and R"},
		{"Zen 4", "BLIS", 8, 24, 120, 512, 4032, bounds{0.24, 0.26}, bounds{4.14, 4.40}, bounds{0.98, 1.04},
			"the 8×24 B micro-panel (192 bytes a row) leaves A one of 8 L1 ways: KC 128; AMD's kernel streams B from L2 with prefetches instead (KC 512, MC 120)"},
		{"Zen 4", "OpenBLAS", 16, 2, 192, 384, 8640, bounds{0.48, 0.52}, bounds{1.70, 1.80}, bounds{0.46, 0.48},
			"OpenBLAS runs its Skylake-X kernel (16×2) with Skylake-X's blocks there; a 16-row A panel leaves B 2 ways: KC 192 against 384"},
		{"Zen 5", "BLIS", 8, 24, 80, 384, 4032, bounds{0.32, 0.34}, bounds{6.21, 6.59}, bounds{0.98, 1.04},
			"as Zen 4: AMD's 8×24 kernel streams B from L2 (KC 384, MC 80), the model keeps B in L1 (KC 128) and A in L2 up to 512 KiB (MC 512)"},
		{"Skylake-X", "BLIS", 16, 14, 240, 256, 3752, bounds{0.48, 0.52}, bounds{2.07, 2.19}, bounds{1.06, 1.12},
			"a 16×14 tile leaves A one L1 way (KC 128 against 256); the same 512 KiB A block (MC 512 against 240)"},
		{"Skylake-X", "OpenBLAS", 16, 2, 192, 384, 8640, bounds{0.48, 0.52}, bounds{1.70, 1.80}, bounds{0.46, 0.48},
			"KC 192 against 384 (16×2: A gets 2 of 8 L1 ways); A blocks alike (504 and 576 KiB); R 8640 beyond the NC bound"},
		{"Ice Lake SP", "BLIS", 16, 14, 240, 384, 3752, bounds{0.41, 0.43}, bounds{1.62, 1.72}, bounds{1.06, 1.12},
			"as Skylake-X, with a 48 KiB 12-way L1: KC 160 against 384"},
		{"Sapphire Rpds", "OpenBLAS", 16, 2, 192, 384, 8640, bounds{0.73, 0.77}, bounds{1.13, 1.21}, bounds{0.46, 0.48},
			"close: KC 288 against 384, A blocks of 504 and 576 KiB; R 8640 beyond the NC bound"},
		{"Neoverse N1", "BLIS", 6, 8, 120, 480, 8192, bounds{0.68, 0.72}, bounds{1.55, 1.65}, bounds{0.48, 0.52},
			"a 4-way L1 leaves A one way (KC 336 against 480); NC 8192 beyond the bound"},
		{"Neoverse N1", "OpenBLAS", 8, 4, 240, 320, 4096, bounds{1.55, 1.65}, bounds{0.51, 0.55}, bounds{0.97, 1.03},
			"an 8×4 tile gives A two of the four L1 ways: KC 512 against 320, so MC 128 for the same A block"},
		{"Neoverse V1", "OpenBLAS", 8, 8, 240, 320, 4096, bounds{0.78, 0.82}, bounds{1.04, 1.10}, bounds{0.97, 1.03},
			"close: KC 256 against 320, MC 256 against 240"},
		{"Apple M1 (P)", "BLIS", 8, 6, 256, 3072, 8184, bounds{0.32, 0.34}, bounds{0.37, 0.39}, bounds{0.48, 0.52},
			"BLIS streams both panels from the 12 MiB L2 (KC 3072, a 6 MiB A block); the model keeps B in the 128 KiB L1 (KC 1024) and A within a quarter of the core's L2 share (MC 96); no L3, so NC at its bound"},
		{"Apple M1 (P)", "OpenBLAS", 8, 4, 256, 512, 4096, bounds{1.94, 2.06}, bounds{0.37, 0.39}, bounds{0.97, 1.03},
			"KC 1024 against 512: OpenBLAS's VORTEX blocks are its generic ARMv8 ones"},
	}
	for _, r := range rows {
		c, ok := modelCores[r.core]
		if !ok {
			t.Fatalf("no caches for %s", r.core)
		}
		m := modelBlocking(r.mr, r.nr, c)
		rk, rm, rn := float64(m.kc)/float64(r.kc), float64(m.mc)/float64(r.mc), float64(m.nc)/float64(r.nc)
		t.Logf("%-13s %-8s %2d×%-2d  published MC %4d KC %4d NC %5d  model MC %4d KC %4d NC %4d  ratio MC %.2f KC %.2f NC %.2f: %s",
			r.core, r.lib, r.mr, r.nr, r.mc, r.kc, r.nc, m.mc, m.kc, m.nc, rm, rk, rn, r.why)
		in := func(x float64, b bounds) bool { return x >= b.lo && x <= b.hi }
		if !in(rk, r.kcB) || !in(rm, r.mcB) || !in(rn, r.ncB) {
			t.Errorf("%s %s %d×%d: model MC %d KC %d NC %d, ratios %.2f %.2f %.2f outside MC %v KC %v NC %v",
				r.core, r.lib, r.mr, r.nr, m.mc, m.kc, m.nc, rm, rk, rn, r.mcB, r.kcB, r.ncB)
		}
	}
}

// TestModelDlgoTiles logs the model's blocks for dlgo's own tiles on each
// core, and checks what every blocking must be: KC a positive multiple of
// 8, MC and NC whole tiles, an A micro-panel and a B micro-panel within
// L1, an A block within L2 and within maxABlock or a quarter of L2.
func TestModelDlgoTiles(t *testing.T) {
	for name, c := range modelCores {
		for _, tile := range [][2]int{{6, 8}, {8, 24}, {8, 16}} {
			m := modelBlocking(tile[0], tile[1], c)
			t.Logf("%-13s %d×%-2d MC %4d KC %4d NC %4d", name, tile[0], tile[1], m.mc, m.kc, m.nc)
			if m.kc%8 != 0 || m.kc < minKC || m.mc%m.mr != 0 || m.nc%m.nr != 0 || m.mc < m.mr || m.nc < m.nr {
				t.Errorf("%s %v: %+v", name, tile, m)
			}
			if m.kc > minKC && (m.mr+m.nr)*m.kc*8 > c.l1.size {
				t.Errorf("%s %v: KC %d: micro-panels of %d bytes in an L1 of %d", name, tile, m.kc, (m.mr+m.nr)*m.kc*8, c.l1.size)
			}
			if m.mc > m.mr && m.mc*m.kc*8 > max(maxABlock, c.l2.size/c.l2.cores/4) {
				t.Errorf("%s %v: A block %d bytes in an L2 of %d", name, tile, m.mc*m.kc*8, c.l2.size/c.l2.cores)
			}
		}
	}
}

// TestModelExtremeCaches: caches reported absurd (zero ways fixed up by
// the defaults, a VM's 480 MiB L3, one-byte caches) still give usable
// blocks.
func TestModelExtremeCaches(t *testing.T) {
	for _, c := range []caches{
		{kb(1, 1, 64, 1), kb(1, 1, 64, 1), kb(1, 1, 64, 1)},
		{kb(48, 12, 64, 1), kb(2048, 16, 64, 1), kb(480<<10, 16, 64, 2)},
		{kb(1<<20, 64, 64, 1), kb(1<<20, 64, 64, 1), kb(1<<30, 64, 64, 1)},
		defaultCaches,
	} {
		m := modelBlocking(6, 8, c)
		if m.kc < minKC || m.kc > maxKC || m.mc < 6 || m.mc > maxMC || m.nc < 8 || m.nc > maxNC || m.mc%6 != 0 || m.nc%8 != 0 {
			t.Errorf("modelBlocking(%v) = %+v", c, m)
		}
	}
}

// TestReadCaches reads a sysfs tree written here: sizes, ways, lines and
// sharing, an instruction cache skipped, a missing level left to the
// defaults.
func TestReadCaches(t *testing.T) {
	dir := t.TempDir()
	write := func(i int, level, typ, size, ways, line, shared string) {
		d := dir + "/index" + string(rune('0'+i))
		mustMkdir(t, d)
		for name, v := range map[string]string{"level": level, "type": typ, "size": size,
			"ways_of_associativity": ways, "coherency_line_size": line, "shared_cpu_list": shared} {
			mustWrite(t, d+"/"+name, v+"\n")
		}
	}
	write(0, "1", "Data", "48K", "12", "64", "0")
	write(1, "1", "Instruction", "64K", "16", "64", "0")
	write(2, "2", "Unified", "2048K", "16", "64", "0")
	c := readCaches(dir)
	if c.l1 != (cacheLevel{48 << 10, 12, 64, 1}) || c.l2 != (cacheLevel{2 << 20, 16, 64, 1}) {
		t.Errorf("readCaches = %+v", c)
	}
	if c.l3.ways != defaultCaches.l3.ways || c.l3.size <= 0 {
		t.Errorf("L3 without sysfs: %+v", c.l3)
	}
	if n := countCPUs("0-3,8-11,13"); n != 9 {
		t.Errorf("countCPUs = %d, want 9", n)
	}
}
