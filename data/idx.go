package data

// idx.go: the IDX file format MNIST ships in, raw or gzip-compressed.
//
// An IDX file is a 4-byte magic number, one big-endian uint32 per dimension,
// then the elements in row-major order. The magic is 0x00 0x00, a type byte
// and the number of dimensions. Only the unsigned-byte type (0x08), the one
// MNIST uses, is read: the others are reported as unsupported.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"slices"
)

// IDX is a decoded IDX file of unsigned bytes.
type IDX struct {
	// Dims holds the size of each dimension, e.g. [60000 28 28].
	Dims []int
	// Data holds the elements in row-major order; len(Data) is the product
	// of Dims.
	Data []byte
}

// FormatError reports a malformed file: which file, where in it, and what
// is wrong there.
type FormatError struct {
	File string
	// Offset is the byte offset of the problem, in the decompressed stream
	// for a gzip file.
	Offset int64
	Msg    string
}

// Error formats the error as "file: at byte offset N: what is wrong".
func (e *FormatError) Error() string {
	return fmt.Sprintf("%s: at byte offset %d: %s", e.File, e.Offset, e.Msg)
}

const (
	idxTypeUbyte = 0x08
	// maxIDXDims bounds the dimension count: a corrupt magic must not make
	// the reader expect 255 dimensions.
	maxIDXDims = 8
	// gzipMaxRatio is the largest expansion deflate can achieve (about
	// 1032:1). A gzip file of n bytes cannot hold more than this times n, so
	// a header claiming more is corrupt, and nothing is allocated for it.
	gzipMaxRatio = 1032
	// gzipMaxIDXRatio is the largest expansion accepted from a gzip IDX
	// file: MNIST's images compress about 5:1, its labels 2:1. A header
	// that claims more than 100 times its file's size is a file of zeros
	// or a decompression bomb, refused before anything is allocated for it.
	gzipMaxIDXRatio = 100
)

var gzipMagic = []byte{0x1f, 0x8b}

// ReadIDX reads the IDX file at path, raw or gzip-compressed (told apart by
// the gzip magic bytes, not the file name). It reads the file as a stream:
// never more than the header declares, and a device or pipe (whose length
// is unknown, such as /dev/zero) is refused before reading.
func ReadIDX(path string) (*IDX, error) {
	f, size, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if b, _ := br.Peek(2); !bytes.Equal(b, gzipMagic) {
		return decodeIDX(path, br, size, true)
	}
	return decodeGzipIDX(path, br, size)
}

// openRegular opens the regular file at path and returns its size; a
// folder, device or pipe is an error.
func openRegular(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%s: %s, not a regular file", path, FileKind(st.Mode()))
	}
	return f, st.Size(), nil
}

// FileKind names what a file that is not a regular one is: a folder, a
// device (such as /dev/zero), a pipe, a socket.
func FileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeNamedPipe != 0:
		return "a pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// ReadIDXDims reads only the header of the IDX file at path (raw or
// gzip-compressed): its dimensions, so that a caller can tell what the
// elements will take in memory before reading them.
func ReadIDXDims(path string) ([]int, error) {
	f, size, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if b, _ := br.Peek(2); bytes.Equal(b, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: gzip: %w", path, err)
		}
		r = zr
	}
	dims, _, err := readIDXHeader(path, &countingReader{r: r})
	_ = size
	return dims, err
}

// ParseIDX decodes the IDX file held in b, raw or gzip-compressed; name is
// used in error messages. The header is validated before anything is
// allocated for the elements: the magic, the dimensions, and that their
// product is exactly the number of bytes that follow.
func ParseIDX(name string, b []byte) (*IDX, error) {
	if !bytes.HasPrefix(b, gzipMagic) {
		return decodeIDX(name, bytes.NewReader(b), int64(len(b)), true)
	}
	return decodeGzipIDX(name, bytes.NewReader(b), int64(len(b)))
}

// decodeGzipIDX decodes a gzip-compressed IDX stream of size bytes.
func decodeGzipIDX(name string, r io.Reader, size int64) (*IDX, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: gzip: %w", name, err)
	}
	// A gzip file's decompressed length is known only at its end; bound it
	// by the best compression ratio deflate allows instead.
	x, err := decodeIDX(name, zr, size*gzipMaxIDXRatio, false)
	if err != nil {
		return nil, err
	}
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("%s: gzip: %w", name, err)
	}
	return x, nil
}

