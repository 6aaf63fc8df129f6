package xlsx

import (
	"testing"

	"github.com/reifegrad/reifegrad/internal/catalogtest"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestCatalogs checks the workbook's and questionnaire's texts: every
// entry in both languages, with the same format verbs, and a text for
// every kind of data-quality note.
func TestCatalogs(t *testing.T) {
	catalogtest.Check(t, "de", map[string]any{"de": catalogs[scoring.German], "en": catalogs[scoring.English]})
	catalogtest.Check(t, "de", map[string]any{"de": analyseTexts[scoring.German], "en": analyseTexts[scoring.English]})
	for _, k := range scoring.IssueKinds() {
		if _, ok := catalogs[scoring.German].IssueKinds[k]; !ok {
			t.Errorf("no text for issue kind %v", k)
		}
	}
}
