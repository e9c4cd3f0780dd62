package nn_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"dlgo/nn"
)

func savedDesc(t testing.TB, m nn.Layer, desc []byte) []byte {
	var buf bytes.Buffer
	if err := nn.SaveWithDescription(&buf, m, desc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A description travels inside the file, under its checksum; version 1
// files still load, with no description.
func TestDescriptionRoundTrip(t *testing.T) {
	m := smallModel()
	desc := []byte(`{"net":{"in":2},"data":{"kind":"planar"}}`)
	b := savedDesc(t, m, desc)
	got, gotDesc, err := nn.LoadWithDescription(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotDesc, desc) || !slices.Equal(bits(got), bits(m)) {
		t.Fatalf("description %q, weights equal %v", gotDesc, slices.Equal(bits(got), bits(m)))
	}
	if _, err := nn.Load(bytes.NewReader(b)); err != nil {
		t.Fatalf("Load of a described file: %v", err)
	}
	if _, d, err := nn.LoadWithDescription(bytes.NewReader(saved(t, m))); err != nil || d != nil {
		t.Fatalf("version 1: description %q, %v", d, err)
	}
	// A changed byte of the description is caught by the checksum.
	bad := slices.Clone(b)
	bad[20] ^= 1
	if msg := loadErr(t, bad, "flipped description"); !strings.Contains(msg, "checksum mismatch") {
		t.Errorf("flipped description byte: %q", msg)
	}
	for n := 0; n < len(b); n++ {
		if msg := loadErr(t, b[:n], "truncated"); n >= 8 && !strings.Contains(msg, "offset") {
			t.Fatalf("truncated to %d bytes: %q", n, msg)
		}
	}
	// A description length beyond the file.
	bad = slices.Clone(b)
	bad[12], bad[13], bad[14], bad[15] = 0xff, 0xff, 0xff, 0x7f
	if msg := loadErr(t, bad, "huge description"); !strings.Contains(msg, "description length") {
		t.Errorf("huge description: %q", msg)
	}
}

// Issue 14, failure 7: a model whose layer sizes do not chain, with a
// valid checksum, used to load and then panic in Dense.Forward.
func TestLoadRefusesUnchainedLayers(t *testing.T) {
	rng := newRand(2)
	m := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(2, 16, rng), &nn.ReLU{}, nn.NewDense(8, 1, rng)}}
	b := saved(t, m)
	msg := loadErr(t, b, "unchained")
	for _, want := range []string{"layer 2", "offset", "Dense 8×1 takes 8 inputs", "gives 16", "do not chain"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q does not say %q", msg, want)
		}
	}
	ok := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(2, 16, rng), &nn.ReLU{}, nn.NewDense(16, 1, rng)}}
	if _, err := nn.Load(bytes.NewReader(saved(t, ok))); err != nil {
		t.Fatal(err)
	}
}

// A device or a stream that never ends is refused, not read forever.
func TestLoadFileNotRegular(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs /dev/zero")
	}
	_, err := nn.LoadFile("/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("/dev/zero: %v", err)
	}
	// A valid magic and version, then zeros without end: bounded by
	// MaxFileSize, refused at the layer count long before it.
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if _, err := nn.Load(f); err == nil || !strings.Contains(err.Error(), "bad magic") {
		t.Fatalf("zeros: %v", err)
	}
}

// Temporary files of a save that was killed are removed by the next save
// to the same name; a running process's are left alone.
func TestStaleTempsRemoved(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process probing is unix-only")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "model.dlgo")
	// A process that has ended: its id is free.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	dead := fmt.Sprintf(".model.dlgo.tmp-%d-123", cmd.Process.Pid)
	alive := fmt.Sprintf(".model.dlgo.tmp-%d-456", os.Getppid())
	other := ".other.dlgo.tmp-1-1"
	legacyOld, legacyNew := "model.dlgo.tmp123456", "model.dlgo.tmp654321" // an earlier dlgo's
	for _, n := range []string{dead, alive, other, legacyOld, legacyNew} {
		os.WriteFile(filepath.Join(dir, n), []byte("half a model"), 0o644)
	}
	hourAgo := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, legacyOld), hourAgo, hourAgo)
	if err := nn.SaveFile(path, smallModel()); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if slices.Contains(names, dead) || slices.Contains(names, legacyOld) || !slices.Contains(names, legacyNew) ||
		!slices.Contains(names, alive) || !slices.Contains(names, other) || !slices.Contains(names, "model.dlgo") {
		t.Fatalf("after the save: %v", names)
	}
}
