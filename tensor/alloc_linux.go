//go:build linux && !textbook

package tensor

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on Linux (x86-64 and
// arm64 with 4 KiB base pages).
const hugePage = 2 << 20

// adviseHuge asks Linux to back the whole huge pages inside d with huge
// pages (madvise MADV_HUGEPAGE), before anything is written to them: a
// fresh allocation this large comes straight from the system, untouched,
// so the pages are chosen when first written. It is a hint; where
// transparent huge pages are disabled it fails, and nothing changes.
func adviseHuge(d []float64) {
	if len(d) == 0 {
		return
	}
	start := uintptr(unsafe.Pointer(&d[0]))
	end := start + uintptr(len(d))*8
	lo := (start + hugePage - 1) &^ (hugePage - 1)
	hi := end &^ (hugePage - 1)
	if hi <= lo {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(&d[0]), lo-start)), hi-lo)
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
