package pdf

import (
	"bytes"
	"strings"
	"testing"

	rscpdf "rsc.io/pdf"
)

func TestSetInfoOnChromiumPDF(t *testing.T) {
	info := Info{Title: `Workbook (Goals) \ 1`, Author: "Ana Müller", Subject: "GROW – coaching"}
	for layout, data := range layouts(t) {
		t.Run(layout, func(t *testing.T) {
			out, err := SetInfo(data, info)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, data) {
				t.Fatalf("SetInfo changed the original bytes; an incremental update only appends")
			}
			f, err := parse(out)
			if err != nil {
				t.Fatalf("re-reading the updated file: %v", err)
			}
			if wantTable := layout == "xref table"; f.xrefIsTable != wantTable {
				t.Errorf("update ends with an xref table: %v; want %v, like the original", f.xrefIsTable, wantTable)
			}
			pdfinfo := poppler(t, "pdfinfo", out)
			for key, want := range map[string]string{
				"Title": info.Title, "Author": info.Author, "Subject": info.Subject,
				"Creator": "praxis", "Producer": "Skia/PDF m156", "Pages": "3",
			} {
				if got := infoField(pdfinfo, key); got != want {
					t.Errorf("pdfinfo %s = %q; want %q\n%s", key, got, want, pdfinfo)
				}
			}
			if text := poppler(t, "pdftotext", out); !strings.Contains(text, "Where are you now?") {
				t.Errorf("pdftotext cannot read the updated file:\n%s", text)
			}
			checkRSCInfo(t, out, info)
			if entries, err := Outline(out); err != nil || len(entries) != len(wantOutline) {
				t.Errorf("Outline after SetInfo = %+v, %v; want %d entries", entries, err, len(wantOutline))
			}
		})
	}
}

// checkRSCInfo reads the Info dictionary with rsc.io/pdf, a second reader.
func checkRSCInfo(t *testing.T, data []byte, want Info) {
	t.Helper()
	r, err := rscpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("rsc.io/pdf cannot open the updated file: %v", err)
	}
	info := r.Trailer().Key("Info")
	for key, w := range map[string]string{"Title": want.Title, "Author": want.Author} {
		if got := info.Key(key).Text(); got != w {
			t.Errorf("rsc.io/pdf reads /%s %q; want %q", key, got, w)
		}
	}
}

func TestSetInfoTwiceChainsUpdates(t *testing.T) {
	once, err := SetInfo(chromiumPDF(t), Info{Title: "First", Author: "A"})
	if err != nil {
		t.Fatal(err)
	}
	twice, err := SetInfo(once, Info{Author: "B"})
	if err != nil {
		t.Fatal(err)
	}
	pdfinfo := poppler(t, "pdfinfo", twice)
	for key, want := range map[string]string{"Title": "First", "Author": "B", "Pages": "3"} {
		if got := infoField(pdfinfo, key); got != want {
			t.Errorf("pdfinfo %s = %q; want %q\n%s", key, got, want, pdfinfo)
		}
	}
}

func TestSetInfoKeepsChromiumTitle(t *testing.T) {
	out, err := SetInfo(chromiumPDF(t), Info{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := parse(out)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := f.resolve(f.trailer["Info"]).(dict)
	for key, want := range map[name]string{"Title": "Chromium Title", "Creator": "praxis", "Producer": "Skia/PDF m156"} {
		if got := textString(f.resolve(d[key])); got != want {
			t.Errorf("Info /%s = %q; want %q", key, got, want)
		}
	}
}

func TestSetInfoRefusesEncrypted(t *testing.T) {
	data := bytes.Replace(buildPDF("<</Type /Catalog>>"), []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 1 0 R"), 1)
	if _, err := SetInfo(data, Info{Author: "x"}); err == nil || !strings.Contains(err.Error(), "encrypted") {
		t.Fatalf("SetInfo on an encrypted file: error = %v; want one saying it is encrypted", err)
	}
}
