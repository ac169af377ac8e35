package watch

import (
	"context"
	"time"
)

// runPoll is Run by polling: it scans the trees every poll interval. Once a
// scan finds changes it scans again after the debounce period instead, until
// a scan finds nothing new, so that a burst still gives one batch.
func (w *Watcher) runPoll(ctx context.Context, batches chan<- Batch, out *outbox) error {
	tick := time.NewTimer(w.poll)
	defer tick.Stop()
	var burst []Change
	var first time.Time // when the current burst was first seen
	for {
		select {
		case <-ctx.Done():
			return nil
		case out.ch(batches) <- out.batch:
			out.batch = nil
		case now := <-tick.C:
			changes := w.pollOnce(now)
			if len(changes) > 0 && first.IsZero() {
				first = now
			}
			burst = append(burst, changes...)
			if len(changes) > 0 && now.Sub(first) < maxWait(w.debounce) {
				tick.Reset(w.debounce)
				continue
			}
			out.add(burst)
			burst, first = nil, time.Time{}
			tick.Reset(w.poll)
		}
	}
}

// pollOnce scans every watched tree and returns the changes since the last scan.
func (w *Watcher) pollOnce(now time.Time) []Change {
	snap := make(index)
	_ = w.scan("", snap, now) // without OS watches a scan cannot fail
	return w.idx.apply(map[string]bool{"": true}, snap, nil)
}
