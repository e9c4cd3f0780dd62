//go:build (linux || darwin) && (amd64 || arm64)

package bench

// blas.go: the machine's own CBLAS (OpenBLAS, BLIS or MKL) as the "blas"
// path, loaded when first asked for, without cgo, through
// github.com/ebitengine/purego: so that dlgo is measured against the
// library people compare it with, on the user's CPU, in the same run, on
// the same operands and with the same checks as every other path.

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/ebitengine/purego"
)

// blasLibraries are the names tried, in order, when DLGO_BLAS does not
// name the library: the dynamic loader looks them up in its usual places
// (on Debian and Ubuntu, libopenblas0 and libblis4 install them).
var blasLibraries = map[string][]string{
	"linux": {"libopenblas.so.0", "libopenblas.so", "libblis.so.4", "libblis.so", "libmkl_rt.so.2", "libmkl_rt.so"},
	"darwin": {"libopenblas.dylib", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
		"/usr/local/opt/openblas/lib/libopenblas.dylib", "libblis.dylib"},
}

// CBLAS's enumerations (cblas.h).
const (
	cblasRowMajor = 101
	cblasNoTrans  = 111
	cblasTrans    = 112
)

// cblas is a loaded library: its cblas_dgemm and the call that sets its
// thread count. Its integers are C ints (the LP64 interface every one of
// these libraries ships by default).
type cblas struct {
	desc  string
	dgemm func(order, transA, transB, m, n, k int32, alpha float64, a *float64, lda int32,
		b *float64, ldb int32, beta float64, c *float64, ldc int32)
	setThreads func(n int)
	getThreads func() int // nil where the library has no such call

	mu      sync.Mutex
	threads int // the count last set, 0 before the first call
}

// loadBLAS loads the library once: DLGO_BLAS (a file or a library name)
// if set, else the first of blasLibraries that loads and has cblas_dgemm
// and a way to set its threads.
var loadBLAS = sync.OnceValues(func() (*cblas, error) {
	names := blasLibraries[runtime.GOOS]
	if env := os.Getenv("DLGO_BLAS"); env != "" {
		names = []string{env}
	}
	var errs []string
	for _, name := range names {
		l, err := openBLAS(name)
		if err == nil {
			return l, nil
		}
		errs = append(errs, err.Error())
	}
	return nil, fmt.Errorf("no CBLAS library found (install OpenBLAS or BLIS, or set DLGO_BLAS to one): %s", strings.Join(errs, "; "))
})

// openBLAS loads the named library and finds its functions.
func openBLAS(name string) (*cblas, error) {
	h, err := purego.Dlopen(name, purego.RTLD_NOW|purego.RTLD_LOCAL)
	if err != nil {
		if strings.Contains(err.Error(), name) { // the loader's message names it
			return nil, err
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	l := &cblas{desc: name}
	sym, err := purego.Dlsym(h, "cblas_dgemm")
	if err != nil {
		return nil, fmt.Errorf("%s: no cblas_dgemm", name)
	}
	purego.RegisterFunc(&l.dgemm, sym)
	// What the library says of itself, and how its threads are set:
	// OpenBLAS, BLIS, MKL. A library whose threads cannot be set would
	// time every row at its own count, not the row's: refused.
	if sym, err := purego.Dlsym(h, "openblas_set_num_threads"); err == nil {
		var set func(int32)
		purego.RegisterFunc(&set, sym)
		l.setThreads = func(n int) { set(int32(n)) }
		l.getThreads = getter32(h, "openblas_get_num_threads")
		l.desc = blasInfo(h, name, "openblas_get_config", "openblas_get_corename")
	} else if sym, err := purego.Dlsym(h, "bli_thread_set_num_threads"); err == nil {
		var set func(int64) // dim_t
		purego.RegisterFunc(&set, sym)
		l.setThreads = func(n int) { set(int64(n)) }
		if sym, err := purego.Dlsym(h, "bli_thread_get_num_threads"); err == nil {
			var get func() int64
			purego.RegisterFunc(&get, sym)
			l.getThreads = func() int { return int(get()) }
		}
		l.desc = blasInfo(h, name, "bli_info_get_version_str", "")
	} else if sym, err := purego.Dlsym(h, "MKL_Set_Num_Threads"); err == nil {
		var set func(int32)
		purego.RegisterFunc(&set, sym)
		l.setThreads = func(n int) { set(int32(n)) }
		l.getThreads = getter32(h, "MKL_Get_Max_Threads")
	} else {
		return nil, fmt.Errorf("%s: has cblas_dgemm but no known call to set its threads", name)
	}
	return l, nil
}

// getter32 returns the library's int f(void) named name, or nil.
func getter32(h uintptr, name string) func() int {
	sym, err := purego.Dlsym(h, name)
	if err != nil {
		return nil
	}
	var get func() int32
	purego.RegisterFunc(&get, sym)
	return func() int { return int(get()) }
}

// blasInfo describes the library by its file name and what its version
// and core functions (char *f(void)) return, where it has them.
func blasInfo(h uintptr, name, version, core string) string {
	var parts []string
	for _, fn := range []string{version, core} {
		if fn == "" {
			continue
		}
		if sym, err := purego.Dlsym(h, fn); err == nil {
			var f func() string
			purego.RegisterFunc(&f, sym)
			if s := strings.TrimSpace(f()); s != "" {
				parts = append(parts, s)
			}
		}
	}
	if len(parts) == 0 {
		return name
	}
	return name + ": " + strings.Join(parts, ", core ")
}

// checkThreads returns an error if the library says it runs other than
// want threads after a call at want (a single-threaded build, or a build
// limited below want): such a row would time another count than it names.
// A library that cannot say passes.
func (l *cblas) checkThreads(want int) error {
	if l.getThreads == nil {
		return nil
	}
	if got := l.getThreads(); got != want {
		return fmt.Errorf("the library runs %s, not %d", plural(got, "thread"), want)
	}
	return nil
}

// gemm is cblas_dgemm with kernels.Gemm's signature on row-major
// operands, at GOMAXPROCS threads (the row's count: RunGemm sets it).
func (l *cblas) gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	l.mu.Lock()
	if t := runtime.GOMAXPROCS(0); t != l.threads {
		l.setThreads(t)
		l.threads = t
	}
	l.mu.Unlock()
	tA, tB := int32(cblasNoTrans), int32(cblasNoTrans)
	if transA {
		tA = cblasTrans
	}
	if transB {
		tB = cblasTrans
	}
	// The library may not read an operand of no elements, but its
	// argument checks want a pointer and a leading dimension ≥ 1.
	ptr := func(x []float64) *float64 {
		if len(x) == 0 {
			return new(float64)
		}
		return &x[0]
	}
	l.dgemm(cblasRowMajor, tA, tB, int32(m), int32(n), int32(k), alpha, ptr(a), int32(max(lda, 1)),
		ptr(b), int32(max(ldb, 1)), beta, &c[0], int32(ldc))
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
	runtime.KeepAlive(c)
}
