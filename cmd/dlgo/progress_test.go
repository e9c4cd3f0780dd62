package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The bar stays on one line of a 60-column terminal (and of a wide one):
// every redraw, after its carriage return, fits the width.
func TestProgressFitsTerminal(t *testing.T) {
	ansi := regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")
	for _, cols := range []int{40, 60, 80, 120} {
		var buf bytes.Buffer
		p := &progress{w: &buf, tty: true, cols: cols, epochs: 15, n: 60000, epoch: 10}
		p.startBar()
		for range 600 {
			p.batch(100, 0.123456)
			if p.seen == 30000 || p.seen == 54000 {
				time.Sleep(110 * time.Millisecond) // past the throttle: a redraw
			}
		}
		p.endEpoch()
		out := ansi.ReplaceAllString(buf.String(), "")
		if cols == 60 {
			t.Logf("%q", out)
		}
		if !strings.Contains(out, "epoch 10/15") {
			t.Fatalf("%d columns: no bar drawn: %q", cols, out)
		}
		for _, line := range strings.FieldsFunc(out, func(r rune) bool { return r == '\r' || r == '\n' }) {
			line = strings.TrimRight(line, " ")
			if n := utf8.RuneCountInString(line); n >= max(cols, 60) {
				t.Errorf("%d columns: a line of %d: %q", cols, n, line)
			}
		}
	}
}

// While MNIST loads (2–6 s), a terminal shows what is happening; off a
// terminal, nothing.
func TestSpinner(t *testing.T) {
	var buf bytes.Buffer
	stop := spinner(&buf, true, "loading 70000 images")
	time.Sleep(250 * time.Millisecond)
	stop()
	if !strings.Contains(buf.String(), "loading 70000 images") {
		t.Errorf("spinner drew %q", buf.String())
	}
	buf.Reset()
	spinner(&buf, false, "loading")()
	if buf.Len() != 0 {
		t.Errorf("off a terminal: %q", buf.String())
	}
}
