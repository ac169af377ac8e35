package cli

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkServeEditToServed measures how long after a save praxis serve
// serves the new page: each op writes one page with a new sentence, waits,
// as an open page does, for the live-reload event that names the page, and
// fetches the page, which must hold the sentence. It reports the median and
// worst of the ops, so run it with 20 of them:
//
//	go test ./internal/cli -run '^$' -bench ServeEditToServed -benchtime 20x
//
// The time includes the watcher's quiet period (debounce), the rebuild and
// the HTTP round trips; a browser would add its reload on top.
func BenchmarkServeEditToServed(b *testing.B) {
	b.Run("example", func(b *testing.B) {
		root := b.TempDir()
		copyExample(b, root)
		benchEdits(b, root, "content/3-action/action-steps.md", "3-action/action-steps/")
	})
	b.Run("generated-1000", func(b *testing.B) {
		root := b.TempDir()
		writeWorkbook(b, root, 1000)
		benchEdits(b, root, "content/ch25/page-10.md", "ch25/page-10/")
	})
}

// benchEdits serves root and times b.N saves of source, each served at
// address.
func benchEdits(b *testing.B, root, source, address string) {
	s := startServeAt(b, root, 5*time.Minute)
	events := s.events()
	s.nextEvent(events, "hello")
	original, err := os.ReadFile(s.path(source))
	if err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	b.ResetTimer()
	for i := range b.N {
		marker := fmt.Sprintf("Saved for the %d. time.", i+1)
		start := time.Now()
		s.write(source, string(original)+"\n"+marker+"\n")
		s.waitReload(events, "/"+address)
		if _, body := s.get(address); !strings.Contains(body, marker) {
			b.Fatalf("GET %s after its reload event: no %q", address, marker)
		}
		took = append(took, time.Since(start))
		b.StopTimer()
		time.Sleep(100 * time.Millisecond) // let the next save be a save of its own
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "worst-ms")
}

// waitReload waits for a reload event that names path or everything.
func (s *liveServer) waitReload(events <-chan sse, path string) {
	s.t.Helper()
	for {
		ev := s.nextEvent(events, "reload")
		var data struct{ Paths []string }
		if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
			s.t.Fatalf("reload event %s: %v", ev.data, err)
		}
		if len(data.Paths) == 0 || slices.Contains(data.Paths, path) {
			return
		}
	}
}

// copyExample copies the example workbook of the repository (its settings
// and content) into root.
func copyExample(tb testing.TB, root string) {
	tb.Helper()
	repo := filepath.Join("..", "..")
	data, err := os.ReadFile(filepath.Join(repo, "praxis.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	writeFile(tb, filepath.Join(root, "praxis.yaml"), string(data))
	src := os.DirFS(filepath.Join(repo, "content"))
	err = fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		writeFile(tb, filepath.Join(root, "content", filepath.FromSlash(p)), string(data))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// writeWorkbook writes a workbook of the given number of pages into root:
// chapters of 20 pages, each page a few paragraphs, a code block and three
// prompts.
func writeWorkbook(tb testing.TB, root string, pages int) {
	tb.Helper()
	writeFile(tb, filepath.Join(root, "praxis.yaml"), "title: A generated workbook\n")
	writeFile(tb, filepath.Join(root, "content", "_index.md"), "---\ntitle: Home\n---\nA workbook for measuring.\n")
	for i := range pages {
		ch, n := i/20+1, i%20+1
		dir := filepath.Join(root, "content", fmt.Sprintf("ch%02d", ch))
		if n == 1 {
			writeFile(tb, filepath.Join(dir, "_index.md"), fmt.Sprintf("---\ntitle: Chapter %d\n---\nWhat chapter %d is about.\n", ch, ch))
		}
		writeFile(tb, filepath.Join(dir, fmt.Sprintf("page-%02d.md", n)), generatedPage(ch, n))
	}
}

func generatedPage(ch, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Page %d of chapter %d\nweight: %d\n---\n", n, ch, n)
	for part := 1; part <= 3; part++ {
		fmt.Fprintf(&b, "\n## Part %d\n\nA paragraph of reflection on part %d, long enough to wrap: what you noticed, "+
			"what you felt and what you might try next time, in your own words and at your own pace.\n\n"+
			"Another paragraph with *emphasis*, a [link to the chapter](_index.md) and a list:\n\n"+
			"- one thing\n- another thing\n\n::: prompt {#c%d-p%d-q%d}\nWhat did part %d show you?\n:::\n",
			part, part, ch, n, part, part)
	}
	b.WriteString("\n```go\nfunc main() {\n\tfmt.Println(\"one small step\")\n}\n```\n")
	return b.String()
}
