package kernels

import (
	"fmt"
	"testing"
)

func TestModelPrint(t *testing.T) {
	K := func(kb, w, line, cores int) cacheLevel { return cacheLevel{kb << 10, w, line, cores} }
	cs := map[string]caches{
		"haswell": {K(32, 8, 64, 1), K(256, 8, 64, 1), K(8<<10, 16, 64, 4)},
		"zen2":    {K(32, 8, 64, 1), K(512, 8, 64, 1), K(16<<10, 16, 64, 4)},
		"zen3":    {K(32, 8, 64, 1), K(512, 8, 64, 1), K(32<<10, 16, 64, 8)},
		"zen4":    {K(32, 8, 64, 1), K(1024, 8, 64, 1), K(32<<10, 16, 64, 8)},
		"zen5":    {K(48, 12, 64, 1), K(1024, 16, 64, 1), K(32<<10, 16, 64, 8)},
		"skx":     {K(32, 8, 64, 1), K(1024, 16, 64, 1), K(1408, 11, 64, 1)},
		"icx":     {K(48, 12, 64, 1), K(1280, 20, 64, 1), K(1536, 12, 64, 1)},
		"spr":     {K(48, 12, 64, 1), K(2048, 16, 64, 1), K(1920, 15, 64, 1)},
		"n1":      {K(64, 4, 64, 1), K(1024, 8, 64, 1), K(32<<10, 16, 64, 80)},
		"v1":      {K(64, 4, 64, 1), K(1024, 8, 64, 1), K(32<<10, 16, 64, 64)},
		"m1":      {K(128, 8, 128, 1), K(12<<10, 12, 128, 4), K(8<<10, 16, 128, 8)},
	}
	for _, n := range []string{"haswell", "zen2", "zen3", "zen4", "zen5", "skx", "icx", "spr", "n1", "v1", "m1"} {
		for _, tl := range [][2]int{{6, 8}, {8, 24}, {8, 16}, {4, 8}, {16, 14}, {16, 2}, {8, 4}, {8, 6}, {8, 8}} {
			b := modelBlocking(tl[0], tl[1], cs[n])
			fmt.Printf("%-8s %2dx%-2d mc %4d kc %4d nc %4d\n", n, tl[0], tl[1], b.mc, b.kc, b.nc)
		}
	}
	fmt.Printf("this: %+v -> avx2 %+v avx512 %+v\n", thisCPU, tunedBlocking("avx2"), tunedBlocking("avx512"))
}
