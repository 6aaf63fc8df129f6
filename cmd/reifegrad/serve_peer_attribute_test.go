package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestServePeerGroupByUnknownAttribute: a model whose peer group compares
// the units by an attribute of their own ("sector") was taken by serve
// init and serve, though the export the server scores holds each unit's
// id, name, district and population only: every unit stood outside the
// group, and its figures were missing from every page without a word (run
// refuses such a group where no input column gives the attribute). Both
// commands now refuse it at the line and column of the attribute; a group
// by district or size class is served as before.
func TestServePeerGroupByUnknownAttribute(t *testing.T) {
	dir := t.TempDir()
	withGroups := func(name, groups string) string {
		return writeIn(t, dir, name, "units: {id: id, municipalities: false}\n"+
			strings.Replace(miniModel, "  name: Mini\n", "  name: Mini\n  peer_groups: "+groups+"\n", 1))
	}
	bySector := withGroups("sector.yaml", "[{id: region, name: Region, attribute: district}, {id: sektor, name: Sektor, attribute: sector}]")
	byDistrict := withGroups("district.yaml", "[{id: region, name: Region, attribute: district}]")
	units := writeIn(t, dir, "u.csv", "id,name,district\nA1,Amt Eins,Nord\n")
	// Line 4 of the file, the attribute at column 104 of it (counted by hand).
	const refused = `model.peer_groups[1].attribute: peer group "sektor" compares the units by "sector", which 'reifegrad serve' cannot know`
	for _, tt := range []struct {
		name, config string
		args         []string
		err          string // "" for success
	}{
		{"init, by sector", bySector, []string{"serve", "init", "--units", units}, "sector.yaml:4:104: " + refused},
		{"serve, by sector", bySector, []string{"serve"}, "sector.yaml:4:104: " + refused},
		{"init, by district", byDistrict, []string{"serve", "init", "--units", units}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-c", tt.config}, tt.args...)
			args = append(args, "--db", filepath.Join(t.TempDir(), "r.db"), "-q")
			var out, errb bytes.Buffer
			cmd := NewRootCommand(strings.NewReader(testPassword+"\n"), &out, &errb)
			cmd.SetArgs(args)
			code := exitCode(cmd.Execute(), &errb)
			stderr := strings.ReplaceAll(errb.String(), dir+string(filepath.Separator), "")
			switch {
			case tt.err == "" && code != exitOK:
				t.Fatalf("exit %d: %s", code, stderr)
			case tt.err != "" && (code == exitOK || !strings.Contains(stderr, "reifegrad: "+tt.err)):
				t.Fatalf("exit %d, stderr %q; want an error %q", code, stderr, tt.err)
			}
		})
	}
}
