package watch

import (
	"slices"
	"strings"
)

// Op says how a file changed between two batches.
type Op uint8

// The ways a file can change. A rename is Removed for the old path and
// Created for the new one.
const (
	Created Op = iota + 1
	Modified
	Removed
)

// String returns "created", "modified" or "removed".
func (o Op) String() string {
	switch o {
	case Created:
		return "created"
	case Modified:
		return "modified"
	case Removed:
		return "removed"
	}
	return "unknown"
}

// Change is one changed source file.
type Change struct {
	Path string // relative to Options.Root, with forward slashes
	Op   Op
}

// Batch is the net change of a site since the previous batch: at most one
// Change per path, sorted by path. A sent Batch is never empty.
type Batch []Change

// coalesce folds a sequence of changes, in the order they happened, into a
// Batch. Each path's net change depends only on whether the file existed
// before the sequence (its first change is not Created) and whether it exists
// after it (its last change is not Removed): a file removed and created again
// was Modified, a file created and removed again did not change at all.
func coalesce(changes []Change) Batch {
	type span struct{ first, last Op }
	spans := make(map[string]span, len(changes))
	for _, c := range changes {
		s, seen := spans[c.Path]
		if !seen {
			s.first = c.Op
		}
		s.last = c.Op
		spans[c.Path] = s
	}
	b := make(Batch, 0, len(spans))
	for p, s := range spans {
		existed, exists := s.first != Created, s.last != Removed
		switch {
		case existed && exists:
			b = append(b, Change{p, Modified})
		case exists:
			b = append(b, Change{p, Created})
		case existed:
			b = append(b, Change{p, Removed})
		}
	}
	slices.SortFunc(b, func(x, y Change) int { return strings.Compare(x.Path, y.Path) })
	return b
}

// outbox holds the batch waiting for the receiver, so that watching goes on
// while a rebuild runs; changes found meanwhile merge into it.
type outbox struct {
	batch Batch
}

// add merges changes into the waiting batch.
func (o *outbox) add(changes []Change) {
	if len(changes) == 0 {
		return
	}
	o.batch = coalesce(slices.Concat([]Change(o.batch), changes))
}

// ch returns c when a batch is waiting and nil otherwise, so that a select
// case sending on it is enabled only when there is something to send.
func (o *outbox) ch(c chan<- Batch) chan<- Batch {
	if len(o.batch) == 0 {
		return nil
	}
	return c
}
