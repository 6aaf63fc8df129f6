package reports_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/reports/internal/pdfcheck"
	"github.com/reifegrad/reifegrad/reports/pdf"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestPrintLongNames prints the overview of the Saxony example under a
// model whose dimensions have long one-word German names, as real models'
// fields often do ("Informationssicherheitsmanagement"). A table wider
// than the page was cut at the right edge of the paper: the district
// table of an 11-dimension model lost its last four columns, figures and
// all. Every row of every chart table must be on paper with all its
// figures, as in TestPrint.
func TestPrintLongNames(t *testing.T) {
	exe := pdfcheck.Browser(t)
	names := strings.NewReplacer(
		"name: Strategie & Steuerung", "name: Digitalisierungsstrategieentwicklung",
		"name: Online-Dienste (OZG)", "name: Onlinezugangsgesetzumsetzung",
		"name: Prozesse & E-Akte", "name: Verwaltungsprozessdigitalisierung",
		"name: IT & Informationssicherheit", "name: Informationssicherheitsmanagement",
		"name: Personal & Kompetenzen", "name: Personalkompetenzentwicklung",
		"name: Daten & Innovation", "name: Datenbewirtschaftungsinnovation")
	m, err := scoring.ParseModel("config.yaml", []byte(names.Replace(string(reifegrad.DefaultConfig))))
	if err != nil {
		t.Fatal(err)
	}
	if m.Dimensions()[3].Name != "Informationssicherheitsmanagement" {
		t.Fatalf("the names were not replaced: %q", m.Dimensions()[3].Name)
	}
	_, ds := fixture.Saxony(t)
	r := scoring.Score(m, ds)
	date := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	page := fixture.WriteFile(t, dir, "overview.html", func(w io.Writer) error { return html.RenderOverview(w, r, html.Options{Date: date}) })
	for _, a := range html.AssetNames() {
		fixture.WriteFile(t, dir, html.AssetsDir+"/"+a, func(w io.Writer) error { return html.WriteAsset(w, a) })
	}
	p, err := pdf.Start(context.Background(), pdf.Options{Browser: exe})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	out := filepath.Join(dir, "overview.pdf")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Print(context.Background(), page, f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	checkChartTables(t, page, out)
}
