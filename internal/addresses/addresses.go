// Package addresses lists the addresses praxis writes itself in every
// edition of a workbook: the files it makes besides the pages, assets and
// redirects, and the folders it fills. It is the one list of them:
// package content refuses sources published at one of them, and package
// build writes its files there (a test of build checks that it writes
// nowhere else).
package addresses

// The files praxis makes in every edition, from the edition's folder.
const (
	PromptBank   = "prompts/index.html" // the All prompts page
	ActionsPage  = "actions/index.html" // the My action steps page
	PrintBook    = "print/index.html"   // the whole-workbook print book
	NotFound     = "404.html"
	Sitemap      = "sitemap.xml"
	Prompts      = "prompts.js"      // the prompts the answers script reads
	PromptIndex  = "prompt-index.js" // the prompts' details for downloads
	AnswersStore = "answers-store.html"
	SearchIndex  = "search-index.js"
	Marker       = ".praxis-output" // marks an output folder praxis made
	// ThemeDir is the top-level folder of the theme's files.
	ThemeDir = "theme"
)

// Handout is the address of the handout of the chapter in folder dir
// (like "2-insight"): all its pages on one page to print.
func Handout(dir string) string { return dir + "/print.html" }

// Files returns the files praxis makes in every edition with what each
// is, as messages name it.
func Files() map[string]string {
	return map[string]string{
		PromptBank:   "the All prompts page",
		ActionsPage:  "the My action steps page",
		PrintBook:    "the print book",
		NotFound:     "the page shown at a missing address",
		Sitemap:      "the sitemap",
		Prompts:      "the list of prompts the answers script reads",
		PromptIndex:  "the prompts' details the answers script reads for downloads",
		AnswersStore: "the page that keeps the answers of all pages in the browser",
		SearchIndex:  "the search index the search box reads",
		Marker:       "the mark of an output folder it made",
	}
}

// Dirs returns the top-level folders praxis fills, with what they hold.
func Dirs() map[string]string {
	return map[string]string{ThemeDir: "the theme's files"}
}
