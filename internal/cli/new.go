package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/folder"
	"github.com/praxis-workbooks/praxis/internal/i18n"
	"github.com/praxis-workbooks/praxis/internal/layout"
	"github.com/praxis-workbooks/praxis/internal/scaffold"
)

func runNew(e *env, args []string) int {
	fs := e.newFlags("new", `new page|prompts|session "Title" [--in CHAPTER] [--source DIR] [--language LANG]`)
	source := fs.String("source", "", "the workbook folder (default: the one holding the current folder)")
	in := fs.String("in", "", "the chapter folder under content/ to add the page to (default: the current one)")
	language := fs.String("language", "", "the language of the page's words, like de (default: the workbook's language: in praxis.yaml)")
	if code, ok := parse(fs, reorder(args)); !ok {
		return code
	}
	if fs.NArg() != 2 {
		fmt.Fprintf(e.stderr, "praxis new: give a kind and a title, like: praxis new session \"First session\"\n")
		return ExitUsage
	}
	kind, title := fs.Arg(0), strings.TrimSpace(fs.Arg(1))
	if !slices.Contains(scaffold.Kinds, kind) {
		msg := fmt.Sprintf("praxis new: unknown kind %q; kinds are %s", kind, strings.Join(scaffold.Kinds, ", "))
		if s := diag.Suggest(kind, scaffold.Kinds); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		fmt.Fprintln(e.stderr, msg)
		return ExitUsage
	}
	if title == "" {
		fmt.Fprintln(e.stderr, "praxis new: the title is empty")
		return ExitUsage
	}
	root, err := findRoot(*source)
	if err != nil {
		fmt.Fprintf(e.stderr, "praxis new: %v\n", err)
		return ExitUsage
	}
	chapter, err := chapterFor(root, *in)
	if err != nil {
		fmt.Fprintf(e.stderr, "praxis new: %v\n", err)
		return ExitUsage
	}
	src := folder.New(root)
	// The page goes where praxis reads it back: never through a link
	// to a folder outside the workbook.
	if err := src.Check(content.Dir + "/" + chapter); err != nil {
		return e.report(err)
	}
	if *language != "" {
		if err := checkLanguage(*language); err != nil {
			fmt.Fprintf(e.stderr, "praxis new: %v\n", err)
			return ExitUsage
		}
	} else {
		cfg, err := config.Load(src)
		if err != nil {
			return e.report(err)
		}
		*language = cfg.Language
	}
	layers := layout.Layers{Site: src, Defaults: praxis.Defaults}
	data, err := scaffold.Render(layers, kind+".md", scaffold.NewData(title, *language))
	if err != nil {
		return e.report(err)
	}
	path := filepath.Join(root, content.Dir, chapter, scaffold.FileName(title))
	if err := scaffold.Create(path, data); err != nil {
		return e.report(err)
	}
	fmt.Fprintf(e.stdout, "Created %s\n", displayFile(path))
	return ExitOK
}

// reorder moves flags after the positional arguments to the front, so
// "praxis new session "Title" --in 2-action" works as people type it.
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && slices.Contains([]string{"--in", "-in", "--source", "-source", "--language", "-language"}, a) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(flags, rest...)
}

// findRoot returns the workbook folder: source if given, else the nearest
// folder at or above the current one that holds content/ or praxis.yaml.
func findRoot(source string) (string, error) {
	if source != "" {
		return filepath.Abs(source)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		for _, marker := range []string{content.Dir, config.FileName} {
			if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
				return dir, nil
			}
		}
		if filepath.Dir(dir) == dir {
			return "", errors.New("this folder is not inside a workbook (no content/ folder or praxis.yaml above it); run praxis init first, or pass --source")
		}
	}
}

// chapterFor picks the chapter folder: the --in flag, else the chapter the
// current folder is in.
func chapterFor(root, in string) (string, error) {
	chapters := listChapters(root)
	if in != "" {
		return chapterFlag(in, chapters)
	}
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(filepath.Join(root, content.Dir), wd); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel), nil
	}
	return "", fmt.Errorf("say which chapter to add the page to with --in (one of: %s)", strings.Join(chapters, ", "))
}

