package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// clientBuffer is how many events may wait for one slow page before the
// server drops its connection. The page reconnects, sees a new build id in
// hello and reloads, so nothing is lost but a little time.
const clientBuffer = 16

// event is one Server-Sent Event, already encoded for the wire.
type event []byte

// newEvent encodes an event named name whose data is v as one line of JSON.
// encoding/json escapes newlines in strings, so the data is always one line.
func newEvent(name string, v any) event {
	data, err := json.Marshal(v)
	if err != nil {
		// Only the types of this package reach here, and they all marshal.
		data = []byte("{}")
	}
	return event("event: " + name + "\ndata: " + string(data) + "\n\n")
}

// hub fans events out to the open event streams and remembers what a newly
// connected page must be told: the current build id and any build errors.
type hub struct {
	logf func(format string, args ...any)

	mu      sync.Mutex
	clients map[chan event]struct{}
	opened  int         // streams subscribed since the start
	build   string      // id of the last published build; "" before the first
	errs    []errorItem // errors of the last failed build; nil after a good one
}

func newHub(logf func(string, ...any)) *hub {
	return &hub{logf: logf, clients: map[chan event]struct{}{}}
}

// subscribe registers a new stream. Its channel already holds hello and,
// while a build is failing, the error event, so a page opened during a
// failure shows the overlay too.
func (h *hub) subscribe() chan event {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan event, clientBuffer)
	ch <- newEvent("hello", struct {
		Build string `json:"build"`
	}{h.build})
	if h.errs != nil {
		ch <- errorEvent(h.errs)
	}
	h.clients[ch] = struct{}{}
	h.opened++
	return ch
}

// unsubscribe forgets a stream whose handler has ended.
func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, ch)
}

// count reports the number of open streams and of streams ever opened.
func (h *hub) count() (open, opened int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients), h.opened
}

// publish records a successful build (build is "" when nothing changed and
// the id stays) and sends ok, if errors were showing, followed by evs.
func (h *hub) publish(build string, evs []event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if build != "" {
		h.build = build
	}
	if h.errs != nil {
		h.errs = nil
		evs = append([]event{newEvent("ok", struct{}{})}, evs...)
	}
	h.broadcast(evs)
}

// fail records a failed build and sends its errors.
func (h *hub) fail(errs []errorItem) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.errs = errs
	h.broadcast([]event{errorEvent(errs)})
}

// broadcast queues evs on every stream without blocking. A stream whose
// buffer is full is closed and dropped; h.mu must be held.
func (h *hub) broadcast(evs []event) {
	for ch := range h.clients {
		for _, ev := range evs {
			select {
			case ch <- ev:
				continue
			default:
			}
			h.logf("serve: dropping a live-reload connection that stopped reading; the page will reconnect")
			delete(h.clients, ch)
			close(ch)
			break
		}
	}
}

// serveEvents streams events to one page until the page goes away, the
// server shuts down (the request context ends) or the hub drops it.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// The http.Server's WriteTimeout would cut the stream; each write
	// gets its own deadline instead, so a page that stops reading is let
	// go (and the heartbeat keeps a page that reads from ever hitting it).
	write := func(msg []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(s.eventWrite()))
		_, err := w.Write(msg)
		return err == nil && rc.Flush() == nil
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	ch := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)

	// retry makes the browser reconnect quickly after a restart.
	if !write([]byte("retry: 1000\n\n")) {
		return
	}
	tick := time.NewTicker(s.heartbeat)
	defer tick.Stop()
	for {
		var msg []byte
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return
			}
			msg = ev
		case <-tick.C:
			msg = []byte(": heartbeat\n\n")
		}
		if !write(msg) {
			return
		}
	}
}

// eventWrite is how long writing one event may take: two heartbeats.
func (s *Server) eventWrite() time.Duration { return 2 * s.heartbeat }

// errorItem is one build error as the page's overlay shows it.
type errorItem struct {
	Pos     string `json:"pos"` // "file:line:col", "file:line", "file" or ""
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

func errorEvent(errs []errorItem) event {
	return newEvent("error", struct {
		Errors []errorItem `json:"errors"`
	}{errs})
}

// errorItems lists the errors inside err with their positions, taken from a
// diag.List or *diag.Error found with errors.As; other errors become a
// message without a position. An errors.Join tree yields all its branches.
func errorItems(err error) []errorItem {
	var items []errorItem
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			if e != nil {
				items = append(items, errorItems(e)...)
			}
		}
	} else if list := diag.List(nil); errors.As(err, &list) {
		for _, e := range list {
			items = append(items, diagItem(e))
		}
	} else if e := (*diag.Error)(nil); errors.As(err, &e) {
		items = append(items, diagItem(e))
	}
	if len(items) == 0 {
		msg := err.Error()
		if msg == "" {
			msg = "the build failed"
		}
		items = append(items, errorItem{Message: msg})
	}
	return items
}

func diagItem(e *diag.Error) errorItem {
	it := errorItem{File: e.Pos.File, Line: e.Pos.Line, Col: e.Pos.Col, Message: e.Msg}
	if e.Pos.File != "" {
		it.Pos = e.Pos.String()
	}
	return it
}
