// modelfile_os.go: a model file on disk. Saving writes a temporary file
// beside the target and renames it into place, so that a crash, a kill -9
// or a full disk leaves either the old file or the new one, never half a
// model; the temporary names carry the writer's process id, so that the
// next save removes those a killed process left behind. Loading refuses
// what is not a regular file (a device, a pipe) before reading it. Not a
// lock: two processes saving to one name at once each rename a complete
// file, and the last rename wins.

package nn

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// SaveFile saves model to the file path, atomically (see the file header).
func SaveFile(path string, model Layer) error {
	var buf bytes.Buffer
	if err := Save(&buf, model); err != nil {
		return err
	}
	if err := WriteFileAtomic(path, buf.Bytes()); err != nil {
		return fmt.Errorf("nn.SaveFile: %w", err)
	}
	return nil
}

// SaveFileWithDescription saves model and its description to the file
// path, atomically, as SaveWithDescription lays them out.
func SaveFileWithDescription(path string, model Layer, desc []byte) error {
	var buf bytes.Buffer
	if err := SaveWithDescription(&buf, model, desc); err != nil {
		return err
	}
	if err := WriteFileAtomic(path, buf.Bytes()); err != nil {
		return fmt.Errorf("nn.SaveFile: %w", err)
	}
	return nil
}

// LoadFile loads a model from the file path (see Load).
func LoadFile(path string) (*Sequential, error) {
	m, _, err := LoadFileWithDescription(path)
	return m, err
}

// LoadFileWithDescription loads a model and its description (nil for a
// version 1 file) from the file path.
func LoadFileWithDescription(path string) (*Sequential, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("nn.LoadFile: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("nn.LoadFile: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s: not a regular file (%s): a model is a file written by dlgo train or nn.SaveFile", path, kindOf(st.Mode()))
	}
	if st.Size() > MaxFileSize {
		return nil, nil, fmt.Errorf("%s: %d bytes, more than the %d a model file may have", path, st.Size(), MaxFileSize)
	}
	m, desc, err := LoadWithDescription(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, desc, nil
}

// kindOf names what a file that is not a regular one is.
func kindOf(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeNamedPipe != 0:
		return "a pipe"
	}
	return "a special file"
}

// WriteFileAtomic writes b to the file name through a temporary file in the
// same folder, synced and then renamed over name; the file is readable by
// all, as os.WriteFile would make it. Before writing it removes the
// temporary files of earlier saves to name whose process has died.
func WriteFileAtomic(name string, b []byte) (err error) {
	dir, base := filepath.Dir(name), filepath.Base(name)
	RemoveStaleTemps(name)
	f, err := os.CreateTemp(dir, tempPrefix(base, os.Getpid())+"*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(b); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

// tempPrefix is the start of the temporary names a process saving to base
// uses: ".BASE.tmp-PID-".
func tempPrefix(base string, pid int) string {
	return "." + base + ".tmp-" + strconv.Itoa(pid) + "-"
}

// legacyTempAge is how old a temporary file of an earlier dlgo (named
// BASE.tmpNNN, without a process id) must be to count as abandoned.
const legacyTempAge = 10 * time.Minute

// RemoveStaleTemps removes the temporary files that interrupted saves to
// name left behind: those of processes no longer running, and those of
// earlier versions of dlgo older than ten minutes. It returns the names
// removed.
func RemoveStaleTemps(name string) []string {
	dir, base := filepath.Dir(name), filepath.Base(name)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		n := e.Name()
		stale := false
		if rest, ok := strings.CutPrefix(n, "."+base+".tmp-"); ok {
			pidText, _, ok := strings.Cut(rest, "-")
			pid, err := strconv.Atoi(pidText)
			stale = ok && err == nil && pid != os.Getpid() && !processAlive(pid)
		} else if rest, ok := strings.CutPrefix(n, base+".tmp"); ok && rest != "" && isDigits(rest) {
			info, err := e.Info()
			stale = err == nil && time.Since(info.ModTime()) > legacyTempAge
		}
		if stale && e.Type().IsRegular() && os.Remove(filepath.Join(dir, n)) == nil {
			removed = append(removed, n)
		}
	}
	return removed
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
