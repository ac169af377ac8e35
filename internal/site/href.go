package site

import "strings"

// Rel returns the relative address of the file to (a path from the site
// root, like "2-action/plan/index.html") as seen from a page whose folder is
// fromDir (like "1-agreements/goals/"), ready to write into an href (see
// Href). Links always name the file, because a folder link opened from disk
// shows a directory listing.
func Rel(fromDir, to string) string {
	if to == "" {
		to = "index.html"
	}
	if strings.HasSuffix(to, "/") {
		to += "index.html"
	}
	return Href(strings.Repeat("../", strings.Count(fromDir, "/")), to)
}

// Href returns the address of file, a path from the site root as it is
// named on disk, for a link that starts at root: "" or "../../" for a
// relative link, or the published address of the site, like
// "https://example.org/wb/". Each part of file is percent-encoded (see
// EscapePath), so names with #, ?, % or spaces reach their file. A link
// from the site root starts with "./", so that a first folder named like
// "javascript:alert(1)" is a folder, never a URL scheme.
func Href(root, file string) string {
	if root == "" {
		root = "./"
	}
	return root + EscapePath(file)
}

// EscapePath percent-encodes path p, slash-separated, for a URL: letters,
// digits, slashes and -._~!$&'()*+=:@ stay as they are; any other byte,
// of "%", "#", "?", ";", ",", spaces, controls and non-ASCII letters
// among them, becomes %XX. The result is a valid URL path (RFC 3986), and
// a browser decodes it back to p when it opens the file, on disk or from a
// web server.
func EscapePath(p string) string {
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
