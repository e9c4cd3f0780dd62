// modelfile.go: saving and loading a Sequential model to a versioned,
// checksummed binary file, optionally with a description (bytes nn does not
// interpret: dlgo keeps its JSON there) inside the same checksum, so that a
// model and what it means are written by one atomic rename. Not a general
// serialisation: only the layers of this package, and only their weights
// and settings (no optimizer state, no gradients).

package nn

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"

	"dlgo/tensor"
)

// The magic and version that open a model file (see Save).
const (
	fileMagic   = "DLGOMODL"
	fileVersion = 1 // layers only (Save)
	// fileVersionDescribed adds a description before the layers
	// (SaveWithDescription).
	fileVersionDescribed = 2
	// MaxFileSize bounds what Load reads: 1 GiB, 134 million parameters,
	// far beyond what dlgo trains. A stream that goes on past it (a device
	// such as /dev/zero after a valid header) is refused, not read forever.
	MaxFileSize = 1 << 30
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
// Version 2 (SaveWithDescription) is the same with a description inserted
// after the version: its length D, uint32, then D bytes; the layer count
// follows at offset 16+D, and the checksum covers the description too.
//
// A nested Sequential is saved flattened: its layers in place of it.
// Floats are stored as their IEEE-754 bits, so a model round-trips
// bit-exactly. Load reports a bad magic, an unknown version or layer kind,
// an impossible shape, a truncated file, trailing bytes and a checksum
// mismatch as errors naming the byte offset; it never allocates more than
// the file's size says it can hold.
func Save(w io.Writer, model Layer) error {
	return save(w, model, nil, false)
}

// SaveWithDescription writes model like Save, in version 2 of the format,
// with desc (any bytes, at most MaxFileSize/2) stored before the layers
// under the same checksum. LoadWithDescription returns it.
func SaveWithDescription(w io.Writer, model Layer, desc []byte) error {
	if len(desc) > MaxFileSize/2 {
		return fmt.Errorf("nn.SaveWithDescription: a description of %d bytes, more than %d", len(desc), MaxFileSize/2)
	}
	return save(w, model, desc, true)
}

// save writes version 1, or version 2 with desc when described is set.
func save(w io.Writer, model Layer, desc []byte, described bool) error {
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
	if described {
		u32(fileVersionDescribed)
		u32(uint32(len(desc)))
		out.Write(desc)
	} else {
		u32(fileVersion)
	}
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

// Load reads a model written by Save (or SaveWithDescription, whose
// description it skips) and returns it as a Sequential whose Dense layers
// have zero gradients. A corrupt, truncated or wrong-version file gives an
// error naming what is wrong and its byte offset, and so does a model whose
// Dense layers do not chain (one's outputs are not the next one's inputs).
// It reads no more than MaxFileSize bytes, and nothing past a bad magic.
func Load(r io.Reader) (*Sequential, error) {
	m, _, err := LoadWithDescription(r)
	return m, err
}

// LoadWithDescription reads a model like Load and returns it with its
// description: the bytes given to SaveWithDescription, or nil for a file
// written by Save (version 1).
func LoadWithDescription(r io.Reader) (*Sequential, []byte, error) {
	// The magic first, so that a stream that is not a model file (an image,
	// /dev/zero) is refused after 8 bytes.
	head := make([]byte, len(fileMagic))
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("nn.Load: %w", err)
	}
	if !bytes.Equal(head[:n], []byte(fileMagic)[:n]) {
		return nil, nil, fmt.Errorf("nn.Load: bad magic %q at offset 0: not a dlgo model file", head[:n])
	}
	rest, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1-int64(n)))
	if err != nil {
		return nil, nil, fmt.Errorf("nn.Load: %w", err)
	}
	data := append(head[:n], rest...)
	if len(data) > MaxFileSize {
		return nil, nil, fmt.Errorf("nn.Load: more than %d bytes at offset %d: not a dlgo model file, or a model larger than this build reads", MaxFileSize, MaxFileSize)
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

// parse decodes a whole model file and returns its description (nil for
// version 1).
func parse(data []byte) (*Sequential, []byte, error) {
	model, desc, offsets, err := parseLayers(data)
	if err != nil {
		return nil, nil, err
	}
	if err := checkChain(model.Layers, offsets); err != nil {
		return nil, nil, err
	}
	return model, desc, nil
}

// checkChain checks that each Dense layer takes as many inputs as the
// Dense layer before it gives (the activations between keep the width), so
// that a loaded model can run. offsets are the layers' offsets in the file.
func checkChain(layers []Layer, offsets []int) error {
	prev := -1 // index of the last Dense layer
	for i, l := range layers {
		d, ok := l.(*Dense)
		if !ok {
			continue
		}
		if prev >= 0 {
			if p := layers[prev].(*Dense); p.Out() != d.In() {
				return fmt.Errorf("nn.Load: layer %d at offset %d: Dense %d×%d takes %d inputs, but Dense layer %d before it gives %d: the layers do not chain",
					i, offsets[i], d.In(), d.Out(), d.In(), prev, p.Out())
			}
		}
		prev = i
	}
	return nil
}

// parseLayers decodes a whole model file: its layers, their offsets and
// its description.
func parseLayers(data []byte) (*Sequential, []byte, []int, error) {
	f := &fileReader{data: data}
	if n := min(len(data), len(fileMagic)); !bytes.Equal(data[:n], []byte(fileMagic)[:n]) {
		return nil, nil, nil, fmt.Errorf("nn.Load: bad magic %q at offset 0: not a dlgo model file", data[:n])
	}
	if _, err := f.take(len(fileMagic), "the magic"); err != nil {
		return nil, nil, nil, err
	}
	v, err := f.u32("the version")
	if err != nil {
		return nil, nil, nil, err
	}
	if v != fileVersion && v != fileVersionDescribed {
		return nil, nil, nil, fmt.Errorf("nn.Load: unsupported version %d at offset 8 (this build reads versions %d and %d)", v, fileVersion, fileVersionDescribed)
	}
	var desc []byte
	if v == fileVersionDescribed {
		at := f.off
		n, err := f.u32("the description's length")
		if err != nil {
			return nil, nil, nil, err
		}
		if int64(n) > int64(len(data)-f.off) {
			return nil, nil, nil, fmt.Errorf("nn.Load: description length %d at offset %d, %d bytes left: truncated or corrupt file", n, at, len(data)-f.off)
		}
		b, _ := f.take(int(n), "the description")
		desc = bytes.Clone(b)
	}
	countAt := f.off
	count, err := f.u32("the layer count")
	if err != nil {
		return nil, nil, nil, err
	}
	if int64(count) > int64(len(data)-f.off) { // every layer takes at least one byte
		return nil, nil, nil, fmt.Errorf("nn.Load: layer count %d at offset %d needs at least %d more bytes, %d left: truncated or corrupt file", count, countAt, count, len(data)-f.off)
	}
	model := &Sequential{}
	var offsets []int
	for i := 0; i < int(count); i++ {
		at := f.off
		kind, err := f.take(1, fmt.Sprintf("layer %d's kind", i))
		if err != nil {
			return nil, nil, nil, err
		}
		var l Layer
		switch kind[0] {
		case kindDense:
			if l, err = parseDense(f, i); err != nil {
				return nil, nil, nil, err
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
				return nil, nil, nil, err
			}
			l = &LeakyReLU{Slope: slope[0]}
		case kindDropout:
			var rate [2]float64
			if err := f.floats(rate[:], fmt.Sprintf("layer %d's rate and seed", i)); err != nil {
				return nil, nil, nil, err
			}
			if !(rate[0] >= 0 && rate[0] < 1) {
				return nil, nil, nil, fmt.Errorf("nn.Load: layer %d: Dropout rate %v at offset %d is not in [0, 1): corrupt file", i, rate[0], at+1)
			}
			l = &Dropout{Rate: rate[0], Seed: math.Float64bits(rate[1])}
		default:
			return nil, nil, nil, fmt.Errorf("nn.Load: layer %d: unknown layer kind %d at offset %d", i, kind[0], at)
		}
		model.Layers = append(model.Layers, l)
		offsets = append(offsets, at)
	}
	end := f.off
	stored, err := f.u32("the checksum")
	if err != nil {
		return nil, nil, nil, err
	}
	if f.off != len(data) {
		return nil, nil, nil, fmt.Errorf("nn.Load: %d unexpected bytes after the checksum, at offset %d", len(data)-f.off, f.off)
	}
	if sum := crc32.ChecksumIEEE(data[:end]); sum != stored {
		return nil, nil, nil, fmt.Errorf("nn.Load: checksum mismatch at offset %d: stored %#08x, computed %#08x: the file is corrupt", end, stored, sum)
	}
	return model, desc, offsets, nil
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
	d := NewDenseInit(int(in), int(out), func(*tensor.Tensor, *rand.Rand) {}, nil) // W and b read below
	if err := f.floats(d.W.Value.Data, fmt.Sprintf("layer %d's W", i)); err != nil {
		return nil, err
	}
	if err := f.floats(d.B.Value.Data, fmt.Sprintf("layer %d's b", i)); err != nil {
		return nil, err
	}
	return d, nil
}
