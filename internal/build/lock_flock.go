//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package build

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on the file at path, made when missing,
// and returns nil, nil when another process holds it. The file is removed
// when the lock is let go of; a process that locked it just before finds
// it is no longer the file at path and tries again, so two processes
// never both hold the lock.
func lockFile(path string) (*outputLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EAGAIN) {
			return nil, nil
		}
		return nil, err
	}
	held, err1 := f.Stat()
	now, err2 := os.Stat(path)
	if err1 != nil || err2 != nil || !os.SameFile(held, now) {
		f.Close() // removed by the build before: the next try takes the new file
		return lockFile(path)
	}
	return &outputLock{file: f, path: path}, nil
}

// release lets go of the lock and removes its file.
func (l *outputLock) release() {
	_ = os.Remove(l.path)
	l.file.Close()
}
