package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// outputLock is held by the one praxis build that writes an output folder:
// a second build into the same folder waits for it, so that neither
// replaces the other's files halfway, nor records them as its own.
type outputLock struct {
	file *os.File
	path string
}

// lockRetry is how often a build that waits for another one checks
// whether that one has finished.
const lockRetry = 50 * time.Millisecond

// lockOutput takes the lock of the output folder out, waiting for the
// build that holds it, if any, until ctx is done. It calls waiting, when
// not nil, once if it has to wait. The lock is a file beside out, taken
// with an exclusive lock of the system where there is one (see lockFile),
// which the system lets go of when the process ends, however it ends.
func lockOutput(ctx context.Context, out string, waiting func(out string)) (*outputLock, error) {
	path := filepath.Join(filepath.Dir(out), ".praxis-lock-"+filepath.Base(out))
	for said := false; ; said = true {
		l, err := lockFile(path)
		if err != nil {
			return nil, fmt.Errorf("taking the lock %s of the output folder: %w", path, err)
		}
		if l != nil {
			return l, nil
		}
		if !said && waiting != nil {
			waiting(out)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockRetry):
		}
	}
}
