package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
	"github.com/praxis-workbooks/praxis/internal/pdf"
)

// requirePoppler skips without pdftotext and pdfinfo, or fails under CI.
func requirePoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not found: apt-get install -y poppler-utils", tool)
			}
			t.Skipf("%s not found: apt-get install -y poppler-utils", tool)
		}
	}
}

// runPraxis runs praxis with args in-process and returns what it wrote to
// stdout, failing the test unless it exits 0. praxis pdf prints in a tab
// of the browser the package's tests share (see chrometest.Sharing),
// where the praxis program would start a browser of its own.
func runPraxis(t *testing.T, args ...string) string {
	t.Helper()
	return runIn(t, func(stdout, stderr io.Writer) *env {
		return &env{stdout: stdout, stderr: stderr, getenv: os.Getenv, ctx: context.Background(),
			browser: func(context.Context, string) (context.Context, context.CancelFunc, error) {
				return chrometest.TabTimeout(t, printPatience), func() {}, nil
			}}
	}, args)
}

// runPraxisAlone is runPraxis with Main, whose praxis pdf starts and stops
// a browser of its own, as the praxis program does.
func runPraxisAlone(t *testing.T, args ...string) string {
	t.Helper()
	return runIn(t, func(stdout, stderr io.Writer) *env {
		return &env{stdout: stdout, stderr: stderr, getenv: os.Getenv, ctx: context.Background()}
	}, args)
}

// runIn runs praxis with args in the env that newEnv makes and returns
// what it wrote to stdout, failing the test unless it exits 0.
func runIn(t *testing.T, newEnv func(stdout, stderr io.Writer) *env, args []string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := newEnv(&stdout, &stderr).main(args); code != 0 {
		t.Fatalf("praxis %v: exit %d\n%s%s", args, code, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// printPatience is how long one praxis pdf of a test may use its tab: the
// whole example, printed three times on a busy machine, takes well under
// it.
const printPatience = 3 * time.Minute

func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// examplePrompts returns the text of every prompt of the example workbook,
// read from the prompt-index.js of the build in out.
func examplePrompts(t *testing.T, out string) []string {
	t.Helper()
	js, err := os.ReadFile(filepath.Join(out, "prompt-index.js"))
	if err != nil {
		t.Fatal(err)
	}
	var index struct {
		Prompts []struct{ Text string }
	}
	data := strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(string(js), "window.praxisPromptIndex = ")), ";")
	if err := json.Unmarshal([]byte(data), &index); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range index.Prompts {
		texts = append(texts, strings.Join(strings.Fields(p.Text), " "))
	}
	if len(texts) < 30 {
		t.Fatalf("only %d prompts in the example", len(texts))
	}
	return texts
}

// TestPDFOfExample prints the example workbook four ways, which pair
// each paper size (A4, Letter), edition and duplex setting with each of
// the others' values at least once. Each print runs in parallel with the
// others and is read back with poppler once for all its checks: page size,
// metadata, every prompt, the facilitator's notes and the "Facilitator
// edition" mark on every page of that edition only; the contents and
// every reference name the page their title or question is on (blank
// pages counted); with duplex, every chapter starts on a front (odd) page
// after blank pages that hold nothing; and the A4 participant print's
// bookmarks point to their pages.
func TestPDFOfExample(t *testing.T) {
	chrometest.Require(t)
	requirePoppler(t)
	duplex := duplexExample(t)
	built := filepath.Join(t.TempDir(), "site")
	runPraxis(t, "build", "--source", "../..", "--output", built)
	prompts := examplePrompts(t, built)
	contents := map[string][]string{}
	for _, source := range []string{"../..", duplex} {
		for _, edition := range []string{"participant", "facilitator"} {
			contents[source+" "+edition] = exampleContents(t, source, edition)
		}
	}
	dir := t.TempDir()
	cases := []struct {
		name, paper, edition, size string
		duplex                     bool
	}{
		{"a4.pdf", "A4", "participant", "594.96 x 841.92", false},
		{"letter-facilitator.pdf", "Letter", "facilitator", "612 x 792", false},
		{"duplex-a4-facilitator.pdf", "A4", "facilitator", "594.96 x 841.92", true},
		{"duplex-letter.pdf", "Letter", "participant", "612 x 792", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			source := "../.."
			if c.duplex {
				source = duplex
			}
			file := filepath.Join(dir, c.name)
			out := runPraxis(t, "pdf", "--source", source, "--paper", c.paper, "--edition", c.edition, "--output", file)
			if !strings.Contains(out, "Wrote "+file) {
				t.Errorf("got %q", out)
			}
			info := poppler(t, "pdfinfo", file)
			if !strings.Contains(info, c.size+" pts") || !strings.Contains(info, "Author:          The praxis project") {
				t.Errorf("pdfinfo:\n%s", info)
			}
			pages := pdfPages(t, file)
			checkExampleText(t, file, prompts, c.edition == "facilitator")
			checkEditionMark(t, pages, c.edition == "facilitator", c.duplex)
			want := contents[source+" "+c.edition]
			t.Run("contents", func(t *testing.T) { checkContents(t, pages, want) })
			t.Run("references", func(t *testing.T) { checkReferences(t, pages) })
			if c.duplex {
				t.Run("chapters", func(t *testing.T) { checkChapterPages(t, pages, want) })
			}
			if c.name == "a4.pdf" {
				t.Run("bookmarks", func(t *testing.T) { checkBookmarks(t, file, pages) })
			}
		})
	}
}

