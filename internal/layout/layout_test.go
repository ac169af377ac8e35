package layout

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/praxis-workbooks/praxis"
)

func TestCSSString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Chapter 1: Action", `"Chapter 1: Action"`},
		{`Say "hi" \ there`, `"Say \"hi\" \\ there"`},
		{"</style><script>", `"\3c /style\3e \3c script\3e "`},
		{"line\nbreak", `"line\a break"`},
	}
	for _, tt := range tests {
		if got := CSSString(tt.in); got != tt.want {
			t.Errorf("CSSString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestHeaderStringBreaksLongWords(t *testing.T) {
	long := strings.Repeat("a", 50)
	want := `"Title ` + strings.Repeat("a", 24) + "\u200b" + strings.Repeat("a", 24) + "\u200b" + "aa" + `"`
	if got := HeaderString("Title " + long); got != want {
		t.Errorf("HeaderString = %q, want %q", got, want)
	}
	if got, want := HeaderString("Chapter 2: Small steps"), CSSString("Chapter 2: Small steps"); got != want {
		t.Errorf("HeaderString of short words = %q, want %q", got, want)
	}
}

func TestSiteTemplateOverridesDefault(t *testing.T) {
	site := fstest.MapFS{"templates/404.html": {Data: []byte(`{{define "main"}}<p>Custom lost page</p>{{end}}`)}}
	r, err := New(Layers{Site: site, Defaults: praxis.Defaults, Theme: "default"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	v := &View{Site: SiteInfo{Title: "T", Language: "en"}, Title: "Lost"}
	if err := r.Execute(&buf, Layout404, v); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<p>Custom lost page</p>") || !strings.Contains(buf.String(), `<html lang="en"`) {
		t.Errorf("override not used inside the default frame:\n%s", buf.String())
	}
}

func TestTemplateErrorNamesTheFile(t *testing.T) {
	site := fstest.MapFS{"templates/page.html": {Data: []byte("{{define \"main\"}}\n{{if}}{{end}}\n{{end}}")}}
	_, err := New(Layers{Site: site, Defaults: praxis.Defaults, Theme: "default"})
	if err == nil || !strings.Contains(err.Error(), "templates/page.html:2") {
		t.Fatalf("got %v, want an error at templates/page.html:2", err)
	}
}

func TestThemeFilesMergeLayers(t *testing.T) {
	site := fstest.MapFS{"themes/default/style.css": {Data: []byte("/* mine */")}, "themes/default/extra.css": {Data: []byte("x")}}
	l := Layers{Site: site, Defaults: praxis.Defaults, Theme: "default"}
	files, err := l.ThemeFiles()
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(files, " ")
	for _, want := range []string{"style.css", "print.css", "answers.js", "extra.css"} {
		if !strings.Contains(joined, want) {
			t.Errorf("theme files %v lack %s", files, want)
		}
	}
	data, err := l.ThemeFile("style.css")
	if err != nil || string(data) != "/* mine */" {
		t.Errorf("site's style.css not preferred: %q, %v", data, err)
	}
}

// A layout that fails part way leaves a buffer as it was, and any other
// writer without a byte.
func TestExecuteFailureWritesNothing(t *testing.T) {
	site := fstest.MapFS{"templates/404.html": {Data: []byte(`{{define "main"}}<p>before</p>{{.Missing.Field}}{{end}}`)}}
	r, err := New(Layers{Site: site, Defaults: praxis.Defaults, Theme: "default"})
	if err != nil {
		t.Fatal(err)
	}
	v := &View{Site: SiteInfo{Title: "T", Language: "en"}, Title: "Lost"}
	buf := bytes.NewBufferString("kept")
	if err := r.Execute(buf, Layout404, v); err == nil {
		t.Fatal("Execute of a failing layout returned no error")
	}
	if buf.String() != "kept" {
		t.Errorf("buffer after a failed Execute = %q, want %q", buf.String(), "kept")
	}
	var w strings.Builder
	if err := r.Execute(&w, Layout404, v); err == nil || w.Len() != 0 {
		t.Errorf("Execute to a strings.Builder: err %v, %d bytes written, want an error and none", err, w.Len())
	}
}
