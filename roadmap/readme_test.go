package roadmap

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEListsRoadmapJSON: README's row of roadmap.json spells out the
// file's structure — every key, nested as written, in the order written —
// and names each key that is left out where it has no value. A key added
// to the JSON without README (clarified_without_points was) fails here.
func TestREADMEListsRoadmapJSON(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `roadmap\\.json` \\|.*$").FindString(string(b))
	if row == "" {
		t.Fatal("README has no row of roadmap.json")
	}
	level := reflect.TypeFor[jsonLevel]()
	var omitted []string
	var shape func(reflect.Type) string
	shape = func(st reflect.Type) string {
		var keys []string
		for i := range st.NumField() {
			f := st.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if opts == "omitempty" {
				omitted = append(omitted, name)
			}
			key := `"` + name + `"`
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch {
			case ft.Kind() == reflect.Struct && ft != level:
				key += ": " + shape(ft)
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				key += ": [" + shape(ft.Elem()) + "]"
			}
			keys = append(keys, key)
		}
		return "{" + strings.Join(keys, ", ") + "}"
	}
	want := shape(reflect.TypeFor[jsonSet]())
	if !strings.Contains(row, "`"+want+"`") {
		t.Errorf("README's row of roadmap.json does not give the file's keys\n`%s`:\n%s", want, row)
	}
	if l := "levels as `" + shape(level) + "`"; !strings.Contains(row, l) {
		t.Errorf("README's row of roadmap.json does not say %s", l)
	}
	_, after, _ := strings.Cut(row, "levels as")
	after, _, ok := strings.Cut(after, "only where they have a value")
	if !ok {
		t.Fatal("README's row of roadmap.json does not say which keys are left out without a value")
	}
	for _, k := range omitted {
		if !strings.Contains(after, "`"+k+"`") {
			t.Errorf("README does not name %s among the keys of roadmap.json given only where they have a value", k)
		}
	}
	if len(omitted) < 5 {
		t.Errorf("only %d keys left out without a value found: %v", len(omitted), omitted)
	}
}

// TestREADMERoadmapCodes: README names every status a roadmap has in
// roadmap.csv's row, and every reason progress to date has no value
// (roadmap.json's no_progress) in the Roadmaps section, as the files
// write them.
func TestREADMERoadmapCodes(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	quoted := func(names []string) string {
		var q []string
		for _, n := range names {
			q = append(q, "`"+n+"`")
		}
		return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
	}
	if want := "`status` is " + quoted(statusNames[:]); !strings.Contains(readme, want) {
		t.Errorf("README does not say %q", want)
	}
	_, section, ok := strings.Cut(readme, "* **Percent to target and progress to date**")
	if !ok {
		t.Fatal("README has no section on progress to date")
	}
	section, _, _ = strings.Cut(section, "\n* **")
	for _, name := range noProgressNames[1:] {
		if !strings.Contains(section, "(`"+name+"`") {
			t.Errorf("README's progress to date does not name the reason %s", name)
		}
	}
}
