package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// TestPDFWearsTheBrand prints the branded workbook of the browser tests
// (internal/e2e/testdata/brand) and a chapter's handout, and reads the
// fonts of the PDFs back with poppler: the workbook's own font file, Open
// Sans, is embedded in both, as the reading text's font.
func TestPDFWearsTheBrand(t *testing.T) {
	chrometest.Require(t)
	requirePoppler(t)
	t.Parallel()
	dir := t.TempDir()
	book := filepath.Join(dir, "book.pdf")
	runPraxis(t, "pdf", "--source", "../e2e/testdata/brand", "--output", book)
	handout := filepath.Join(dir, "handout.pdf")
	runPraxis(t, "pdf", "--source", "../e2e/testdata/brand", "--handout", "1-start", "--output", handout)
	for _, file := range []string{book, handout} {
		if fonts := poppler(t, "pdffonts", file); !strings.Contains(fonts, "OpenSans") {
			t.Errorf("%s does not embed the brand's font Open Sans:\n%s", filepath.Base(file), fonts)
		}
	}
	if text := poppler(t, "pdftotext", book, "-"); !strings.Contains(text, "Brand test workbook") {
		t.Errorf("the book's text lacks its title:\n%.300s", text)
	}
}
