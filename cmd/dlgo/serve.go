package main

// serve.go: `dlgo serve`, a web page on which to watch a network learn —
// the decision boundary, the curves, and every hidden unit's own map of
// the input plane, layer by layer: early units draw lines, later ones
// compose them (the course's "why deep representations"). It trains with
// dlgo's own nn, in this process, so what the learner watches is the code
// they read.
//
// This file is the command: flags, listening, printing the URL, and a
// clean stop on Ctrl-C. The page is cmd/dlgo/serve/ (embedded); the HTTP
// API serve_handlers.go; the sessions serve_session.go; the training
// serve_trainer.go.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// serveOptions are the flags of `dlgo serve`.
type serveOptions struct {
	addr      string
	sessions  int
	idleAfter time.Duration
}

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [flags]",
		"Serve a page on which to watch a small network learn a 2-D data set (planar,\n"+
			"moons, circles, XOR, spiral, blobs): the decision boundary, the loss and\n"+
			"accuracy curves, and every hidden unit's activation over the input plane,\n"+
			"layer by layer. It trains with dlgo's nn, on this machine; the page needs no\n"+
			"network. Ctrl-C stops it.", stderr)
	var o serveOptions
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "`host:port` to listen on; a host other than loopback lets other machines in")
	fs.IntVar(&o.sessions, "sessions", 8, "live sessions (open pages) at most; each trains on a goroutine of its own")
	fs.DurationVar(&o.idleAfter, "idle", 10*time.Minute, "end a session whose page has been gone this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.sessions < 1 {
		return usagef("-sessions %d: want at least 1", o.sessions)
	}
	if o.idleAfter <= 0 {
		return usagef("-idle %v: want a positive duration", o.idleAfter)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, o, stdout, stderr)
}

// serve listens on o.addr and serves the page until ctx ends, then stops
// every session and stream and shuts the server down.
func serve(ctx context.Context, o serveOptions, stdout, stderr io.Writer) error {
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %v", o.addr, err)
	}
	url, loopback := pageURL(ln.Addr().(*net.TCPAddr))
	if !loopback {
		fmt.Fprintf(stderr, "dlgo serve: listening on %s, not on loopback: anyone who can reach this machine can start sessions\n", ln.Addr())
	}
	table := newSessions(o.sessions, o.idleAfter, 200*time.Millisecond)
	handler := table.handler()
	if loopback {
		handler = loopbackHostOnly(handler)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "dlgo serve: open %s in a browser (Ctrl-C stops)\n", url)

	select {
	case err = <-served: // the listener failed
	case <-ctx.Done():
	}
	// Streams never end by themselves: end them (and the training) first,
	// so that Shutdown finds only idle connections.
	table.close()
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutCtx); serr != nil && err == nil {
		err = fmt.Errorf("shutting down: %v", serr)
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	if err == nil {
		fmt.Fprintln(stdout, "dlgo serve: stopped")
	}
	return err
}

// loopbackHostOnly refuses requests whose Host is not a loopback name or
// address: a web page elsewhere cannot then reach this server by pointing
// a name of its own at 127.0.0.1 (DNS rebinding).
func loopbackHostOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		ip := net.ParseIP(strings.Trim(host, "[]"))
		if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			writeError(w, http.StatusForbidden, fmt.Sprintf("host %q: this server answers to localhost only (see -addr)", r.Host))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// pageURL returns the page's address for a browser on this machine, and
// whether a is a loopback address.
func pageURL(a *net.TCPAddr) (string, bool) {
	host := a.IP.String()
	switch {
	case a.IP.IsUnspecified():
		host = "localhost"
	case a.IP.To4() == nil:
		host = "[" + host + "]"
	}
	return fmt.Sprintf("http://%s:%d/", host, a.Port), a.IP.IsLoopback()
}
