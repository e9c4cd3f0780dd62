package main

// modelfile.go: writing and reading what dlgo train saves — the model file
// itself (package nn's format, loadable with nn.LoadFile: see netfile.go)
// and, next to it in FILE.json, how the data was prepared and what the
// outputs mean, so that dlgo eval can prepare data the same way. Both are
// written under a temporary name and renamed into place: a failed or
// interrupted save never leaves a half-written file where a good one was.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"dlgo/nn"
)

// metaFormat identifies the JSON file's layout.
const metaFormat = "dlgo train 1"

// savedMeta is the JSON file written next to a model.
type savedMeta struct {
	Format string   `json:"format"`
	Net    netSpec  `json:"net"`
	Data   dataSpec `json:"data"`
}

// metaPath is where the JSON file of a model goes.
func metaPath(model string) string { return model + ".json" }

// saveModel writes model to path and meta to metaPath(path).
func saveModel(path string, model *nn.Sequential, meta *savedMeta) error {
	meta.Format = metaFormat
	js, err := json.MarshalIndent(meta, "", "\t")
	if err != nil {
		return err
	}
	if err := saveNet(path, model); err != nil {
		return fmt.Errorf("saving the model: %w", err)
	}
	if err := writeFileAtomic(metaPath(path), append(js, '\n')); err != nil {
		return fmt.Errorf("saving the model's description: %w", err)
	}
	return nil
}

// loadModel reads a model and its JSON file.
func loadModel(path string) (*nn.Sequential, *savedMeta, error) {
	b, err := os.ReadFile(metaPath(path))
	if errors.Is(err, fs.ErrNotExist) {
		if _, err2 := os.Stat(path); err2 != nil {
			return nil, nil, err2
		}
		return nil, nil, fmt.Errorf("%s: no %s next to it: eval needs the description dlgo train writes with the model", path, metaPath(path))
	}
	if err != nil {
		return nil, nil, err
	}
	var meta savedMeta
	if err := json.Unmarshal(b, &meta); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", metaPath(path), err)
	}
	if meta.Format != metaFormat {
		return nil, nil, fmt.Errorf("%s: format %q, want %q", metaPath(path), meta.Format, metaFormat)
	}
	model, err := loadNet(path, meta.Net)
	if err != nil {
		return nil, nil, err
	}
	return model, &meta, nil
}

// writeFileAtomic writes b to name through a temporary file in the same
// folder, renamed over name once complete; the file is readable by all, as
// os.WriteFile would make it.
func writeFileAtomic(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
