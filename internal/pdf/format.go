package pdf

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// format writes a parsed object back as PDF syntax. Streams cannot occur in
// the dictionaries this package rewrites and are written as null.
func format(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case str:
		return formatString(v)
	case name:
		return formatName(v)
	case ref:
		return fmt.Sprintf("%d %d R", v.num, v.gen)
	case array:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = format(x)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case dict:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, string(k))
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString("<<")
		for _, k := range keys {
			b.WriteString(formatName(name(k)) + " " + format(v[name(k)]) + " ")
		}
		return strings.TrimSpace(b.String()) + ">>"
	}
	return "null"
}

// formatName writes a name with #xx escapes for bytes that are not regular
// characters (ISO 32000-1, 7.3.5).
func formatName(n name) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < '!' || c > '~' || c == '#' || isDelim(c) {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// formatString writes a string as a literal when it is printable ASCII, and
// otherwise as a hex string, which round-trips any bytes.
func formatString(s str) string {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return fmt.Sprintf("<%X>", string(s))
		}
	}
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(string(s)) + ")"
}
