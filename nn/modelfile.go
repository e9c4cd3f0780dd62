// modelfile.go: saving and loading a Sequential model to a versioned,
// checksummed binary file. Not a general serialisation: only the layers of
// this package, and only their weights and settings (no optimizer state,
// no gradients).

package nn

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
)

// The magic and version that open a model file (see Save).
const (
	fileMagic   = "DLGOMODL"
	fileVersion = 1
)

// Layer kinds in the file.
const (
	kindDense     = 1
	kindSigmoid   = 2
	kindTanh      = 3
	kindReLU      = 4
	kindLeakyReLU = 5
	kindDropout   = 6
)

// Save writes model, a *Sequential or a single layer of
// this package, to w in the model file format, version 1. Every number is
// little-endian.
//
//	offset  size   field
//	0       8      magic "DLGOMODL"
//	8       4      version, uint32 (1)
//	12      4      number of layers L, uint32
//	16      …      L layers, each a kind byte and its fields:
//	                 1 Dense:     in uint32, out uint32, then W (in·out
//	                              float64, row-major) and b (out float64)
//	                 2 Sigmoid, 3 Tanh, 4 ReLU: nothing more
//	                 5 LeakyReLU: Slope float64
//	                 6 Dropout:   Rate float64, Seed uint64
//	end−4   4      CRC-32 (IEEE) of every byte before it, uint32
//
// A nested Sequential is saved flattened: its layers in place of it.
// Floats are stored as their IEEE-754 bits, so a model round-trips
// bit-exactly. Load reports a bad magic, an unknown version or layer kind,
// an impossible shape, a truncated file, trailing bytes and a checksum
// mismatch as errors naming the byte offset; it never allocates more than
// the file's size says it can hold.
func Save(w io.Writer, model Layer) error {
	layers, err := flatten(model, nil)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	sum := crc32.NewIEEE()
	out := io.MultiWriter(bw, sum)
	var buf [8]byte
	u32 := func(v uint32) { binary.LittleEndian.PutUint32(buf[:4], v); out.Write(buf[:4]) }
	f64 := func(v float64) { binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v)); out.Write(buf[:]) }
	io.WriteString(out, fileMagic)
	u32(fileVersion)
	u32(uint32(len(layers)))
	for _, l := range layers {
		switch l := l.(type) {
		case *Dense:
			out.Write([]byte{kindDense})
			u32(uint32(l.In()))
			u32(uint32(l.Out()))
			for _, v := range l.W.Value.Data {
				f64(v)
			}
			for _, v := range l.B.Value.Data {
				f64(v)
			}
		case *Sigmoid:
			out.Write([]byte{kindSigmoid})
		case *Tanh:
			out.Write([]byte{kindTanh})
		case *ReLU:
			out.Write([]byte{kindReLU})
		case *LeakyReLU:
			out.Write([]byte{kindLeakyReLU})
			f64(l.Slope)
		case *Dropout:
			out.Write([]byte{kindDropout})
			f64(l.Rate)
			binary.LittleEndian.PutUint64(buf[:], l.Seed)
			out.Write(buf[:])
		}
	}
	binary.LittleEndian.PutUint32(buf[:4], sum.Sum32())
	bw.Write(buf[:4])
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("nn.Save: %w", err)
	}
	return nil
}

// flatten appends the layers of model to layers, nested Sequentials
// flattened, and checks that the file format has a kind for each.
func flatten(model Layer, layers []Layer) ([]Layer, error) {
	if s, ok := model.(*Sequential); ok {
		for _, l := range s.Layers {
			var err error
			if layers, err = flatten(l, layers); err != nil {
				return nil, err
			}
		}
		return layers, nil
	}
	switch l := model.(type) {
	case *Dense:
		if l.W == nil || l.B == nil || len(l.W.Value.Shape) != 2 || uint64(l.In()) > math.MaxUint32 || uint64(l.Out()) > math.MaxUint32 {
			return nil, fmt.Errorf("nn.Save: a Dense layer without a valid W and b")
		}
	case *Sigmoid, *Tanh, *ReLU, *LeakyReLU, *Dropout:
	default:
		return nil, fmt.Errorf("nn.Save: layer %d is a %T, which the model file format does not have", len(layers), model)
	}
	return append(layers, model), nil
}

// Load reads a model written by Save and returns it as a Sequential whose
// Dense layers have zero gradients. A corrupt, truncated or wrong-version
// file gives an error naming what is wrong and its byte offset.
func Load(r io.Reader) (*Sequential, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("nn.Load: %w", err)
	}
	return parse(data)
}

// fileReader reads the fields of a model file, tracking the offset.
type fileReader struct {
	data []byte
	off  int
}

// take returns the next n bytes, or an error naming what they were for.
func (f *fileReader) take(n int, what string) ([]byte, error) {
	if left := len(f.data) - f.off; n > left {
		return nil, fmt.Errorf("nn.Load: truncated file: %s at offset %d needs %d bytes, %d left", what, f.off, n, left)
	}
	b := f.data[f.off : f.off+n]
	f.off += n
	return b, nil
}

