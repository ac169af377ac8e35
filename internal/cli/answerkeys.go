package cli

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/answerkeys"
	"github.com/praxis-workbooks/praxis/internal/config"
)

// promptIndexFile is the file of each edition that lists its prompts, with
// the workbook id (written by the build's prompt index step).
const promptIndexFile = "prompt-index.js"

// promptIndexes reads the prompt-index.js of each edition of the build in
// folder out, by edition; editions it cannot find or read are missing. An
// edition is looked for in its folder and in the other places earlier
// builds put it, since a workbook that adds an edition moves the first.
func promptIndexes(out string, cfg *config.Config) map[string]*answerkeys.Index {
	found := map[string]*answerkeys.Index{}
	for _, ed := range cfg.Editions {
		for _, dir := range []string{cfg.EditionFolder(ed), "", ed + "/"} {
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(dir), promptIndexFile))
			if err != nil {
				continue
			}
			if ix, err := answerkeys.Parse(data); err == nil && ix.Edition == ed {
				found[ed] = ix
				break
			}
		}
	}
	return found
}

// warnKeyChanges tells, after a build into out, which answers readers saved
// with the build before (whose indexes are before) the new build would
// hide, and how to keep them.
func (e *env) warnKeyChanges(before map[string]*answerkeys.Index, root, out string, cfg *config.Config) {
	for _, msg := range keyChanges(before, promptIndexes(out, cfg), root, cfg) {
		e.afterWrite([]error{keyChange(msg)})
	}
}

// keyChanges lists, once each, the messages about the answers that readers
// of the build whose indexes are before would no longer see in the build
// whose indexes are now, by edition.
func keyChanges(before, now map[string]*answerkeys.Index, root string, cfg *config.Config) []string {
	var msgs []string
	said := map[string]bool{}
	for _, ed := range cfg.Editions {
		if before[ed] == nil || now[ed] == nil {
			continue
		}
		for _, c := range answerkeys.Compare(before[ed], now[ed]) {
			if msg := c.Message(promptPlace(root, c.Prompt)); !said[msg] {
				said[msg] = true
				msgs = append(msgs, msg)
			}
		}
	}
	return msgs
}

// servedIndexes reads the prompt-index.js of each edition from the files
// of a live build, by edition.
func servedIndexes(files map[string][]byte, cfg *config.Config) map[string]*answerkeys.Index {
	found := map[string]*answerkeys.Index{}
	for _, ed := range cfg.Editions {
		if ix, err := answerkeys.Parse(files[cfg.EditionFolder(ed)+promptIndexFile]); err == nil && ix.Edition == ed {
			found[ed] = ix
		}
	}
	return found
}

// promptPlace finds prompt p in the sources of the workbook in folder
// root: "content/a.md:4:1", the file of its page and the line where its
// words start. It returns "" when it cannot tell.
func promptPlace(root string, p *answerkeys.Prompt) string {
	if p == nil {
		return ""
	}
	dir := strings.TrimSuffix(strings.TrimSuffix(p.Page, "index.html"), "/")
	for _, src := range []string{dir + ".md", path.Join(dir, "_index.md")} {
		file := path.Join("content", src)
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			continue
		}
		first, _, _ := strings.Cut(p.Text, "\n")
		first = strings.TrimSpace(first)
		for i, line := range strings.Split(string(data), "\n") {
			if first != "" && strings.Contains(line, first) {
				return fmt.Sprintf("%s:%d:%d", file, i+1, strings.Index(line, first)+1)
			}
		}
		return file
	}
	return ""
}

// keyChange is the warning about a change of answer key.
type keyChange string

func (k keyChange) Error() string { return string(k) }
