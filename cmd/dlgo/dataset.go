package main

// dataset.go: what -data names, turned into training, validation and test
// sets: MNIST (fetched or from a folder), the generated 2-D sets, or a CSV
// file; with the same split and standardisation again at eval time.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"

	"dlgo/data"
)

// dataSpec is how the data was chosen; a saved model keeps it, so that eval
// can prepare data exactly as train did.
type dataSpec struct {
	Source string       `json:"source"`           // the -data value
	Path   string       `json:"path,omitempty"`   // its absolute path, for a file or folder
	Kind   string       `json:"kind"`             // mnist, planar, moons, circles or csv
	Label  string       `json:"label,omitempty"`  // CSV label column (-label)
	Binary int          `json:"binary"`           // class posed as "is it this?", or -1
	Seed   uint64       `json:"seed"`             // generation and split seed
	Scaler *data.Scaler `json:"scaler,omitempty"` // CSV standardisation, fitted on train
	// Features names the CSV feature columns (its header), in input order.
	Features []string `json:"features,omitempty"`
	// Classes names the classes of a CSV label column, in output order.
	Classes []string `json:"classes,omitempty"`
}

// sets is the data of one run.
type sets struct {
	train, val, test *data.Set
}

// Fractions held out of a generated set or CSV file: a test set, then a
// validation set, both shuffled with the seed.
const (
	testFrac = 0.2
	valFrac  = 0.1
	// mnistValFrac is the part of the MNIST training images held out for
	// validation: 5000 of 60 000. The 10 000 test images are MNIST's own.
	mnistValFrac = 1.0 / 12
)

// The sizes of the generated sets, as the course and scikit-learn's
// examples use them.
const (
	moonsN, moonsNoise                    = 1000, 0.2
	circlesN, circlesNoise, circlesFactor = 1000, 0.1, 0.5
)

// samePlace reports whether two -data values name the same data: the same
// name, or the same file or folder.
func samePlace(a, b string) bool {
	if a == b {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// dataKind classifies a -data value, checking that a file or folder exists.
func dataKind(source string) (string, error) {
	switch source {
	case "mnist", "planar", "moons", "circles":
		return source, nil
	}
	st, err := os.Stat(source)
	if errors.Is(err, fs.ErrNotExist) {
		return "", usagef("-data %s: no such file or folder, and not a data set name (mnist, planar, moons, circles)", source)
	}
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		return "mnist", nil
	}
	return "csv", nil
}

// rngs: one stream per purpose, so that changing how many numbers one
// purpose draws (a bigger net) leaves the others (the data) alone.
const (
	streamData = iota + 1
	streamSplit
	streamInit
	streamShuffle
)

func newRand(seed uint64, stream int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(stream)))
}

// loadSets loads and splits the data spec describes. With fit set (train),
// a CSV's standardisation and classes are fitted on the training part and
// stored in spec; otherwise (eval) spec's are applied. msg receives the
// one-line notice when MNIST is downloaded.
func loadSets(ctx context.Context, spec *dataSpec, fit bool, msg io.Writer) (*sets, error) {
	var all, test *data.Set
	switch spec.Kind {
	case "mnist":
		dir := spec.Source
		if dir == "mnist" {
			var err error
			if dir, err = data.FetchMNIST(ctx, msg); err != nil {
				return nil, fmt.Errorf("%v\nTo use a copy of MNIST you have, pass -data DIR, a folder with the four files %s (each may end in .gz)",
					err, strings.Join(data.MNISTFiles[:], ", "))
			}
		}
		train, t, err := data.MNIST(dir)
		if err != nil {
			return nil, err
		}
		all, test = train, t
	case "planar":
		all = data.Planar(data.PlanarN, newRand(spec.Seed, streamData))
	case "moons":
		all = data.Moons(moonsN, moonsNoise, newRand(spec.Seed, streamData))
	case "circles":
		all = data.Circles(circlesN, circlesNoise, circlesFactor, newRand(spec.Seed, streamData))
	case "csv":
		s, err := data.ReadCSV(spec.Source, data.CSVOptions{Label: spec.Label, Classes: spec.Classes})
		if err != nil {
			return nil, err
		}
		all = s
		if fit {
			spec.Classes = s.ClassNames
		}
	default:
		return nil, fmt.Errorf("unknown kind of data %q", spec.Kind)
	}

	if spec.Binary >= 0 {
		if spec.Binary >= all.Classes {
			return nil, usagef("-binary %d: the data has classes 0 to %d", spec.Binary, all.Classes-1)
		}
		all = all.Binary(spec.Binary)
		if test != nil {
			test = test.Binary(spec.Binary)
		}
	}

	split := newRand(spec.Seed, streamSplit)
	out := &sets{test: test}
	rest := all
	if out.test == nil {
		rest, out.test = data.Split(all, testFrac, split)
	}
	frac := valFrac / (1 - testFrac)
	if spec.Kind == "mnist" {
		frac = mnistValFrac
	}
	out.train, out.val = data.Split(rest, frac, split)

	if spec.Kind == "csv" {
		if fit {
			spec.Scaler = data.FitScaler(out.train.X)
		}
		for _, s := range []*data.Set{out.train, out.val, out.test} {
			spec.Scaler.Apply(s.X)
		}
	}
	return out, nil
}
