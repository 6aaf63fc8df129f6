package scoring_test

// Other published maturity models, run from their config alone: OWASP SAMM
// v2 and the EU Open Data Maturity 2023 (example/samm, example/odm). The
// tests check our own small inputs against values worked out by hand and,
// when the published reference data is present next to the repository
// (../shared/reference, not committed), reproduce the published scores.

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// referenceDir holds published reference data, outside the repository.
const referenceDir = "../../shared/reference"

// needReference skips the test when the reference data is absent.
// REIFEGRAD_REFERENCE points elsewhere, e.g. from a git worktree.
func needReference(t *testing.T, sub string) string {
	t.Helper()
	base := referenceDir
	if env := os.Getenv("REIFEGRAD_REFERENCE"); env != "" {
		base = env
	}
	dir := filepath.Join(base, sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("reference data %s is absent (it lives outside the repository): %v", dir, err)
	}
	return dir
}

// readCSV reads a whole CSV file.
func readCSV(tb testing.TB, file string) [][]string {
	tb.Helper()
	f, err := os.Open(file)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	return recs
}

// wideDataset reads a file with one row per unit: an id column, an
// optional name column and a column per question, named by its code. It
// keeps answers exactly as they are, as the importers do.
func wideDataset(tb testing.TB, m *scoring.Model, file, wave, idCol, nameCol string) *scoring.Dataset {
	tb.Helper()
	recs := readCSV(tb, file)
	hdr := recs[0]
	idIdx, nameIdx := slices.Index(hdr, idCol), slices.Index(hdr, nameCol)
	if idIdx < 0 {
		tb.Fatalf("%s: no column %q", file, idCol)
	}
	cols := make([]int, len(m.Questions))
	for qi, q := range m.Questions {
		cols[qi] = slices.Index(hdr, string(q.ID))
	}
	ds := &scoring.Dataset{}
	for _, rec := range recs[1:] {
		u := scoring.Unit{ID: scoring.UnitID(rec[idIdx])}
		if nameIdx >= 0 {
			u.Name = rec[nameIdx]
		}
		answers := make([]string, len(m.Questions))
		for qi, c := range cols {
			if c >= 0 {
				answers[qi] = rec[c]
			}
		}
		ds.Responses = append(ds.Responses, scoring.Response{Wave: scoring.WaveID(wave), Unit: u, Answers: scoring.AnswersOf(answers...)})
	}
	return ds
}

// points returns a unit's points on a node.
func points(tb testing.TB, r *scoring.Results, u *scoring.UnitResult, node string) float64 {
	tb.Helper()
	n := r.Model.Node(scoring.NodeID(node))
	if n == nil {
		tb.Fatalf("no node %q", node)
	}
	s := u.Nodes.At(n.Index)
	if !s.Scored() {
		tb.Fatalf("%s: %s not scored (%v)", u.Unit.ID, node, s.State)
	}
	return r.Points(n, s.Score)
}

