package main

// eval.go: `dlgo eval`, a saved model measured on data: its loss, its
// accuracy and, per class, what it predicts (the confusion matrix).

import (
	"context"
	"fmt"
	"io"

	"dlgo/data"
	"dlgo/nn"
	"dlgo/tensor"
)

const evalAbout = `Loads a model written by dlgo train and prints its loss, accuracy and
confusion matrix (rows: true class, columns: predicted class).

The data is prepared as training prepared it (the split, the CSV
standardisation and classes, -binary), from the description train saved
inside the model file. For mnist or a folder of MNIST files the test set is
used; for planar, moons and circles, the test part of the set generated
with the training seed; for the CSV file the model was trained on, its test
part; for any other CSV file, all of its rows, in order.

-rows also prints, for each example, its true class, the predicted class
and the probability the model gives it (for MSE models, the output).`

func runEval(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval", "eval -model FILE [-data DATA]", evalAbout, stderr)
	modelPath := fs.String("model", "", "model `file` written by dlgo train (default named after -data as train names it, else mnist.dlgo)")
	source := fs.String("data", "", "`data` to evaluate on (default: the data the model was trained on)")
	rows := fs.Bool("rows", false, "also print each example's true class, predicted class and probability")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *modelPath == "" {
		*modelPath = defaultModel(*source)
	}
	model, meta, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	spec := meta.Data
	if spec.Path != "" {
		spec.Source = spec.Path
	}
	whole := false // evaluate every row of a CSV file, not its test part
	if *source != "" && !samePlace(*source, spec.Source) {
		kind, err := dataKind(*source)
		if err != nil {
			return err
		}
		if kind != spec.Kind {
			return usagef("-data %s is %s data; the model was trained on %s (%s)", *source, kind, spec.Kind, spec.Source)
		}
		spec.Source = *source
		whole = kind == "csv"
	}
	sets, err := loadSets(context.Background(), &spec, false, whole, stdout)
	if err != nil {
		return err
	}
	s := sets.test
	if s.Dim() != meta.Net.In {
		return fmt.Errorf("%s has %d features; model %s takes %d", spec.Source, s.Dim(), *modelPath, meta.Net.In)
	}

	pred := nn.Predict(model, s.X)
	cost, acc := nn.Evaluate(model, newLoss(meta.Net.Loss), s.X, s.Targets(meta.Net.Out))
	part := "test set"
	if whole {
		part = "all rows"
	}
	fmt.Fprintf(stdout, "model     %s: %s, loss %s\n", *modelPath, meta.Net, meta.Net.Loss)
	fmt.Fprintf(stdout, "data      %s, %s: %s\n", spec.describe(s), part, plural(s.Len(), "example"))
	fmt.Fprintf(stdout, "loss      %.4f\n", cost)
	fmt.Fprintf(stdout, "accuracy  %.2f%% (%d of %d)\n", 100*acc, int(acc*float64(s.Len())+0.5), s.Len())
	fmt.Fprintf(stdout, "\nconfusion matrix (rows: true class, columns: predicted)\n")
	printConfusion(stdout, s, predictClasses(pred))
	if *rows {
		names := classNames(meta)
		cls, prob := classify(meta.Net, pred)
		fmt.Fprintf(stdout, "\n%7s  %-12s %-12s %s\n", "example", "true", "predicted", scoreName(meta.Net))
		for i := range cls {
			mark := ""
			if cls[i] != s.Labels[i] {
				mark = "  wrong"
			}
			fmt.Fprintf(stdout, "%7d  %-12s %-12s %.4f%s\n", i+1, names[s.Labels[i]], names[cls[i]], prob[i], mark)
		}
	}
	return nil
}

// defaultModel is the model file eval and predict read when -model is not
// given: the one dlgo train -data source writes by default, or mnist.dlgo.
func defaultModel(source string) string {
	if source == "" {
		return "mnist.dlgo"
	}
	kind, err := dataKind(source)
	if err != nil {
		return "mnist.dlgo"
	}
	return defaultOut(dataSpec{Source: source, Kind: kind, Binary: -1})
}

// predictClasses returns the class each row of a model's output stands
// for: the output thresholded at 0.5 for a single sigmoid unit, else the
// index of the largest output.
func predictClasses(out *tensor.Tensor) []int {
	classes := make([]int, out.Rows())
	if out.Cols() == 1 {
		for i, p := range out.Data {
			if p > 0.5 {
				classes[i] = 1
			}
		}
		return classes
	}
	return tensor.ArgMaxRows(classes, out)
}

// printConfusion prints the confusion matrix of the predictions against
// s's labels, with each class's recall at the end of its row.
func printConfusion(w io.Writer, s *data.Set, pred []int) {
	k := s.Classes
	m := make([][]int, k)
	for i := range m {
		m[i] = make([]int, k)
	}
	for i, l := range s.Labels {
		m[l][pred[i]]++
	}
	names := make([]string, k)
	width := 5
	for c := range k {
		names[c] = s.ClassName(c)
		width = max(width, len(names[c])+1)
	}
	fmt.Fprintf(w, "%*s", width, "")
	for c := range k {
		fmt.Fprintf(w, " %*s", width, names[c])
	}
	fmt.Fprintf(w, "  %s\n", "recall")
	for r := range k {
		fmt.Fprintf(w, "%*s", width, names[r])
		total := 0
		for c := range k {
			fmt.Fprintf(w, " %*d", width, m[r][c])
			total += m[r][c]
		}
		if total > 0 {
			fmt.Fprintf(w, "  %5.1f%%\n", 100*float64(m[r][r])/float64(total))
		} else {
			fmt.Fprintf(w, "  %6s\n", "-")
		}
	}
}
