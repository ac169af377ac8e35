package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseValid(t *testing.T) {
	cfg, err := Parse([]byte("title: From insight to action\npaper: letter\nbase_url: https://example.org/wb\neditions: [participant, facilitator]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Paper != "Letter" || cfg.BaseURL != "https://example.org/wb/" || cfg.ID != "from-insight-to-action" {
		t.Errorf("got paper %q base %q id %q", cfg.Paper, cfg.BaseURL, cfg.ID)
	}
	if len(cfg.Editions) != 2 || cfg.AnswerLines != 5 {
		t.Errorf("got editions %v answer lines %d", cfg.Editions, cfg.AnswerLines)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"titel: x\n", `praxis.yaml:1:1: unknown key "titel" in praxis.yaml (did you mean "title"?)`},
		{"title: x\ncolour: red\n", `praxis.yaml:2:1: unknown key "colour" in praxis.yaml (allowed: title,`},
		{"answer_lines: many\n", `praxis.yaml:1:15: answer_lines must be a whole number, got "many"`},
		{"answer_lines: 0\n", `praxis.yaml:1:15: answer_lines must be from 1 to 60, got 0`},
		{"paper: A5\n", `praxis.yaml:1:8: paper must be A4 or Letter, got "A5"`},
		{"unsafe_html: sometimes\n", `praxis.yaml:1:14: unsafe_html must be true or false, got "sometimes"`},
		{"title: [a, b]\n", `praxis.yaml:1:8: title must be text, got a list`},
		{"base_url: example.org\n", `praxis.yaml:1:11: base_url must be an absolute http or https address`},
		{"editions: [participant, facilitater]\n", `(did you mean "facilitator"?)`},
		{"title: x\n  bad: indent\n", `praxis.yaml:2:1: invalid YAML in praxis.yaml: mapping values are not allowed`},
		{"title: x\npaper:\tA4\n\tduplex: true\n", `praxis.yaml:3:1: invalid YAML in praxis.yaml: found a tab character that violates indentation (indent with spaces`},
		{"- a\n- b\n", `praxis.yaml:1:1: praxis.yaml must be a list of key: value lines, got a list`},
		{"title: a\ntitle: b\n", `praxis.yaml`},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q):\ngot  %v\nwant %s", tt.in, err, tt.want)
		}
	}
}

func TestParseReportsAllErrors(t *testing.T) {
	_, err := Parse([]byte("titel: x\npaper: A5\nduplex: maybe\n"))
	if err == nil || strings.Count(err.Error(), "\n") != 2 {
		t.Fatalf("want three errors, got %v", err)
	}
}

func TestLoadMissingFileGivesDefaults(t *testing.T) {
	cfg, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Output != "public" || cfg.Paper != "A4" || cfg.ID != "workbook" {
		t.Errorf("defaults: got %+v", cfg)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("title: x\npaper: A4\n"))
	f.Add([]byte("editions: [participant]\nanswer_lines: 3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(data)
		if err == nil && cfg == nil {
			t.Fatal("nil config without error")
		}
	})
}
