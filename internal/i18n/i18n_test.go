package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/folder"
)

var fieldRE = regexp.MustCompile(`\{(\w+)\}`)

// TestCatalogues checks every built-in catalogue: it parses, has every id
// of English and no other, each message has the shape of the English one
// (text, plural forms or list, lists as long), uses no field English does
// not fill in, and has the plural forms its language's rule picks.
func TestCatalogues(t *testing.T) {
	enData, err := catalogues.ReadFile("catalogues/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	en, errs := parse("en", "en.yaml", enData, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, lang := range Builtin {
		data, err := catalogues.ReadFile("catalogues/" + lang + ".yaml")
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		msgs, errs := parse(lang, lang+".yaml", data, nil)
		if len(errs) > 0 {
			t.Errorf("%s: %v", lang, errs)
		}
		for id := range msgs {
			if _, ok := en[id]; !ok {
				t.Errorf("%s.yaml has %s, which en.yaml does not", lang, id)
			}
		}
		for id, want := range en {
			got, ok := msgs[id]
			if !ok {
				t.Errorf("%s.yaml lacks %s (falls back to English)", lang, id)
				continue
			}
			checkMessage(t, lang, id, got, want)
		}
	}
}

func checkMessage(t *testing.T, lang, id string, got, want message) {
	t.Helper()
	switch {
	case (got.list == nil) != (want.list == nil):
		t.Errorf("%s %s: a list in one language and not in the other", lang, id)
	case id == "date.months" || strings.HasPrefix(id, "columns.actions") || id == "columns.review" || id == "typography.quotes":
		if len(got.list) != len(want.list) {
			t.Errorf("%s %s: %d items, English has %d", lang, id, len(got.list), len(want.list))
		}
	}
	allowed := map[string]bool{}
	for _, text := range texts(want) {
		for _, m := range fieldRE.FindAllStringSubmatch(text, -1) {
			allowed[m[1]] = true
		}
	}
	if want.forms != nil {
		allowed["n"] = true
	}
	for _, text := range texts(got) {
		for _, m := range fieldRE.FindAllStringSubmatch(text, -1) {
			if !allowed[m[1]] {
				t.Errorf("%s %s: field {%s} is not filled in (English has %v)", lang, id, m[1], keys(allowed))
			}
		}
	}
	if got.forms != nil {
		rule := pluralRule(lang)
		for n := 0; n < 200; n++ {
			if _, ok := got.forms[rule(n)]; !ok && got.forms["other"] == "" {
				t.Errorf("%s %s: no form %s (for %d) and no other", lang, id, rule(n), n)
			}
		}
	}
}

func texts(m message) []string {
	out := append([]string{m.text}, m.list...)
	for _, f := range m.forms {
		out = append(out, f)
	}
	return out
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestT(t *testing.T) {
	de := For("de-CH")
	for _, tc := range []struct {
		w    *Words
		id   string
		args []any
		want string
	}{
		{nil, "pager.next", nil, "Next"},
		{de, "pager.next", nil, "Weiter"},
		{de, "print.page", []any{"page", 4, "pages", 26}, "Seite 4 von 26"},
		{de, "session.minutes", []any{"n", 1}, "1 Minute"},
		{de, "session.minutes", []any{"n", 20}, "20 Minuten"},
		{For("pl"), "js.steps", []any{"n", 3}, "3 kroki"},
		{For("pl"), "js.steps", []any{"n", 5}, "5 kroków"},
		{For("pl"), "js.steps", []any{"n", 22}, "22 kroki"},
		{For("ar"), "js.steps", []any{"n", 2}, "خطوتان"},
		{For("fr"), "search.results", []any{"n", 0}, "0 résultat"},
		{For("xx"), "pager.next", nil, "Next"},
		{de, "no.such.id", nil, "no.such.id"},
		{de, "columns.actions", nil, "Was, Bis wann, Unterstützung, die ich brauche, Woran ich es merke"},
	} {
		if got := tc.w.T(tc.id, tc.args...); got != tc.want {
			t.Errorf("%s.T(%q, %v) = %q, want %q", tc.w.Lang(), tc.id, tc.args, got, tc.want)
		}
	}
}

func TestDirAndLang(t *testing.T) {
	for lang, dir := range map[string]string{"ar": "rtl", "he": "rtl", "fa-IR": "rtl", "ur": "rtl", "de": "ltr", "en": "ltr", "": "ltr"} {
		if got := For(lang).Dir(); got != dir {
			t.Errorf("For(%q).Dir() = %s, want %s", lang, got, dir)
		}
	}
	if got := For("pt-BR").Lang(); got != "pt-BR" {
		t.Errorf("Lang() = %q, want the tag as given", got)
	}
	if For("pt-BR").T("pager.next") != "Seguinte" {
		t.Error("pt-BR does not use the Portuguese catalogue")
	}
}

func TestPluralRules(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "other"}, {"en", 1, "one"}, {"de", 2, "other"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"},
		{"pl", 1, "one"}, {"pl", 2, "few"}, {"pl", 12, "many"}, {"pl", 22, "few"}, {"pl", 25, "many"},
		{"ar", 0, "zero"}, {"ar", 2, "two"}, {"ar", 3, "few"}, {"ar", 11, "many"}, {"ar", 100, "other"}, {"ar", 103, "few"},
		{"he", 2, "two"}, {"he", 3, "other"},
	} {
		if got := pluralRule(tc.lang)(tc.n); got != tc.want {
			t.Errorf("%s plural of %d = %s, want %s", tc.lang, tc.n, got, tc.want)
		}
	}
}

