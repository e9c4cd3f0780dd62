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
	// LabelColumn is the CSV label column's index among the file's
	// columns, so that predict finds it in rows without a header.
	LabelColumn *int `json:"label_column,omitempty"`
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
// stored in spec; otherwise (eval) spec's are applied. With whole set (eval
// on another CSV file), nothing is split: every row, in the file's order,
// is in the test set. msg receives the one-line notice when MNIST is
// downloaded.
func loadSets(ctx context.Context, spec *dataSpec, fit, whole bool, msg io.Writer) (*sets, error) {
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
		nTrain, nTest, pixels, err := data.MNISTSize(dir)
		if err != nil {
			return nil, err
		}
		// The bytes of the files, then 8 bytes a pixel once loaded.
		if err := checkMemory(fmt.Sprintf("MNIST from %s (%d + %d images of %d pixels)", dir, nTrain, nTest, pixels),
			9*float64(nTrain+nTest)*float64(pixels)); err != nil {
			return nil, err
		}
		stopSpinner := startSpinner(msg, fmt.Sprintf("loading %s", plural(nTrain+nTest, "image")))
		train, t, err := data.MNIST(dir)
		stopSpinner()
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
		s, err := data.ReadCSV(spec.Source, data.CSVOptions{Label: spec.Label, Classes: spec.Classes, MaxValues: csvMaxValues()})
		if err != nil {
			var ce *data.CSVError
			if errors.As(err, &ce) && ce.LabelHint != "" {
				return nil, fmt.Errorf("%w; the label is the last column unless -label says otherwise: pass -label %s?", err, ce.LabelHint)
			}
			return nil, err
		}
		all = s
		if fit {
			spec.Classes = s.ClassNames
			spec.Features = s.Features
			spec.LabelColumn = &s.LabelColumn
		}
	default:
		return nil, fmt.Errorf("unknown kind of data %q", spec.Kind)
	}

	if spec.Kind == "csv" && spec.Scaler != nil && all.Dim() != len(spec.Scaler.Mean) {
		return nil, fmt.Errorf("%s has %s; the model takes %d (the columns it was trained on, less the label)", spec.Source, plural(all.Dim(), "feature column"), len(spec.Scaler.Mean))
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

	if fit {
		if err := enoughToTrain(all, test); err != nil {
			return nil, err
		}
	}
	// The splits shuffle the rows in place and share them: no copy of a
	// large set.
	split := newRand(spec.Seed, streamSplit)
	out := &sets{test: test}
	rest := all
	if whole {
		empty := all.Subset(nil)
		out.train, out.val, out.test = empty, empty, all
		rest = nil
	} else if out.test == nil {
		rest, out.test = data.SplitInPlace(all, testFrac, split)
	}
	frac := valFrac / (1 - testFrac)
	if spec.Kind == "mnist" {
		frac = mnistValFrac
	}
	if rest != nil {
		out.train, out.val = data.SplitInPlace(rest, frac, split)
	}
	if fit {
		if err := twoClasses(out.train); err != nil {
			return nil, err
		}
	}

	if spec.Kind == "csv" {
		if fit {
			spec.Scaler = data.FitScaler(out.train.X)
		}
		for _, s := range []*data.Set{out.train, out.val, out.test} {
			if s.Len() == 0 {
				continue
			}
			if err := spec.Scaler.Transform(s.X); err != nil {
				return nil, fmt.Errorf("%s: %w", spec.Source, err)
			}
		}
	}
	return out, nil
}

// minExamples is the fewest examples a run trains on: enough for at least
// one in each of the training, validation and test parts.
const minExamples = 10

// enoughToTrain refuses data too small to split into training, validation
// and test parts (test, if not nil, is the data's own test set).
func enoughToTrain(all, test *data.Set) error {
	if test != nil && test.Len() == 0 {
		return fmt.Errorf("%s: the test set is empty", test.Name)
	}
	if all.Len() < minExamples {
		return fmt.Errorf("%s has %s: training needs at least %d, to hold out %.0f%% for validation and %.0f%% for testing (at least one each)",
			all.Name, plural(all.Len(), "example"), minExamples, 100*valFrac, 100*testFrac)
	}
	return nil
}

// twoClasses refuses a training set whose examples are all of one class:
// a classifier learns nothing from it, and scores 100%.
func twoClasses(tr *data.Set) error {
	for _, l := range tr.Labels {
		if l != tr.Labels[0] {
			return nil
		}
	}
	return fmt.Errorf("%s: all %s of the training part are of class %s: a classifier needs examples of at least two classes",
		tr.Name, plural(tr.Len(), "example"), tr.ClassName(tr.Labels[0]))
}

// csvMaxValues bounds the values a CSV file may hold: what a quarter of
// the memory available holds as float64s (the rest is for the network and
// the run), at least the data package's default when the memory is not
// known.
func csvMaxValues() int {
	have, ok := budget()
	if !ok {
		return data.DefaultMaxValues
	}
	return int(min(have/4/8, 1<<40))
}
