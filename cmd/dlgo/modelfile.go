package main

// modelfile.go: writing and reading what dlgo train saves: one file, in
// package nn's format (version 2, loadable with nn.LoadFile), whose
// description section holds, as JSON, how the data was prepared and what
// the outputs mean, so that eval and predict prepare data the same way. One
// file means one atomic rename: a save interrupted at any moment leaves the
// old model or the new one, never a model beside another's description.
// Models of earlier versions, a version 1 file with FILE.json beside it,
// still load. What is read is checked before it is used: a description that
// does not match its network, or names a loss dlgo does not have, is an
// error, not a panic later.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"

	"dlgo/nn"
)

// metaFormat identifies the description's layout.
const metaFormat = "dlgo train 1"

// maxMetaBytes bounds a legacy FILE.json: a description is a few
// kilobytes (a scaler of a thousand columns is 40 KB).
const maxMetaBytes = 64 << 20

// savedMeta is the description saved with a model.
type savedMeta struct {
	Format string   `json:"format"`
	Net    netSpec  `json:"net"`
	Data   dataSpec `json:"data"`
}

// metaPath is where the JSON file of a model went before the description
// moved inside the model file.
func metaPath(model string) string { return model + ".json" }

// saveModel writes model and meta to path in one file, atomically, and
// removes a FILE.json an earlier version left beside it (it described the
// model just replaced).
func saveModel(path string, model *nn.Sequential, meta *savedMeta) error {
	meta.Format = metaFormat
	js, err := json.MarshalIndent(meta, "", "\t")
	if err != nil {
		return err
	}
	if err := nn.SaveFileWithDescription(path, model, js); err != nil {
		return fmt.Errorf("saving the model to %s: %w (%s was left as it was)", path, err, path)
	}
	if st, err := os.Stat(metaPath(path)); err == nil && st.Mode().IsRegular() {
		os.Remove(metaPath(path))
	}
	return nil
}

// loadModel reads a model and its description, and checks that they agree.
func loadModel(path string) (*nn.Sequential, *savedMeta, error) {
	model, js, err := nn.LoadFileWithDescription(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("%s: no such model file (dlgo train writes one; see -out)", path)
		}
		return nil, nil, err
	}
	where := path + "'s description"
	if js == nil { // a model saved before descriptions moved inside
		where = metaPath(path)
		if js, err = readLegacyMeta(path); err != nil {
			return nil, nil, err
		}
	}
	var meta savedMeta
	if err := json.Unmarshal(js, &meta); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", where, err)
	}
	if err := meta.check(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", where, err)
	}
	if err := checkNet(path, model, meta.Net, where); err != nil {
		return nil, nil, err
	}
	return model, &meta, nil
}

// readLegacyMeta reads FILE.json, the description an earlier dlgo wrote
// beside a model.
func readLegacyMeta(path string) ([]byte, error) {
	f, err := os.Open(metaPath(path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: the model holds no description and there is no %s next to it: eval needs the description dlgo train writes with the model", path, metaPath(path))
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > maxMetaBytes {
		return nil, fmt.Errorf("%s: not a model description (a regular file of at most %d bytes)", metaPath(path), maxMetaBytes)
	}
	b := make([]byte, st.Size())
	if _, err := f.ReadAt(b, 0); err != nil {
		return nil, fmt.Errorf("%s: %w", metaPath(path), err)
	}
	return b, nil
}

// check tells whether a description is one dlgo train could have written:
// every name known, every size consistent, the scaler complete.
func (m *savedMeta) check() error {
	if m.Format != metaFormat {
		return fmt.Errorf("format %q, want %q", m.Format, metaFormat)
	}
	n, d := m.Net, m.Data
	if !slices.Contains(lossNames, n.Loss) {
		return fmt.Errorf("loss %q: want one of %v", n.Loss, lossNames)
	}
	if len(n.Hidden) > 0 && !slices.Contains(activations, n.Act) {
		return fmt.Errorf("activation %q: want one of %v", n.Act, activations)
	}
	if n.In < 1 || n.Classes < 2 || n.Classes > 1<<16 || n.Out != outputs(n.Loss, n.Classes) {
		return fmt.Errorf("%d inputs, %d outputs for %d classes with loss %s: not a network dlgo train makes", n.In, n.Out, n.Classes, n.Loss)
	}
	if !slices.Contains([]string{"mnist", "planar", "moons", "circles", "csv"}, d.Kind) {
		return fmt.Errorf("data kind %q: want mnist, planar, moons, circles or csv", d.Kind)
	}
	if d.Binary < -1 || (d.Binary >= 0 && n.Classes != 2) {
		return fmt.Errorf("binary class %d with %d classes", d.Binary, n.Classes)
	}
	if d.Kind == "csv" {
		if d.Scaler == nil {
			return errors.New("a CSV model without the scaler its inputs were standardised with")
		}
		if len(d.Scaler.Mean) != n.In || len(d.Scaler.Std) != n.In {
			return fmt.Errorf("the scaler has %d means and %d standard deviations for %d inputs", len(d.Scaler.Mean), len(d.Scaler.Std), n.In)
		}
		for j := range d.Scaler.Mean {
			if s := d.Scaler.Std[j]; math.IsNaN(d.Scaler.Mean[j]) || math.IsInf(d.Scaler.Mean[j], 0) || !(s > 0) || math.IsInf(s, 0) {
				return fmt.Errorf("the scaler's column %d has mean %v and standard deviation %v: want finite, and a positive deviation", j+1, d.Scaler.Mean[j], s)
			}
		}
		if len(d.Classes) < 1 || (d.Binary < 0 && max(len(d.Classes), 2) != n.Classes) {
			return fmt.Errorf("%d class names for %d classes", len(d.Classes), n.Classes)
		}
		if c := d.LabelColumn; c != nil && (*c < 0 || *c > n.In) {
			return fmt.Errorf("label column %d of %d columns", *c, n.In+1)
		}
		if d.Features != nil && len(d.Features) != n.In {
			return fmt.Errorf("%d feature names for %d inputs", len(d.Features), n.In)
		}
	}
	return nil
}
