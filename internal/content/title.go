package content

import (
	"bytes"
	"path"
	"strings"
	"unicode"
)

// FirstHeading returns the text of the first ATX heading ("# Title") in a
// Markdown body outside code fences, with simple inline markup removed, or "".
func FirstHeading(body []byte) string {
	fence := ""
	for len(body) > 0 {
		var line []byte
		line, body, _ = bytes.Cut(body, []byte("\n"))
		t := strings.TrimSpace(string(line))
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if h, ok := atxHeading(t); ok {
			return h
		}
	}
	return ""
}

func atxHeading(t string) (string, bool) {
	level := len(t) - len(strings.TrimLeft(t, "#"))
	if level < 1 || level > 6 || (len(t) > level && t[level] != ' ' && t[level] != '\t') {
		return "", false
	}
	h := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[level:]), "#"))
	h = strings.NewReplacer("**", "", "__", "", "`", "", "*", "", "_", "").Replace(h)
	if h == "" {
		return "", false
	}
	return h, true
}

// titleFromName makes a title from a file or folder name: "2-first-steps.md"
// becomes "First steps".
func titleFromName(file string) string {
	name := strings.TrimSuffix(path.Base(file), ".md")
	if name == "_index" {
		name = path.Base(path.Dir(file))
	}
	name = strings.TrimLeftFunc(name, func(r rune) bool { return unicode.IsDigit(r) })
	name = strings.TrimLeft(name, "-_. ")
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" {
		return "Untitled"
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
