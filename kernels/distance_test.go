//go:build !textbook

package kernels

import (
	"testing"
	"time"
)

// A probe finishes, with a worker or without, and leaves nothing queued;
// workScale follows its verdict and probes again only after probeEvery.
func TestProbeDistance(t *testing.T) {
	defer SetThreads(0)
	for _, th := range []int{1, 2} {
		SetThreads(th)
		rt, far, ok := CoreDistance() // how long it takes depends on the load: not checked
		if len(pool.queue) != 0 {
			t.Fatalf("%d threads: a probe left %d jobs queued", th, len(pool.queue))
		}
		if ok && rt <= 0 {
			t.Errorf("%d threads: a round trip of %v", th, rt)
		}
		if far != (ok && rt > farRoundTrip) {
			t.Errorf("%d threads: far = %v for a round trip of %v", th, far, rt)
		}
		t.Logf("%d threads: round trip %v (%v)", th, rt, ok)
	}
	adaptiveSplits() // reads DLGO_SPLITS, which TestMain set to fixed
	splitsMode.Store(1)
	defer func() { splitsMode.Store(2); distance.far.Store(false); distance.checked.Store(0) }()
	SetThreads(2)
	distance.far.Store(true)
	distance.checked.Store(time.Now().UnixNano()) // fresh: no probe
	if s := workScale(); s != farScale {
		t.Fatalf("workScale() = %d with the cores far apart, want %d", s, farScale)
	}
	distance.far.Store(false)
	if s := workScale(); s != 1 {
		t.Fatalf("workScale() = %d with the cores close, want 1", s)
	}
	SetThreads(1)
	distance.far.Store(true)
	distance.checked.Store(0) // stale, but one thread never probes
	if s := workScale(); s != farScale || distance.checked.Load() != 0 {
		t.Fatalf("one thread: workScale() = %d, probed at %d", s, distance.checked.Load())
	}
	splitsMode.Store(2)
	if adaptiveSplits() {
		t.Fatal("adaptiveSplits() is true with DLGO_SPLITS=fixed")
	}
	if s := workScale(); s != 1 {
		t.Fatalf("adaptive splits off: workScale() = %d with the cores far apart, want 1", s)
	}
}
