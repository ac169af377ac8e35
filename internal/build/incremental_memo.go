package build

import (
	"bytes"
	"maps"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/site"
)

// memo is Live's store (see store): what the steps of one edition wrote,
// by step name, with the files' bytes, and the pages' rendered bodies.
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
	// Copies, not the maps themselves: steps read prev and prevBodies
	// without the lock while others record into done and bodies.
	m.done, m.bodies = maps.Clone(m.prev), maps.Clone(m.prevBodies)
	if m.done == nil {
		m.done = map[string]memoEntry{}
	}
	if m.bodies == nil {
		m.bodies = map[string]bodyEntry{}
	}
	for _, entry := range m.prev {
		if err := carryInto(e.sink, "", entry.files); err != nil {
			return err
		}
	}
	return nil
}

func (m *memo) reuse(e *edition, s step) (bool, error) {
	old, ok := m.prev[s.name]
	if !ok || old.key != s.key {
		return false, nil
	}
	return true, m.keep(e, s.name, old)
}

// stale puts the files of s from the last build and keeps their entry
// with its old key, so that s runs when asked again.
func (m *memo) stale(e *edition, s step) (bool, error) {
	old, ok := m.prev[s.name]
	if !ok {
		return false, nil // nothing to show until it is made
	}
	return true, m.keep(e, s.name, old)
}

func (m *memo) record(_ *edition, s step, files []outFile) {
	m.mu.Lock()
	m.done[s.name] = memoEntry{key: s.key, files: files}
	m.mu.Unlock()
}

func (m *memo) keepsBytes() bool { return true }

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

// oldBody returns the body the last build rendered for page p from the
// same source, if any; m may be nil.
func (m *memo) oldBody(p *site.Page) (bodyEntry, bool) {
	if m == nil {
		return bodyEntry{}, false
	}
	old, ok := m.prevBodies[p.Source]
	return old, ok && old.line == p.BodyLine && bytes.Equal(old.src, p.Body)
}

// keepBody remembers a page's rendered body for the next build; m may be
// nil (a build that keeps none).
func (m *memo) keepBody(source string, entry bodyEntry) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.bodies[source] = entry
	m.mu.Unlock()
}
