package main

// kill_test.go: a real dlgo train process killed at many moments (kill -9),
// and stopped by SIGTERM, SIGPIPE and Ctrl-C: the model at -out is always
// the previous good one or a complete new one that eval loads, and the
// temporary files of killed runs do not pile up.

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dlgo/nn"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// dlgoBinary builds this command once per test run and returns its path.
func dlgoBinary(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("signals are unix")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build dlgo with")
	}
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "dlgo-bin-"); buildErr != nil {
			return
		}
		out, err := exec.Command(goCmd, "build", "-o", filepath.Join(buildDir, "dlgo"), ".").CombinedOutput()
		if err != nil {
			buildErr = &buildError{err, out}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return filepath.Join(buildDir, "dlgo")
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + string(e.out) }

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// checkModel checks that path holds the model prev (its bytes) or a
// complete model that eval loads, and returns its bytes.
func checkModel(t *testing.T, bin, path string, prev []byte) (b []byte, replaced bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the model at %s is gone: %v", path, err)
	}
	if bytes.Equal(b, prev) {
		return b, false
	}
	if _, desc, err := nn.LoadFileWithDescription(path); err != nil || desc == nil {
		t.Fatalf("a new model that does not load: %v", err)
	}
	if out, err := exec.Command(bin, "eval", "-model", path).CombinedOutput(); err != nil {
		t.Fatalf("eval of the new model: %v\n%s", err, out)
	}
	return b, true
}

// TestKillAnyMoment kills dlgo train with SIGKILL at delays spread over a
// whole run, again and again on the same -out: every time, the model there
// is the previous good one or a complete new one.
func TestKillAnyMoment(t *testing.T) {
	bin := dlgoBinary(t)
	dir := t.TempDir()
	model := filepath.Join(dir, "m.dlgo")
	args := []string{"train", "-data", "moons", "-epochs", "300", "-threads", "1", "-replace", "-out", model}
	start := time.Now()
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	full := time.Since(start)
	prev, _ := checkModel(t, bin, model, nil)

	const kills = 60
	replaced := 0
	for i := range kills {
		// Two shapes of network in turn: a model beside another's
		// description (an earlier dlgo's two renames) would not load.
		cmd := exec.Command(bin, append(args, "-seed", string(rune('1'+i%9)), "-hidden", []string{"8,8", "16"}[i%2])...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// From the start of the process to a little past a whole run.
		time.Sleep(full * time.Duration(i) * 12 / (10 * kills))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		var r bool
		prev, r = checkModel(t, bin, model, prev)
		if r {
			replaced++
		}
	}
	t.Logf("%d kills in runs of %v: %d left the previous model, %d a complete new one", kills, full.Round(time.Millisecond), kills-replaced, replaced)

	// Killed the moment a save is under way: at the first sight of a
	// temporary file (when an earlier dlgo had renamed the model but not
	// yet its description), the n-th one of the run.
	const saves = 20
	caught := 0
	for i := range saves {
		cmd := exec.Command(bin, append(args, "-seed", string(rune('1'+i%9)), "-hidden", []string{"8,8", "16"}[i%2])...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		seen, deadline := 0, time.Now().Add(5*time.Second)
	poll:
		for time.Now().Before(deadline) {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp") {
					if seen++; seen > i%4 {
						break poll
					}
					time.Sleep(time.Millisecond)
				}
			}
		}
		if seen > i%4 {
			caught++
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		prev, _ = checkModel(t, bin, model, prev)
	}
	t.Logf("%d kills during a save (%d with a temporary file in sight)", saves, caught)
	// A finished run cleans what the killed ones left.
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "m.dlgo" {
			t.Errorf("left after a finished run: %s", e.Name())
		}
	}
}

// TestStopSignals stops dlgo train with SIGTERM, SIGINT and a broken pipe:
// each ends cleanly, says where the best model is, and leaves a model
// already at -out alone.
func TestStopSignals(t *testing.T) {
	bin := dlgoBinary(t)
	dir := t.TempDir()
	model := filepath.Join(dir, "planar.dlgo")
	if out, err := exec.Command(bin, "train", "-data", "planar", "-epochs", "5", "-out", model).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	good, _ := os.ReadFile(model)
	long := []string{"train", "-data", "planar", "-epochs", "100000", "-out", model}

	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		cmd := exec.Command(bin, long...)
		stdout, _ := cmd.StdoutPipe()
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		for sc.Scan() && !strings.HasPrefix(sc.Text(), "epoch") {
		}
		cmd.Process.Signal(sig)
		io.Copy(io.Discard, stdout)
		err := cmd.Wait()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Errorf("%v: %v, want exit status 1\n%s", sig, err, stderr.String())
		}
		contains(t, sig.String(), stderr.String(), "interrupted (stopped by", "is saved in "+model+".partial", "was left as it was")
		if b, _ := os.ReadFile(model); !bytes.Equal(b, good) {
			t.Fatalf("%v replaced the model", sig)
		}
		if _, err := nn.LoadFile(model + ".partial"); err != nil {
			t.Errorf("%v: the best model so far does not load: %v", sig, err)
		}
	}

	// dlgo train | head -4: the pipe breaks at the first epoch's line.
	cmd := exec.Command(bin, long...)
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stdout)
	for range 4 {
		r.ReadString('\n')
	}
	stdout.Close()
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("broken pipe: %v, want exit status 1\n%s", err, stderr.String())
	}
	contains(t, "broken pipe", stderr.String(), "stopped by a broken pipe (SIGPIPE)", model+".partial")
	if b, _ := os.ReadFile(model); !bytes.Equal(b, good) {
		t.Fatal("a broken pipe replaced the model")
	}

	// With no model at -out yet, the best so far is installed there.
	fresh := filepath.Join(dir, "fresh.dlgo")
	cmd = exec.Command(bin, "train", "-data", "planar", "-epochs", "100000", "-out", fresh)
	stdout, _ = cmd.StdoutPipe()
	stderr.Reset()
	cmd.Stderr = &stderr
	cmd.Start()
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "epoch") {
	}
	cmd.Process.Signal(syscall.SIGTERM)
	io.Copy(io.Discard, stdout)
	cmd.Wait()
	contains(t, "fresh", stderr.String(), "is saved in "+fresh+"\n")
	checkModel(t, bin, fresh, nil)
}
