package survey

import (
	"os"
	"reflect"
	"testing"
)

// TestBundledRegisterTables: LoadRegister hands out, from
// register_tables.go, exactly what ReadRegister reads from the register's
// CSV file, which stays the source: every unit field for field, in the
// file's order, the warnings, the index by AGS and the successions. A
// file changed without 'go generate' fails here.
func TestBundledRegisterTables(t *testing.T) {
	for _, name := range Registers() {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open("registers/" + name + ".csv")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			want, err := ReadRegister(f, name)
			if err != nil {
				t.Fatal(err)
			}
			if sf, err := os.Open("registers/" + name + "_successors.csv"); err == nil {
				defer sf.Close()
				if want.Successions, err = ReadSuccessions(sf, name+"_successors.csv"); err != nil {
					t.Fatal(err)
				}
			}
			got, err := LoadRegister(name)
			if err != nil {
				t.Fatal(err)
			}
			sameRegister(t, got, want)
		})
	}
}

// sameRegister fails t where got is not want, naming the first unit that
// differs.
func sameRegister(t *testing.T, got, want *Register) {
	t.Helper()
	if got.Name != want.Name {
		t.Errorf("name %q, want %q", got.Name, want.Name)
	}
	if len(got.Units) != len(want.Units) {
		t.Errorf("%d units, want %d (go generate in survey/)", len(got.Units), len(want.Units))
	}
	for i := range min(len(got.Units), len(want.Units)) {
		if !reflect.DeepEqual(got.Units[i], want.Units[i]) {
			t.Errorf("unit %d: %+v\nwant %+v (go generate in survey/)", i, got.Units[i], want.Units[i])
			break
		}
	}
	if !reflect.DeepEqual(got.Warnings, want.Warnings) {
		t.Errorf("warnings %q, want %q", got.Warnings, want.Warnings)
	}
	if !reflect.DeepEqual(got.byID, want.byID) {
		t.Errorf("the index by AGS differs (%d entries, want %d)", len(got.byID), len(want.byID))
	}
	if !reflect.DeepEqual(got.Successions, want.Successions) {
		t.Errorf("successions %v, want %v", got.Successions, want.Successions)
	}
}
