// Package e2e holds the browser tests of praxis. They stand at the very end
// of the pipeline (content → … → build → a reader's browser): each test
// builds the small workbook in testdata/site with the real build package and
// the built-in theme, opens its pages from file:// in a headless Chromium
// (see internal/chrome/chrometest), and checks what a reader sees and keeps:
//
//   - answers typed into prompts, scales, action plans and checklists are
//     saved in the browser and come back after a reload;
//   - "Download my answers" saves a Markdown file with every question in
//     reading order and the answers given;
//   - printing shows the typed answers in place of the empty ruled lines;
//   - "Clear my answers" asks first, then empties the fields and storage;
//   - no page requests anything from the network or throws a script error.
//
// The package has no code outside its tests. Without Chromium (or pdftotext
// for the print tests) the tests skip, except when CI=true, where they fail.
package e2e
