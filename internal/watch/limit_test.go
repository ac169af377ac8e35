package watch

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestIsLimit(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{syscall.ENOSPC, true},
		{syscall.EMFILE, true},
		{&os.PathError{Op: "inotify_add_watch", Path: "/x", Err: syscall.ENOSPC}, true},
		{fmt.Errorf("couldn't initialize inotify: %w", syscall.EMFILE), true},
		{syscall.EACCES, false},
		{errors.New("no space left on device"), false},
	}
	for _, tt := range tests {
		if got := isLimit(tt.err); got != tt.want {
			t.Errorf("isLimit(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestLimitNoticeNamesTheKnob(t *testing.T) {
	got := limitNotice(syscall.ENOSPC, 500*time.Millisecond)
	for _, want := range []string{
		"the system's file watch limit is reached (fs.inotify.max_user_watches)",
		"falling back to polling every 500ms",
		"sudo sysctl fs.inotify.max_user_watches=",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("limitNotice(ENOSPC) = %q, want it to contain %q", got, want)
		}
	}
}

// TestWatchLimitAtStartFallsBackToPolling lets the OS grant a single watch,
// so New runs out of watches on its first scan.
func TestWatchLimitAtStartFallsBackToPolling(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "a", "content/part/b.md": "b"})
	w := s.start(Options{Dirs: []string{"content"}, maxWatches: 1, fallbackPoll: 20 * time.Millisecond})
	if w.fsw != nil {
		t.Fatalf("still using OS notifications after running out of watches")
	}
	want := "the system's file watch limit is reached (fs.inotify.max_user_watches); falling back to polling every 20ms"
	if !strings.Contains(s.logs.String(), want) {
		t.Fatalf("notices:\n%s\nwant one containing %q", s.logs, want)
	}
	s.write("content/part/b.md", "b2")
	s.expectNet("modified content/part/b.md")
}

// TestWatchLimitWhileRunningFallsBackToPolling runs out of watches when a new
// folder appears; polling must then report the files in it.
func TestWatchLimitWhileRunningFallsBackToPolling(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "a"})
	s.start(Options{Dirs: []string{"content"}, maxWatches: 2, fallbackPoll: 20 * time.Millisecond})
	if got := s.logs.String(); got != "" {
		t.Fatalf("notices before running out of watches: %q, want none", got)
	}
	s.write("content/new/deeper/b.md", "b")
	s.expectNet("created content/new/deeper/b.md")
	if !strings.Contains(s.logs.String(), "falling back to polling every 20ms") {
		t.Fatalf("notices:\n%s\nwant the fallback notice", s.logs)
	}
	s.write("content/new/deeper/b.md", "b2")
	s.expectNet("modified content/new/deeper/b.md")
}
