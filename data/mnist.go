package data

// mnist.go: the MNIST handwritten digits, from a folder holding the four
// standard IDX files. fetch.go obtains that folder when the user has none.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"dlgo/tensor"
)

// MNISTFiles lists the four standard MNIST file names, without the ".gz"
// that the compressed copies add: training images and labels, test images
// and labels.
var MNISTFiles = [4]string{
	"train-images-idx3-ubyte",
	"train-labels-idx1-ubyte",
	"t10k-images-idx3-ubyte",
	"t10k-labels-idx1-ubyte",
}

// MNIST loads the MNIST training and test sets from dir, which holds the
// four files of MNISTFiles, each raw or gzip-compressed (with or without
// ".gz" in its name; the content decides). Images become rows of X scaled
// from bytes to [0, 1], 784 features for 28×28 digits. Fashion-MNIST, which
// uses the same files, loads as well.
func MNIST(dir string) (train, test *Set, err error) {
	train, err = mnistPair(dir, MNISTFiles[0], MNISTFiles[1], "mnist train")
	if err != nil {
		return nil, nil, err
	}
	test, err = mnistPair(dir, MNISTFiles[2], MNISTFiles[3], "mnist test")
	if err != nil {
		return nil, nil, err
	}
	// The two sets must agree on the number of classes even if one of them
	// happens to lack the last class.
	train.Classes = max(train.Classes, test.Classes)
	test.Classes = train.Classes
	if train.Dim() != test.Dim() {
		return nil, nil, fmt.Errorf("%s: training images have %d pixels, test images %d", dir, train.Dim(), test.Dim())
	}
	return train, test, nil
}

// mnistPair loads one images file and its labels file as a Set.
func mnistPair(dir, images, labels, name string) (*Set, error) {
	imgPath, err := findMNISTFile(dir, images)
	if err != nil {
		return nil, err
	}
	lblPath, err := findMNISTFile(dir, labels)
	if err != nil {
		return nil, err
	}
	img, err := ReadIDX(imgPath)
	if err != nil {
		return nil, err
	}
	if len(img.Dims) != 3 {
		return nil, fmt.Errorf("%s: dimensions %v: want 3 (images × rows × columns)", imgPath, img.Dims)
	}
	lbl, err := ReadIDX(lblPath)
	if err != nil {
		return nil, err
	}
	if len(lbl.Dims) != 1 {
		return nil, fmt.Errorf("%s: dimensions %v: want 1 (one label per image)", lblPath, lbl.Dims)
	}
	n := img.Dims[0]
	if lbl.Dims[0] != n {
		return nil, fmt.Errorf("%s has %d labels for the %d images of %s", lblPath, lbl.Dims[0], n, imgPath)
	}
	s := &Set{
		Name:   name,
		X:      tensor.New(n, img.Dims[1]*img.Dims[2]),
		Labels: make([]int, n),
	}
	for i, p := range img.Data {
		s.X.Data[i] = float64(p) / 255
	}
	for i, l := range lbl.Data {
		s.Labels[i] = int(l)
		s.Classes = max(s.Classes, int(l)+1)
	}
	return s, nil
}

// findMNISTFile returns the path of the standard file name in dir, trying
// the raw name, the ".gz" name and the variant with a dot before "idx"
// ("train-images.idx3-ubyte") that some mirrors use.
func findMNISTFile(dir, name string) (string, error) {
	dotted := strings.Replace(name, "-idx", ".idx", 1)
	for _, n := range []string{name, name + ".gz", dotted, dotted + ".gz"} {
		p := filepath.Join(dir, n)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("%s: no MNIST file %s or %s.gz in this folder", dir, name, name)
}

// MNISTSize reads only the headers of the two MNIST image files in dir and
// returns the number of training and test images and the pixels of each,
// so that a caller can check the memory they will take (8 bytes a pixel
// once loaded) before loading them.
func MNISTSize(dir string) (train, test, pixels int, err error) {
	var n [2]int
	for i, name := range []string{MNISTFiles[0], MNISTFiles[2]} {
		p, err := findMNISTFile(dir, name)
		if err != nil {
			return 0, 0, 0, err
		}
		dims, err := ReadIDXDims(p)
		if err != nil {
			return 0, 0, 0, err
		}
		if len(dims) != 3 {
			return 0, 0, 0, fmt.Errorf("%s: dimensions %v: want 3 (images × rows × columns)", p, dims)
		}
		n[i] = dims[0]
		pixels = dims[1] * dims[2]
	}
	return n[0], n[1], pixels, nil
}
