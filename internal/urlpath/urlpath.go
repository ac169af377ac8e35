// Package urlpath turns the path of a file in the output folder, named as
// its source is, into the path of a URL: the one encoding of addresses
// that the pages' links, the sitemap, the scripts' lists and the
// development server's reload messages share, so that they all name a
// file the same way.
package urlpath

import "strings"

// Escape percent-encodes path p, slash-separated, for a URL: letters,
// digits, slashes and -._~!$&'()*+=:@ stay as they are; any other byte,
// of "%", "#", "?", ";", ",", spaces, controls and non-ASCII letters
// among them, becomes %XX. The result is a valid URL path (RFC 3986), and
// a browser decodes it back to p when it opens the file, on disk or from a
// web server.
func Escape(p string) string {
	n := 0
	for i := 0; i < len(p); i++ {
		if !keep(p[i]) {
			n++
		}
	}
	if n == 0 {
		return p
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(p)+2*n)
	for i := 0; i < len(p); i++ {
		if c := p[i]; keep(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

// keep reports whether byte c may stand as it is in a URL path.
func keep(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("/-._~!$&'()*+=:@", c) >= 0
}
