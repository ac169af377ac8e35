package pdf

// object reads one complete object: a dictionary, an array, a reference
// "n g R", or a single token. It does not read stream data; see
// file.objectAt.
func (l *lexer) object(depth int) (any, error) {
	if depth > maxDepth {
		return nil, l.errorf("objects nested deeper than %d", maxDepth)
	}
	tok, err := l.token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case keyword("<<"):
		return l.dict(depth)
	case keyword("["):
		return l.array(depth)
	case keyword("true"):
		return true, nil
	case keyword("false"):
		return false, nil
	case keyword("null"):
		return nil, nil
	}
	if n, ok := tok.(int64); ok {
		if r, ok := l.refAfter(n); ok {
			return r, nil
		}
	}
	return tok, nil
}

// refAfter reads " g R" after the integer n, if it is there, and otherwise
// leaves the position unchanged.
func (l *lexer) refAfter(n int64) (ref, bool) {
	save := l.pos
	gen, err := l.token()
	if g, ok := gen.(int64); ok && err == nil {
		if r, err := l.token(); err == nil && r == keyword("R") && n >= 0 && g >= 0 && n < 1<<31 && g < 1<<31 {
			return ref{int(n), int(g)}, true
		}
	}
	l.pos = save
	return ref{}, false
}

// dict reads a dictionary after its "<<".
func (l *lexer) dict(depth int) (dict, error) {
	d := dict{}
	for {
		key, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		if key == keyword(">>") {
			return d, nil
		}
		k, ok := key.(name)
		if !ok {
			return nil, l.errorf("dictionary key %v is not a name", key)
		}
		v, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		if v == keyword(">>") {
			return nil, l.errorf("dictionary key /%s has no value", k)
		}
		d[k] = v
	}
}

// array reads an array after its "[".
func (l *lexer) array(depth int) (array, error) {
	a := array{}
	for {
		v, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		if v == keyword("]") {
			return a, nil
		}
		a = append(a, v)
	}
}
