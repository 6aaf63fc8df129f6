package main

import (
	"testing"

	"github.com/reifegrad/reifegrad/internal/catalogtest"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestCatalogs checks the words of 'reifegrad model' in both languages.
func TestCatalogs(t *testing.T) {
	catalogtest.Check(t, "de", map[string]any{"de": modelWords[scoring.German], "en": modelWords[scoring.English]})
}
