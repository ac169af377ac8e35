package build

import (
	"io"
	"maps"
	"sync"
)

// memo remembers what the steps of one edition wrote, by step name, for
// the next build to reuse.
type memo struct {
	prev       map[string]memoEntry // of the last good build; read only
	prevBodies map[string]bodyEntry // of the last good build, by source; read only

	mu     sync.Mutex
	done   map[string]memoEntry // of this build
	bodies map[string]bodyEntry // of this build
}

type memoEntry struct {
	key   digest
	files []outFile
}

// bodyEntry is a page's rendered body and what it was rendered from.
type bodyEntry struct {
	line int    // the line of the source on which the body starts
	src  []byte // the Markdown body
	body body
}

type outFile struct {
	name string
	data []byte
}

// next returns a memo for the build after m's, in which the steps copying
// the changed sources must run again. m may be nil, for a first build.
func (m *memo) next(changed []string) *memo {
	n := &memo{done: map[string]memoEntry{}, bodies: map[string]bodyEntry{}}
	if m == nil {
		return n
	}
	n.prev, n.prevBodies = maps.Clone(m.done), m.bodies
	for _, p := range changed {
		delete(n.prev, assetStepName(p))
	}
	return n
}

// carry puts every file of the last build into e's sink and remembers
// every step and body of it, for a build that runs only a few steps anew.
func (m *memo) carry(e *edition) error {
	// prev is this build's copy already; the bodies only gain entries
	// that stay true, so the last build's map can take them.
	m.done, m.bodies = m.prev, m.prevBodies
	for _, entry := range m.prev {
		if err := carryInto(e.sink, "", entry.files); err != nil {
			return err
		}
	}
	return nil
}

// run runs step s for edition e, or puts the files it wrote last time into
// e's sink when its inputs are the same. With lazy set, a step that is not
// urgent is deferred, putting its files from last time if it has any: its
// entry keeps the old key, so it runs when asked again. run returns the
// pages it made anew.
func (m *memo) run(e *edition, s step, lazy bool) (made []string, deferred bool, err error) {
	settled, deferred, err := m.settle(e, s, lazy)
	if settled || err != nil {
		return nil, deferred, err
	}
	made, err = m.make(e, s)
	return made, false, err
}

// settle does what run does when s needs not run: it puts last time's
// files and reports true, and whether s was deferred. Otherwise it
// reports false, and s must be made.
func (m *memo) settle(e *edition, s step, lazy bool) (settled, deferred bool, err error) {
	old, ok := m.prev[s.name]
	if ok && s.key != (digest{}) && old.key == s.key {
		return true, false, m.keep(e, s.name, old)
	}
	if lazy && !s.urgent {
		if !ok {
			return true, true, nil // nothing to show until it is made
		}
		return true, true, m.keep(e, s.name, old)
	}
	return false, false, nil
}

// make runs step s for edition e and remembers its files. It returns the
// pages it made.
func (m *memo) make(e *edition, s step) (made []string, err error) {
	rec := &recordSink{}
	ec := *e
	ec.sink = rec
	if err := s.write(&ec); err != nil {
		return nil, err
	}
	if s.rendered {
		for _, f := range rec.files {
			made = append(made, f.name)
		}
	}
	return made, m.keep(e, s.name, memoEntry{key: s.key, files: rec.files})
}

func (m *memo) keep(e *edition, name string, entry memoEntry) error {
	for _, f := range entry.files {
		if err := e.sink.Put(f.name, f.data); err != nil {
			return err
		}
	}
	m.mu.Lock()
	m.done[name] = entry
	m.mu.Unlock()
	return nil
}

func (m *memo) keepBody(source string, entry bodyEntry) {
	m.mu.Lock()
	m.bodies[source] = entry
	m.mu.Unlock()
}

// recordSink keeps the files of one step in the order they are put.
type recordSink struct {
	mu    sync.Mutex
	files []outFile
}

func (r *recordSink) Put(file string, data []byte) error {
	if err := checkPath(file); err != nil {
		return err
	}
	r.mu.Lock()
	r.files = append(r.files, outFile{file, data})
	r.mu.Unlock()
	return nil
}

// Create returns a writer whose bytes are recorded when it is closed.
func (r *recordSink) Create(file string) (io.WriteCloser, error) { return createBuffered(file, r.Put) }

func (r *recordSink) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.files)
}
