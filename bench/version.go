package bench

// version.go: which dlgo a report was measured with, from the build
// information the Go toolchain stamps into the binary.

import (
	"encoding/json"
	"errors"
	"runtime/debug"
	"time"
)

// Version is dlgo's version as the Go toolchain recorded it: the module
// version, or for a build from a checkout the commit (12 digits, "+dirty"
// with uncommitted changes) and its time; "devel" when nothing was
// recorded (go run, go test).
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := bi.Main.Version
	var rev, at string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		if v == "" || v == "(devel)" {
			return "devel"
		}
		return v
	}
	out := rev[:min(12, len(rev))]
	if dirty {
		out += "+dirty"
	}
	if at != "" {
		out += " (" + at + ")"
	}
	return out
}

// secondsDuration converts seconds to a Duration.
func secondsDuration(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// asSyntax is errors.As for a *json.SyntaxError.
func asSyntax(err error, target **json.SyntaxError) bool { return errors.As(err, target) }
