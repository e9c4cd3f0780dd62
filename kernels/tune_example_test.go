package kernels_test

import (
	"fmt"
	"os"
	"path/filepath"

	"dlgo/kernels"
)

// ExampleTune measures this machine's blocks on small products and saves
// them where DLGO_TUNE can point the library at them; `dlgo tune` does the
// same with a 30-second budget and the user's cache directory.
func ExampleTune() {
	f, err := kernels.Tune(kernels.TuneOptions{Budget: 200_000_000, Paths: []string{"generic"}, MaxSize: 96})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "dlgo")
	defer os.RemoveAll(dir)
	if err := f.Save(filepath.Join(dir, "tune.json")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("generic KC", f.Paths["generic"].KC > 0)
	// Output: generic KC true
}

// ExampleTuning shows where the blocks in use come from.
func ExampleTuning() {
	t := kernels.Tuning()
	fmt.Println(t.Path != "", t.KC > 0)
	// Output: true true
}
