package build

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchangeFolders swaps the folders a and b in one step, so that neither
// path is ever missing.
func exchangeFolders(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return errNoExchange // an old kernel, or a file system without it
	}
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}
