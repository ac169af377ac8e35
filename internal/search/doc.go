// Package search makes the search index of an edition: search-index.js,
// which the theme's search script loads the first time a reader searches.
//
// It sits beside site in the pipeline. When a page is parsed, Sections
// takes its searchable text from the syntax tree: the text before the first
// heading and under each top-level heading, as the distinct words it holds
// (lower-case, without markup, code or raw HTML, and without the text of
// prompts, which the index lists by themselves). The site keeps that with
// the page's summary, so a page is read for search once per change, like
// its links and ids. The build then assembles an [Index] from every page
// of the edition and its prompts, and [Index.Script] writes it.
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
//	 "chapters": [title, …],
//	 "words": [word, …],
//	 "pages": [[url, title, chapter, words, [[id, heading, words], …]], …],
//	 "prompts": [[page, id, number, text], …]}
//
// url is the page's file from the edition's root; chapter indexes chapters,
// or is -1 for a page outside the chapters and for a chapter's own page;
// page indexes pages. The words of a page's top (with its description) and
// of each heading's section are listed by their numbers in base 36,
// separated by spaces: a number indexes "words", every distinct word of
// the edition, the most frequent first. The script folds accents and case
// of words and queries alike, so "reflexion" finds "Réflexion".
package search
