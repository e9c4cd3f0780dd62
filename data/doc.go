// Package data loads and generates the datasets dlgo trains on, and cuts
// them into the mini-batches a training loop consumes.
//
//   - idx.go: the IDX format MNIST ships in, raw or gzip-compressed;
//   - mnist.go: the four MNIST files from a folder, or fetched once through
//     the Go module system;
//   - csv.go, scale.go: a numeric CSV file with a label column, and
//     standardisation fitted on the training set;
//   - planar.go, moons.go: the course's planar "flower" set, two moons and
//     two circles, generated from a seeded *rand.Rand;
//   - xor.go, spiral.go, blobs.go: TensorFlow Playground's XOR, two spirals
//     and Gaussian blobs, for `dlgo serve`;
//   - onehot.go, split.go, batch.go: one-hot targets, a train/validation
//     split, and a Batcher that shuffles and copies rows into reused tensors.
//
// Every loader returns errors, never panics, on a bad file: the error names
// the file and where in it (byte offset, or line and column) the problem is.
// Randomness is always passed in, so the same seed gives the same bits.
//
// The package deliberately has no image augmentation, no streaming of sets
// larger than memory and no dependency beyond the standard library and
// dlgo/tensor: a dataset here is a matrix of features and a class per row.
package data
