package pdf

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// textString decodes a PDF text string (ISO 32000-1, 7.9.2.2): UTF-16BE
// after a byte order mark, UTF-8 after its mark (PDF 2.0), otherwise
// PDFDocEncoding. A value that is not a string decodes to "".
func textString(v any) string {
	s, ok := v.(str)
	if !ok {
		return ""
	}
	switch {
	case strings.HasPrefix(string(s), "\xfe\xff"):
		b := s[2:]
		u := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	case strings.HasPrefix(string(s), "\xef\xbb\xbf"):
		return strings.ToValidUTF8(string(s[3:]), "\uFFFD")
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(pdfDocRune(s[i]))
	}
	return b.String()
}

// pdfDocHigh maps the bytes 0x80-0x9F of PDFDocEncoding, where it differs
// from Latin-1 (ISO 32000-1, Annex D.2).
const pdfDocHigh = "•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž\uFFFD"

// pdfDocLow maps the bytes 0x18-0x1F of PDFDocEncoding.
const pdfDocLow = "˘ˇˆ˙˝˛˚˜"

// pdfDocRune decodes one byte of PDFDocEncoding.
func pdfDocRune(c byte) rune {
	switch {
	case c >= 0x18 && c <= 0x1f:
		return []rune(pdfDocLow)[c-0x18]
	case c >= 0x80 && c <= 0x9f:
		return []rune(pdfDocHigh)[c-0x80]
	case c == 0xa0:
		return '€'
	case c == 0x7f || c == 0xad:
		return utf8.RuneError
	}
	return rune(c)
}

// encodeText writes s as a PDF text string object: as is when it is
// printable ASCII, otherwise as UTF-16BE with a byte order mark, which every
// reader understands.
func encodeText(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			var b strings.Builder
			b.WriteString("\xfe\xff")
			for _, u := range utf16.Encode([]rune(strings.ToValidUTF8(s, "\uFFFD"))) {
				b.WriteByte(byte(u >> 8))
				b.WriteByte(byte(u))
			}
			return formatString(str(b.String()))
		}
	}
	return formatString(str(s))
}
