package pdf

import (
	"bytes"
	"fmt"
	"sort"
)

// Info is the document information a PDF viewer shows as the file's
// properties (ISO 32000-1, 14.3.3).
type Info struct {
	Title   string // "" keeps the title Chromium took from <title>
	Author  string
	Subject string
	Creator string // "praxis" when empty
}

// SetInfo returns data with an incremental update appended that replaces
// the document information dictionary: the fields of info that are set, the
// other entries of the old dictionary (Producer, CreationDate, ...) kept.
// data itself is not changed, and the update follows the kind of
// cross-reference section the file ends with: a classic xref table after a
// table, an xref stream after a stream, so readers never need the hybrid
// rules of PDF 1.5. Encrypted files are refused.
func SetInfo(data []byte, info Info) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF to set its metadata: %w", err)
	}
	size, err := f.updatable()
	if err != nil {
		return nil, err
	}
	old, _ := f.resolve(f.trailer["Info"]).(dict)
	return f.appendUpdate([]object{{num: size, body: infoDict(old, info)}}, ref{num: size}), nil
}

// infoDict formats the new information dictionary: the fields of info that
// are set, over the entries of old. The keys are sorted, so the output is
// deterministic.
func infoDict(old dict, info Info) string {
	if info.Creator == "" {
		info.Creator = "praxis"
	}
	entries := map[name]string{}
	for k, v := range old {
		entries[k] = format(v)
	}
	for k, v := range map[name]string{"Title": info.Title, "Author": info.Author, "Subject": info.Subject, "Creator": info.Creator} {
		if v != "" {
			entries[k] = encodeText(v)
		}
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("<<")
	for _, k := range keys {
		fmt.Fprintf(&b, "\n%s %s", format(name(k)), entries[name(k)])
	}
	b.WriteString("\n>>")
	return b.String()
}
