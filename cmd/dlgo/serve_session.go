package main

// serve_session.go: the sessions of `dlgo serve` — one per open page, each
// training on a goroutine of its own — and the table that bounds how many
// live at once and ends the idle ones.
//
// The training goroutine owns its trainer and never waits on a browser: it
// publishes what the page shows into a slot guarded by a mutex and wakes
// the event streams by closing a channel. A stream that is slow to write
// simply skips to the newest state (serve_handlers.go); training goes on.

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"dlgo/tensor"
)

// Speeds: the page's default pace, so that a learner can watch a net
// learn (the default planar net runs about 4500 epochs a second here, and
// would be done before the page drew it), and the fastest pace asked for
// by number; 0 means as fast as the CPU goes.
const (
	defaultSpeed = 20
	maxSpeed     = 10000
)

// errSessionEnded is returned for a command to a session that has ended.
var errSessionEnded = errors.New("the session has ended (idle too long, or closed); reload the page")

// errTooManySessions is returned when the live-session limit is reached.
var errTooManySessions = errors.New("too many live sessions")

// sessionCmd is one request from a page to its session's goroutine.
type sessionCmd struct {
	action string      // start, pause, step, reset, speed
	cfg    serveConfig // for reset
	speed  float64     // for speed: epochs per second, 0 = no limit
}

// setupView is what stays the same between resets: the data and the
// plane. The page gets it once per reset.
type setupView struct {
	Config serveConfig  `json:"config"`
	Extent [4]float64   `json:"extent"` // x0, x1, y0, y1
	Grid   int          `json:"grid"`
	Train  [][3]float64 `json:"train"` // x, y, label
	Test   [][3]float64 `json:"test"`
}

// sessionView is the state of a session as the page shows it.
type sessionView struct {
	Gen     int        // counts resets; the page starts its curves afresh on a new one
	State   string     // "paused", "running", "diverged" or "stopped" (maxEpochs reached)
	Message string     // why training stopped, if it did
	Epoch   int        // epochs trained since the reset
	Speed   float64    // epochs per second asked for, 0 = no limit
	Setup   *setupView // shared by every view of one Gen
	Pics    pictures
}

// session is one page's training.
type session struct {
	id           string
	cmds         chan sessionCmd
	quit         chan struct{} // closed to end the goroutine
	done         chan struct{} // closed when it has ended
	publishEvery time.Duration
	pauseAfter   time.Duration // a running session nobody watches this long pauses

	mu          sync.Mutex
	view        sessionView
	hist        []epochStats  // hist[k]: after k epochs, since the last reset
	changed     chan struct{} // closed and replaced at each publish
	subscribers int           // event streams open
	lastSeen    time.Time     // the last request, or the last stream's end
}

// newSessionID returns 128 random bits in hex: a page cannot guess
// another's session.
func newSessionID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// run is the session's goroutine: it trains while running, at the speed
// asked for, and obeys commands between epochs.
func (s *session) run(cfg serveConfig) {
	defer close(s.done)
	var (
		t        *trainer
		gen      int
		running  bool
		state    = "paused"
		message  string
		speed    = float64(defaultSpeed)
		lastPub  time.Time
		paceFrom time.Time // pacing: epochs since paceFrom at speed
		paced    int
	)
	publish := func() {
		v := sessionView{Gen: gen, State: state, Message: message, Epoch: t.epoch, Speed: speed, Pics: t.pictures()}
		s.mu.Lock()
		v.Setup = s.view.Setup
		if s.view.Gen != gen || v.Setup == nil {
			v.Setup = t.setup()
		}
		s.view = v
		close(s.changed)
		s.changed = make(chan struct{})
		s.mu.Unlock()
		lastPub = time.Now()
	}
	stop := func(st string, err error) {
		running, state, message = false, st, err.Error()
	}
	epoch := func() {
		st, err := t.runEpoch()
		if err != nil {
			stop("diverged", err)
			return
		}
		s.mu.Lock()
		s.hist = append(s.hist, st)
		s.mu.Unlock()
		if t.epoch >= maxEpochs {
			stop("stopped", fmt.Errorf("reached the limit of %d epochs; reset to train again", maxEpochs))
		}
	}
	reset := func(c serveConfig) {
		t = newTrainer(c)
		gen++
		running, state, message = false, "paused", ""
		st, err := t.stats()
		s.mu.Lock()
		s.hist = s.hist[:0]
		if err == nil {
			s.hist = append(s.hist, st)
		}
		s.mu.Unlock()
	}
	handle := func(c sessionCmd) {
		switch c.action {
		case "start":
			if state == "paused" || state == "running" {
				running, state, message = true, "running", ""
				paceFrom, paced = time.Now(), 0
			}
		case "pause":
			if running {
				running, state = false, "paused"
			}
		case "step":
			if state == "paused" || state == "running" {
				running, state = false, "paused"
				epoch()
			}
		case "reset":
			reset(c.cfg)
		case "speed":
			speed = c.speed
			paceFrom, paced = time.Now(), 0
		}
		publish()
	}

	reset(cfg)
	publish()
	for {
		if !running {
			select {
			case c := <-s.cmds:
				handle(c)
			case <-s.quit:
				return
			}
			continue
		}
		// Running: wait for this epoch's turn at the pace asked for,
		// still listening for commands.
		var wait <-chan time.Time
		if speed > 0 {
			due := paceFrom.Add(time.Duration(float64(paced) / speed * float64(time.Second)))
			if d := time.Until(due); d > 0 {
				wait = time.After(d)
			}
		}
		if wait == nil {
			select {
			case c := <-s.cmds:
				handle(c)
				continue
			case <-s.quit:
				return
			default:
			}
		} else {
			select {
			case c := <-s.cmds:
				handle(c)
				continue
			case <-s.quit:
				return
			case <-wait:
			}
		}
		epoch()
		paced++
		if !running || time.Since(lastPub) >= s.publishEvery {
			if running && s.unwatchedFor() >= s.pauseAfter {
				// The page is gone (closed without saying so, or asleep):
				// stop taking a core until it comes back.
				running, state, message = false, "paused", "paused: no page was watching"
			}
			publish()
		}
	}
}

