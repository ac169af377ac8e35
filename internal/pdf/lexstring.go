package pdf

// literal reads a literal string after its "(" (ISO 32000-1, 7.3.4.2).
func (l *lexer) literal() (str, error) {
	var b []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return str(b), nil
			}
		case '\r':
			if l.pos < len(l.data) && l.data[l.pos] == '\n' {
				l.pos++
			}
			c = '\n' // an end of line in a string is always \n
		case '\\':
			b = l.escape(b)
			continue
		}
		b = append(b, c)
	}
	return "", l.errorf("unterminated string")
}

// escape appends the character of the backslash escape at pos to b, if any:
// a backslash before an end of line continues the string on the next line.
func (l *lexer) escape(b []byte) []byte {
	if l.pos >= len(l.data) {
		return b
	}
	c := l.data[l.pos]
	l.pos++
	switch c {
	case 'n':
		return append(b, '\n')
	case 'r':
		return append(b, '\r')
	case 't':
		return append(b, '\t')
	case 'b':
		return append(b, '\b')
	case 'f':
		return append(b, '\f')
	case '\r':
		if l.pos < len(l.data) && l.data[l.pos] == '\n' {
			l.pos++
		}
		return b
	case '\n':
		return b
	}
	if c < '0' || c > '7' {
		return append(b, c) // \( \) \\ and unknown escapes: the character itself
	}
	v := int(c - '0')
	for i := 0; i < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; i++ {
		v = v*8 + int(l.data[l.pos]-'0')
		l.pos++
	}
	return append(b, byte(v))
}

// hex reads a hexadecimal string after its "<".
func (l *lexer) hex() (str, error) {
	var b []byte
	hi, half := byte(0), false
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		var v byte
		switch {
		case c == '>':
			if half {
				b = append(b, hi<<4)
			}
			return str(b), nil
		case isSpace(c):
			continue
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return "", l.errorf("bad byte %q in hex string", c)
		}
		if half {
			b = append(b, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return "", l.errorf("unterminated hex string")
}