func TestSAMMExample(t *testing.T) {
	m := MustModel(t, "../example/samm/config.yaml")
	if len(m.Questions) != 90 || len(m.Dimensions()) != 5 || len(m.Indicators()) != 30 || len(m.PeerGroups) != 0 {
		t.Fatalf("model has %d questions, %d functions, %d streams, %d peer groups; want 90, 5, 30, 0",
			len(m.Questions), len(m.Dimensions()), len(m.Indicators()), len(m.PeerGroups))
	}
	res := scoring.Score(m, wideDataset(t, m, "../example/samm/organisationen_2025.csv", "2025", "id", "name"))
	// Worked out by hand from the patterns in example/samm/gen.go; points
	// of 3. Nordlicht:
	//   Governance: every stream 1 + 0.5 + 0 = 1.5 → 1.5
	//   Design: streams A 3, B 0 → every practice 1.5 → 1.5
	//   Implementation: every stream 3 × 0.25 → 0.75
	//   Verification: 1 + 0.25 + unanswered (0) → 1.25
	//   Operations: IM (2.5 + 1.5)/2 = 2, EM 0, OM 1.5 → 3.5/3
	//   total (1.5 + 1.5 + 0.75 + 1.25 + 3.5/3) / 5 = 37/30
	// Südwind: every stream 3, but Incident Response 2:
	//   Operations (2.5 + 3 + 3)/3 = 8.5/3; total (12 + 8.5/3)/5 = 44.5/15
	tests := []struct {
		id       string
		points   map[string]float64
		coverage float64
		level    int
		blocking []string
	}{
		{"NORD", map[string]float64{"G-SM-A": 1.5, "G": 1.5, "D-TA-A": 3, "D-TA-B": 0, "D-TA": 1.5, "D": 1.5, "I": 0.75,
			"V-AA-A": 1.25, "V": 1.25, "O-IM": 2, "O-EM": 0, "O-OM": 1.5, "O": 3.5 / 3, "overall": 37.0 / 30},
			// Verification answered 2 of 3 activities: (4 + 2/3) / 5.
			14.0 / 15, 1, []string{"level 1 (Secure Build)", "level 1 (Secure Deployment)", "level 1 (Defect Management)", "level 1 (Environment Management)"}},
		{"SUED", map[string]float64{"G": 3, "O-IM-B": 2, "O-IM": 2.5, "O": 8.5 / 3, "overall": 44.5 / 15},
			1, 3, []string{"level 3 (Incident Management)"}},
	}
	for _, tt := range tests {
		u := result(t, res, "2025", tt.id)
		for node, want := range tt.points {
			if got := points(t, res, u, node); math.Abs(got-want) > 1e-9 {
				t.Errorf("%s %s = %v points, want %v", tt.id, node, got, want)
			}
		}
		if got := u.Nodes.At(0).Coverage; math.Abs(got-tt.coverage) > 1e-12 {
			t.Errorf("%s coverage = %v, want %v", tt.id, got, tt.coverage)
		}
		var blocking []string
		for _, c := range u.Blocking {
			blocking = append(blocking, scoring.NewDescriber(scoring.German).Criterion(m, c))
		}
		if u.Level != tt.level || !slices.Equal(blocking, tt.blocking) {
			t.Errorf("%s: level %d blocked by %q, want %d blocked by %q", tt.id, u.Level, blocking, tt.level, tt.blocking)
		}
	}
	if len(res.Issues) != 0 {
		t.Errorf("issues: %v", res.Issues)
	}
}

// TestSAMMAcme reproduces the scorecard of the OWASP SAMM toolbox's worked
// example "Acme" from its answers.
func TestSAMMAcme(t *testing.T) {
	dir := needReference(t, "samm")
	m := MustModel(t, "../example/samm/config.yaml")
	res := scoring.Score(m, wideDataset(t, m, filepath.Join(dir, "acme_wide.csv"), "1", "id", "name"))
	if len(res.Issues) != 0 {
		t.Fatalf("answers the model does not know: %v", res.Issues)
	}
	u := result(t, res, "1", "ACME")
	practices := map[string]string{} // practice name → node id
	functions := map[string]string{}
	for _, n := range m.Nodes {
		switch n.Depth {
		case 1:
			functions[n.Name] = string(n.ID)
		case 2:
			practices[n.Name] = string(n.ID)
		}
	}
	card := readCSV(t, filepath.Join(dir, "acme_example_v2.0-WIP_scorecard_expected.csv"))
	fnScores := map[string]float64{}
	for _, rec := range card[1:] {
		fn, practice := rec[0], rec[1]
		wantP, _ := strconv.ParseFloat(rec[2], 64)
		wantF, _ := strconv.ParseFloat(rec[6], 64)
		fnScores[fn] = wantF
		if got := points(t, res, u, practices[practice]); math.Abs(got-wantP) > 1e-9 {
			t.Errorf("%s: %v points, scorecard says %v", practice, got, wantP)
		}
		if got := points(t, res, u, functions[fn]); math.Abs(got-wantF) > 1e-9 {
			t.Errorf("%s: %v points, scorecard says %v", fn, got, wantF)
		}
	}
	if len(fnScores) != 5 {
		t.Fatalf("scorecard has %d business functions, want 5", len(fnScores))
	}
	var total float64
	for _, s := range fnScores {
		total += s / 5
	}
	if got := points(t, res, u, "overall"); math.Abs(got-total) > 1e-9 {
		t.Errorf("overall: %v points, the mean of the scorecard's functions is %v", got, total)
	}
}