// setup returns the trainer's data and plane for the page.
func (t *trainer) setup() *setupView {
	pts := func(x *tensor.Tensor, labels []int) [][3]float64 {
		out := make([][3]float64, len(labels))
		for i, l := range labels {
			r := x.Row(i)
			out[i] = [3]float64{r[0], r[1], float64(l)}
		}
		return out
	}
	return &setupView{
		Config: t.cfg,
		Extent: t.extent,
		Grid:   gridSize,
		Train:  pts(t.train.X, t.train.Labels),
		Test:   pts(t.test.X, t.test.Labels),
	}
}

// send hands c to the session's goroutine, waiting until it takes it
// (between two epochs).
func (s *session) send(c sessionCmd, cancel <-chan struct{}) error {
	select {
	case s.cmds <- c:
		return nil
	case <-s.done:
		return errSessionEnded
	case <-cancel:
		return errors.New("request cancelled")
	}
}

// unwatchedFor returns how long the session has had no event stream
// open (0 while one is).
func (s *session) unwatchedFor() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.subscribers > 0 {
		return 0
	}
	return time.Since(s.lastSeen)
}

// touch records a request, which keeps the session alive.
func (s *session) touch() {
	s.mu.Lock()
	s.lastSeen = time.Now()
	s.mu.Unlock()
}

// sessions is the table of live sessions and its limits.
type sessions struct {
	max          int           // live sessions at most
	idleAfter    time.Duration // a session with no stream open this long ends
	publishEvery time.Duration // how often a running session updates its page

	mu      sync.Mutex
	live    map[string]*session
	closing chan struct{} // closed by close: streams and janitor end
	closed  bool
	wg      sync.WaitGroup
}

// newSessions returns an empty table and starts its janitor.
func newSessions(max int, idleAfter, publishEvery time.Duration) *sessions {
	t := &sessions{max: max, idleAfter: idleAfter, publishEvery: publishEvery,
		live: map[string]*session{}, closing: make(chan struct{})}
	t.wg.Add(1)
	go t.janitor()
	return t
}

// create starts a session training cfg (which must be valid), unless the
// table is full or closed.
func (t *sessions) create(cfg serveConfig) (*session, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil, errors.New("the server is shutting down")
	}
	if len(t.live) >= t.max {
		return nil, errTooManySessions
	}
	s := &session{
		id: newSessionID(), cmds: make(chan sessionCmd), quit: make(chan struct{}), done: make(chan struct{}),
		publishEvery: t.publishEvery, pauseAfter: min(time.Minute, t.idleAfter),
		changed: make(chan struct{}), lastSeen: time.Now(),
	}
	t.live[s.id] = s
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		s.run(cfg)
	}()
	return s, nil
}

// get returns the live session id, or nil, and marks it seen.
func (t *sessions) get(id string) *session {
	t.mu.Lock()
	s := t.live[id]
	t.mu.Unlock()
	if s != nil {
		s.touch()
	}
	return s
}

// end stops session id; it reports whether there was one.
func (t *sessions) end(id string) bool {
	t.mu.Lock()
	s := t.live[id]
	delete(t.live, id)
	t.mu.Unlock()
	if s != nil {
		close(s.quit)
	}
	return s != nil
}

// count returns the number of live sessions.
func (t *sessions) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.live)
}

// reap ends the sessions idle at now (no stream open, no request for
// idleAfter) and returns how many it ended.
func (t *sessions) reap(now time.Time) int {
	var idle []string
	t.mu.Lock()
	for id, s := range t.live {
		s.mu.Lock()
		if s.subscribers == 0 && now.Sub(s.lastSeen) >= t.idleAfter {
			idle = append(idle, id)
		}
		s.mu.Unlock()
	}
	t.mu.Unlock()
	for _, id := range idle {
		t.end(id)
	}
	return len(idle)
}

// janitor reaps idle sessions a few times per idleAfter, until close.
func (t *sessions) janitor() {
	defer t.wg.Done()
	tick := time.NewTicker(max(t.idleAfter/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case now := <-tick.C:
			t.reap(now)
		case <-t.closing:
			return
		}
	}
}

// close ends every session and stream and waits for their goroutines.
func (t *sessions) close() {
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return
	}
	t.closed = true
	close(t.closing)
	ids := make([]string, 0, len(t.live))
	for id := range t.live {
		ids = append(ids, id)
	}
	t.mu.Unlock()
	for _, id := range ids {
		t.end(id)
	}
	t.wg.Wait()
}
