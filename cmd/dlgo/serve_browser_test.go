package main

// serve_browser_test.go: `dlgo serve` driven in a real browser — headless
// Chromium through chromedp — as a learner would use it: pick the data and
// the network, press Start, read the accuracy the page shows; and Reset
// with the same seed to see the same curve again.
//
// Needs Debian's chromium (apt-get install chromium; .ci/run installs it);
// without a browser the tests are skipped with a message saying so.
// DLGO_CHROMIUM names another binary. With DLGO_SERVE_DOCS set to a
// folder, TestServeBrowserPlanar and TestServeBrowserDepth also copy their
// screenshots there, as serve.png and serve-spiral.png: the README's
// pictures are made so (DLGO_SERVE_DOCS=$PWD/docs go test -run
// TestServeBrowser ./cmd/dlgo).

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium binary, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DLGO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found: install Debian's chromium (apt-get install chromium) or set DLGO_CHROMIUM to run the browser tests")
	return ""
}

// lockedBuffer is a bytes.Buffer safe for serve's goroutine and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs serve as `dlgo serve -addr 127.0.0.1:0` does, and
// returns the URL it prints. It stops at the end of the test.
func startServe(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveOptions{addr: "127.0.0.1:0", sessions: 4, idleAfter: time.Minute}, &out, &out)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	re := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+/) in a browser`)
	for range 500 {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v; output %q", err, out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no URL: %q", out.String())
	return ""
}

// browser returns a chromedp context on a new headless Chromium, and the
// list of every URL the page requested.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // root in a container has no user namespace for the sandbox
		chromedp.WindowSize(1340, 860),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	var mu sync.Mutex
	var urls, exceptions []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls = append(urls, e.Request.URL)
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if x := e.ExceptionDetails.Exception; x != nil {
				msg += " " + x.Description
			}
			exceptions = append(exceptions, msg)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	// The page's script throws nothing, whatever the test did.
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range exceptions {
			t.Errorf("the page threw: %s", e)
		}
	})
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), urls...)
	}
}

// choose sets a control as a user does, firing its change event.
func choose(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		js := fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q; e.dispatchEvent(new Event('change')); return e.value; })()`, id, value)
		got, err := chromedp.Evaluate[string](js)(ctx, t)
		if err == nil && got != value {
			err = fmt.Errorf("#%s: set %q, the page kept %q", id, value, got)
		}
		return err
	})
}

// waitFor polls the page's JavaScript expression until it is true.
func waitFor(ctx context.Context, t *testing.T, what, expr string, timeout time.Duration) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout))); err != nil {
		msg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#message")))
		t.Fatalf("waiting for %s (%s): %v; the page says %q", what, expr, err, msg)
	}
}

// openPlanar4Tanh loads the page and chooses planar with one hidden layer
// of 4 tanh units, waiting until the server has reset to it.
func openPlanar4Tanh(ctx context.Context, t *testing.T, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#start"))); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "the first run", `window.dlgoPage.setup !== null`, 30*time.Second)
	if err := chromedp.Do(ctx, choose("dataset", "planar"), choose("hidden", "4"), choose("activation", "tanh"), choose("seed", "7")); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "the reset to planar 4 tanh", `(() => { const c = window.dlgoPage.setup.config; `+
		`return c.dataset === 'planar' && c.hidden.length === 1 && c.hidden[0] === 4 && c.activation === 'tanh' && c.seed === 7 && window.dlgoPage.history.length === 1; })()`, 30*time.Second)
}

// pageTestAccuracy reads the test accuracy the page shows, as a fraction.
func pageTestAccuracy(ctx context.Context) (float64, error) {
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#test-acc")))
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil {
		return 0, fmt.Errorf("#test-acc shows %q: %v", s, err)
	}
	return v / 100, nil
}

// TestServeBrowserPlanar: planar, one hidden layer of 4 tanh units, Start;
// the page must show a test accuracy of at least 85%. The screenshot is
// taken then, mid-training.
func TestServeBrowserPlanar(t *testing.T) {
	ctx, requested := browser(t)
	url := startServe(t)
	openPlanar4Tanh(ctx, t, url)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#start"))); err != nil {
		t.Fatal(err)
	}
	// The bar is 30 s on two cores; under the race detector the training
	// is several times slower, so the test waits longer before it fails.
	deadline := time.Now().Add(120 * time.Second)
	var acc float64
	for {
		var err error
		if acc, err = pageTestAccuracy(ctx); err != nil && !strings.Contains(err.Error(), `"–"`) {
			t.Fatal(err)
		}
		if acc >= 0.85 {
			break
		}
		if time.Now().After(deadline) {
			epoch, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#epoch")))
			t.Fatalf("test accuracy %.3f after epoch %s, want ≥ 0.85", acc, epoch)
		}
		time.Sleep(100 * time.Millisecond)
	}
	state, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#state")))
	if err != nil || state != "running" {
		t.Errorf("state %q (%v), want running", state, err)
	}
	epoch, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#epoch")))
	t.Logf("test accuracy %.1f%% at epoch %s", 100*acc, epoch)

	// Let the page draw the last event before the picture.
	time.Sleep(300 * time.Millisecond)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	saveScreenshot(t, png, "serve.png")

	// Nothing was fetched from anywhere but the server: the page works
	// offline.
	for _, u := range requested() {
		if !strings.HasPrefix(u, url) && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s, outside %s", u, url)
		}
	}
}

