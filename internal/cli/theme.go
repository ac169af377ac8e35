package cli

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/folder"
	"github.com/praxis-workbooks/praxis/internal/scaffold"
)

const themeUsage = `theme eject [NAME] [--templates] [--source DIR]

Copies the theme built into praxis (stylesheets, scripts and icon) into the
workbook's themes/NAME/ (default: themes/default/) to change it there: praxis
uses a workbook's own theme files over its own. With --templates it also
copies the page layouts into templates/. It never overwrites a file: when one
of them exists already, it names them and copies nothing. Use
themes/NAME/custom.css for a few rules of your own instead: pages load it last.`

func runTheme(e *env, args []string) int {
	if len(args) == 0 || args[0] != "eject" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			fmt.Fprintf(e.stderr, "Usage: praxis %s\n", themeUsage)
			return ExitOK
		}
		msg := "praxis theme: say what to do with the theme, like: praxis theme eject"
		if len(args) > 0 {
			msg = fmt.Sprintf("praxis theme: unknown action %q; the action is eject", args[0])
			if s := diag.Suggest(args[0], []string{"eject"}); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
		}
		fmt.Fprintln(e.stderr, msg)
		return ExitUsage
	}
	return runEject(e, args[1:])
}

func runEject(e *env, args []string) int {
	fset := e.newFlags("theme", themeUsage)
	source := fset.String("source", "", "the workbook folder (default: the one holding the current folder)")
	templates := fset.Bool("templates", false, "also copy the page layouts into templates/")
	if code, ok := parse(fset, reorder(args)); !ok {
		return code
	}
	name := "default"
	switch fset.NArg() {
	case 0:
	case 1:
		name = fset.Arg(0)
	default:
		fmt.Fprintln(e.stderr, "praxis theme eject: give at most one theme name, like: praxis theme eject mine")
		return ExitUsage
	}
	if !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		fmt.Fprintf(e.stderr, "praxis theme eject: the theme name must be one folder name, like mine; got %q\n", name)
		return ExitUsage
	}
	root, err := findRoot(*source)
	if err != nil {
		fmt.Fprintf(e.stderr, "praxis theme eject: %v\n", err)
		return ExitUsage
	}
	// Files go where praxis reads them back: never through a link to a
	// folder outside the workbook.
	src := folder.New(root)
	for _, dir := range []string{"themes/" + name, "templates"} {
		if err := src.Check(dir); err != nil {
			return e.report(err)
		}
	}
	files, err := scaffold.EjectFiles(praxis.Defaults, name, *templates)
	if err != nil {
		return e.report(err)
	}
	if there := scaffold.Existing(root, files); len(there) > 0 {
		fmt.Fprintf(e.stderr, "praxis theme eject: %s already %s; praxis never overwrites a file, so nothing was copied (move %s away first; or eject the theme alone under another name: praxis theme eject NAME)\n",
			strings.Join(there, ", "), plural(len(there), "exists", "exist"), plural(len(there), "it", "them"))
		return ExitError
	}
	if err := scaffold.WriteAll(root, files); err != nil {
		return e.report(err)
	}
	fmt.Fprintf(e.stdout, "Copied the built-in theme into %s (%d files)", displayPath(filepath.Join(root, "themes", name)), countUnder(files, "themes/"))
	if *templates {
		fmt.Fprintf(e.stdout, " and the layouts into templates/ (%d files)", countUnder(files, "templates/"))
	}
	fmt.Fprintln(e.stdout, "; edit them there.")
	if name != "default" {
		fmt.Fprintf(e.stdout, "Set theme: %s in praxis.yaml to use it.\n", name)
	}
	return ExitOK
}

func countUnder(files []scaffold.Ejected, prefix string) int {
	n := 0
	for _, f := range files {
		if strings.HasPrefix(f.Path, prefix) {
			n++
		}
	}
	return n
}
