//go:build !linux

package build

// exchangeFolders would swap two folders in one step; here it cannot.
func exchangeFolders(a, b string) error { return errNoExchange }
