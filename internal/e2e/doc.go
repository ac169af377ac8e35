// Package e2e holds the browser tests of praxis. They stand at the very end
// of the pipeline (content → … → build → a reader's browser): most tests
// build the small workbook in testdata/site with the real build package and
// the built-in theme, open its pages from file:// in a headless Chromium
// (see internal/chrome/chrometest), and check what a reader sees and keeps:
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
//   - "My action steps" prints as a one-page plan of the typed steps,
//     without the screen's navigation;
//   - with JavaScript disabled, every page of the example workbook (the
//     repository's own content/) still shows every question, answer box,
//     scale choice, plan row, checklist item and navigation link, hides
//     nothing a script would have to reveal, and prints ruled lines
//     (nojs_test.go);
//   - every page of both editions of the example passes axe-core's
//     accessibility checks (axe_test.go), and every HTML file the Nu Html
//     Checker (validity_test.go);
//   - laid out for A4 and Letter, the printed review and session sheets keep
//     every word inside its table cell and the QR code off the session
//     details, number the review's steps with lines to write them on and
//     print none of the screen's wording; an action plan's cells grow with
//     their text, and on a phone the plan is one card per step and no page
//     scrolls sideways (sheets_test.go);
//   - a question that refers to another keeps the reference's words in All
//     prompts and in the downloaded answers;
//   - no page requests anything that is not a file of the site, or throws a
//     script error;
//   - in Chromium and in Firefox (firefox-esr through WebDriver BiDi), from
//     file:// and over http: answers typed on one page reach every other
//     page through the one store of the workbook (answers-store.html), two
//     tabs keep each other's answers, per-page and former-id answers move
//     into the store, a missing store falls back to the page's storage, a
//     full storage is reported when loading a file, the reminder to save
//     comes after 7 days, and a checklist item's words tick its box
//     (browsers_test.go, storage_test.go).
//
// The package has no code outside its tests. Without Chromium, Firefox (or
// poppler-utils for the print tests, axe-core or the Nu Html Checker for
// theirs) the tests skip, except when CI=true, where they fail.
package e2e