func TestODMExample(t *testing.T) {
	m := MustModel(t, "../example/odm/config.yaml")
	if got := m.Root().MaxPoints; got != 2540 {
		t.Errorf("ODM maximum = %v points, want 2540", got)
	}
	res := scoring.Score(m, wideDataset(t, m, "../example/odm/laender_2023.csv", "2023", "country", "name"))
	// By hand, from the scoring rules:
	// Atlantis: Q1 Yes 30, Q2 "not applicable" 30 (Not Applicable earns
	//   the points), Q3 "YES" 10 (case ignored), Q4 No 0, Q5 "yes " 0 (a
	//   trailing space is not matched), Q10b "Yes, other measures" half of
	//   10, Q113 Yes 0 → indicator 1.1 and dimension 1: 75, total 75.
	// Borduria: Q2 "not applicable " 0, Q14 "Yes, most initiatives" ¾ of
	//   20 = 15, Q23b "Approximately half of the datasets" ⅔ of 15 = 10,
	//   Q113 "no" 10 → 1.2: 15, 1.3: 10, dimension 1: 25, 4.2 and
	//   dimension 4: 10, total 35.
	tests := []struct {
		id     string
		points map[string]float64
	}{
		{"XA", map[string]float64{"Ind1_1": 75, "Dim1": 75, "Ind4_2": 0, "Dim4": 0, "overall": 75}},
		{"XB", map[string]float64{"Ind1_1": 0, "Ind1_2": 15, "Ind1_3": 10, "Dim1": 25, "Ind4_2": 10, "Dim4": 10, "overall": 35}},
	}
	for _, tt := range tests {
		u := result(t, res, "2023", tt.id)
		for node, want := range tt.points {
			if got := points(t, res, u, node); math.Abs(got-want) > 1e-9 {
				t.Errorf("%s %s = %v points, want %v", tt.id, node, got, want)
			}
		}
		if got, want := u.Nodes.At(0).Score, 100*tt.points["overall"]/2540; math.Abs(got-want) > 1e-9 {
			t.Errorf("%s score = %v, want %v", tt.id, got, want)
		}
	}
}

// TestODMReference reproduces the official ODM 2023 scores of all 35
// countries: total, the four dimensions and every indicator.
func TestODMReference(t *testing.T) {
	dir := needReference(t, "odm2023")
	m := MustModel(t, "../example/odm/config.yaml")
	res := scoring.Score(m, wideDataset(t, m, filepath.Join(dir, "wide_answers.csv"), "2023", "country", ""))
	official := readCSV(t, filepath.Join(dir, "country_scores_official.csv"))
	column := map[string]string{ // official column → node
		"Total": "overall", "Dim1": "Dim1", "Dim2": "Dim2", "Dim3": "Dim3", "Dim4": "Dim4",
		"Sec1.1": "Ind1_1", "Sec1.2": "Ind1_2", "Sec1.3": "Ind1_3",
		"2.1. Strategic awareness": "Ind2_1", "Sec2.2": "Ind2_2", "Sec2.3": "Ind2_3",
		"2.3a Governmental impact": "Ind2_3a", "2.3b Social impact": "Ind2_3b",
		"2.3c Environmental impact": "Ind2_3c", "2.3d Economic impact": "Ind2_3d",
		"Sec3.1": "Ind3_1", "Sec3.2": "Ind3_2", "Sec3.3": "Ind3_3", "Sec3.4": "Ind3_4",
		"Sec4.1": "Ind4_1", "Sec4.2": "Ind4_2", "Sec4.3": "Ind4_3", "Sec4.4": "Ind4_4",
	}
	hdr := official[0]
	checked := 0
	for _, rec := range official[1:] {
		u := result(t, res, "2023", rec[0])
		for i, h := range hdr {
			node, ok := column[h]
			if !ok {
				continue
			}
			want, err := strconv.ParseFloat(rec[i], 64)
			if err != nil {
				t.Fatalf("%s %s: %v", rec[0], h, err)
			}
			if got := points(t, res, u, node); math.Abs(got-want) > 1e-9 {
				t.Errorf("%s %s = %v points, official %v", rec[0], h, got, want)
			}
			checked++
		}
	}
	if n := len(official) - 1; n != 35 || checked != 35*len(column) {
		t.Errorf("checked %d values of %d countries, want %d of 35", checked, n, 35*len(column))
	}
}
