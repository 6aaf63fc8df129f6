package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSensitivityChartCarriesTheIndices: the overview's sensitivity chart is
// the only place on the page with the indices; it must carry them at the
// precision reifegrad.xlsx (Robustheit, format 0.00) and `reifegrad analyse`
// show (two decimals), and have its table (data-table) like every chart.
func TestSensitivityChartCarriesTheIndices(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := MustRun(t, "-c", repoConfig, "-o", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "overview.html"))
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`data-chart="overview-sensitivity" data-table=""`).Match(page) {
		t.Error("the sensitivity chart has no table of its figures")
	}
	m := regexp.MustCompile(`(?s)<script type="application/json" id="reifegrad-charts">(.*?)</script>`).FindSubmatch(page)
	var charts map[string]json.RawMessage
	if err := json.Unmarshal(m[1], &charts); err != nil {
		t.Fatal(err)
	}
	var sens struct {
		Series []struct {
			Data []struct{ Value float64 } `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(charts["overview-sensitivity"], &sens); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenFile(filepath.Join(out, "reifegrad.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	s := sens.Series
	for j := range 5 { // rows 11–15 of Robustheit: the five inputs of config.yaml
		for k, col := range []string{"B", "C"} { // first order, total
			v, err := wb.GetCellValue("Robustheit", col+string(rune('0'+1))+string(rune('1'+j)), excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			var want float64
			json.Unmarshal([]byte(v), &want)
			got := s[k].Data[j].Value
			if math.Abs(got-want) >= 0.005 { // two decimals, as the workbook shows them
				t.Errorf("input %d, %s: chart %g, workbook %s", j+1, []string{"first order", "total"}[k], got, v)
			}
		}
	}
}
