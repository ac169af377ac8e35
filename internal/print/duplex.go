package print

import "slices"

// Printed on both sides (duplex: true), a book's front pages are its odd
// pages (right-hand pages in a left-to-right book, left-hand ones in a
// right-to-left book, which is bound on the right), and each chapter
// should start on one. Chromium prints
// break-before: right as a plain page break, so the print book puts an
// empty page before each chapter that would otherwise start on an even
// page. Where that is depends on page numbers, which only praxis pdf knows
// (see Options.PageNumbers); a book printed from the browser has no blank
// pages.
//
// Page numbers come in two kinds. Natural numbers are those of the book
// printed without blank pages; the build takes them and decides the blanks
// from them with Blanks. Printed numbers count the blank pages too
// (AddBlanks); they are what the book prints and what praxis pdf reads
// back from a print, and RemoveBlanks turns them into natural ones again.
// Blank pages do not move anything else, since every chapter starts on a
// new page anyway.

// Blanks returns, in reading order, the chapter starts that get an empty
// page before them so that every chapter begins on an odd page. starts
// lists the anchors of the chapters' first sections in reading order (see
// ChapterStarts); natural gives the page each section starts on
// in the book printed without blank pages. A chapter whose page is not
// known gets no blank page.
func Blanks(starts []string, natural map[string]int) []string {
	var blanks []string
	for _, anchor := range starts {
		n := natural[anchor]
		if n > 0 && (n+len(blanks))%2 == 0 {
			blanks = append(blanks, anchor)
		}
	}
	return blanks
}

// AddBlanks returns the natural page numbers as printed with an empty page
// before each of the blanks' chapters: each section moves on by the
// blank pages before it.
func AddBlanks(natural map[string]int, blanks []string) map[string]int {
	return shiftPages(natural, blanks, 1)
}

// RemoveBlanks undoes AddBlanks: it returns the natural page numbers of a
// book whose printed numbers are printed, with an empty page before each
// of the blanks' chapters.
func RemoveBlanks(printed map[string]int, blanks []string) map[string]int {
	return shiftPages(printed, blanks, -1)
}

// shiftPages moves each page number by sign for every blank whose chapter
// starts on that page or before it, in pages' own numbering: a chapter
// starts a new page, so the sections before it start on earlier pages and
// its own and later sections on the same page or later ones.
func shiftPages(pages map[string]int, blanks []string, sign int) map[string]int {
	if len(blanks) == 0 {
		return pages
	}
	var at []int // the pages the blanks' chapters start on, ascending
	for _, anchor := range blanks {
		if n := pages[anchor]; n > 0 {
			at = append(at, n)
		}
	}
	slices.Sort(at)
	shifted := make(map[string]int, len(pages))
	for anchor, n := range pages {
		before, _ := slices.BinarySearch(at, n+1) // how many are at most n
		shifted[anchor] = n + sign*before
	}
	return shifted
}
