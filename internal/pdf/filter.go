package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
)

// maxDecoded bounds the size of one decoded stream, so a small compressed
// stream cannot expand into gigabytes.
const maxDecoded = 64 << 20

// decode returns the decoded data of s. It supports what cross-reference and
// object streams use in practice: no filter, or FlateDecode with or without
// a PNG predictor.
func (f *file) decode(s stream) ([]byte, error) {
	filter := f.resolve(s.dict["Filter"])
	parms := f.resolve(s.dict["DecodeParms"])
	if a, ok := filter.(array); ok {
		if len(a) > 1 {
			return nil, fmt.Errorf("pdf: chained stream filters %v are not supported", a)
		}
		filter = nil
		if len(a) == 1 {
			filter = a[0]
		}
		if p, ok := parms.(array); ok && len(p) == 1 {
			parms = f.resolve(p[0])
		}
	}
	switch filter {
	case nil:
		return s.raw, nil
	case name("FlateDecode"):
		data, err := inflate(s.raw)
		if err != nil {
			return nil, err
		}
		p, _ := parms.(dict)
		return unpredict(data, p)
	}
	return nil, fmt.Errorf("pdf: stream filter %v is not supported", filter)
}

// inflate decompresses zlib data, up to maxDecoded bytes.
func inflate(raw []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: bad FlateDecode stream: %v", errSyntax, err)
	}
	defer zr.Close()
	data, err := io.ReadAll(io.LimitReader(zr, maxDecoded+1))
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("%w: bad FlateDecode stream: %v", errSyntax, err)
	}
	if len(data) > maxDecoded {
		return nil, fmt.Errorf("pdf: stream decodes to more than %d bytes", maxDecoded)
	}
	return data, nil
}

// unpredict undoes a PNG predictor (/Predictor 10-15), which xref streams
// commonly use, row by row. Other predictors are not supported.
func unpredict(data []byte, p dict) ([]byte, error) {
	pred, _ := p["Predictor"].(int64)
	if pred <= 1 {
		return data, nil
	}
	if pred < 10 {
		return nil, fmt.Errorf("pdf: TIFF predictor %d is not supported", pred)
	}
	cols, _ := p["Columns"].(int64)
	if cols <= 0 {
		cols = 1
	}
	if len(data) > 0 && cols >= int64(len(data)) {
		return nil, fmt.Errorf("%w: /Columns %d is wider than the data", errSyntax, cols)
	}
	prev := make([]byte, cols)
	var out []byte
	for len(data) > 0 {
		if int64(len(data)) < cols+1 {
			return nil, fmt.Errorf("%w: PNG-predicted data ends inside a row", errSyntax)
		}
		row := make([]byte, cols)
		copy(row, data[1:cols+1])
		if err := unfilterRow(data[0], row, prev); err != nil {
			return nil, err
		}
		out = append(out, row...)
		prev, data = row, data[cols+1:]
	}
	return out, nil
}

// unfilterRow undoes the PNG filter typ of one row with one byte per pixel.
func unfilterRow(typ byte, row, prev []byte) error {
	for i := range row {
		var left, upLeft byte
		if i > 0 {
			left, upLeft = row[i-1], prev[i-1]
		}
		switch typ {
		case 0:
		case 1:
			row[i] += left
		case 2:
			row[i] += prev[i]
		case 3:
			row[i] += byte((int(left) + int(prev[i])) / 2)
		case 4:
			row[i] += paeth(left, prev[i], upLeft)
		default:
			return fmt.Errorf("%w: PNG filter type %d", errSyntax, typ)
		}
	}
	return nil
}

// paeth is the PNG Paeth predictor.
func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

// abs returns the absolute value of n.
func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
