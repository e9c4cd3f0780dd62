package nn_test

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dlgo/nn"
	"dlgo/tensor"
)

// smallModel is a model with every kind of layer, nested, with awkward
// weights (−0, a subnormal, ±Inf, NaN with a payload).
func smallModel() *nn.Sequential {
	rng := newRand(1)
	d := nn.NewDense(2, 3, rng)
	d.W.Value.Data[0] = math.Copysign(0, -1)
	d.W.Value.Data[1] = 5e-324
	d.B.Value.Data[0] = math.Inf(-1)
	d.B.Value.Data[2] = math.Float64frombits(0x7ff8_0000_dead_beef)
	return &nn.Sequential{Layers: []nn.Layer{
		d, &nn.Tanh{}, &nn.ReLU{},
		&nn.Sequential{Layers: []nn.Layer{nn.NewDense(3, 2, rng), &nn.LeakyReLU{Slope: 0.125}, &nn.LeakyReLU{Slope: -1}}},
		nn.NewDense(2, 1, rng), &nn.Dropout{Rate: 0.25, Seed: 1<<63 + 5}, &nn.Sigmoid{},
	}}
}

func saved(t testing.TB, m nn.Layer) []byte {
	var buf bytes.Buffer
	if err := nn.Save(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bits returns the bits of every parameter of m, in order.
func bits(m nn.Layer) []uint64 {
	var b []uint64
	for _, p := range m.Params() {
		for _, v := range p.Value.Data {
			b = append(b, math.Float64bits(v))
		}
	}
	return b
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m := smallModel()
	data := saved(t, m)
	got, err := nn.Load(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bits(got), bits(m)) {
		t.Fatal("weights differ after a round trip")
	}
	if !bytes.Equal(saved(t, got), data) {
		t.Fatal("save → load → save changed the bytes")
	}
	kinds := func(s *nn.Sequential) (k []string) {
		for _, l := range s.Layers {
			k = append(k, strings.TrimPrefix(reflect.TypeOf(l).String(), "*"))
		}
		return k
	}
	want := []string{"nn.Dense", "nn.Tanh", "nn.ReLU", "nn.Dense", "nn.LeakyReLU", "nn.LeakyReLU", "nn.Dense", "nn.Dropout", "nn.Sigmoid"}
	if k := kinds(got); !slices.Equal(k, want) {
		t.Fatalf("layers %v, want %v", k, want)
	}
	if s := got.Layers[4].(*nn.LeakyReLU).Slope; s != 0.125 {
		t.Fatalf("slope %v", s)
	}
	if d := got.Layers[7].(*nn.Dropout); d.Rate != 0.25 || d.Seed != 1<<63+5 {
		t.Fatalf("dropout rate %v, seed %v", d.Rate, d.Seed)
	}
	// The loaded model computes what the saved one does, and trains.
	clean := func(s *nn.Sequential) {
		s.Layers[0].(*nn.Dense).B.Value.Data[0], s.Layers[0].(*nn.Dense).B.Value.Data[2] = 0, 0
	}
	clean(m)
	clean(got)
	x := randT(newRand(2), 5, 2, 1)
	if !slices.Equal(nn.Predict(m, x).Data, nn.Predict(got, x).Data) {
		t.Fatal("the loaded model predicts differently")
	}
	for _, p := range got.Params() {
		if !slices.Equal(p.Grad.Data, make([]float64, p.Grad.Len())) {
			t.Fatal("a loaded layer has non-zero gradients")
		}
	}
	if _, err := nn.Train(got, &nn.MSE{}, nn.SGD{LR: 0.01}, x, tensor.New(5, 1), nn.TrainConfig{Epochs: 2}); err != nil {
		t.Fatal(err)
	}
	// A single layer saves as a one-layer model.
	if _, err := nn.Load(bytes.NewReader(saved(t, nn.NewDense(3, 3, newRand(1))))); err != nil {
		t.Fatal(err)
	}
}

// loadErr loads data and returns the error's message, failing if there is
// none (or on a panic, which the test runner reports).
func loadErr(t *testing.T, data []byte, what string) string {
	t.Helper()
	m, err := nn.Load(bytes.NewReader(data))
	if err == nil {
		t.Fatalf("%s: no error (model %v)", what, m)
	}
	return err.Error()
}

func TestLoadCorrupt(t *testing.T) {
	good := saved(t, smallModel())
	// Truncation at every offset.
	for n := 0; n < len(good); n++ {
		msg := loadErr(t, good[:n], "truncated")
		if n >= 8 && (!strings.Contains(msg, "truncated") || !strings.Contains(msg, "offset")) {
			t.Fatalf("truncated to %d bytes: %q", n, msg)
		}
	}
	// Every byte flipped.
	for i := range good {
		bad := slices.Clone(good)
		bad[i] ^= 0xff
		msg := loadErr(t, bad, "flipped")
		if !strings.Contains(msg, "offset") {
			t.Fatalf("byte %d flipped: %q names no offset", i, msg)
		}
	}
	// A flipped weight is caught by the checksum.
	bad := slices.Clone(good)
	bad[30] ^= 1
	if msg := loadErr(t, bad, "flipped weight"); !strings.Contains(msg, "checksum mismatch at offset "+strconv.Itoa(len(good)-4)) {
		t.Errorf("flipped weight: %q", msg)
	}
	bad = slices.Clone(good)
	copy(bad, "GIF89a..")
	if msg := loadErr(t, bad, "bad magic"); !strings.Contains(msg, "bad magic") || !strings.Contains(msg, "offset 0") {
		t.Errorf("bad magic: %q", msg)
	}
	bad = slices.Clone(good)
	binary.LittleEndian.PutUint32(bad[8:], 3)
	if msg := loadErr(t, bad, "version 3"); !strings.Contains(msg, "unsupported version 3 at offset 8") {
		t.Errorf("wrong version: %q", msg)
	}
	if msg := loadErr(t, append(slices.Clone(good), 0), "trailing byte"); !strings.Contains(msg, "after the checksum") {
		t.Errorf("trailing byte: %q", msg)
	}
	// Absurd sizes in a header are refused before anything is allocated.
	bad = slices.Clone(good)
	binary.LittleEndian.PutUint32(bad[12:], math.MaxUint32)
	if msg := loadErr(t, bad, "huge count"); !strings.Contains(msg, "layer count") {
		t.Errorf("huge layer count: %q", msg)
	}
	bad = slices.Clone(good)
	binary.LittleEndian.PutUint32(bad[17:], math.MaxUint32)
	binary.LittleEndian.PutUint32(bad[21:], math.MaxUint32)
	allocs := testing.AllocsPerRun(1, func() { nn.Load(bytes.NewReader(bad)) })
	if msg := loadErr(t, bad, "huge dense"); !strings.Contains(msg, "4294967295×4294967295 at offset 17") || allocs > 50 {
		t.Errorf("huge Dense: %q, %v allocations", msg, allocs)
	}
	bad = slices.Clone(good)
	bad[16] = 9
	if msg := loadErr(t, bad, "bad kind"); !strings.Contains(msg, "unknown layer kind 9 at offset 16") {
		t.Errorf("bad kind: %q", msg)
	}
}

type otherLayer struct{ nn.Tanh }

func TestSaveErrors(t *testing.T) {
	m := &nn.Sequential{Layers: []nn.Layer{nn.NewDense(2, 2, newRand(1)), &otherLayer{}}}
	if err := nn.Save(&bytes.Buffer{}, m); err == nil || !strings.Contains(err.Error(), "layer 1") {
		t.Fatalf("unknown layer: err = %v", err)
	}
	if err := nn.SaveFile(filepath.Join(t.TempDir(), "no", "such", "dir"), m); err == nil {
		t.Fatal("SaveFile into a missing directory: no error")
	}
}

func TestSaveFileLoadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.dlgo")
	m := smallModel()
	if err := nn.SaveFile(path, m); err != nil {
		t.Fatal(err)
	}
	// Overwrite it: the rename replaces the old file.
	if err := nn.SaveFile(path, m); err != nil {
		t.Fatal(err)
	}
	got, err := nn.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bits(got), bits(m)) {
		t.Fatal("weights differ")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("directory holds %d files, want only the model", len(entries))
	}
	// A failing save leaves the old file and no temporary behind.
	if err := nn.SaveFile(path, &nn.Sequential{Layers: []nn.Layer{&otherLayer{}}}); err == nil {
		t.Fatal("no error")
	}
	if got, err := nn.LoadFile(path); err != nil || !slices.Equal(bits(got), bits(m)) {
		t.Fatalf("old file damaged by a failed save: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("a failed save left %d files", len(entries))
	}
	if _, err := nn.LoadFile(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("LoadFile of a missing file: no error")
	}
	os.WriteFile(path, []byte("DLGOMODL\x01"), 0o644)
	if _, err := nn.LoadFile(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("LoadFile of a truncated file: %v", err)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(saved(f, smallModel()))
	f.Add(saved(f, &nn.Sequential{}))
	f.Add([]byte("DLGOMODL"))
	f.Add(savedDesc(f, smallModel(), []byte(`{"loss":"ce"}`)))
	f.Add(savedDesc(f, &nn.Sequential{}, nil))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, desc, err := nn.LoadWithDescription(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "nn.Load: ") {
				t.Fatalf("error %q does not say where it comes from", err)
			}
			return
		}
		// Whatever loads saves back to the same bytes.
		var buf bytes.Buffer
		if desc == nil {
			err = nn.Save(&buf, m)
		} else {
			err = nn.SaveWithDescription(&buf, m, desc)
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), data) {
			t.Fatal("load → save changed the bytes")
		}
	})
}