// checkExampleText checks the words of a print of the example: page
// numbers, two questions, every prompt, a plausible number of pages, and
// the facilitator's notes in the facilitator edition only.
func checkExampleText(t *testing.T, file string, prompts []string, facilitator bool) {
	t.Helper()
	raw := poppler(t, "pdftotext", file, "-")
	text := strings.Join(strings.Fields(raw), " ")
	for _, want := range []string{"Page 2 of", "What would you like to talk about today", "How clear is your goal today"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// A question that refers to another shows the page of that one too.
	withoutPages := pageRef.ReplaceAllString(text, "")
	for _, p := range prompts {
		if !strings.Contains(withoutPages, p) {
			t.Errorf("PDF text lacks the prompt %q", p)
		}
	}
	if pages := strings.Count(raw, "\f"); pages < 15 || pages > 60 {
		t.Errorf("%d pages: implausible for the example", pages)
	}
	facilitatorText := "Run the practice rounds in trios of coach, client and observer"
	if got := strings.Contains(text, facilitatorText); got != facilitator {
		t.Errorf("facilitator text present = %v in the print (facilitator edition: %v)", got, facilitator)
	}
}

// pageRef is the page number a printed reference adds.
var pageRef = regexp.MustCompile(` \(page \d+\)`)

// checkEditionMark checks that every page says "Facilitator edition", in
// its header or, on the cover, under the title, when want is true, and
// that no page says it otherwise. With duplex, the blank pages before
// chapters are left out: they hold nothing (see checkChapterPages).
func checkEditionMark(t *testing.T, pages []string, want, duplex bool) {
	t.Helper()
	var wrong []string
	for i, p := range pages {
		if duplex && strings.TrimSpace(p) == "" {
			continue
		}
		if strings.Contains(p, "Facilitator edition") != want {
			wrong = append(wrong, strconv.Itoa(i+1))
		}
	}
	switch {
	case len(wrong) > 0 && want:
		t.Errorf("pages %s of %d lack \"Facilitator edition\"", strings.Join(wrong, ", "), len(pages))
	case len(wrong) > 0:
		t.Errorf("pages %s of %d say \"Facilitator edition\" in the participant edition", strings.Join(wrong, ", "), len(pages))
	}
}

// checkBookmarks reads the outline of the printed example: the home page
// and the five chapters at the top, each chapter's pages under it, and
// under each page its prompts, titled by their number and words; every
// bookmark points to the page that shows its title or question.
func checkBookmarks(t *testing.T, file string, pages []string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := pdf.Outline(data)
	if err != nil {
		t.Fatal(err)
	}
	var top, outline []string
	prompts := 0
	for _, e := range entries {
		outline = append(outline, strings.Repeat("  ", e.Level-1)+e.Title)
		switch {
		case e.Level == 1:
			top = append(top, e.Title)
		case bookmarkPrompt.MatchString(e.Title):
			prompts++
			number := strings.Fields(e.Title)[0]
			if e.Page == 0 || !strings.Contains(pages[e.Page-1], questionLabel+number) {
				t.Errorf("bookmark %q points to page %d, which lacks question %s", e.Title, e.Page, number)
			}
		}
	}
	wantTop := []string{"From insight to action", "Agreements and clarity", "Noticing insight", "Designing action", "Session sheets", "Reflections for coaches"}
	if !reflect.DeepEqual(top, wantTop) {
		t.Errorf("top-level bookmarks %q; want %q", top, wantTop)
	}
	for _, want := range []string{
		"Agreements and clarity", "  What we agree at the start", "    1.1 What would you like to talk about today?",
		"Designing action", "  Designing an intentional action step", "    3.1 What is the smallest step you could take this week?",
		"    3.2 Write up to three steps. Keep each one small enough that…",
	} {
		if !slices.Contains(outline, want) {
			t.Errorf("the outline lacks %q:\n%s", want, strings.Join(outline, "\n"))
		}
	}
	if prompts < 35 || slices.ContainsFunc(outline, func(s string) bool { return strings.Contains(s, "Prompt ") }) {
		t.Errorf("%d prompt bookmarks; want every prompt, titled by its words:\n%s", prompts, strings.Join(outline, "\n"))
	}
}

// bookmarkPrompt is the bookmark of a prompt, its number and words, at
// the third level.
var bookmarkPrompt = regexp.MustCompile(`^\d+\.\d+ \S`)

// checkContents checks every line of the printed contents: each chapter and
// page is listed with a number, and the number is the page on which
// pdftotext finds the title as a heading. The home page shares its title
// with the cover, and "Supporting action without creating dependency" wraps
// onto two lines on A4, which Chromium's bookmark for it does not show as a
// space.
func checkContents(t *testing.T, pages, want []string) {
	got := contentsLines(t, pages)
	if len(got) != len(want) {
		t.Fatalf("the printed contents have %d lines; want %d: %q", len(got), len(want), want)
	}
	checked := map[string]bool{}
	for i, line := range got {
		if line.title != want[i] || line.page == 0 {
			t.Errorf("contents line %d = %q, page %d; want %q with a page number", i+1, line.title, line.page, want[i])
			continue
		}
		title := chapterNumber.ReplaceAllString(line.title, "")
		if found := headingPage(pages, 2, title); found != line.page {
			t.Errorf("contents list %q on page %d; pdftotext finds it as a heading on page %d", title, line.page, found)
			continue
		}
		checked[title] = true
	}
	for _, title := range []string{"From insight to action", "Supporting action without creating dependency", "Aligning steps with values", "Designing action"} {
		if !checked[title] {
			t.Errorf("the page number of %q was not confirmed", title)
		}
	}
}

// questionLabel is how a printed question's number starts: "QUESTION 2.3"
// (print.css sets it in capitals).
const questionLabel = "QUESTION "

// promptRef is a printed reference to a prompt: a link of its own words
// followed by the question's number and page, or an empty link, which
// quotes the question after its number, followed by the page.
var promptRef = regexp.MustCompile(`\(question (\d+\.\d+)(?:, page (\d+))?\)|(\d+\.\d+) “[^”]+” \(page (\d+)\)`)

// checkReferences checks that the link to the workbook's last page, which
// comes after the wrapped title, names that page, and that every reference
// to a prompt names the page the prompt is on.
func checkReferences(t *testing.T, pages []string) {
	text := strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
	page := headingPage(pages, 2, "Aligning steps with values")
	if want := "Continue with aligning steps with values (page " + strconv.Itoa(page) + ")."; page == 0 || !strings.Contains(text, want) {
		t.Errorf("the print lacks %q", want)
	}
	refs := promptRef.FindAllStringSubmatch(text, -1)
	quoted := 0
	for _, m := range refs {
		number, page := m[1], m[2]
		if m[3] != "" {
			number, page = m[3], m[4]
			quoted++
		}
		n, _ := strconv.Atoi(page)
		if n == 0 || n > len(pages) || !strings.Contains(pages[n-1], questionLabel+number) {
			t.Errorf("reference %q: question %s is not on the page it names", m[0], number)
		}
	}
	if len(refs) < 5 || quoted < 3 {
		t.Fatalf("only %d references to prompts in the print, %d quoting the question: %q", len(refs), quoted, refs)
	}
}

// chapterNumber is the "3. " before a chapter's title in the contents.
var chapterNumber = regexp.MustCompile(`^\d+\. `)

// exampleContents returns the titles of the print-book contents of the
// workbook at source, in edition, as the built print/index.html lists them.
func exampleContents(t *testing.T, source, edition string) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	runPraxis(t, "build", "--source", source, "--edition", edition, "--output", out)
	if edition == "facilitator" {
		out = filepath.Join(out, "facilitator") // never the output folder itself
	}
	book, err := os.ReadFile(filepath.Join(out, "print", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, m := range regexp.MustCompile(`<span class="toc-title">(.*?)</span>`).FindAllStringSubmatch(string(book), -1) {
		titles = append(titles, html.UnescapeString(m[1]))
	}
	if len(titles) < 15 {
		t.Fatalf("only %d lines in the example's contents", len(titles))
	}
	return titles
}

// pdfPages returns the text of each page of a PDF, laid out by pdftotext.
func pdfPages(t *testing.T, file string) []string {
	t.Helper()
	pages := strings.Split(poppler(t, "pdftotext", "-layout", file, "-"), "\f")
	return pages[:len(pages)-1] // the text ends with a form feed
}

// tocLine is a line of the printed contents: a title and its page number,
// 0 when the line has none.
type tocLine struct {
	title string
	page  int
}

var (
	tocNumbered = regexp.MustCompile(`^(.*\S)\s+(\d+)$`)
	pageFooter  = regexp.MustCompile(`^Page \d+ of \d+$`)
)

// contentsLines reads the lines of the contents page, the page that starts
// with "Contents" (after the facilitator edition's mark), without its
// heading and footer.
func contentsLines(t *testing.T, pages []string) []tocLine {
	t.Helper()
	for _, p := range pages {
		p = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p), "Facilitator edition"))
		lines := strings.Split(p, "\n")
		if lines[0] != "Contents" {
			continue
		}
		var toc []tocLine
		for _, l := range lines[1:] {
			l = strings.TrimSpace(l)
			if l == "" || pageFooter.MatchString(l) {
				continue
			}
			line := tocLine{title: strings.Join(strings.Fields(l), " ")}
			if m := tocNumbered.FindStringSubmatch(l); m != nil {
				line.title = strings.Join(strings.Fields(m[1]), " ")
				line.page, _ = strconv.Atoi(m[2])
			}
			toc = append(toc, line)
		}
		return toc
	}
	t.Fatal("no page of the PDF starts with Contents")
	return nil
}

