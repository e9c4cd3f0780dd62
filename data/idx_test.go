package data

import (
	"errors"
	"slices"
	"testing"
)

func TestIDXRawAndGzip(t *testing.T) {
	dir := t.TempDir()
	data := []byte{0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255}
	raw := idxBytes([]int{2, 3, 2}, data)
	for name, b := range map[string][]byte{
		"raw":             raw,
		"zipped.gz":       gzipBytes(raw),
		"zipped-no-gz":    gzipBytes(raw), // the magic bytes decide, not the name
		"raw-named-as.gz": raw,
	} {
		x, err := ReadIDX(writeFile(t, dir, name, b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !slices.Equal(x.Dims, []int{2, 3, 2}) || !slices.Equal(x.Data, data) {
			t.Errorf("%s: got dims %v data %v", name, x.Dims, x.Data)
		}
	}
}

func TestIDXErrors(t *testing.T) {
	good := idxBytes([]int{4, 3}, make([]byte, 12))
	for _, tc := range []struct {
		name   string
		b      []byte
		offset int64
		want   string
	}{
		{"empty", nil, 0, "inside the 4-byte magic"},
		{"short magic", []byte{0, 0}, 2, "inside the 4-byte magic"},
		{"bad magic", []byte{1, 2, 8, 1, 0, 0, 0, 0}, 0, "magic number"},
		{"float type", []byte{0, 0, 0x0d, 1, 0, 0, 0, 0}, 2, "element type 0x0d"},
		{"no dims", []byte{0, 0, 8, 0}, 3, "0 dimensions"},
		{"many dims", []byte{0, 0, 8, 200}, 3, "200 dimensions"},
		{"truncated header", good[:9], 9, "inside dimension 2 of 2"},
		{"truncated data", good[:len(good)-5], 19, "need 12 bytes of elements after the 12-byte header, the file has 7"},
		{"trailing", append(slices.Clone(good), 9), 24, "1 trailing bytes"},
		{"huge dims", idxBytes([]int{1 << 30, 1 << 30, 1 << 30}, nil), 16, "need 1237940039285380274899124224 bytes of elements"},
	} {
		_, err := ParseIDX("f.idx", tc.b)
		var fe *FormatError
		if !errors.As(err, &fe) {
			t.Errorf("%s: error %v, want a *FormatError", tc.name, err)
			continue
		}
		if fe.File != "f.idx" || fe.Offset != tc.offset {
			t.Errorf("%s: file %q offset %d, want f.idx offset %d (%v)", tc.name, fe.File, fe.Offset, tc.offset, err)
		}
		wantErr(t, err, "f.idx", "offset", tc.want)
	}
}

func TestIDXGzipErrors(t *testing.T) {
	good := idxBytes([]int{100}, make([]byte, 100))
	z := gzipBytes(good)

	// A truncated gzip file: the decompressed stream ends early; the error
	// gives the offset in it.
	_, err := ParseIDX("t.gz", z[:len(z)-12])
	wantErr(t, err, "t.gz", "offset")

	// A header claiming far more than the compressed file could expand to
	// is refused before anything is allocated.
	_, err = ParseIDX("big.gz", gzipBytes(idxBytes([]int{1 << 31}, nil)))
	wantErr(t, err, "big.gz", "offset 8", "more than 100 times this")

	// Elements missing from a complete gzip stream.
	_, err = ParseIDX("short.gz", gzipBytes(good[:50]))
	wantErr(t, err, "short.gz", "offset 50", "file ends after 42 of the 100 elements")

	// Bytes after the elements inside the stream.
	_, err = ParseIDX("long.gz", gzipBytes(append(slices.Clone(good), 1, 2)))
	wantErr(t, err, "long.gz", "offset 108", "trailing")

	// A corrupted checksum.
	bad := slices.Clone(z)
	bad[len(bad)-6] ^= 0xff
	_, err = ParseIDX("crc.gz", bad)
	wantErr(t, err, "crc.gz", "checksum")

	// Not gzip after all: a broken gzip header.
	_, err = ParseIDX("hdr.gz", []byte{0x1f, 0x8b, 0})
	wantErr(t, err, "hdr.gz", "gzip")
}

func TestReadIDXMissing(t *testing.T) {
	_, err := ReadIDX(t.TempDir() + "/nope")
	wantErr(t, err, "nope")
}
