package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis"
)

// TestPrintBookCoverAndContents builds the example's print book as a
// browser prints it, without page numbers: its contents list every
// chapter and page with no leader to a number nobody knows, and the cover
// names the workbook, its subtitle and author but not the day of the
// build, unless cover_date asks for it.
func TestPrintBookCoverAndContents(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }
	for _, coverDate := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		b := New(Options{Root: "../..", Output: out, Defaults: praxis.Defaults, Now: now})
		cfg, err := b.LoadConfig()
		if err != nil {
			t.Fatal(err)
		}
		cfg.CoverDate = coverDate
		if _, _, err := b.Write(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(out, "print", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		book := string(data)
		cover := book[strings.Index(book, `<section class="cover">`):strings.Index(book, `<nav class="print-toc"`)]
		for _, want := range []string{">From insight to action</h1>", ">A reflection workbook for coaches and their clients</p>", ">The praxis project</p>"} {
			if !strings.Contains(cover, want) {
				t.Errorf("cover_date %v: the cover lacks %q:\n%s", coverDate, want, cover)
			}
		}
		if got := strings.Contains(cover, "25 November 2026"); got != coverDate {
			t.Errorf("cover_date %v: the cover shows the build date: %v\n%s", coverDate, got, cover)
		}
		lines := regexp.MustCompile(`<li class="level-\d"><a href="#page-[^"]+"><span class="toc-title">[^<]+</span></a></li>`).FindAllString(book, -1)
		if len(lines) < 15 || strings.Contains(book, "toc-leader") || strings.Contains(book, "toc-page") {
			t.Errorf("cover_date %v: %d lines of contents with a title only; want every chapter and page, and no leader or page number", coverDate, len(lines))
		}
	}
}
