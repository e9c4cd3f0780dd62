package nn_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A module outside dlgo builds against it with a replace line, as the
// README's library section shows: examples/library, built here with the
// go command (offline: its go.sum holds dlgo's two dependencies).
func TestOutsideModuleBuilds(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to build examples/library with")
	}
	dir, err := filepath.Abs(filepath.Join("..", "examples", "library"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "build", "-o", os.DevNull, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build in examples/library: %v\n%s", err, out)
	}
}
