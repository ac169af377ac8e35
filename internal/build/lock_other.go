//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package build

import (
	"errors"
	"io/fs"
	"os"
)

// lockFile takes the lock at path by making the file, and returns nil, nil
// when the file is there: another build holds the lock. Without a lock of
// the system, a build that was killed leaves the file behind; it says
// which build made it, to be removed by hand.
func lockFile(path string) (*outputLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString("A praxis build is writing the output folder beside this file; if none is, remove this file.\n"); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return &outputLock{file: f, path: path}, nil
}

// release lets go of the lock and removes its file.
func (l *outputLock) release() {
	l.file.Close()
	_ = os.Remove(l.path)
}
