package site

import (
	"strings"

	"github.com/praxis-workbooks/praxis/internal/urlpath"
)

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
// urlpath.Escape), so names with #, ?, % or spaces reach their file. A link
// from the site root starts with "./", so that a first folder named like
// "javascript:alert(1)" is a folder, never a URL scheme.
func Href(root, file string) string {
	if root == "" {
		root = "./"
	}
	return root + urlpath.Escape(file)
}
