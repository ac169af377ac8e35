package build

import (
	"reflect"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/frontmatter"
	"github.com/praxis-workbooks/praxis/internal/render"
)

// eachFieldChanged calls check with a copy of v, a pointer to a struct,
// in which one exported field at a time holds another value, and names
// the field. A field of a kind it cannot change fails the test, so that a
// new kind of field gets a thought.
func eachFieldChanged(t *testing.T, v any, check func(field string, changed any)) {
	t.Helper()
	typ := reflect.TypeOf(v).Elem()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		c := reflect.New(typ)
		c.Elem().Set(reflect.ValueOf(v).Elem())
		fv := c.Elem().Field(i)
		switch fv.Kind() {
		case reflect.String:
			fv.SetString(fv.String() + "x")
		case reflect.Bool:
			fv.SetBool(!fv.Bool())
		case reflect.Int:
			fv.SetInt(fv.Int() + 1)
		case reflect.Slice:
			switch fv.Type().Elem() {
			case reflect.TypeFor[string]():
				fv.Set(reflect.Append(fv, reflect.ValueOf("x")))
			case reflect.TypeFor[diag.Pos]():
				fv.Set(reflect.Append(fv, reflect.ValueOf(diag.Pos{File: "x", Line: 1, Col: 1})))
			default:
				t.Fatalf("%s.%s: cannot change a %s; teach eachFieldChanged and the key encoder", typ, f.Name, fv.Type())
			}
		default:
			t.Fatalf("%s.%s: cannot change a %s; teach eachFieldChanged and the key encoder", typ, f.Name, fv.Type())
		}
		check(f.Name, c.Interface())
	}
}

// TestKeysCoverEveryField checks that the encoders of step inputs write
// every field of the settings, the site info and the front matter: a field
// they miss would leave a changed page's old output in place.
func TestKeysCoverEveryField(t *testing.T) {
	cfg := config.Default()
	base := newKey().config(cfg).sum()
	eachFieldChanged(t, cfg, func(field string, c any) {
		if newKey().config(c.(*config.Config)).sum() == base {
			t.Errorf("config.Config.%s does not change the key", field)
		}
	})
	info := &render.SiteInfo{Title: "T", Date: "1 May 2026"}
	baseInfo := newKey().info(*info).sum()
	eachFieldChanged(t, info, func(field string, c any) {
		if newKey().info(*c.(*render.SiteInfo)).sum() == baseInfo {
			t.Errorf("render.SiteInfo.%s does not change the key", field)
		}
	})
	meta := &frontmatter.Meta{Title: "T", Tags: []string{"a"}}
	baseMeta := newKey().meta(*meta).sum()
	eachFieldChanged(t, meta, func(field string, c any) {
		if newKey().meta(*c.(*frontmatter.Meta)).sum() == baseMeta {
			t.Errorf("frontmatter.Meta.%s does not change the key", field)
		}
	})
	plan := &ActionPlan{ID: "p"}
	basePlan := newKey().plans([]ActionPlan{*plan}).sum()
	eachFieldChanged(t, plan, func(field string, c any) {
		if newKey().plans([]ActionPlan{*c.(*ActionPlan)}).sum() == basePlan {
			t.Errorf("ActionPlan.%s does not change the key", field)
		}
	})
}

// TestKeyFieldsAreDelimited checks that a key tells apart values that
// write the same bytes when run together.
func TestKeyFieldsAreDelimited(t *testing.T) {
	pairs := [][2]digest{
		{newKey().str("ab").str("c").sum(), newKey().str("a").str("bc").sum()},
		{newKey().strs([]string{"a", "b"}).strs(nil).sum(), newKey().strs([]string{"a"}).strs([]string{"b"}).sum()},
		{newKey().numbers(map[string]int{"a": 1}).sum(), newKey().numbers(map[string]int{"a": 2}).sum()},
		{newKey().int(1).str("").sum(), newKey().bool(true).sum()},
	}
	for i, p := range pairs {
		if p[0] == p[1] {
			t.Errorf("pair %d: the same key", i)
		}
	}
	if newKey().numbers(map[string]int{"a": 1, "b": 2}).sum() != newKey().numbers(map[string]int{"b": 2, "a": 1}).sum() {
		t.Error("page numbers: the key depends on the map's order")
	}
}
