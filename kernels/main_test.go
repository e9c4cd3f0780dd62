package kernels

import (
	"os"
	"testing"
)

// The tests force splits on tiny sizes (minParallelWork, minParallelElems
// set to 1): the distance between the cores must not raise them again.
func TestMain(m *testing.M) {
	os.Setenv("DLGO_SPLITS", "fixed")
	os.Exit(m.Run())
}
