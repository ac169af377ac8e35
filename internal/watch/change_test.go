package watch

import (
	"fmt"
	"strings"
	"testing"
)

// format prints a batch as "op path" lines, for comparisons and messages.
func format(b []Change) string {
	lines := make([]string, len(b))
	for i, c := range b {
		lines[i] = c.Op.String() + " " + c.Path
	}
	return strings.Join(lines, "\n")
}

// parseChanges turns "op path" strings back into changes.
func parseChanges(t *testing.T, specs ...string) []Change {
	t.Helper()
	ops := map[string]Op{"created": Created, "modified": Modified, "removed": Removed}
	var out []Change
	for _, s := range specs {
		op, p, ok := strings.Cut(s, " ")
		if !ok || ops[op] == 0 {
			t.Fatalf("bad change spec %q, want \"created|modified|removed path\"", s)
		}
		out = append(out, Change{Path: p, Op: ops[op]})
	}
	return out
}

func TestCoalesce(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"nothing", nil, nil},
		{"one edit", []string{"modified a"}, []string{"modified a"}},
		{"saved twice", []string{"modified a", "modified a"}, []string{"modified a"}},
		{"created then written", []string{"created a", "modified a"}, []string{"created a"}},
		{"temporary file", []string{"created a", "modified a", "removed a"}, nil},
		{"edited then deleted", []string{"modified a", "removed a"}, []string{"removed a"}},
		{"delete-then-create save", []string{"removed a", "created a"}, []string{"modified a"}},
		{"deleted for good", []string{"removed a", "created a", "removed a"}, []string{"removed a"}},
		{"recreated after temporary", []string{"created a", "removed a", "created a"}, []string{"created a"}},
		{"rename", []string{"removed old", "created new"}, []string{"created new", "removed old"}},
		{
			"sorted and deduplicated",
			[]string{"modified c", "created b/x", "modified a", "modified c", "created b/x"},
			[]string{"modified a", "created b/x", "modified c"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := format(coalesce(parseChanges(t, tt.in...)))
			want := strings.Join(tt.want, "\n")
			if got != want {
				t.Fatalf("coalesce(%q):\ngot:\n%s\nwant:\n%s", tt.in, got, want)
			}
		})
	}
}

func TestOutboxMergesLaterChanges(t *testing.T) {
	var o outbox
	ch := make(chan Batch)
	if o.ch(ch) != nil {
		t.Fatalf("empty outbox offers a channel to send on")
	}
	o.add(parseChanges(t, "created a", "modified b"))
	sent := o.batch
	o.add(parseChanges(t, "removed a", "modified b", "created c"))
	got, want := format(o.batch), "modified b\ncreated c"
	if got != want {
		t.Fatalf("merged batch:\ngot:\n%s\nwant:\n%s", got, want)
	}
	if format(sent) != "created a\nmodified b" {
		t.Fatalf("merging changed an earlier batch value: %s", format(sent))
	}
	if o.ch(ch) == nil {
		t.Fatalf("outbox with a batch offers no channel to send on")
	}
}

func TestOpString(t *testing.T) {
	tests := []struct {
		op   Op
		want string
	}{{Created, "created"}, {Modified, "modified"}, {Removed, "removed"}, {0, "unknown"}}
	for _, tt := range tests {
		if got := tt.op.String(); got != tt.want {
			t.Errorf("Op(%d).String() = %q, want %q", tt.op, got, tt.want)
		}
	}
}

// BenchmarkCoalesce folds 10,000 changes over 2,000 paths, the size of a
// large checkout touching every file several times.
func BenchmarkCoalesce(b *testing.B) {
	ops := []Op{Created, Modified, Modified, Removed, Created}
	changes := make([]Change, 10000)
	for i := range changes {
		changes[i] = Change{Path: fmt.Sprintf("content/part%d/session%04d.md", i%2000%7, i%2000), Op: ops[i/2000]}
	}
	b.ReportAllocs()
	for b.Loop() {
		if len(coalesce(changes)) != 2000 {
			b.Fatal("wrong batch size")
		}
	}
}
