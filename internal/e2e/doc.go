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
//   - steps typed into an action plan come back in the review of a later
//     page and, with the status marked there, on "My action steps", which
//     exports them as Markdown and as a calendar file checked against
//     RFC 5545 (ics_test.go);
//   - "Save all my answers" and "Load answers" carry every answer to another
//     browser, show what would change, keep answers of removed prompts, and
//     refuse damaged, foreign and newer files without changing anything;
//   - the sidebar and the start page count the answered prompts;
//   - no page requests anything from the network or throws a script error.
//
// The package has no code outside its tests. Without Chromium (or pdftotext
// for the print tests) the tests skip, except when CI=true, where they fail.
package e2e
