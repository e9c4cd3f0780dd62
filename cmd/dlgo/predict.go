package main

// predict.go: `dlgo predict`, a saved model applied to new rows: a CSV
// file (with or without the label column), standard input, or, for an
// MNIST model, pictures of digits (PNG or PGM, any size, prepared as
// MNIST's were). One output line per row: the predicted class and its
// probability, as CSV or JSON lines. Not a server: one run, one batch.

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"dlgo/data"
	"dlgo/nn"
	"dlgo/tensor"
)

const predictAbout = `Loads a model written by dlgo train and prints, for each row of input, the
class it predicts and the probability it gives that class (for a model
trained with -loss mse, its output instead).

Each FILE is a CSV file of feature columns (the label column may be there
too: it is recognised by the number of columns, and shown), "-" for
standard input (the default), or, for an MNIST model, a PNG or PGM picture
of one digit: any size, dark ink on light paper or the reverse; it is
cropped, scaled to 20×20 and centred in 28×28 as MNIST's digits are. Rows
are prepared as the model's training data was (the CSV standardisation).
Flags come before the files.`

// stdin is what "-" reads, a variable so that tests can feed it.
var stdin io.Reader = os.Stdin

func runPredict(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("predict", "predict [-model FILE] [-format csv|json] [FILE ...]", predictAbout, stderr)
	modelPath := fs.String("model", "mnist.dlgo", "model `file` written by dlgo train")
	format := fs.String("format", "csv", "output `format`: csv (a header, then input,line,class,probability) or json (one object per line)")
	if err := fs.parseWithArgs(args); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return usagef("-format %q: want csv or json", *format)
	}
	model, meta, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := &predictWriter{w: stdout, json: *format == "json", score: scoreName(meta.Net), names: classNames(meta)}
	for _, f := range files {
		x, labels, rowNames, err := readPredictInput(f, meta)
		if err != nil {
			return err
		}
		cls, prob := classify(meta.Net, nn.Predict(model, x))
		for i := range cls {
			label := ""
			if labels != nil {
				label = labels[i]
			}
			if err := out.row(f, rowNames[i], cls[i], prob[i], label); err != nil {
				return err
			}
		}
	}
	return nil
}

// readPredictInput reads one input of predict: a picture or CSV rows, as
// the model's inputs. It returns them with the label cells (nil if none)
// and each row's line (1 for a picture).
func readPredictInput(name string, meta *savedMeta) (*tensor.Tensor, []string, []int, error) {
	var r io.Reader
	if name == "-" {
		r = stdin
		name = "standard input"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, nil, nil, err
		}
		if st.IsDir() {
			return nil, nil, nil, fmt.Errorf("%s: a folder, not a CSV file or a picture", name)
		}
		head := make([]byte, 8)
		n, _ := io.ReadFull(f, head)
		if isPicture(head[:n]) {
			return readDigit(name, meta)
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, nil, nil, err
		}
		r = f
	}
	label := meta.Data.Label
	if meta.Data.LabelColumn != nil { // where it was in the training file
		label = strconv.Itoa(*meta.Data.LabelColumn)
	}
	feats, err := data.ParseFeatures(name, r, data.FeatureOptions{
		Dim: meta.Net.In, Label: label, Features: meta.Data.Features, MaxValues: csvMaxValues(),
	})
	if err != nil {
		return nil, nil, nil, err
	}
	if meta.Data.Kind == "csv" {
		if err := meta.Data.Scaler.Transform(feats.X); err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return feats.X, feats.Labels, feats.Lines, nil
}

// isPicture reports whether a file's first bytes are a PNG's or a PGM's.
func isPicture(head []byte) bool {
	return bytes.HasPrefix(head, []byte("\x89PNG")) || bytes.HasPrefix(head, []byte("P5")) || bytes.HasPrefix(head, []byte("P2"))
}

