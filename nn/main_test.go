package nn_test

import (
	"os"
	"testing"
)

// The tests count allocations with several threads: the splits must not
// change with the distance between the cores while they run (a split seen
// for the first time grows a worker's buffers once).
func TestMain(m *testing.M) {
	os.Setenv("DLGO_SPLITS", "fixed") // read by package kernels at the first split
	os.Exit(m.Run())
}