// TestLoad reads a workbook's own words: they override the built-in ones,
// and mistakes are reported with file, line and column.
func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		name, lang, file, text string
		id, want, err          string
	}{
		{"override", "de", "de.yaml", "pager.next: Vorwärts\n", "pager.next", "Vorwärts", ""},
		{"other words stay", "de", "de.yaml", "pager.next: Vorwärts\n", "pager.previous", "Zurück", ""},
		{"whole tag", "de-CH", "de-CH.yaml", "pager.next: Witer\n", "pager.next", "Witer", ""},
		{"plural forms", "en", "en.yaml", "session.minutes:\n  one: \"{n} min\"\n  other: \"{n} mins\"\n", "session.minutes", "{n} mins", ""},
		{"list", "en", "en.yaml", "columns.actions: [Step, When]\n", "columns.actions", "Step, When", ""},
		{"unknown id", "de", "de.yaml", "pager.nxt: Weiter\n", "", "", `i18n/de.yaml:1:1: unknown key "pager.nxt"`},
		{"near miss", "de", "de.yaml", "pager.nxt: Weiter\n", "", "", `did you mean "pager.next"?`},
		{"bad yaml", "de", "de.yaml", "pager.next: [Weiter\n", "", "", "i18n/de.yaml:"},
		{"text for a list", "de", "de.yaml", "\n\ncolumns.actions: Was\n", "", "", "i18n/de.yaml:3:18: columns.actions must be a list"},
		{"unknown plural form", "de", "de.yaml", "js.steps:\n  single: x\n  other: y\n", "", "", "i18n/de.yaml:2:3: js.steps: plural forms are"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, "i18n"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "i18n", tc.file), []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			w, err := Load(folder.New(root), tc.lang)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := w.T(tc.id, "n", 5); got != strings.ReplaceAll(tc.want, "{n}", "5") {
				t.Errorf("%s = %q, want %q", tc.id, got, tc.want)
			}
			if w.Digest() == For(tc.lang).Digest() {
				t.Error("the digest does not tell the workbook's words from praxis's")
			}
		})
	}
}

// TestLoadRefusesLinksOutside: a workbook's i18n file that is a link to a
// file outside the workbook folder is not read.
func TestLoadRefusesLinksOutside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "words.yaml")
	if err := os.WriteFile(outside, []byte("pager.next: Secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "i18n", "de.yaml")); err != nil {
		t.Skip(err)
	}
	w, err := Load(folder.New(root), "de")
	if err == nil && w.T("pager.next") == "Secret" {
		t.Fatal("read words from outside the workbook")
	}
	if err == nil || !strings.Contains(err.Error(), "i18n/de.yaml") {
		t.Errorf("error %v, want one naming i18n/de.yaml", err)
	}
}

func TestUnits(t *testing.T) {
	mins := Units("agenda.units_minutes", nil)
	for _, u := range []string{"min", "Minuten", "minutos", "دقائق", "minut"} {
		found := false
		for _, m := range mins {
			found = found || strings.EqualFold(m, u)
		}
		if !found {
			t.Errorf("%q is not a unit of minutes: %v", u, mins)
		}
	}
	for i := 1; i < len(mins); i++ {
		if len(mins[i]) > len(mins[i-1]) {
			t.Fatalf("units not longest first: %v", mins)
		}
	}
}

func TestScript(t *testing.T) {
	s := For("de").Script()
	if s["js.download"] != "Meine Antworten herunterladen" {
		t.Errorf("js.download = %v", s["js.download"])
	}
	if forms, ok := s["js.steps"].(map[string]string); !ok || forms["other"] != "{n} Schritte" {
		t.Errorf("js.steps = %#v, want plural forms", s["js.steps"])
	}
	if _, ok := s["pager.next"]; ok {
		t.Error("Script holds words the scripts do not use")
	}
}
