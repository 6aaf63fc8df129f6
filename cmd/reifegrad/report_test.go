package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportFlags checks that --inline-assets and --lang reach the HTML
// reports: single-file pages in English, no assets folder, and a summary
// that does not claim one.
func TestReportFlags(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		lang       string
		inline     bool
		wantAssets bool
	}{
		{"defaults", nil, nil, "de", false, true},
		{"flags", []string{"--inline-assets", "--lang", "en"}, nil, "en", true, false},
		{"environment", nil, map[string]string{"REIFEGRAD_REPORT_LANGUAGE": "en", "REIFEGRAD_REPORT_INLINE_ASSETS": "true"}, "en", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			out := t.TempDir()
			stdout, stderr, code := MustRun(t, append([]string{"-c", repoConfig, "-o", out, "--quiet"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d, stderr: %s", code, stderr)
			}
			for _, page := range []string{"overview.html", "profiles/14612000.html"} {
				b, err := os.ReadFile(filepath.Join(out, page))
				if err != nil {
					t.Fatal(err)
				}
				html := string(b)
				if want := `<html lang="` + tt.lang + `">`; !strings.Contains(html, want) {
					t.Errorf("%s: no %s", page, want)
				}
				if got := strings.Contains(html, `<script src=`); got == tt.inline {
					t.Errorf("%s: links scripts = %v, want %v", page, got, !tt.inline)
				}
				if got := strings.Contains(html, "Apache Software Foundation"); got != tt.inline {
					t.Errorf("%s: contains the chart library = %v, want %v", page, got, tt.inline)
				}
			}
			_, err := os.Stat(filepath.Join(out, "assets", "echarts.min.js"))
			if got := err == nil; got != tt.wantAssets {
				t.Errorf("assets/echarts.min.js written = %v, want %v", got, tt.wantAssets)
			}
			if got := strings.Contains(stdout, "assets/"); got != tt.wantAssets {
				t.Errorf("summary mentions assets/ = %v, want %v:\n%s", got, tt.wantAssets, stdout)
			}
		})
	}
}
