package analyse

import (
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestDescribeInGerman: a German description of an uncertain input names
// the choices in German — the overview's robustness section and sensitivity
// chart read "Verdichtung „V“ (mean, geometric)" on German pages; the
// English one keeps the config's words.
func TestDescribeInGerman(t *testing.T) {
	m := mustModel(t, validateModel)
	for _, tt := range []struct {
		in     Input
		de, en string
	}{
		{Input{Kind: Aggregation, Node: m.Root().ID, Aggregations: []scoring.Aggregation{scoring.Mean, scoring.Geometric}},
			"Verdichtung „V“ (Mittelwert, geometrisches Mittel)", "aggregation of “V” (mean, geometric)"},
		{Input{Kind: Missing, Policies: []scoring.MissingPolicy{scoring.Reweight, scoring.Zero, scoring.Impute}},
			"Fehlende Werte aller Knoten (übergehen, als 0 zählen, einsetzen)", "missing data of every node (reweight, zero, impute)"},
		{Input{Kind: Normalisation, Normalisations: []scoring.Normalisation{scoring.NormaliseMinMax, scoring.NormaliseZScore, scoring.NormaliseRank}},
			"Normierung (Min-Max, z-Wert, Rang)", "normalisation (minmax, zscore, rank)"},
	} {
		if got := tt.in.Describe(m, scoring.German); got != tt.de {
			t.Errorf("German: %q, want %q", got, tt.de)
		}
		if got := tt.in.Describe(m, scoring.English); got != tt.en {
			t.Errorf("English: %q, want %q", got, tt.en)
		}
	}
}