// headingPage returns the 1-based number of the first page after the first
// skip pages on which title stands on a line of its own, or on two lines
// in a row, as a wrapped heading does; 0 if there is none.
func headingPage(pages []string, skip int, title string) int {
	for i := skip; i < len(pages); i++ {
		lines := strings.Split(pages[i], "\n")
		for j, l := range lines {
			l = strings.TrimSpace(l)
			if l == title || j+1 < len(lines) && l+" "+strings.TrimSpace(lines[j+1]) == title {
				return i + 1
			}
		}
	}
	return 0
}

// duplexExample copies the example workbook to a temporary folder with
// duplex: true added to its settings, and returns the folder.
func duplexExample(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	yaml, err := os.ReadFile("../../praxis.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yaml = append(bytes.TrimRight(yaml, "\n"), "\nduplex: true\n"...)
	if err := os.WriteFile(filepath.Join(root, "praxis.yaml"), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// checkChapterPages checks that each chapter of the contents want starts on
// an odd page, and that the pages without a page number but the cover are
// empty and come just before a chapter. The example's first chapter would
// start on page 4, so there is at least one.
func checkChapterPages(t *testing.T, pages, want []string) {
	t.Helper()
	starts := map[int]bool{}
	for _, line := range want {
		if !chapterNumber.MatchString(line) {
			continue
		}
		title := chapterNumber.ReplaceAllString(line, "")
		n := headingPage(pages, 2, title)
		if n%2 == 0 {
			t.Errorf("chapter %q starts on page %d, a left-hand page", title, n)
		}
		starts[n] = true
	}
	blanks := 0
	for i, p := range pages[1:] {
		n := i + 2
		if strings.Contains(p, "Page "+strconv.Itoa(n)+" of") {
			continue
		}
		blanks++
		if strings.TrimSpace(p) != "" || !starts[n+1] {
			t.Errorf("page %d has no page number but is not an empty page before a chapter: %q", n, p)
		}
	}
	if blanks == 0 {
		t.Errorf("no blank page in %d pages", len(pages))
	}
}

// TestPDFWithoutBrowserGivesInstallHint runs praxis pdf where no browser
// can be found: it exits 1, says how to install one and writes nothing.
func TestPDFWithoutBrowserGivesInstallHint(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("PRAXIS_CHROME", "")
	out := filepath.Join(t.TempDir(), "wb.pdf")
	var stdout, stderr bytes.Buffer
	code := Main([]string{"pdf", "--source", "../..", "--output", out}, &stdout, &stderr)
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	if want := "no Chromium or Chrome found; install one (Debian/Ubuntu: sudo apt-get install chromium"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", stderr.String(), want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a PDF was written without a browser")
	}
}

// TestPDFHandouts prints one chapter as a handout, with a browser of its
// own as the praxis program does; the handout of one page is checked by
// TestPDFHandoutKeepsTheWorkbookPDF, which prints it.
func TestPDFHandouts(t *testing.T) {
	chrometest.Require(t)
	requirePoppler(t)
	t.Parallel()
	chapter := filepath.Join(t.TempDir(), "chapter.pdf")
	runPraxisAlone(t, "pdf", "--source", "../..", "--handout", "2-insight", "--output", chapter)
	chapterText := strings.Join(strings.Fields(poppler(t, "pdftotext", chapter, "-")), " ")
	for _, title := range []string{"Noticing an insight", "Trying another perspective", "The learning cycle"} {
		if !strings.Contains(chapterText, title) {
			t.Errorf("chapter handout lacks %q", title)
		}
	}
	if strings.Contains(chapterText, "Designing an intentional action step") {
		t.Error("chapter handout holds a page of another chapter")
	}
	checkOutline(t, chapter, []string{"Noticing insight", "  Noticing an insight", "    2.1 What did you notice or realise today? Write it in your…",
		"    2.2 Why does this matter to you now, and not a year ago?", "  Trying another perspective"}, 11)
}

// checkPageHandout checks the handout of the first session's page: that
// page only, and its bookmarks.
func checkPageHandout(t *testing.T, file string) {
	t.Helper()
	pageText := strings.Join(strings.Fields(poppler(t, "pdftotext", file, "-")), " ")
	if !strings.Contains(pageText, "First session") || strings.Contains(pageText, "Noticing an insight") {
		t.Errorf("page handout holds the wrong pages: %.300s", pageText)
	}
	checkOutline(t, file, []string{"First session", "  4.1 Today I would like to talk about… and by the end I would…",
		"  4.2 How clear is your goal right now?"}, 7)
}

// checkOutline checks that the outline of a handout starts with the lines
// want, titles indented two spaces a level, and has n bookmarks.
func checkOutline(t *testing.T, file string, want []string, n int) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := pdf.Outline(data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, strings.Repeat("  ", e.Level-1)+e.Title)
	}
	if len(got) < len(want) || !reflect.DeepEqual(got[:len(want)], want) || len(got) != n {
		t.Errorf("outline of %s:\n%s\nwant %d bookmarks, starting with:\n%s", filepath.Base(file), strings.Join(got, "\n"), n, strings.Join(want, "\n"))
	}
}

