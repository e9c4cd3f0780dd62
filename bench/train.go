package bench

import "fmt"

// TrainResult is the training speed of one network at one thread count.
type TrainResult struct {
	Net             string  `json:"net"` // layer sizes, e.g. "784-128-10"
	Batch           int     `json:"batch"`
	Threads         int     `json:"threads"`
	ExamplesPerSec  float64 `json:"examples_per_s"`
	SecondsPerEpoch float64 `json:"s_per_epoch"` // for a 60,000-example epoch
	AllocsPerStep   float64 `json:"allocs_per_step"`
	Err             string  `json:"error,omitempty"`
}

// TrainTableHeader is the header line of the training table.
const TrainTableHeader = "net\tbatch\tthreads\texamples/s\ts/epoch\tallocs/step\t"

// TableRow formats the row for the training table (tab-separated).
func (t TrainResult) TableRow() string {
	if t.Err != "" {
		return fmt.Sprintf("%s\t%d\t%d\t—\t\t\tFAILED: %s", t.Net, t.Batch, t.Threads, t.Err)
	}
	return fmt.Sprintf("%s\t%d\t%d\t%.0f\t%.3f\t%g\t", t.Net, t.Batch, t.Threads, t.ExamplesPerSec, t.SecondsPerEpoch, t.AllocsPerStep)
}
