package survey

import (
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestAttributes: a column named in Options.Attributes becomes a unit
// attribute under the name given; without it, the column is no answer and
// no attribute.
func TestAttributes(t *testing.T) {
	m := mustModel(t)
	src := "ags;Zielstufe;S01\n14612000;3;ja\n14713000;;nein\n"
	tests := []struct {
		name  string
		attrs []string
		want  []string // Attrs["zielstufe"] per row
	}{
		{"kept", []string{"zielstufe"}, []string{"3", ""}},
		{"not asked for", nil, []string{"", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := baseOptions(t)
			opt.Attributes = tt.attrs
			ds, err := Read(strings.NewReader(src), "z.csv", m, opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Responses) != 2 {
				t.Fatalf("%d responses, %d rejects", len(ds.Responses), len(ds.Rejects))
			}
			for i, r := range ds.Responses {
				if got := r.Unit.Attr("zielstufe"); got != tt.want[i] {
					t.Errorf("row %d: zielstufe %q, want %q", i+2, got, tt.want[i])
				}
			}
			var role scoring.ColumnRole
			for _, c := range ds.Inputs[0].Columns {
				if c.Header == "Zielstufe" {
					role = c.Role
				}
			}
			if (role == scoring.ColumnAttribute) != (tt.attrs != nil) {
				t.Errorf("column role %v", role)
			}
		})
	}
}