// TestPDFHandoutKeepsTheWorkbookPDF checks that a handout printed without
// --output holds its page (see checkPageHandout) and is named after its
// address, next to the whole workbook's PDF,
// which it leaves alone; that printing it again does not replace it; and
// that --force does.
func TestPDFHandoutKeepsTheWorkbookPDF(t *testing.T) {
	chrometest.Require(t)
	requirePoppler(t)
	source, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	standIn := []byte("%PDF-1.4 the whole workbook, printed earlier\n")
	writeFile(t, "from-insight-to-action.pdf", string(standIn))
	runPraxis(t, "pdf", "--source", source, "--handout", "4-sessions/first-session")
	const handout = "from-insight-to-action-4-sessions-first-session.pdf"
	checkPageHandout(t, handout)
	if got, _ := os.ReadFile("from-insight-to-action.pdf"); !bytes.Equal(got, standIn) {
		t.Error("printing a handout changed the whole workbook's PDF")
	}
	writeFile(t, handout, string(standIn))
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"pdf", "--source", source, "--handout", "4-sessions/first-session"}, &stdout, &stderr); code != ExitError ||
		!strings.Contains(stderr.String(), "use --force to replace it") {
		t.Errorf("printing over an existing PDF: exit %d, %q; want 1 and a hint at --force", code, stderr.String())
	}
	runPraxis(t, "pdf", "--source", source, "--handout", "4-sessions/first-session", "--force")
	if got, _ := os.ReadFile(handout); bytes.Equal(got, standIn) {
		t.Error("--force did not replace the PDF")
	}
}