// chapterFlag checks the --in flag: it names a chapter, an existing folder
// directly under content/ (with or without the content/ in front).
func chapterFlag(in string, chapters []string) (string, error) {
	name := strings.TrimPrefix(filepath.ToSlash(filepath.Clean(in)), content.Dir+"/")
	if strings.Contains(name, "/") || name == "." || name == ".." || filepath.IsAbs(in) {
		return "", fmt.Errorf("--in %s must name a chapter, a folder directly under content/, like %s", in, example(chapters))
	}
	if !slices.Contains(chapters, name) {
		return "", fmt.Errorf("there is no chapter %q; chapters are %s (create the folder first for a new chapter)", name, strings.Join(chapters, ", "))
	}
	return name, nil
}

// example names a chapter for a message.
func example(chapters []string) string {
	if len(chapters) == 0 {
		return "1-getting-started"
	}
	return chapters[0]
}

func listChapters(root string) []string {
	entries, _ := os.ReadDir(filepath.Join(root, content.Dir))
	var out []string
	for _, en := range entries {
		if en.IsDir() && !strings.HasPrefix(en.Name(), ".") && !strings.HasPrefix(en.Name(), "_") {
			out = append(out, en.Name())
		}
	}
	return out
}

func displayFile(p string) string {
	return strings.TrimSuffix(displayPath(p), string(filepath.Separator))
}

func runInit(e *env, args []string) int {
	fs := e.newFlags("init", `init DIR [--title "Title"] [--language LANG]`)
	title := fs.String("title", "", "the workbook's title (default: made from the folder name)")
	language := fs.String("language", "en", "the workbook's language, like de: of its interface words and first pages")
	if code, ok := parse(fs, reorderInit(args)); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "praxis init: give the folder for the new workbook, like: praxis init my-workbook")
		return ExitUsage
	}
	dir := fs.Arg(0)
	if *title == "" {
		*title = titleFromDir(dir)
	}
	if err := checkLanguage(*language); err != nil {
		fmt.Fprintf(e.stderr, "praxis init: %v\n", err)
		return ExitUsage
	}
	if err := initWorkbook(dir, *title, *language); err != nil {
		return e.report(err)
	}
	fmt.Fprintf(e.stdout, "Created a workbook in %s\nNext: cd %s && praxis serve\n", dir, dir)
	return ExitOK
}

func reorderInit(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") {
			flags = append(flags, args[i])
			if !strings.Contains(args[i], "=") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, args[i])
	}
	return append(flags, rest...)
}

// initWorkbook writes a new workbook: config, home page, one chapter with a
// prompts page and a session sheet. Nothing existing is touched.
func initWorkbook(dir, title, language string) error {
	for _, f := range []string{config.FileName, content.Dir} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return fmt.Errorf("%s already has a %s; praxis init only starts new workbooks and never overwrites", dir, f)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	layers := layout.Layers{Defaults: praxis.Defaults}
	words := i18n.For(language)
	chapter := "content/1-" + strings.TrimSuffix(scaffold.FileName(words.T("new.chapter")), ".md") + "/"
	prompts, session := words.T("new.prompts"), words.T("new.session")
	files := []struct{ scaffold, title, path string }{
		{"workbook.yaml", title, config.FileName},
		{"home.md", title, "content/_index.md"},
		{"chapter.md", words.T("new.chapter"), chapter + "_index.md"},
		{"prompts.md", prompts, chapter + scaffold.FileName(prompts)},
		{"session.md", session, chapter + scaffold.FileName(session)},
	}
	for _, f := range files {
		data, err := scaffold.Render(layers, f.scaffold, scaffold.NewData(f.title, language))
		if err != nil {
			return err
		}
		if err := scaffold.Create(filepath.Join(dir, filepath.FromSlash(f.path)), data); err != nil {
			return err
		}
	}
	return nil
}

// checkLanguage accepts a language tag like de or pt-BR.
func checkLanguage(tag string) error {
	if !config.IsLanguageTag(tag) {
		return fmt.Errorf("--language must be a language tag like de or pt-BR, got %q", tag)
	}
	return nil
}

func titleFromDir(dir string) string {
	name := filepath.Base(filepath.Clean(dir))
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" || name == "." || name == "/" {
		return "My workbook"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
