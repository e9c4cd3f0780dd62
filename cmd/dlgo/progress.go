package main

// progress.go: what train shows while an epoch runs. On a terminal, a
// progress bar (github.com/schollz/progressbar) with examples per second,
// the running loss and the time left, replaced at the end of the epoch by
// the epoch's one-line summary; anywhere else (a file, a pipe, a test),
// only the summary lines.

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"dlgo/nn"
	"dlgo/tensor"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress follows the batches of one epoch.
type progress struct {
	w      io.Writer
	tty    bool                     // whether w is a terminal
	cols   int                      // its width in columns
	bar    *progressbar.ProgressBar // while an epoch runs on a terminal
	epochs int
	n      int // examples per epoch

	epoch      int
	seen       int     // examples of this epoch so far
	lossSum    float64 // Σ batch loss × batch rows
	lastRender time.Time
}

// newProgress returns the progress of a training run of the given number
// of epochs of n examples each, shown on w; call it just before training
// starts.
func newProgress(w io.Writer, epochs, n int) *progress {
	p := &progress{w: w, tty: isTerminal(w), cols: termCols(w), epochs: epochs, n: n, epoch: 1}
	p.startBar()
	return p
}

// termCols returns the width of the terminal w, or 80 when unknown.
func termCols(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if c, _, err := term.GetSize(int(f.Fd())); err == nil && c > 0 {
			return c
		}
	}
	return 80
}

// barOptions chooses what the bar shows so that it fits cols columns on
// one line: a line longer than the terminal wraps, and every redraw then
// adds a line. Narrow terminals drop the count, then the rate; the bar
// takes what is left, at least 10 columns.
func barOptions(cols int) []progressbar.Option {
	// The description "epoch 10/15  loss 0.1234" takes up to 26 columns,
	// the percentage and the bar's ends 7, the time "[1m2s:3m4s]" 13.
	fixed := 26 + 7 + 13
	opts := []progressbar.Option{progressbar.OptionSetPredictTime(true)}
	switch {
	case cols >= fixed+30+34: // count and rate: " (12345/60000, 123456 ex/s)"
		opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("ex"))
		fixed += 34
	case cols >= fixed+20+16: // rate only: " (123456 ex/s)"
		opts = append(opts, progressbar.OptionShowIts(), progressbar.OptionSetItsString("ex"))
		fixed += 16
	}
	return append(opts, progressbar.OptionSetWidth(max(10, min(30, cols-fixed-1))))
}

// startBar shows a new bar for the epoch about to start, on a terminal.
// It is made at the start of the epoch, not at its first batch, so that its
// clock (examples per second, time left) includes that batch.
func (p *progress) startBar() {
	if !p.tty || p.epoch > p.epochs {
		return
	}
	p.bar = progressbar.NewOptions(p.n, append(barOptions(p.cols),
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(fmt.Sprintf("epoch %d/%d", p.epoch, p.epochs)),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)...)
	// Starts the bar's rate clock now; otherwise it starts at the first
	// batch and the first rate shown is absurd.
	p.bar.Add(0)
}

// batch records one training batch of rows examples and loss j.
func (p *progress) batch(rows int, j float64) {
	if p.seen >= p.n {
		return // not a training batch: the epoch is done
	}
	p.seen += rows
	p.lossSum += j * float64(rows)
	if p.bar == nil {
		return
	}
	// The description (with the running loss) changes at most twenty times
	// a second, twice as often as the bar is drawn (so that each drawing
	// shows a recent loss): formatting is not free next to a small batch.
	if now := time.Now(); now.Sub(p.lastRender) > 50*time.Millisecond || p.seen >= p.n {
		p.lastRender = now
		p.bar.Describe(fmt.Sprintf("epoch %d/%d  loss %.4f", p.epoch, p.epochs, p.lossSum/float64(p.seen)))
	}
	p.bar.Add(rows)
}

// endEpoch clears the bar, if any, at the end of an epoch's training, to
// make room for its summary line.
func (p *progress) endEpoch() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
		p.bar = nil
	}
}

// nextEpoch prepares for the next epoch, after the summary of this one.
func (p *progress) nextEpoch() {
	p.epoch++
	p.seen, p.lossSum = 0, 0
	p.startBar()
}

// stop clears the bar of an epoch that will not finish.
func (p *progress) stop() {
	if p.bar != nil {
		p.bar.Clear()
		p.bar = nil
	}
}

// trackedLoss is a loss that reports every batch it sees to a progress.
// nn.Train calls Forward once per training batch, which is exactly when
// the bar should move.
type trackedLoss struct {
	nn.Loss
	p *progress
}

// Forward returns the inner loss's J, after reporting it with the batch
// size.
func (l trackedLoss) Forward(pred, target *tensor.Tensor) float64 {
	j := l.Loss.Forward(pred, target)
	l.p.batch(pred.Shape[0], j)
	return j
}

// startSpinner shows msg with a spinner on a terminal while something
// without a known length (loading MNIST, 2–6 s) runs; it returns the
// function that clears it. Off a terminal it shows nothing.
func startSpinner(w io.Writer, msg string) (stop func()) {
	return spinner(w, isTerminal(w), msg)
}

// spinner is startSpinner with the terminal test made.
func spinner(w io.Writer, tty bool, msg string) (stop func()) {
	if !tty {
		return func() {}
	}
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(msg),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionClearOnFinish(),
	)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				bar.Add(1)
			}
		}
	}()
	bar.RenderBlank()
	return func() {
		close(done)
		<-finished
		bar.Finish()
		bar.Clear()
	}
}