// decodeIDX reads an IDX stream from r. limit bounds the stream's length:
// exact when exact is set (a raw file), an upper bound otherwise.
func decodeIDX(name string, r io.Reader, limit int64, exact bool) (*IDX, error) {
	cr := &countingReader{r: r}
	fail := func(off int64, format string, args ...any) (*IDX, error) {
		return nil, &FormatError{File: name, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	dims, header, err := readIDXHeader(name, cr)
	if err != nil {
		return nil, err
	}
	// The product of the dimensions is checked against the file length
	// before anything is allocated; it saturates rather than overflows.
	count := int64(1)
	for _, d := range dims {
		count *= int64(d)
		if count > limit {
			count = limit + 1
		}
	}
	switch {
	case exact && header+count > limit:
		return fail(limit, "file ends: dimensions %v need %s bytes of elements after the %d-byte header, the file has %d",
			dims, product(dims), header, limit-header)
	case exact && header+count < limit:
		return fail(header+count, "%d trailing bytes after the %d elements of dimensions %v",
			limit-header-count, count, dims)
	case header+count > limit:
		return fail(header, "dimensions %v need %s bytes of elements, more than %d times this %d-byte gzip file: image data does not compress that well (MNIST: 5 to 1); a file of zeros or a corrupt header?",
			dims, product(dims), gzipMaxIDXRatio, limit/gzipMaxIDXRatio)
	}
	data, err := readElements(cr, count, exact)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fail(cr.n, "file ends after %d of the %d elements of dimensions %v",
				cr.n-header, count, dims)
		}
		return fail(cr.n, "reading the elements: %v", err)
	}
	// A compressed stream may go on past the elements the header announced,
	// and its checksum is verified only when its end is read.
	if err := expectEOF(cr); err != nil {
		return fail(header+count, "%v", err)
	}
	return &IDX{Dims: dims, Data: data}, nil
}

// readIDXHeader reads the magic and dimensions of an IDX stream, returning
// the dimensions and the header's length.
func readIDXHeader(name string, cr *countingReader) ([]int, int64, error) {
	fail := func(off int64, format string, args ...any) ([]int, int64, error) {
		return nil, 0, &FormatError{File: name, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	var magic [4]byte
	if err := readFull(cr, magic[:]); err != nil {
		return fail(cr.n, "file ends inside the 4-byte magic number (%v)", err)
	}
	if magic[0] != 0 || magic[1] != 0 {
		return fail(0, "magic number % x is not an IDX file's (00 00 type ndims)", magic)
	}
	if magic[2] != idxTypeUbyte {
		return fail(2, "element type 0x%02x is not supported: only unsigned bytes (0x08), as in MNIST", magic[2])
	}
	ndims := int(magic[3])
	if ndims == 0 || ndims > maxIDXDims {
		return fail(3, "%d dimensions: want 1 to %d", ndims, maxIDXDims)
	}
	dims := make([]int, ndims)
	for i := range dims {
		var d [4]byte
		if err := readFull(cr, d[:]); err != nil {
			return fail(cr.n, "file ends inside dimension %d of %d (%v)", i+1, ndims, err)
		}
		dims[i] = int(binary.BigEndian.Uint32(d[:]))
	}
	return dims, int64(4 + 4*ndims), nil
}

// idxChunk is how much of a compressed stream's elements is allocated at a
// time: a gzip header may claim up to 1032 times the file's size, and only
// what the stream really holds is allocated.
const idxChunk = 1 << 20

// readElements reads count bytes from r: at once when the length is exact
// (a raw file whose size was checked), else in chunks as they arrive.
func readElements(r io.Reader, count int64, exact bool) ([]byte, error) {
	if exact || count <= idxChunk {
		data := make([]byte, count)
		return data, readFull(r, data)
	}
	var data []byte
	for int64(len(data)) < count {
		n := min(count-int64(len(data)), idxChunk)
		data = slices.Grow(data, int(n))
		chunk := data[len(data) : len(data)+int(n)]
		if err := readFull(r, chunk); err != nil {
			return nil, err
		}
		data = data[:len(data)+int(n)]
	}
	return data, nil
}

// expectEOF reads r to check that it has ended, reporting trailing bytes or
// the error its end produced (a gzip checksum mismatch).
func expectEOF(r io.Reader) error {
	var one [1]byte
	for range 100 { // a Reader may return 0, nil a few times
		n, err := r.Read(one[:])
		switch {
		case n > 0:
			return errors.New("trailing bytes after the elements the header announced")
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return err
		}
	}
	return io.ErrNoProgress
}

// readFull is io.ReadFull with a clean end of input reported as
// "unexpected EOF" too: either way the file was shorter than its header says.
func readFull(r io.Reader, b []byte) error {
	_, err := io.ReadFull(r, b)
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// countingReader counts the bytes read through it, to give offsets in
// errors.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// product formats the product of dims, which may not fit an int64.
func product(dims []int) string {
	p := new(big.Int).SetInt64(1)
	for _, d := range dims {
		p.Mul(p, big.NewInt(int64(d)))
	}
	return p.String()
}
