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
		{"language: de/../x\n", `praxis.yaml:1:11: language must be a language tag like en, de or pt-BR, got "de/../x"`},
		{"unsafe_html: sometimes\n", `praxis.yaml:1:14: unsafe_html must be true or false, got "sometimes"`},
		{"title: [a, b]\n", `praxis.yaml:1:8: title must be text, got a list`},
		{"base_url: example.org\n", `praxis.yaml:1:11: base_url must be an absolute http or https address`},
		{"title: x\n  bad: indent\n", `praxis.yaml:2:1: invalid YAML in praxis.yaml: mapping values are not allowed`},
		{"title: x\npaper:\tA4\n\tduplex: true\n", `praxis.yaml:3:1: invalid YAML in praxis.yaml: found a tab character that violates indentation (indent with spaces`},
		{"- a\n- b\n", `praxis.yaml:1:1: praxis.yaml must be a list of key: value lines, got a list`},
		{"title: a\ntitle: b\n", `praxis.yaml`},
		{"base_url: https://e.org/wb?x=1#f\n", `praxis.yaml:1:11: base_url must be the folder the workbook is published in, without a query (?) or fragment (#)`},
		{"base_url: https://e.org/wb/#\n", `praxis.yaml:1:11: base_url must be the folder the workbook is published in`},
		{"base_url: https://e.org/wb?\n", `praxis.yaml:1:11: base_url must be the folder the workbook is published in`},
		{"base_url: https://me:secret@e.org/wb/\n", `praxis.yaml:1:11: base_url must not hold a user name or password`},
		{"base_url: ftp://e.org/wb/\n", `praxis.yaml:1:11: base_url must be an absolute http or https address`},
		{"base_url: https:e.org\n", `praxis.yaml:1:11: base_url must be an absolute http or https address`},
		{"theme: ../content\n", `praxis.yaml:1:8: theme must be the name of one folder under themes/, like default, got "../content"`},
		{"theme: mine/sub\n", `praxis.yaml:1:8: theme must be the name of one folder under themes/`},
		{"theme: ..\n", `praxis.yaml:1:8: theme must be the name of one folder under themes/`},
		{"id: ../../evil\n", `praxis.yaml:1:5: id must be a name without / or \, like from-insight-to-action (it names the zip file of --zip and the folder in it), got "../../evil"`},
		{"id: a\\b\n", `praxis.yaml:1:5: id must be a name without / or \`},
		{"id: ..\n", `praxis.yaml:1:5: id must be a name without / or \`},
		{"id: \"a\\tb\"\n", `praxis.yaml:1:5: id must be a name without / or \`},
		{"theme: ''\n", `praxis.yaml:1:8: theme must be the name of one folder under themes/`},
		{"editions: [participant, facilitater]\n", `praxis.yaml:1:25: unknown edition "facilitater"; editions are participant and facilitator (did you mean "facilitator"?)`},
		{"editions: [facilitator, participant, facilitator]\n", `praxis.yaml:1:38: edition "facilitator" is listed twice; keep one`},
		{"editions: []\n", `praxis.yaml:1:11: editions needs at least one of participant, facilitator`},
		{"action_columns: [\"\", x]\n", `praxis.yaml:1:18: action_columns has an empty name at position 1; give every column a name`},
		{"action_columns:\n  - What\n  - \"  \"\n", `praxis.yaml:3:5: action_columns has an empty name at position 2`},
		{"action_columns: [\"What|When\"]\n", `praxis.yaml:1:18: action_columns name "What|When" holds a |`},
		{"review_columns: [a, b, c, d, e, f, g, h, i]\n", `praxis.yaml:1:17: review_columns must list 1 to 8 names, got 9`},
		{"review_columns: []\n", `praxis.yaml:1:17: review_columns needs at least one column name`},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q):\ngot  %v\nwant %s", tt.in, err, tt.want)
		}
	}
}

func TestParseListsTypeErrorsOnce(t *testing.T) {
	for _, in := range []string{"action_columns: What\n", "editions: participant\n", "review_columns: [[a]]\n"} {
		_, err := Parse([]byte(in))
		if err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%q): want one error, got %v", in, err)
		}
	}
}

func TestParseEditionsParticipantFirst(t *testing.T) {
	cfg, err := Parse([]byte("editions: [facilitator, participant]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cfg.Editions, " "); got != "participant facilitator" {
		t.Errorf("editions: got %s, want participant facilitator (the participant edition is published at the root)", got)
	}
}

func TestParseTrimsColumns(t *testing.T) {
	cfg, err := Parse([]byte("action_columns: [' What ', By when]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cfg.ActionColumns, "|"); got != "What|By when" {
		t.Errorf("action_columns: got %q, want What|By when", got)
	}
}

func TestCheckTheme(t *testing.T) {
	themes := []string{"default", "mine"}
	tests := []struct{ in, want string }{
		{"title: x\n", ""},
		{"theme: mine\n", ""},
		{"title: x\ntheme: nope\n", `praxis.yaml:2:8: there is no theme "nope"; a theme is a folder under themes/ in the workbook or built into praxis, and the themes are default, mine`},
		{"theme: mien\n", `(did you mean "mine"?)`},
	}
	for _, tt := range tests {
		cfg, err := Parse([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		err = cfg.CheckTheme(themes)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("CheckTheme for %q:\ngot  %v\nwant %s", tt.in, err, tt.want)
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
	f.Add([]byte("brand:\n  logo: brand/logo.svg\n  accent: '#8a2b5f'\n  fonts:\n    body: a.woff2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(data)
		if err == nil && cfg == nil {
			t.Fatal("nil config without error")
		}
	})
}

// TestWorkbookID checks the ids made from titles: never empty, different
// for different scripts, letters with accents spelt in ASCII as in heading
// ids, and the same as earlier builds made for plain ASCII titles, whose
// readers' answers are keyed by them.
func TestWorkbookID(t *testing.T) {
	tests := []struct{ title, id, former string }{
		{"From insight to action", "from-insight-to-action", ""},
		{"Don't panic: 3 steps!", "don-t-panic-3-steps", ""},
		{"Réflexion", "reflexion", "r-flexion"},
		{"Straße der Übung", "strasse-der-ubung", "stra-e-der-bung"},
		{"振り返りノート", "振り返りノート", ""},
		{"行動への気づき", "行動への気づき", ""},
		{"Αναστοχασμός και δράση", "αναστοχασμός-και-δράση", ""},
		{"Рабочая тетрадь", "рабочая-тетрадь", ""},
		{"!!!", "workbook-e84c538e", ""}, // sha256sum of "!!!"
		{"???", "workbook-a03b221c", ""},
	}
	seen := map[string]string{}
	for _, tt := range tests {
		cfg, err := Parse([]byte("title: " + strconvQuote(tt.title) + "\n"))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.ID != tt.id || cfg.FormerID != tt.former {
			t.Errorf("title %q: id %q, former %q; want %q, %q", tt.title, cfg.ID, cfg.FormerID, tt.id, tt.former)
		}
		if other, dup := seen[cfg.ID]; dup {
			t.Errorf("titles %q and %q share the id %q", other, tt.title, cfg.ID)
		}
		seen[cfg.ID] = tt.title
		if again := workbookID(tt.title); again != cfg.ID {
			t.Errorf("title %q: id %q, then %q; want the same every time", tt.title, cfg.ID, again)
		}
	}
	// The same title typed with a combining accent is the same workbook.
	if id := workbookID("Re\u0301flexion"); id != "reflexion" {
		t.Errorf("decomposed Réflexion: id %q; want reflexion", id)
	}
	cfg, err := Parse([]byte("title: Réflexion\nid: my-own\n"))
	if err != nil || cfg.ID != "my-own" || cfg.FormerID != "" {
		t.Fatalf("an id set in praxis.yaml: %+v, %v; want it kept and no former id", cfg, err)
	}
}

// strconvQuote quotes s as a YAML double-quoted string.
func strconvQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

func TestParseCoverDate(t *testing.T) {
	cfg, err := Parse([]byte("title: x\n"))
	if err != nil || cfg.CoverDate {
		t.Fatalf("default cover_date = %v, %v; want false: no date on the cover unless asked", cfg.CoverDate, err)
	}
	if cfg, err = Parse([]byte("cover_date: true\n")); err != nil || !cfg.CoverDate {
		t.Errorf("cover_date: true gives %v, %v", cfg.CoverDate, err)
	}
	_, err = Parse([]byte("title: x\ncover_date: yes please\n"))
	if want := "praxis.yaml:2:13: "; err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "true or false") {
		t.Errorf("cover_date: yes please gives %v; want an error at %s asking for true or false", err, want)
	}
}

// TestLanguageWords: the language of praxis.yaml picks the interface words
// and the default columns of action plans and reviews, unless praxis.yaml
// names them; a workbook's i18n file overrides words.
func TestLanguageWords(t *testing.T) {
	fsys := fstest.MapFS{
		"praxis.yaml":  {Data: []byte("language: de\nreview_columns: [Eins, Zwei]\n")},
		"i18n/de.yaml": {Data: []byte("pager.next: Vorwärts\n")},
	}
	cfg, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Words.T("pager.next"); got != "Vorwärts" {
		t.Errorf("pager.next = %q, want the workbook's word", got)
	}
	if got := cfg.Words.T("pager.previous"); got != "Zurück" {
		t.Errorf("pager.previous = %q, want German", got)
	}
	if got := strings.Join(cfg.ActionColumns, "|"); got != "Was|Bis wann|Unterstützung, die ich brauche|Woran ich es merke" {
		t.Errorf("action columns %q, want German defaults", got)
	}
	if got := strings.Join(cfg.ReviewColumns, "|"); got != "Eins|Zwei" {
		t.Errorf("review columns %q, want praxis.yaml's", got)
	}
	fsys["i18n/de.yaml"] = &fstest.MapFile{Data: []byte("pager.nxt: Vorwärts\n")}
	if _, err := Load(fsys); err == nil || !strings.Contains(err.Error(), "i18n/de.yaml:1:1") {
		t.Errorf("error %v, want one at i18n/de.yaml:1:1", err)
	}
}
