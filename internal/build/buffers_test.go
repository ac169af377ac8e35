package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPutCopy checks that a sink which keeps what it is given gets bytes of
// its own, so that reusing a render buffer cannot change a page already
// put, and that a folder, which writes them at once, gets them as they are.
func TestPutCopy(t *testing.T) {
	mem := NewMemory()
	data := []byte("first page")
	if err := putCopy((&edition{sink: mem, prefix: "facilitator/"}).recorder(), "a.html", data); err != nil {
		t.Fatal(err)
	}
	copy(data, "XXXXX")
	if got := string(mem.Files()["facilitator/a.html"]); got != "first page" {
		t.Errorf("memory sink holds %q after the buffer was reused, want %q", got, "first page")
	}

	dir := t.TempDir()
	folder := newDirSink(dir, "")
	for _, s := range []Sink{folder, (&edition{sink: folder}).recorder()} {
		if !lendsPut(s) {
			t.Errorf("%T over a folder: lendsPut = false, want true", s)
		}
	}
	for _, s := range []Sink{mem, (&edition{sink: mem}).recorder(), (&edition{}).recorder()} {
		if lendsPut(s) {
			t.Errorf("%T over memory, or Live's: lendsPut = true, want false", s)
		}
	}
	if err := putCopy((&edition{sink: folder}).recorder(), "b.html", data); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "b.html"))
	if err != nil || string(got) != "XXXXX page" {
		t.Errorf("folder file = %q, %v; want %q", got, err, "XXXXX page")
	}
}

// TestBuffersDropBigOnes checks that a buffer grown past maxPooledBuffer is
// not lent again, and that a lent buffer comes back empty.
func TestBuffersDropBigOnes(t *testing.T) {
	b := newBuffers()
	buf := b.get()
	buf.WriteString("left over")
	b.put(buf)
	if again := b.get(); again.Len() != 0 {
		t.Errorf("lent buffer holds %q, want it empty", again.String())
	}
	big := b.get()
	big.Grow(2 * maxPooledBuffer)
	b.put(big)
	for range 10 {
		if b.get().Cap() > maxPooledBuffer {
			t.Fatal("a buffer bigger than maxPooledBuffer was lent again")
		}
	}
}
