package survey

import (
	"errors"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

func TestMatchName(t *testing.T) {
	reg := mustRegister(t, "sachsen")
	tests := []struct {
		name, district string
		want           scoring.UnitID
		wantErr        error
		errHas         string
	}{
		{name: "Dresden, Stadt", want: "14612000"},
		{name: "Dresden", want: "14612000"},
		{name: "Landeshauptstadt Dresden", want: "14612000"},
		{name: "Stadt Leipzig", want: "14713000"},
		{name: "Große Kreisstadt Radebeul", want: "14627210"},
		{name: "Radebeul, Große Kreisstadt", want: "14627210"},
		{name: "GÖRLITZ", want: "14626110"},
		{name: "Goerlitz", want: "14626110"},
		{name: "Bautzen/Budyšin", want: "14625020"},
		{name: "Bautzen / Budysin", want: "14625020"},
		{name: "Hoyerswerda/Wojerecy", want: "14625240"},
		{name: "Schleife/Slepo", want: "14626490"},
		{name: "Seiffen", want: "14521570"},
		{name: "Kurort Seiffen/Erzgeb.", want: "14521570"},
		{name: "Weißwasser", want: "14626600"},
		{name: "Weisswasser/O.L.", want: "14626600"},
		{name: "Sankt Egidien", want: "14524280"},
		{name: "Ebersbach–Neugersdorf", want: "14626085"},
		{name: "Neukirch (Landkreis Bautzen)", want: "14625370"},
		{name: "Auerbach", district: "Vogtlandkreis", want: "14523020"},
		{name: "Auerbach", district: "Landkreis Erzgebirgskreis", want: "14521040"},
		{name: "Auerbach", wantErr: ErrAmbiguousName, errHas: "14521040 Auerbach (Landkreis Erzgebirgskreis) (Erzgebirgskreis); 14523020 Auerbach/Vogtl., Stadt (Vogtlandkreis)"},
		{name: "Neukirch", district: "Bautzen", wantErr: ErrAmbiguousName, errHas: "fits 2 municipalities"},
		{name: "Dresdn", wantErr: ErrUnknownName, errHas: `did you mean "Dresden, Stadt" (14612000, Dresden, Stadt)`},
		{name: "Atlantis", wantErr: ErrUnknownName, errHas: `"Atlantis" is not in register sachsen`},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.district, func(t *testing.T) {
			u, err := reg.MatchName(tt.name, tt.district)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.errHas) {
					t.Errorf("error %v, want %v containing %q", err, tt.wantErr, tt.errHas)
				}
				return
			}
			if err != nil || u.ID != tt.want {
				t.Errorf("MatchName = %s %v, want %s", u.ID, err, tt.want)
			}
		})
	}
}

// TestReadByName reads a survey that names municipalities instead of
// giving their AGS: every unmatched or ambiguous name is a reject, the
// others get the register's AGS, district and population.
func TestReadByName(t *testing.T) {
	in := "Kommune;Landkreis;S01\nStadt Dresden;;ja\nAuerbach;;ja\nAuerbach;Vogtlandkreis;nein\nAtlantis;;ja\n;;ja\n"
	ds := readString(t, in, Options{UnitsAreMunicipalities: true, Register: mustRegister(t, "sachsen")})
	if len(ds.Responses) != 2 || len(ds.Rejects) != 3 {
		t.Fatalf("%d responses, rejects %v", len(ds.Responses), ds.Rejects)
	}
	dd := ds.Responses[0].Unit
	if dd.ID != "14612000" || dd.District != "Dresden, Stadt" || dd.Population != 557782 || dd.Name != "Stadt Dresden" {
		t.Errorf("unit %+v", dd)
	}
	if ds.Responses[1].Unit.ID != "14523020" {
		t.Errorf("Auerbach in Vogtlandkreis = %s", ds.Responses[1].Unit.ID)
	}
	for i, want := range []string{"ambiguous municipality name", "unknown municipality name", "name column 1 is empty"} {
		if r := ds.Rejects[i]; !strings.Contains(r.Reason, want) || r.Column != 1 {
			t.Errorf("reject %d: %+v, want %q in column 1", i, r, want)
		}
	}
}

// TestNameContradictsAGS notes a name that does not fit the register entry
// of the row's AGS: a typo in the AGS would otherwise give one
// municipality's answers to another.
func TestNameContradictsAGS(t *testing.T) {
	in := "AGS;Gemeinde;S01\n14612000;Landeshauptstadt Dresden;ja\n14713000;Dresden;ja\n"
	ds := readString(t, in, Options{UnitsAreMunicipalities: true, Register: mustRegister(t, "sachsen")})
	var got []string
	for _, is := range ds.Issues {
		if is.Kind == scoring.IssueUnmatchedName {
			got = append(got, is.Place+" "+is.Message)
		}
	}
	want := `t.csv:3:2 14713000: the file names it "Dresden", register sachsen "Leipzig, Stadt": check the AGS`
	if len(got) != 1 || got[0] != want {
		t.Errorf("issues %q, want [%s]", got, want)
	}
}

func TestNormaliseAGS(t *testing.T) {
	tests := []struct {
		in   string
		want scoring.UnitID
		ok   bool
	}{
		{"14612000", "14612000", true},
		{" 14612000 ", "14612000", true},
		{"1001000", "01001000", true},
		{"01001000", "01001000", true},
		{"14612000.0", "14612000", true},
		{"1.4612E+07", "14612000", true},
		{"14 612 000", "14612000", true},
		{"146120", "146120", false},
		{"14612000x", "14612000x", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormaliseAGS(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormaliseAGS(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
