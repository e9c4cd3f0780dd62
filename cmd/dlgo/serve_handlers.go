package main

// serve_handlers.go: the HTTP side of `dlgo serve` — the embedded page,
// and a small JSON API over the sessions:
//
//	GET    /                           the page (and its .js and .css)
//	GET    /api/info                   the choices and bounds the page offers
//	POST   /api/sessions               {config} → 201 {"id", "config"}
//	GET    /api/sessions/{id}/events   server-sent events, a few a second
//	POST   /api/sessions/{id}/control  {"action": "start"|"pause"|"step"} or
//	                                   {"action": "reset", "config": {…}} or
//	                                   {"action": "speed", "speed": epochs/s}
//	DELETE /api/sessions/{id}          end the session
//
// A bad request gets a 4xx with a JSON {"error": "…"} saying what is
// wrong; nothing a client sends makes the server panic. It is not the
// training (serve_trainer.go) nor the sessions' lifetime
// (serve_session.go).

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"time"
)

// servePage is the page: plain HTML, CSS and JavaScript, no external
// fetch, so that it works offline.
//
//go:embed serve
var servePage embed.FS

// handler returns the server's routes.
func (t *sessions) handler() http.Handler {
	page, err := fs.Sub(servePage, "serve")
	if err != nil {
		panic(err) // the embedded folder is part of the binary
	}
	files := http.FileServerFS(page)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { files.ServeHTTP(w, r) })
	mux.Handle("GET /app.js", files)
	mux.Handle("GET /style.css", files)
	mux.HandleFunc("GET /api/info", t.handleInfo)
	mux.HandleFunc("POST /api/sessions", t.handleCreate)
	mux.HandleFunc("GET /api/sessions/{id}/events", t.handleEvents)
	mux.HandleFunc("POST /api/sessions/{id}/control", t.handleControl)
	mux.HandleFunc("DELETE /api/sessions/{id}", t.handleDelete)
	return securityHeaders(mux)
}

// securityHeaders forbids the page to load anything from elsewhere (the
// Content-Security-Policy makes "no CDN, works offline" a rule the
// browser enforces) or to be framed by another site.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// writeJSON writes v as JSON with the status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// writeError writes {"error": msg} with the status code.
func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

// jsonBody refuses a request whose body is not declared JSON: a form
// posted by another site cannot then drive a session (a cross-origin
// JSON request needs a preflight this server never grants).
func jsonBody(w http.ResponseWriter, r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "want Content-Type: application/json")
		return false
	}
	return true
}

// handleInfo tells the page its choices, bounds and defaults.
func (t *sessions) handleInfo(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"datasets":        serveDatasets,
		"activations":     serveActivations,
		"losses":          serveLosses,
		"optimizers":      serveOptimizers,
		"maxHiddenLayers": maxHiddenLayers,
		"maxUnits":        maxUnits,
		"minPoints":       minPoints,
		"maxPoints":       maxPoints,
		"maxEpochs":       maxEpochs,
		"maxSpeed":        maxSpeed,
		"defaultSpeed":    defaultSpeed,
		"defaults":        defaultServeConfig(),
	})
}

