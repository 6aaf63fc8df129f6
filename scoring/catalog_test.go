package scoring

import (
	"testing"

	"github.com/reifegrad/reifegrad/internal/catalogtest"
)

// TestCatalogs checks the texts of the methodology, its treatment
// paragraph and the describer: every entry in both languages, with the
// same format verbs.
func TestCatalogs(t *testing.T) {
	catalogtest.Check(t, "de", map[string]any{"de": methodTexts[German], "en": methodTexts[English]})
	catalogtest.Check(t, "de", map[string]any{"de": treatTexts[German], "en": treatTexts[English]})
	catalogtest.Check(t, "de", map[string]any{"de": describeTexts[German], "en": describeTexts[English]})
	catalogtest.Check(t, "de", map[string]any{"de": causeTexts[German], "en": causeTexts[English]})
}
