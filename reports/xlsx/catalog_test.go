package xlsx

import (
	"testing"

	"github.com/reifegrad/reifegrad/internal/catalogtest"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestCatalogs checks the workbook's and questionnaire's texts: every
// entry in both languages, with the same format verbs, and a text for
// every kind of data-quality note and every flag of the treatment.
func TestCatalogs(t *testing.T) {
	catalogtest.Check(t, "de", map[string]any{"de": catalogs[scoring.German], "en": catalogs[scoring.English]})
	catalogtest.Check(t, "de", map[string]any{"de": analyseTexts[scoring.German], "en": analyseTexts[scoring.English]})
	for _, k := range scoring.IssueKinds() {
		if _, ok := catalogs[scoring.German].IssueKinds[k]; !ok {
			t.Errorf("no text for issue kind %v", k)
		}
	}
	for f := scoring.TreatFlag(1); f != 0; f <<= 1 {
		if _, ok := analyseTexts[scoring.German].FlagWords[f]; !ok && f.String() != "" {
			t.Errorf("no words for the treatment's flag %s", f)
		}
	}
}
