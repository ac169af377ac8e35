package layout

import "html/template"

// The views of the pages build writes besides content pages: each embeds
// the frame every page shares (View) and adds what its layout lists.

// BankView is the data of the all-prompts page.
type BankView struct {
	*View
	Bank []BankChapter
}

// BankChapter is a chapter's prompts on the all-prompts page.
type BankChapter struct {
	Number  string
	Title   string
	Prompts []BankPrompt
}

// BankPrompt is one line of the all-prompts page.
type BankPrompt struct {
	ID, Number, Text, URL, Page string
}

// AliasView is the data of a redirect page.
type AliasView struct {
	*View
	Target string
}

// ActionsView is the data of the actions page. The steps themselves live in
// the reader's browser, so the page lists the workbook's action plans and
// the answers script gathers what was typed into them.
type ActionsView struct {
	*View
	Plans []ActionPlan
}

// ActionPlan is an actions block of the workbook as the actions page lists
// it.
type ActionPlan struct {
	ID, Number, Text string
	Page             string // title of the page it is on
	URL              string // relative to the actions page
	File             string // from the site root, like "3-action/steps/index.html#first-plan"
	When             int    // 1-based column holding the steps' dates; 0 when none does
	Reviews          string // ids of the reviews that look back at it, in reading order, space-separated
}

// PrintView is the data of the print
type PrintView struct {
	*View
	Cover bool // the whole book: a cover and a table of contents
	// Sections are the book's pages in reading order. They arrive while
	// the book renders, so a layout can range over them only once.
	Sections <-chan PrintSection
	PrintTOC []PrintTOCEntry
}

// PrintSection is one page of the workbook inside a book.
type PrintSection struct {
	Anchor       string // id of the section, like "page-2-action-plan"
	Title        string
	TitleID      string // the id of the title in the book, when the page's own first heading was its title
	ChapterLabel string
	ChapterStart bool // a chapter's first page: starts on a new page
	BlankBefore  bool // an empty page comes first, so that the chapter starts on a front (odd) page (see Blanks)
	Chapter      int
	Session      *Session
	Body         template.HTML
	QR           template.HTML // a QR code of the page's web address, when base_url is set
	WebURL       string
}

// PrintTOCEntry is a line of the printed table of contents.
type PrintTOCEntry struct {
	Level      int
	Number     string
	Title      string
	URL        string
	PageNumber string
}
