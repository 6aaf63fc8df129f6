package reports_test

import (
	"testing"

	"github.com/reifegrad/reifegrad"
	"github.com/reifegrad/reifegrad/example"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// saxony reads the bundled example survey (419 municipalities of Saxony,
// waves 2024 and 2026) the way 'reifegrad run' does with the built-in
// config. Only this external test package imports survey: the reports
// package itself never does.
func saxony(tb testing.TB) (*scoring.Model, *scoring.Dataset) {
	tb.Helper()
	m, err := scoring.ParseModel("config.yaml", reifegrad.DefaultConfig)
	if err != nil {
		tb.Fatal(err)
	}
	reg, err := survey.LoadRegister("sachsen")
	if err != nil {
		tb.Fatal(err)
	}
	dup, err := survey.ParseDuplicatePolicy("keep_last")
	if err != nil {
		tb.Fatal(err)
	}
	ds := &scoring.Dataset{}
	for _, wave := range []string{"2024", "2026"} {
		name := "umfrage_" + wave + ".csv"
		f, err := example.Files.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		d, err := survey.Read(f, name, m, survey.Options{Wave: scoring.Wave{ID: scoring.WaveID(wave), Label: wave},
			IDColumn: "ags", NameColumn: "gemeinde", UnitsAreMunicipalities: true, Register: reg, Duplicates: dup})
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
		ds.Append(d)
	}
	return m, ds
}
