package data_test

import (
	"context"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"strings"

	"dlgo/data"
)

// Load MNIST from a folder of the four standard files, or, with no folder,
// through the Go module system. (Not run as a test: it needs MNIST.)
func ExampleMNIST() {
	dir := os.Getenv("MNIST_DIR")
	if dir == "" {
		var err error
		dir, err = data.FetchMNIST(context.Background(), os.Stderr)
		if err != nil {
			log.Fatal(err)
		}
	}
	train, test, err := data.MNIST(dir)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(train.X.Shape, test.X.Shape, train.Classes)
}

// An IDX file is a magic number, the dimensions, then unsigned bytes.
func ExampleParseIDX() {
	file := []byte{
		0, 0, 0x08, 2, // magic: unsigned bytes, 2 dimensions
		0, 0, 0, 2, // 2 rows
		0, 0, 0, 3, // 3 columns
		1, 2, 3, 4, 5, 6,
	}
	x, err := data.ParseIDX("tiny.idx", file)
	fmt.Println(x.Dims, x.Data, err)

	_, err = data.ParseIDX("cut.idx", file[:15])
	fmt.Println(err)
	// Output:
	// [2 3] [1 2 3 4 5 6] <nil>
	// cut.idx: at byte offset 15: file ends: dimensions [2 3] need 6 bytes of elements after the 12-byte header, the file has 3
}

// A CSV file with a header and word labels; the label column is found by
// name, and a bad cell is reported by line and column.
func ExampleParseCSV() {
	text := `sepal_length,sepal_width,species
5.1,3.5,setosa
7.0,3.2,versicolor
`
	s, err := data.ParseCSV("iris.csv", strings.NewReader(text), data.CSVOptions{Label: "species"})
	fmt.Println(s.Features, s.X.Data, s.Labels, s.ClassNames, err)

	_, err = data.ParseCSV("iris.csv", strings.NewReader(text+"6.3,n/a,setosa\n"), data.CSVOptions{})
	fmt.Println(err)
	// Output:
	// [sepal_length sepal_width] [5.1 3.5 7 3.2] [0 1] [setosa versicolor] <nil>
	// iris.csv:4: column 2 ("sepal_width"): "n/a" is not a finite number
}

// The course's planar flower set: 400 points, two classes of petals.
func ExamplePlanar() {
	s := data.Planar(data.PlanarN, rand.New(rand.NewPCG(1, 0)))
	fmt.Println(s.X.Shape, s.Classes, s.Labels[0], s.Labels[399])
	// Output: [400 2] 2 0 1
}

// Mini-batches for one epoch: shuffled with a seed, the rows copied into
// tensors the Batcher reuses.
func ExampleNewBatcher() {
	s := data.Moons(10, 0.1, rand.New(rand.NewPCG(1, 0)))
	train, val := data.Split(s, 0.2, rand.New(rand.NewPCG(2, 0)))
	b := data.NewBatcher(train.X, train.Targets(2), 3, rand.New(rand.NewPCG(3, 0)))
	for x, y, ok := b.Next(); ok; x, y, ok = b.Next() {
		fmt.Println(x.Shape, y.Shape)
	}
	fmt.Println("validation:", val.Len())
	// Output:
	// [3 2] [3 2]
	// [3 2] [3 2]
	// [2 2] [2 2]
	// validation: 2
}

// Rows for a model to predict: with or without the label column (told by
// the number of columns), a header checked against the training one.
func ExampleParseFeatures() {
	opt := data.FeatureOptions{Dim: 2, Label: "species", Features: []string{"length", "width"}}
	f, err := data.ParseFeatures("new.csv", strings.NewReader("length,width\n5.1,3.5\n7.0,3.2\n"), opt)
	fmt.Println(f.X.Data, f.Lines, f.Labels, err)
	f, err = data.ParseFeatures("new.csv", strings.NewReader("5.1,3.5,setosa\n"), opt)
	fmt.Println(f.X.Data, f.Labels, err)
	// Output:
	// [5.1 3.5 7 3.2] [2 3] [] <nil>
	// [5.1 3.5] [setosa] <nil>
}
