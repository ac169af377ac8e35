// Package praxis holds the default templates, theme and scaffolds that are
// built into the praxis binary. A workbook's own templates/ and themes/
// folders override these file by file; see internal/layout.
package praxis

import "embed"

// Defaults holds templates/ and themes/ as shipped with praxis.
//
//go:embed templates themes
var Defaults embed.FS