// handleCreate starts a session with the config in the body.
func (t *sessions) handleCreate(w http.ResponseWriter, r *http.Request) {
	if !jsonBody(w, r) {
		return
	}
	cfg, err := decodeServeConfig(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s, err := t.create(cfg)
	switch {
	case errors.Is(err, errTooManySessions):
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf("%d sessions are live, the most this server allows (-sessions); close another page, or wait for an idle one to end", t.max))
		return
	case err != nil:
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": s.id, "config": cfg})
}

// session returns the session named in the path, or writes a 404.
func (t *sessions) session(w http.ResponseWriter, r *http.Request) *session {
	s := t.get(r.PathValue("id"))
	if s == nil {
		writeError(w, http.StatusNotFound, "no such session (it may have ended after being idle); reload the page")
	}
	return s
}

// controlRequest is the body of a control request.
type controlRequest struct {
	Action string           `json:"action"`
	Config *json.RawMessage `json:"config,omitempty"`
	Speed  *float64         `json:"speed,omitempty"`
}

// handleControl passes start, pause, step, reset or speed to a session.
func (t *sessions) handleControl(w http.ResponseWriter, r *http.Request) {
	if !jsonBody(w, r) {
		return
	}
	s := t.session(w, r)
	if s == nil {
		return
	}
	var req controlRequest
	if err := decodeStrict(r.Body, &req); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	c := sessionCmd{action: req.Action}
	switch req.Action {
	case "start", "pause", "step":
	case "reset":
		if req.Config == nil {
			writeError(w, http.StatusBadRequest, `reset: want a "config"`)
			return
		}
		cfg, err := decodeServeConfig(bytes.NewReader(*req.Config))
		if err != nil {
			writeError(w, http.StatusBadRequest, "config: "+err.Error())
			return
		}
		c.cfg = cfg
	case "speed":
		if req.Speed == nil || !(*req.Speed >= 0 && *req.Speed <= maxSpeed) {
			writeError(w, http.StatusBadRequest, fmt.Sprintf(`speed: want "speed", epochs per second from 0 (no limit) to %d`, maxSpeed))
			return
		}
		c.speed = *req.Speed
	default:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("action %q: want start, pause, step, reset or speed", req.Action))
		return
	}
	if err := s.send(c, r.Context().Done()); err != nil {
		writeError(w, http.StatusGone, err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleDelete ends a session (the page does so when it closes).
func (t *sessions) handleDelete(w http.ResponseWriter, r *http.Request) {
	if !t.end(r.PathValue("id")) {
		writeError(w, http.StatusNotFound, "no such session")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// event is one server-sent event: the session's state, the curves'
// points the page does not have yet, and the pictures.
type event struct {
	Gen      int          `json:"gen"`
	State    string       `json:"state"`
	Message  string       `json:"message"`
	Epoch    int          `json:"epoch"`
	Speed    float64      `json:"speed"`
	Setup    *setupView   `json:"setup,omitempty"` // on the first event after a reset
	HistFrom int          `json:"histFrom"`        // History[0] is the point after HistFrom epochs
	History  []epochStats `json:"history"`
	pictures
}

// nextEvent returns the event for a stream that has seen generation gen
// and sent points up to sent (both updated), or nil if nothing changed;
// and the channel closed at the next change.
func (s *session) nextEvent(gen, sent *int, last *sessionView) (*event, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.view
	if v.Setup == nil { // nothing published yet
		return nil, s.changed
	}
	if v.Gen == last.Gen && v.Epoch == last.Epoch && v.State == last.State && v.Speed == last.Speed && v.Message == last.Message && len(s.hist) == *sent {
		return nil, s.changed
	}
	ev := &event{Gen: v.Gen, State: v.State, Message: v.Message, Epoch: v.Epoch, Speed: v.Speed, pictures: v.Pics}
	if v.Gen != *gen {
		ev.Setup = v.Setup
		*gen, *sent = v.Gen, 0
	}
	ev.HistFrom = *sent
	ev.History = append(make([]epochStats, 0, len(s.hist)-*sent), s.hist[*sent:]...) // [] in JSON, not null
	*sent = len(s.hist)
	*last = v
	return ev, s.changed
}

// handleEvents streams a session's state as server-sent events, each a
// JSON event. A write that the browser is slow to take holds up this
// stream only: the next event is built from the newest state, skipping
// whatever was published meanwhile, and the curves' points are sent from
// where this stream left off, so none is lost.
func (t *sessions) handleEvents(w http.ResponseWriter, r *http.Request) {
	s := t.session(w, r)
	if s == nil {
		return
	}
	s.mu.Lock()
	s.subscribers++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.subscribers--
		s.lastSeen = time.Now()
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	write := func(b []byte) bool {
		rc.SetWriteDeadline(time.Now().Add(30 * time.Second)) // a stuck browser does not hold the stream forever
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write([]byte(": dlgo serve\n\n")) {
		return
	}
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	gen, sent := -1, 0
	last := sessionView{Gen: -1}
	for {
		ev, changed := s.nextEvent(&gen, &sent, &last)
		if ev != nil {
			b, err := json.Marshal(ev)
			if err != nil {
				// The trainer keeps NaN and Inf out of what it publishes;
				// should one slip through, say so rather than go silent.
				b, _ = json.Marshal(map[string]string{"error": "internal: " + err.Error()})
			}
			if !write(append(append([]byte("data: "), b...), '\n', '\n')) {
				return
			}
		}
		select {
		case <-changed:
		case <-keepAlive.C:
			if !write([]byte(": keep-alive\n\n")) {
				return
			}
		case <-s.done:
			write([]byte("event: end\ndata: {}\n\n"))
			return
		case <-t.closing:
			return
		case <-r.Context().Done():
			return
		}
	}
}
