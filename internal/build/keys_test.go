package build

import (
	"github.com/praxis-workbooks/praxis/internal/i18n"
	"reflect"
	"slices"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/frontmatter"
	"github.com/praxis-workbooks/praxis/internal/layout"
)

// eachFieldChanged calls check with a copy of v, a pointer to a struct,
// in which one exported field at a time holds another value, and names
// the field; it goes into fields that are structs. A field of a kind it
// cannot change fails the test, so that a new kind of field gets a
// thought.
func eachFieldChanged(t *testing.T, v any, check func(field string, changed any)) {
	t.Helper()
	eachFieldOf(t, reflect.ValueOf(v).Elem(), nil, func(field string, set func(reflect.Value)) {
		c := reflect.New(reflect.TypeOf(v).Elem())
		c.Elem().Set(reflect.ValueOf(v).Elem())
		set(c.Elem())
		check(field, c.Interface())
	})
}

// eachFieldOf calls each with the name of every exported field of the
// struct v, at the path of field indexes in, and a function that changes
// that field of a copy of the outermost struct.
func eachFieldOf(t *testing.T, v reflect.Value, in []int, each func(field string, set func(reflect.Value))) {
	t.Helper()
	typ := v.Type()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		at := append(slices.Clone(in), i)
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[diag.Pos]() {
			eachFieldOf(t, v.Field(i), at, func(field string, set func(reflect.Value)) { each(f.Name+"."+field, set) })
			continue
		}
		each(f.Name, func(outer reflect.Value) { changeField(t, typ.String()+"."+f.Name, outer.FieldByIndex(at)) })
	}
}

// changeField gives the field fv, named name, another value.
func changeField(t *testing.T, name string, fv reflect.Value) {
	t.Helper()
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
			t.Fatalf("%s: cannot change a %s; teach changeField and the key encoder", name, fv.Type())
		}
	case reflect.Pointer:
		if fv.Type() != reflect.TypeFor[*i18n.Words]() {
			t.Fatalf("%s: cannot change a %s; teach changeField and the key encoder", name, fv.Type())
		}
		other := i18n.For("de")
		if fv.Interface().(*i18n.Words).Digest() == other.Digest() {
			other = i18n.For("fr")
		}
		fv.Set(reflect.ValueOf(other))
	default:
		t.Fatalf("%s: cannot change a %s; teach changeField and the key encoder", name, fv.Type())
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
	info := &layout.SiteInfo{Title: "T", Date: "1 May 2026"}
	baseInfo := newKey().info(*info).sum()
	eachFieldChanged(t, info, func(field string, c any) {
		if newKey().info(*c.(*layout.SiteInfo)).sum() == baseInfo {
			t.Errorf("layout.SiteInfo.%s does not change the key", field)
		}
	})
	meta := &frontmatter.Meta{Title: "T", Tags: []string{"a"}}
	baseMeta := newKey().meta(*meta).sum()
	eachFieldChanged(t, meta, func(field string, c any) {
		if newKey().meta(*c.(*frontmatter.Meta)).sum() == baseMeta {
			t.Errorf("frontmatter.Meta.%s does not change the key", field)
		}
	})
	plan := &layout.ActionPlan{ID: "p"}
	basePlan := newKey().plans([]layout.ActionPlan{*plan}).sum()
	eachFieldChanged(t, plan, func(field string, c any) {
		if newKey().plans([]layout.ActionPlan{*c.(*layout.ActionPlan)}).sum() == basePlan {
			t.Errorf("layout.ActionPlan.%s does not change the key", field)
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