func (f *fileReader) u32(what string) (uint32, error) {
	b, err := f.take(4, what)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

// floats reads n float64s into dst.
func (f *fileReader) floats(dst []float64, what string) error {
	b, err := f.take(8*len(dst), what)
	if err != nil {
		return err
	}
	for i := range dst {
		dst[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return nil
}

// parse decodes a whole model file.
func parse(data []byte) (*Sequential, error) {
	f := &fileReader{data: data}
	if n := min(len(data), len(fileMagic)); !bytes.Equal(data[:n], []byte(fileMagic)[:n]) {
		return nil, fmt.Errorf("nn.Load: bad magic %q at offset 0: not a dlgo model file", data[:n])
	}
	if _, err := f.take(len(fileMagic), "the magic"); err != nil {
		return nil, err
	}
	if v, err := f.u32("the version"); err != nil {
		return nil, err
	} else if v != fileVersion {
		return nil, fmt.Errorf("nn.Load: unsupported version %d at offset 8 (this build reads version %d)", v, fileVersion)
	}
	count, err := f.u32("the layer count")
	if err != nil {
		return nil, err
	}
	if int64(count) > int64(len(data)-f.off) { // every layer takes at least one byte
		return nil, fmt.Errorf("nn.Load: layer count %d at offset 12 needs at least %d more bytes, %d left: truncated or corrupt file", count, count, len(data)-f.off)
	}
	model := &Sequential{}
	for i := 0; i < int(count); i++ {
		at := f.off
		kind, err := f.take(1, fmt.Sprintf("layer %d's kind", i))
		if err != nil {
			return nil, err
		}
		var l Layer
		switch kind[0] {
		case kindDense:
			if l, err = parseDense(f, i); err != nil {
				return nil, err
			}
		case kindSigmoid:
			l = &Sigmoid{}
		case kindTanh:
			l = &Tanh{}
		case kindReLU:
			l = &ReLU{}
		case kindLeakyReLU:
			var slope [1]float64
			if err := f.floats(slope[:], fmt.Sprintf("layer %d's slope", i)); err != nil {
				return nil, err
			}
			l = &LeakyReLU{Slope: slope[0]}
		case kindDropout:
			var rate [2]float64
			if err := f.floats(rate[:], fmt.Sprintf("layer %d's rate and seed", i)); err != nil {
				return nil, err
			}
			if !(rate[0] >= 0 && rate[0] < 1) {
				return nil, fmt.Errorf("nn.Load: layer %d: Dropout rate %v at offset %d is not in [0, 1): corrupt file", i, rate[0], at+1)
			}
			l = &Dropout{Rate: rate[0], Seed: math.Float64bits(rate[1])}
		default:
			return nil, fmt.Errorf("nn.Load: layer %d: unknown layer kind %d at offset %d", i, kind[0], at)
		}
		model.Layers = append(model.Layers, l)
	}
	end := f.off
	stored, err := f.u32("the checksum")
	if err != nil {
		return nil, err
	}
	if f.off != len(data) {
		return nil, fmt.Errorf("nn.Load: %d unexpected bytes after the checksum, at offset %d", len(data)-f.off, f.off)
	}
	if sum := crc32.ChecksumIEEE(data[:end]); sum != stored {
		return nil, fmt.Errorf("nn.Load: checksum mismatch at offset %d: stored %#08x, computed %#08x: the file is corrupt", end, stored, sum)
	}
	return model, nil
}

// parseDense reads the fields of Dense layer i after its kind byte.
func parseDense(f *fileReader, i int) (*Dense, error) {
	at := f.off
	in, err := f.u32(fmt.Sprintf("layer %d's input size", i))
	if err != nil {
		return nil, err
	}
	out, err := f.u32(fmt.Sprintf("layer %d's output size", i))
	if err != nil {
		return nil, err
	}
	// (in + 1)·out float64s must fit in what is left: checked by division,
	// so that a corrupt size can neither overflow nor allocate.
	left := uint64(len(f.data) - f.off)
	if in == 0 || out == 0 || uint64(in)+1 > left/8/uint64(out) {
		return nil, fmt.Errorf("nn.Load: layer %d: Dense shape %d×%d at offset %d does not fit the %d bytes left: truncated or corrupt file", i, in, out, at, left)
	}
	d := newDense(int(in), int(out))
	if err := f.floats(d.W.Value.Data, fmt.Sprintf("layer %d's W", i)); err != nil {
		return nil, err
	}
	if err := f.floats(d.B.Value.Data, fmt.Sprintf("layer %d's b", i)); err != nil {
		return nil, err
	}
	return d, nil
}

// SaveFile saves model to the file path, atomically: it writes a temporary
// file in the same directory, syncs it and renames it to path, so that a
// crash leaves either the old file or the new one, never half a model.
func SaveFile(path string, model Layer) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("nn.SaveFile: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := Save(tmp, model); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("nn.SaveFile: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("nn.SaveFile: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("nn.SaveFile: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("nn.SaveFile: %w", err)
	}
	return nil
}

// LoadFile loads a model from the file path (see Load).
func LoadFile(path string) (*Sequential, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("nn.LoadFile: %w", err)
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
