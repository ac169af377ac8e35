// Package testshare keeps one costly thing, such as a browser, for all the
// tests of a package: made when the first test asks for it and closed
// once every test has run, through the package's TestMain.
package testshare

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// Runner runs a package's tests and returns their exit code: a
// [*testing.M], or a wrapper of one.
type Runner interface{ Run() int }

// One is a T that the tests of one test binary share. Make it with [New];
// its package's Sharing runs the tests through [One.Sharing].
type One[T any] struct {
	pkg   string  // the package that shares it, for the error when Sharing is not in use
	close func(T) // closes what start made

	mu      sync.Mutex
	sharing bool // Sharing is running the tests
	tried   bool // start has run
	v       T
	err     error
}

// New returns a One of package pkg (its Tab and Sharing name the error when
// a test asks for it outside Sharing) that close closes after the tests.
func New[T any](pkg string, close func(T)) *One[T] { return &One[T]{pkg: pkg, close: close} }

// runFunc is a Runner made of a func.
type runFunc func() int

func (f runFunc) Run() int { return f() }

// Sharing returns a Runner that runs the tests of m, during which Get
// works, and then closes the T if one was made.
func (o *One[T]) Sharing(m Runner) Runner {
	return runFunc(func() int {
		o.mu.Lock()
		o.sharing = true
		o.mu.Unlock()
		code := m.Run()
		o.mu.Lock()
		defer o.mu.Unlock()
		if o.tried && o.err == nil {
			o.close(o.v)
		}
		var zero T
		o.sharing, o.tried, o.v, o.err = false, false, zero, nil
		return code
	})
}

// Get returns the shared T, made by start on the first call; when start
// failed, every call returns its error. start must clean up after itself
// when it fails.
func (o *One[T]) Get(start func() (T, error)) (T, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.sharing {
		var zero T
		return zero, fmt.Errorf("%[1]s.Tab needs the package's TestMain to run the tests through %[1]s.Sharing", o.pkg)
	}
	if !o.tried {
		o.tried = true
		o.v, o.err = start()
	}
	return o.v, o.err
}

// RemoveAll removes dir, retrying for up to five seconds while a browser's
// processes that are still exiting write into it, and returns the last
// error.
func RemoveAll(dir string) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := os.RemoveAll(dir)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}
