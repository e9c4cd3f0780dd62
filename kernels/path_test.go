package kernels

import (
	"slices"
	"strings"
	"testing"
)

// TestSetPathRefusesMissing checks that a known path this CPU or build
// cannot run is refused with a message that says so and lists what is
// available, and that the current path is left alone: DLGO_KERNEL goes
// through SetPath, so forcing avx2 on a CPU without it is an error, never
// a SIGILL.
func TestSetPathRefusesMissing(t *testing.T) {
	before := Path()
	for _, name := range KnownPaths() {
		err := SetPath(name)
		if slices.Contains(Paths(), name) {
			if err != nil || Path() != name {
				t.Errorf("SetPath(%q) = %v, Path() = %q", name, err, Path())
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "not available") || !strings.Contains(err.Error(), "generic") {
			t.Errorf("SetPath(%q) on a CPU without it = %v, want a refusal listing the available paths", name, err)
		}
	}
	if err := SetPath(before); err != nil {
		t.Fatal(err)
	}
	for _, p := range available {
		if p.name != "generic" && !slices.Contains(KnownPaths(), p.name) {
			t.Errorf("path %q is available but not in KnownPaths", p.name)
		}
		if p.kc <= 0 || p.mc%p.mr != 0 || p.nc%p.nr != 0 {
			t.Errorf("path %q: bad blocks %+v", p.name, p.blocking)
		}
	}
}
