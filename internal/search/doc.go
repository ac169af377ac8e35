// Package search makes the search index of an edition: search-index.js,
// which the theme's search script loads the first time a reader searches.
//
// The build reads a page for search from the same syntax tree it renders
// the page's print-book section from, in the same pass: Sections takes its
// searchable text, the text before the first heading and under each
// top-level heading, as the distinct words it holds (lower-case, without
// markup, code or raw HTML, and without the text of prompts, which the
// index lists by themselves), and a [Writer] adds the page to the index
// as the books are written, in reading order. So the index costs one walk
// of each tree, and a big workbook never holds it whole.
//
// Facilitator blocks are gone from a participant edition's syntax tree
// before Sections sees it, and facilitator pages are not loaded at all, so
// no facilitator text can reach a participant edition's index.
//
// # The file
//
// search-index.js is a script, not JSON, because a page opened from
// file:// may not fetch files; it sets window.praxisSearch to
//
//	{"workbook": id, "edition": name,
//	 "pages": [[url, title, chapter, words, [[id, heading, words], …], [[id, number, text], …]], …],
//	 "chapters": [title, …],
//	 "words": [word, …]}
//
// A page lists its file from the edition's root, its title, its chapter (an
// index into chapters, or -1 for a page outside the chapters and for a
// chapter's own page), the words of its top (with its description), its
// sections and its prompts. Words are listed by their numbers in base 36,
// separated by spaces: a number indexes "words", every distinct word of the
// edition in the order they first come. The script folds accents and case
// of words and queries alike, so "reflexion" finds "Réflexion".
package search
