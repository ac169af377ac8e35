package e2e

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// icsProp is one content line of an iCalendar file: NAME;PARAMS:value.
type icsProp struct {
	Name   string
	Params string // ";VALUE=DATE", or ""
	Value  string // as written: escapes kept
}

// icsComponent is a BEGIN…END block with its own properties and the
// components nested in it.
type icsComponent struct {
	Name  string
	Props []icsProp
	Subs  []*icsComponent
}

// get returns the first property name and whether it exists.
func (c *icsComponent) get(name string) (icsProp, bool) {
	for _, p := range c.Props {
		if p.Name == name {
			return p, true
		}
	}
	return icsProp{}, false
}

// parseICS reads an iCalendar file as RFC 5545 requires it to be written:
// every line ends in CRLF and has at most 75 octets, longer content lines
// are folded with a leading space, and components nest properly. It fails
// the test on any deviation and returns the outermost component.
func parseICS(t *testing.T, data []byte) *icsComponent {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("calendar does not end in CRLF:\n%q", data)
	}
	raw := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var lines []string
	for i, l := range raw {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		case len(l) > 75:
			t.Fatalf("line %d has %d octets, more than 75: %q", i+1, len(l), l)
		case strings.HasPrefix(l, " ") && i > 0:
			lines[len(lines)-1] += l[1:] // unfold
		default:
			lines = append(lines, l)
		}
	}
	root := &icsComponent{}
	stack := []*icsComponent{root}
	for _, l := range lines {
		p, err := parseICSLine(l)
		if err != nil {
			t.Fatalf("%v\ncalendar:\n%s", err, data)
		}
		cur := stack[len(stack)-1]
		switch p.Name {
		case "BEGIN":
			c := &icsComponent{Name: p.Value}
			cur.Subs = append(cur.Subs, c)
			stack = append(stack, c)
		case "END":
			if cur.Name != p.Value || len(stack) == 1 {
				t.Fatalf("END:%s closes %q\ncalendar:\n%s", p.Value, cur.Name, data)
			}
			stack = stack[:len(stack)-1]
		default:
			cur.Props = append(cur.Props, p)
		}
	}
	if len(stack) != 1 || len(root.Subs) != 1 || root.Subs[0].Name != "VCALENDAR" {
		t.Fatalf("want exactly one complete VCALENDAR, got %d top-level components, %d left open\ncalendar:\n%s",
			len(root.Subs), len(stack)-1, data)
	}
	return root.Subs[0]
}

// parseICSLine splits an unfolded content line. Parameter values may be
// quoted, and a quoted value may hold ':' and ';'.
func parseICSLine(l string) (icsProp, error) {
	quoted := false
	for i, r := range l {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ':' && !quoted:
			name, params, _ := strings.Cut(l[:i], ";")
			if params != "" {
				params = ";" + params
			}
			if name == "" || strings.ToUpper(name) != name {
				return icsProp{}, fmt.Errorf("bad property name in %q", l)
			}
			return icsProp{Name: name, Params: params, Value: l[i+1:]}, nil
		}
	}
	return icsProp{}, fmt.Errorf("content line without ':': %q", l)
}

// icsUnescape reads a TEXT value: \\, \;, \, and \n (or \N).
func icsUnescape(t *testing.T, v string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ',' || c == ';' {
			t.Fatalf("TEXT value %q has an unescaped %q", v, c)
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i++; i == len(v) {
			t.Fatalf("TEXT value %q ends in a lone backslash", v)
		}
		switch v[i] {
		case '\\', ';', ',':
			b.WriteByte(v[i])
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			t.Fatalf("TEXT value %q has the unknown escape \\%c", v, v[i])
		}
	}
	return b.String()
}

func TestParseICS(t *testing.T) {
	t.Parallel()
	long := "SUMMARY:" + strings.Repeat("é", 40) // 88 octets, folded between two characters
	folded := long[:74] + "\r\n " + long[74:]
	cal := parseICS(t, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261201\r\n"+
		folded+"\r\nX-Q;A=\"x:y\":z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	ev := cal.Subs[0]
	start, _ := ev.get("DTSTART")
	sum, _ := ev.get("SUMMARY")
	q, _ := ev.get("X-Q")
	if start.Params != ";VALUE=DATE" || start.Value != "20261201" || sum.Value != strings.Repeat("é", 40) || q.Value != "z" {
		t.Fatalf("parsed DTSTART %+v, SUMMARY %+v, X-Q %+v", start, sum, q)
	}
	if got := icsUnescape(t, `a\, b\; c\\d\ne`); got != "a, b; c\\d\ne" {
		t.Fatalf("icsUnescape = %q", got)
	}
}