// saveScreenshot writes a PNG screenshot into the test's folder, and into
// DLGO_SERVE_DOCS when set.
func saveScreenshot(t *testing.T, png []byte, name string) {
	t.Helper()
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("the screenshot is not a PNG")
	}
	dirs := []string{t.TempDir()}
	if d := os.Getenv("DLGO_SERVE_DOCS"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s (%d bytes)", p, len(png))
	}
}

// TestServeBrowserDepth: the spiral with four hidden layers of 8 ReLU
// units, as fast as the server goes, passes 90% test accuracy; the page
// then shows a map for each of the 2 + 32 units.
func TestServeBrowserDepth(t *testing.T) {
	ctx, _ := browser(t)
	url := startServe(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#start"))); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "the first run", `window.dlgoPage.setup !== null`, 30*time.Second)
	if err := chromedp.Do(ctx, choose("dataset", "spiral"), choose("hidden", "8, 8, 8, 8"), choose("activation", "relu"),
		choose("optimizer", "adam"), choose("lr", "0.03"), choose("seed", "3"), choose("speed", "100")); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "the reset to the spiral", `(() => { const c = window.dlgoPage.setup.config; `+
		`return c.dataset === 'spiral' && c.hidden.join() === '8,8,8,8' && c.activation === 'relu' && c.optimizer === 'adam' && c.lr === 0.03 && c.seed === 3; })()`, 30*time.Second)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#start"))); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "90% test accuracy", `(() => { const h = window.dlgoPage.history; return h.length > 0 && h[h.length - 1].testAcc >= 0.9; })()`, 180*time.Second)
	units, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`window.dlgoPage.last.layers.map((l) => l.length)`))
	if err != nil || fmt.Sprint(units) != "[2 8 8 8 8]" {
		t.Errorf("maps per layer %v (%v), want [2 8 8 8 8]", units, err)
	}
	time.Sleep(300 * time.Millisecond)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	saveScreenshot(t, png, "serve-spiral.png")
}

// TestServeBrowserResetSameCurve: Reset with the same seed gives the same
// curve, point for point; another seed gives another.
func TestServeBrowserResetSameCurve(t *testing.T) {
	const epochs = 40
	ctx, _ := browser(t)
	url := startServe(t)
	openPlanar4Tanh(ctx, t, url)
	// curve starts training, stops after at least epochs epochs, and
	// returns the first epochs+1 points of the curves as the page has them.
	curve := func() string {
		t.Helper()
		if err := chromedp.Do(ctx, choose("speed", "0"), chromedp.Click(chromedp.CSS("#start"))); err != nil {
			t.Fatal(err)
		}
		waitFor(ctx, t, fmt.Sprintf("%d epochs", epochs), fmt.Sprintf(`window.dlgoPage.history.length > %d`, epochs), 60*time.Second)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#pause"))); err != nil {
			t.Fatal(err)
		}
		waitFor(ctx, t, "the pause", `window.dlgoPage.last.state === 'paused'`, 30*time.Second)
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`JSON.stringify(window.dlgoPage.history.slice(0, %d))`, epochs+1)))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// reset presses Reset and waits for the new run's first event.
	reset := func(button string) {
		t.Helper()
		gen, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.dlgoPage.gen`))
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, button2action(button)); err != nil {
			t.Fatal(err)
		}
		waitFor(ctx, t, "the reset", fmt.Sprintf(`window.dlgoPage.gen > %d && window.dlgoPage.history.length === 1`, gen), 30*time.Second)
	}

	first := curve()
	reset("#reset")
	if seed, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#seed"))); seed != "7" {
		t.Errorf("after Reset the seed shows %q, want 7", seed)
	}
	second := curve()
	if first != second {
		t.Errorf("Reset with the same seed gave another curve:\n%.300s\n%.300s", first, second)
	}
	if !strings.Contains(first, "testAcc") || strings.Count(first, "testAcc") != epochs+1 {
		t.Fatalf("curve has not %d points: %.200s", epochs+1, first)
	}
	reset("seed=8")
	third := curve()
	if third == first {
		t.Error("seeds 7 and 8 gave the same curve")
	}
}

// button2action presses a button ("#reset") or sets a field ("seed=8").
func button2action(s string) chromedp.Action[chromedp.Void] {
	if id, v, ok := strings.Cut(s, "="); ok {
		return choose(id, v)
	}
	return chromedp.Click(chromedp.CSS(s))
}

// TestServeBrowserControls: Step trains one epoch; a layer too wide is
// refused with the server's message on the page, and the page goes on.
func TestServeBrowserControls(t *testing.T) {
	ctx, _ := browser(t)
	url := startServe(t)
	openPlanar4Tanh(ctx, t, url)
	for want := 1; want <= 2; want++ {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#step"))); err != nil {
			t.Fatal(err)
		}
		waitFor(ctx, t, fmt.Sprintf("epoch %d", want), fmt.Sprintf(`document.getElementById('epoch').textContent === '%d' && window.dlgoPage.history.length === %d`, want, want+1), 30*time.Second)
	}
	if dis, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('pause').disabled`)); err != nil || !dis {
		t.Errorf("Pause enabled while paused (%v)", err)
	}
	if err := chromedp.Do(ctx, choose("hidden", "1000000000")); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "the refusal", `document.getElementById('message').textContent.includes('hidden layer 1 has 1000000000 units')`, 30*time.Second)
	gen, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.dlgoPage.gen`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, choose("hidden", "3, 2")); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "the reset to 3, 2", fmt.Sprintf(`window.dlgoPage.gen > %d && window.dlgoPage.last.layers.map((l) => l.length).join() === '2,3,2' && document.getElementById('message').textContent === ''`, gen), 30*time.Second)
}