// readDigit reads a picture of a digit as one MNIST row.
func readDigit(name string, meta *savedMeta) (*tensor.Tensor, []string, []int, error) {
	if meta.Data.Kind != "mnist" || meta.Net.In != data.MNISTSide*data.MNISTSide {
		return nil, nil, nil, fmt.Errorf("%s is a picture; the model was trained on %s data of %d features, not 28×28 MNIST digits", name, meta.Data.Kind, meta.Net.In)
	}
	img, err := data.ReadImage(name)
	if err != nil {
		return nil, nil, nil, err
	}
	px, err := img.MNISTDigit()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return &tensor.Tensor{Shape: []int{1, len(px)}, Data: px}, nil, []int{1}, nil
}

// classify returns, for each row of a model's output, the predicted class
// and its probability: the sigmoid output thresholded at 0.5 (the
// probability of the class chosen), the softmax of the logits for softmax
// cross-entropy, and the largest output itself for MSE.
func classify(n netSpec, out *tensor.Tensor) ([]int, []float64) {
	rows := out.Shape[0]
	cls, prob := make([]int, rows), make([]float64, rows)
	for i := range rows {
		row := out.Data[i*out.Shape[1] : (i+1)*out.Shape[1]]
		if len(row) == 1 {
			p := row[0]
			cls[i], prob[i] = 0, 1-p
			if p > 0.5 {
				cls[i], prob[i] = 1, p
			}
			continue
		}
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		cls[i], prob[i] = best, row[best]
		if n.Loss == "ce" {
			// softmax(z)_best = 1 / Σ exp(z_j − z_best), stable.
			var sum float64
			for _, v := range row {
				sum += math.Exp(v - row[best])
			}
			prob[i] = 1 / sum
		}
	}
	return cls, prob
}

// scoreName is what classify's second value is for a model.
func scoreName(n netSpec) string {
	if n.Loss == "mse" && n.Out > 1 {
		return "output"
	}
	return "probability"
}

// classNames names a model's classes, in output order.
func classNames(m *savedMeta) []string {
	base := m.Data.Classes
	name := func(c int) string {
		if c < len(base) {
			return base[c]
		}
		return strconv.Itoa(c)
	}
	if b := m.Data.Binary; b >= 0 {
		return []string{"not " + name(b), name(b)}
	}
	names := make([]string, m.Net.Classes)
	for c := range names {
		names[c] = name(c)
	}
	return names
}

// predictWriter writes predict's lines.
type predictWriter struct {
	w       io.Writer
	json    bool
	score   string
	names   []string
	started bool
}

func (p *predictWriter) row(input string, row int, class int, prob float64, label string) error {
	if p.json {
		rec := map[string]any{"input": input, "line": row, "class": p.names[class], p.score: prob}
		if label != "" {
			rec["label"] = label
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(p.w, "%s\n", b)
		return err
	}
	if !p.started {
		p.started = true
		hdr := "input,line,class," + p.score
		if label != "" {
			hdr += ",label"
		}
		if _, err := fmt.Fprintln(p.w, hdr); err != nil {
			return err
		}
	}
	line := fmt.Sprintf("%s,%d,%s,%.6f", csvField(input), row, csvField(p.names[class]), prob)
	if label != "" {
		line += "," + csvField(label)
	}
	_, err := fmt.Fprintln(p.w, line)
	return err
}

// csvField quotes a field that needs it.
func csvField(s string) string {
	for _, c := range s {
		if c == ',' || c == '"' || c == '\n' || c == '\r' {
			return strconv.Quote(s)
		}
	}
	return s
}

// parseWithArgs parses flags like Parse but keeps the arguments after
// them (predict's files).
func (fs *flagSet) parseWithArgs(args []string) error {
	if err := fs.FlagSet.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(fs.stderr, "Usage: dlgo %s\n\n%s\n\nFlags:\n", fs.synopsis, fs.about)
			fs.SetOutput(fs.stderr)
			fs.PrintDefaults()
			return err
		}
		return &usageError{err.Error()}
	}
	return nil
}
