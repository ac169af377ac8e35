package build

import "bytes"

// maxPooledBuffer is the capacity past which a buffer is not kept for
// reuse, so that one big page does not pin its memory for the whole build.
const maxPooledBuffer = 1 << 20

// keptBuffers is how many free buffers buffers keeps: enough for every
// worker to render a page's body and layout at once.
const keptBuffers = 32

// buffers lends the byte buffers that pages are rendered into. Rendering a
// page grew a new buffer by doubling, several times a page; reusing them
// takes a third of a cold build's allocations away. Unlike a sync.Pool,
// which the garbage collector empties, it keeps its buffers through a big
// build's hundred collections.
type buffers struct{ free chan *bytes.Buffer }

func newBuffers() *buffers { return &buffers{free: make(chan *bytes.Buffer, keptBuffers)} }

// get returns an empty buffer.
func (b *buffers) get() *bytes.Buffer {
	select {
	case buf := <-b.free:
		return buf
	default:
		return new(bytes.Buffer)
	}
}

// put takes buf back; its bytes must not be used any more.
func (b *buffers) put(buf *bytes.Buffer) {
	if buf.Cap() > maxPooledBuffer {
		return
	}
	buf.Reset()
	select {
	case b.free <- buf:
	default: // enough are kept
	}
}

// lendsPut reports whether sink is done with the bytes given to Put when
// Put returns, as a folder is once it wrote them. Other sinks keep them,
// and must get bytes of their own.
func lendsPut(sink Sink) bool {
	l, ok := sink.(interface{ copiesPut() bool })
	return ok && l.copiesPut()
}

// putCopy puts data into sink, copied when the sink would keep it, so that
// the caller may reuse data.
func putCopy(sink Sink, file string, data []byte) error {
	if !lendsPut(sink) {
		data = bytes.Clone(data)
	}
	return sink.Put(file, data)
}
