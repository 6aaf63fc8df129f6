package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestLongModelTexts: the model texts the probe found to break the
// workbooks — a question text of 1,500 characters or of 31 short lines
// (template), a description of 9,500 characters or 10,000 levels (run) —
// are written: wrapped, rows at most Excel's 409 points high, no text cut.
func TestLongModelTexts(t *testing.T) {
	src, err := os.ReadFile(hostileDir + "config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	q1 := "    - {id: Q1, scale: jn, text: 'Gibt es <script>alert(106)</script> eine Strategie?'}\n"
	desc := "  description: '</title><img src=x onerror=alert(102)> =HYPERLINK(\"http://example.invalid\",\"klick\")'\n"
	var bands strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&bands, "      - {level: %d, name: Stufe%d, min: %g}\n", i+1, i+1, float64(i)/100)
	}
	levels := regexp.MustCompile(`(?m)^    bands:\n(      - .*\n)+`)
	tests := []struct {
		name, cmd string
		edit      func(string) string
		want      []string // texts that must be whole in some cell
	}{
		{"a question text of 1,500 characters", "template", func(s string) string {
			return strings.Replace(s, q1, "    - {id: Q1, scale: jn, text: '"+strings.Repeat("Wort ", 300)+"'}\n", 1)
		}, []string{strings.Repeat("Wort ", 299) + "Wort"}},
		{"a question text of 31 lines", "template", func(s string) string {
			return strings.Replace(s, q1, "    - {id: Q1, scale: jn, text: \""+strings.Repeat("Zeile\\n", 30)+"Zeile\"}\n", 1)
		}, []string{strings.Repeat("Zeile\n", 30) + "Zeile"}},
		{"a description of 9,500 characters", "run", func(s string) string {
			return strings.Replace(s, desc, "  description: '"+strings.Repeat("Beschreibung ", 730)+"'\n", 1)
		}, nil},
		{"10,000 levels", "run", func(s string) string {
			return levels.ReplaceAllString(s, "    bands:\n"+bands.String())
		}, []string{"Stufe1", "Stufe5000", "Stufe10000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "config.yaml")
			edited := tt.edit(string(src))
			if edited == string(src) {
				t.Fatal("the hostile config changed: nothing was edited")
			}
			if err := os.WriteFile(cfg, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			book := filepath.Join(dir, "fragebogen.xlsx")
			args := []string{"template", "-c", cfg, "-o", book}
			if tt.cmd == "run" {
				book = filepath.Join(dir, "out", "reifegrad.xlsx")
				args = []string{"-c", cfg, "-i", hostileDir + "payloads.csv", "-o", filepath.Join(dir, "out"), "-q"}
			}
			if _, stderr, code := MustRun(t, args...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			f, err := excelize.OpenFile(book)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cells := map[string]bool{}
			for _, sheet := range f.GetSheetList() {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for r, row := range rows {
					for _, c := range row {
						cells[c] = true
						if n := len([]rune(c)); n >= 32767 {
							t.Errorf("%s row %d: a cell of %d characters: cut at Excel's limit", sheet, r+1, n)
						}
					}
					if h, err := f.GetRowHeight(sheet, r+1); err != nil || h > 409 {
						t.Errorf("%s row %d: height %v, %v", sheet, r+1, h, err)
					}
				}
			}
			all := strings.Join(keys(cells), "\n")
			for _, w := range tt.want {
				if !cells[w] && !strings.Contains(all, w) {
					t.Errorf("no cell holds %.40q…", w)
				}
			}
		})
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
