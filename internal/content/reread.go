package content

import "io/fs"

// ReadPage reads one page source as Load does, for a rebuild that knows
// which file changed. The page has no place in a workbook yet: its Chapter
// is nil.
func ReadPage(fsys fs.FS, file string) (*Page, error) { return readPage(fsys, file) }
