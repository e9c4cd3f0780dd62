package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestPredictCSV(t *testing.T) {
	dir := t.TempDir()
	csv := irisCSV(t, dir, 90, false)
	model := filepath.Join(dir, "iris.dlgo")
	mustRun(t, "train", "-data", csv, "-epochs", "30", "-out", model)

	// Without the label column, with a header.
	rows := filepath.Join(dir, "new.csv")
	os.WriteFile(rows, []byte("sl,sw,pl\n0,10,0\n6,10,2\n"), 0o644)
	out := mustRun(t, "predict", "-model", model, rows)
	contains(t, "predict", out, "input,line,class,probability\n", rows+",2,setosa,", rows+",3,virginica,")
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("%d lines, want a header and 2 rows:\n%s", n, out)
	}
	// With the label column, no header, from standard input, as JSON.
	defer func(r any) { stdin = r.(*os.File) }(stdin)
	f, _ := os.CreateTemp(dir, "stdin")
	f.WriteString("0.1,10,0.2,setosa\n6.2,9.5,1.8,virginica\n")
	f.Seek(0, 0)
	stdin = f
	out = mustRun(t, "predict", "-model", model, "-format", "json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("json: %q", out)
	}
	var rec struct {
		Input, Class, Label string
		Line                int
		Probability         float64
	}
	if err := json.Unmarshal([]byte(lines[1]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Input != "-" || rec.Line != 2 || rec.Class != "virginica" || rec.Label != "virginica" || !(rec.Probability > 0.5 && rec.Probability <= 1) {
		t.Errorf("json row %+v", rec)
	}
	// Bad input: a clean error naming the file and line.
	os.WriteFile(rows, []byte("1,2\n"), 0o644)
	clean(t, "two columns", 1, []string{"predict", "-model", model, rows}, "new.csv:1: 2 columns: the model takes 3 features (or 4 columns with the label)")
	os.WriteFile(rows, []byte("1,2,3\n4,x,6\n"), 0o644)
	clean(t, "bad cell", 1, []string{"predict", "-model", model, rows}, `new.csv:2: column 2: "x" is not a finite number`)
	os.WriteFile(rows, []byte("a,b,c\n1,2,3\n"), 0o644)
	clean(t, "other header", 1, []string{"predict", "-model", model, rows}, "the header names the features a, b, c; the model was trained on sl, sw, pl")
	clean(t, "format", 2, []string{"predict", "-model", model, "-format", "xml", rows}, `-format "xml"`)
	clean(t, "a picture for a CSV model", 1, []string{"predict", "-model", model, writePNG(t, dir, 5, 28)}, "is a picture; the model was trained on csv data")

	// A label-first file: rows with the label, without a header, are read
	// with the label where training found it.
	first := irisCSV(t, t.TempDir(), 90, true)
	fmodel := filepath.Join(dir, "first.dlgo")
	mustRun(t, "train", "-data", first, "-label", "species", "-epochs", "30", "-out", fmodel)
	os.WriteFile(rows, []byte("virginica,6.2,9.5,1.8\n"), 0o644)
	contains(t, "label first", mustRun(t, "predict", "-model", fmodel, rows), ",virginica,")

	// eval -rows: each example, its class, the prediction and probability.
	ev := mustRun(t, "eval", "-model", model, "-rows")
	contains(t, "eval -rows", ev, "example  true         predicted    probability")
	if n := len(regexpLines(ev, `^ +\d+  \w+ +\w+ +[01]\.\d{4}`)); n != 18 {
		t.Errorf("eval -rows printed %d rows, want 18:\n%s", n, ev)
	}
}

func regexpLines(text, pattern string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if ok, _ := regexpMatch(pattern, l); ok {
			out = append(out, l)
		}
	}
	return out
}

// writePNG draws the fake MNIST digit d (a bar on row 2+2d of 28) as a
// size×size PNG, dark ink on white paper.
func writePNG(t *testing.T, dir string, d, size int) string {
	img := image.NewGray(image.Rect(0, 0, size, size))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	scale := float64(size) / 28
	for y := range size {
		for x := range size {
			row := int(float64(y) / scale)
			if row == 2+2*d && x > size/8 && x < size-size/8 {
				img.SetGray(x, y, color.Gray{0})
			}
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	p := filepath.Join(dir, fmt.Sprintf("digit%d-%d.png", d, size))
	os.WriteFile(p, b.Bytes(), 0o644)
	return p
}

// An MNIST model reads pictures: PNG of any size and PGM.
func TestPredictDigit(t *testing.T) {
	mnist := fakeMNIST(t, 400, 50)
	dir := t.TempDir()
	model := filepath.Join(dir, "mnist.dlgo")
	mustRun(t, "train", "-data", mnist, "-hidden", "", "-epochs", "5", "-out", model)
	png := writePNG(t, dir, 4, 280)
	out := mustRun(t, "predict", "-model", model, png)
	if !strings.Contains(out, png+",1,") {
		t.Fatalf("predict %s:\n%s", png, out)
	}
	// A PGM (P2, white ink on black) of 28×28.
	var pgm strings.Builder
	pgm.WriteString("P2\n# a comment\n28 28\n255\n")
	for y := range 28 {
		for x := range 28 {
			v := 0
			if y == 2+2*7 && x > 3 && x < 24 {
				v = 255
			}
			fmt.Fprintf(&pgm, "%d ", v)
		}
		pgm.WriteString("\n")
	}
	p := filepath.Join(dir, "seven.pgm")
	os.WriteFile(p, []byte(pgm.String()), 0o644)
	out = mustRun(t, "predict", "-model", model, "-format", "json", p)
	contains(t, "pgm", out, `"input":"`+p+`"`, `"line":1`, `"class":`)
	blank := filepath.Join(dir, "blank.pgm")
	os.WriteFile(blank, []byte("P5 4 4 255\n"+strings.Repeat("\xff", 16)), 0o644)
	clean(t, "blank", 1, []string{"predict", "-model", model, blank}, "blank")
	bad := filepath.Join(dir, "bad.pgm")
	os.WriteFile(bad, []byte("P5 100000 100000 255\n"), 0o644)
	clean(t, "huge", 1, []string{"predict", "-model", model, bad}, "100000×100000 pixels")
}

func regexpMatch(pattern, s string) (bool, error) { return regexp.MatchString(pattern, s) }
