package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// settingsModel is the model of the settings tests: two questions, one
// declared peer group over the district.
const settingsModel = `model:
  name: Einstellungen
  levels:
    bands:
      - {level: 1, name: Anfang, min: 0}
      - {level: 2, name: Weiter, min: 50}
  peer_groups:
    - {id: kreis, name: Landkreis, attribute: district}
  scales:
    jn: {map: {ja: 1, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
  dimensions:
    - id: d
      name: D
      indicators:
        - {id: i1, name: I1, question: Q1}
        - {id: i2, name: I2, question: Q2}
`

// settingsInput has six units in two districts.
const settingsInput = `id,gemeinde,kreis,Q1,Q2
1,Ahorn,Nord,ja,ja
2,Birke,Nord,ja,nein
3,Eiche,Nord,nein,nein
4,Linde,Süd,ja,ja
5,Ulme,Süd,nein,ja
6,Weide,Süd,ja,nein
`

// settingsBase is a valid config; each case of the tests below changes
// one line of it. Line numbers in the wanted messages count from its
// first line.
const settingsBase = `survey:
  inputs:
    - {wave: "2026", file: umfrage.csv}
  duplicates: keep_last
  encoding: auto
units:
  id: id
  name: gemeinde
  district: kreis
  municipalities: false
report:
  language: de
  min_group_size: 2
  peer_group: kreis
output:
  dir: out
`

// settingsDir writes the config (settingsBase and settingsModel, with
// from replaced by to)
// and the input into a new folder and returns the config's path.
func settingsDir(t *testing.T, from, to string) string {
	t.Helper()
	dir := t.TempDir()
	cfg := settingsBase + settingsModel
	if from != "" && !strings.Contains(cfg, from) {
		t.Fatalf("the config has no %q", from)
	}
	cfg = strings.Replace(cfg, from, to, 1)
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "umfrage.csv"), []byte(settingsInput), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "config.yaml")
}

// TestSettingsErrors: every unknown key and every bad value, in every
// section, is named with file, line and column, and its key.
func TestSettingsErrors(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"unknown section", "output:\n", "outptu:\n", `:15:1: unknown key "outptu" (did you mean "output"?)`},
		{"survey: unknown key", "  duplicates: keep_last", "  duplicats: keep_last", `:4:3: survey: unknown key "duplicats" (did you mean "duplicates"?)`},
		{"survey.duplicates", "duplicates: keep_last", "duplicates: keep_best",
			`:4:15: survey.duplicates: unknown duplicate policy "keep_best" (want keep_latest_complete, keep_last, keep_first or reject_all)`},
		{"survey.encoding", "encoding: auto", "encoding: ebcdic",
			`:5:13: survey.encoding: unknown encoding "ebcdic" (want auto, utf-8, utf-16 or windows-1252)`},
		{"survey.delimiter", "encoding: auto", "delimiter: ';;'", `:5:14: survey.delimiter: want one character or "tab", got ";;"`},
		{"survey.layout", "encoding: auto", "layout: diagonal", `:5:11: survey.layout: unknown layout "diagonal" (want wide or long)`},
		{"survey.inputs: not a list", `    - {wave: "2026", file: umfrage.csv}`, `    umfrage.csv`, `:3:5: survey.inputs: want a list, got "umfrage.csv"`},
		{"survey.inputs[0]: unknown key", `file: umfrage.csv}`, `flie: umfrage.csv}`, `:3:22: survey.inputs[0]: unknown key "flie" (did you mean "file"?)`},
		{"survey.inputs[0].format", `file: umfrage.csv}`, `file: umfrage.csv, format: spss}`,
			`:3:49: survey.inputs[0].format: unknown survey format "spss" (want auto, limesurvey, sosci, lamapoll, googleforms, msforms, qualtrics, surveymonkey or generic)`},
		{"survey.inputs[0]: no file", `file: umfrage.csv}`, `sheet: x}`, `:3:7: survey.inputs[0]: an entry has no file`},
		{"units: unknown key", "  name: gemeinde", "  nmae: gemeinde", `:8:3: units: unknown key "nmae" (did you mean "name"?)`},
		{"units.municipalities", "municipalities: false", "municipalities: vielleicht", `:10:19: units.municipalities: want true or false, got "vielleicht"`},
		{"units.match", "municipalities: false", "match: fuzzy", `:10:10: units.match: unknown unit matching "fuzzy" (want auto, id or name)`},
		{"units.register", "municipalities: false", "register: atlantis", `:10:13: units.register: `},
		{"report.language", "language: de", "language: fr", `:12:13: report.language: unknown language "fr" (want de or en)`},
		{"report.min_group_size: word", "min_group_size: 2", "min_group_size: zwei", `:13:19: report.min_group_size: want a whole number, got "zwei"`},
		{"report.min_group_size: 0", "min_group_size: 2", "min_group_size: 0", `:13:19: report.min_group_size: want at least 1, got 0`},
		{"report.peer_group", "peer_group: kreis", "peer_group: kries", `:14:15: report.peer_group: unknown peer group "kries" (the model has kreis)`},
		{"report.workers", "peer_group: kreis", "workers: -2", `:14:12: report.workers: want 0 (one per CPU) or more, got -2`},
		{"report.date", "peer_group: kreis", "date: 31.12.2026", `:14:9: report.date: want a date as YYYY-MM-DD, got "31.12.2026"`},
		{"report.data_cutoff", "peer_group: kreis", "data_cutoff: 2026-02-30", `:14:16: report.data_cutoff: want a date as YYYY-MM-DD, got "2026-02-30"`},
		{"report.pdf", "peer_group: kreis", "pdf: ja", `:14:8: report.pdf: want true or false, got "ja"`},
		{"opendata.licence", "output:\n", "opendata:\n  licence: cc0\noutput:\n", `:16:12: opendata.licence: unknown licence "cc0" (want dl-de/by-2-0 or cc-by-4.0)`},
		{"opendata.contact", "output:\n", "opendata:\n  contact: niemand\noutput:\n", `:16:12: opendata.contact: want an e-mail address, got "niemand"`},
		{"opendata.base_url", "output:\n", "opendata:\n  base_url: daten/\noutput:\n", `:16:13: opendata.base_url: want an http or https address, got "daten/"`},
		{"opendata.dir: the profiles' folder", "output:\n", "opendata:\n  dir: profiles\noutput:\n",
			`:16:8: opendata.dir: "profiles" is where run writes profiles/ (every municipality's own results): want a folder of its own, such as opendata`},
		{"opendata.dir: inside the assets", "output:\n", "opendata:\n  dir: assets/daten\noutput:\n",
			`:16:8: opendata.dir: "assets/daten" is where run writes assets/ (the chart library): want a folder of its own, such as opendata`},
		{"opendata.dir: an output file", "output:\n", "opendata:\n  dir: overview.html\noutput:\n",
			`:16:8: opendata.dir: "overview.html" is where run writes overview.html: want a folder of its own, such as opendata`},
		{"opendata.dir: another case", "output:\n", "opendata:\n  dir: Profiles\noutput:\n",
			`:16:8: opendata.dir: "Profiles" is where run writes profiles/ (every municipality's own results) on a file system that ignores case: want a folder of its own, such as opendata`},
		{"opendata.dir: reifegrad's own name", "output:\n", "opendata:\n  dir: .reifegrad-daten\noutput:\n",
			`:16:8: opendata.dir: names starting with .reifegrad- are reifegrad's own: want a folder of its own, such as opendata`},
		{"output.dir: a list", "dir: out", "dir: [a, b]", `:16:8: output.dir: want a single value, got a list`},
		{"output: unknown key", "dir: out", "folder: out", `:16:3: output: unknown key "folder" (known: dir)`},
		{"roadmap.target", "dir: out\n", "dir: out\nroadmap:\n  target: 7\n", `:18:11: roadmap.target: target "7" is not a level of the model (want next, `},
		{"roadmap.phases", "dir: out\n", "dir: out\nroadmap:\n  phases: 4\n", `:18:11: roadmap.phases: want 0 (no phases) to 3, got 4`},
		{"roadmap: unknown key", "dir: out\n", "dir: out\nroadmap:\n  traget: 2\n", `:18:3: roadmap: unknown key "traget" (did you mean "target"?)`},
		{"two errors at once", "language: de\n  min_group_size: 2", "language: fr\n  min_group_size: zwei",
			":12:13: report.language: unknown language \"fr\" (want de or en)\n{cfg}:13:19: report.min_group_size: want a whole number, got \"zwei\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := settingsDir(t, tt.from, tt.to)
			for _, cmd := range [][]string{{"check"}, {"model"}} {
				_, stderr, code := MustRun(t, append([]string{"-c", cfg}, cmd...)...)
				want := "reifegrad: " + cfg + strings.ReplaceAll(tt.want, "{cfg}", cfg)
				if code != exitBadInput || !strings.HasPrefix(stderr, want) {
					t.Errorf("%s: exit %d, stderr %q; want %d, %q", cmd[0], code, stderr, exitBadInput, want)
				}
			}
		})
	}
}

// TestCheckIsRun: whatever settings run refuses, check refuses with the
// same message, and what run accepts check accepts. The settings come
// from the file, REIFEGRAD_* and flags; some are wrong only against the
// inputs (a peer group or column that names nothing there). model and
// template, which read no inputs, refuse the same settings errors.
func TestCheckIsRun(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		env      map[string]string
		flags    []string
		code     int
		want     string // the start of stderr, after "reifegrad: "; {cfg} is the config
		withData bool   // an error only the inputs show: model and template accept the settings
	}{
		{name: "valid", code: exitOK},
		{name: "valid: English by flag", flags: []string{"--lang", "English"}, code: exitOK},
		{name: "valid: English by REIFEGRAD_*", env: map[string]string{"REIFEGRAD_REPORT_LANGUAGE": "EN"}, code: exitOK},
		{name: "report.language in the file", from: "language: de", to: "language: fr", code: exitBadInput,
			want: `{cfg}:12:13: report.language: unknown language "fr" (want de or en)`},
		{name: "--lang", flags: []string{"--lang", "fr"}, code: exitUsage, want: `--lang: unknown language "fr" (want de or en)`},
		{name: "REIFEGRAD_REPORT_LANGUAGE", env: map[string]string{"REIFEGRAD_REPORT_LANGUAGE": "fr"}, code: exitBadInput,
			want: `REIFEGRAD_REPORT_LANGUAGE: report.language: unknown language "fr" (want de or en)`},
		{name: "REIFEGRAD_SURVEY_DUPLICATES", env: map[string]string{"REIFEGRAD_SURVEY_DUPLICATES": "keep_best"}, code: exitBadInput,
			want: `REIFEGRAD_SURVEY_DUPLICATES: survey.duplicates: unknown duplicate policy "keep_best"`},
		{name: "REIFEGRAD_REPORT_MIN_GROUP_SIZE", env: map[string]string{"REIFEGRAD_REPORT_MIN_GROUP_SIZE": "0"}, code: exitBadInput,
			want: `REIFEGRAD_REPORT_MIN_GROUP_SIZE: report.min_group_size: want at least 1, got 0`},
		{name: "REIFEGRAD_* typo", env: map[string]string{"REIFEGRAD_REPORT_MIN_GROUPSIZE": "5"}, code: exitBadInput,
			want: `REIFEGRAD_REPORT_MIN_GROUPSIZE: names no setting (did you mean REIFEGRAD_REPORT_MIN_GROUP_SIZE?)`},
		{name: "REIFEGRAD_* far from any setting", env: map[string]string{"REIFEGRAD_COLOUR": "blue"}, code: exitBadInput,
			want: `REIFEGRAD_COLOUR: names no setting`},
		{name: "REIFEGRAD_SURVEY_INPUTS", env: map[string]string{"REIFEGRAD_SURVEY_INPUTS": "a.csv"}, code: exitBadInput,
			want: `REIFEGRAD_SURVEY_INPUTS: names a list, and lists are read from the config file only (survey.inputs) or given with -i`},
		{name: "valid: a variable of the tests", env: map[string]string{"REIFEGRAD_GEO_SOURCE": "/nowhere"}, code: exitOK},
		{name: "--workers", flags: []string{"--workers", "-1"}, code: exitBadInput, want: `--workers: want 0 (one per CPU) or more, got -1`},
		{name: "survey.duplicates", from: "duplicates: keep_last", to: "duplicates: newest", code: exitBadInput,
			want: `{cfg}:4:15: survey.duplicates: unknown duplicate policy "newest"`},
		{name: "report.peer_group", from: "peer_group: kreis", to: "peer_group: landkreis", code: exitBadInput,
			want: `{cfg}:14:15: report.peer_group: unknown peer group "landkreis" (the model has kreis)`},
		{name: "peer group attribute names nothing", from: "attribute: district", to: "attribute: distrikt", code: exitBadInput, withData: true,
			want: `{cfg}:24:47: model.peer_groups[0].attribute: peer group "kreis": no unit has a value for "distrikt"`},
		{name: "units.district names nothing", from: "district: kreis", to: "district: landkreis", code: exitBadInput, withData: true,
			want: `{cfg}/../umfrage.csv:1: missing column: no units.district column "landkreis" in the header (did you mean "kreis"?)`},
		{name: "units.name names nothing", from: "name: gemeinde", to: "name: ort", code: exitBadInput, withData: true,
			want: `{cfg}/../umfrage.csv:1: missing column: no units.name column "ort" in the header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg := settingsDir(t, tt.from, tt.to)
			want := ""
			if tt.want != "" {
				want = "reifegrad: " + strings.ReplaceAll(tt.want, "{cfg}/../", filepath.Dir(cfg)+string(filepath.Separator))
				want = strings.ReplaceAll(want, "{cfg}", cfg)
			}
			out := filepath.Join(t.TempDir(), "out")
			tmpl := filepath.Join(t.TempDir(), "fragebogen.xlsx")
			runs := []struct {
				args     []string
				readData bool
			}{
				{[]string{"check"}, true},
				{[]string{"run", "-o", out, "-q"}, true},
				{[]string{"model"}, false},
				{[]string{"template", "-o", tmpl, "-q"}, false},
			}
			for _, r := range runs {
				args := append(append([]string{"-c", cfg}, tt.flags...), r.args...)
				_, stderr, code := MustRun(t, args...)
				wantCode, wantErr := tt.code, want
				if tt.withData && !r.readData {
					wantCode, wantErr = exitOK, ""
				}
				if code != wantCode || !strings.HasPrefix(stderr, wantErr) || wantErr == "" && stderr != "" {
					t.Errorf("%s: exit %d, stderr %q; want %d, %q", r.args[0], code, stderr, wantCode, wantErr)
				}
			}
			if _, err := os.Stat(out); (err == nil) != (tt.code == exitOK) {
				t.Errorf("run wrote %s: %v; want it written only when the settings are valid", out, err == nil)
			}
		})
	}
}

// TestImputeByNamesNothing: with the built-in peer groups (the model
// declares none), model.missing.impute_by picks one; when no unit has its
// attribute, run and check stop at impute_by's line instead of imputing
// from the whole wave. Without impute_by the same data is fine: a model
// without districts is not wrong.
func TestImputeByNamesNothing(t *testing.T) {
	model := `model:
  name: Ersetzen
  missing: {policy: impute, impute_by: landkreis}
  levels:
    bands: [{level: 1, name: Eins, min: 0}]
  scales:
    jn: {map: {ja: 1, nein: 0}}
  questions:
    - {id: Q1, scale: jn}
    - {id: Q2, scale: jn}
  dimensions:
    - {id: d, name: D, indicators: [{id: i1, name: I1, question: Q1}, {id: i2, name: I2, question: Q2}]}
`
	settings := "survey:\n  inputs: [{wave: \"2026\", file: umfrage.csv}]\nunits: {id: id, municipalities: false}\n"
	input := "id,Q1,Q2\n1,ja,ja\n2,ja,nein\n3,nein,\n"
	for _, tt := range []struct {
		name, model string
		code        int
		want        string
	}{
		{"impute_by", model, exitBadInput, `:6:40: model.missing.impute_by: peer group "landkreis": no unit has a value for "district"`},
		{"no impute_by", strings.Replace(model, ", impute_by: landkreis", "", 1), exitOK, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(cfg, []byte(settings+tt.model), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "umfrage.csv"), []byte(input), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"check"}, {"run", "-o", filepath.Join(dir, "out"), "-q"}} {
				_, stderr, code := MustRun(t, append([]string{"-c", cfg}, args...)...)
				want := ""
				if tt.want != "" {
					want = "reifegrad: " + cfg + tt.want
				}
				if code != tt.code || !strings.HasPrefix(stderr, want) || want == "" && stderr != "" {
					t.Errorf("%s: exit %d, stderr %q; want %d, %q", args[0], code, stderr, tt.code, want)
				}
			}
		})
	}
}

// TestREADMESettings: README's settings table lists every key of
// Settings, and no key that is not one, so that a key added to Settings
// cannot go undocumented.
func TestREADMESettings(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(b), "\n| key | values (default) | what it does |\n")
	if !ok {
		t.Fatal("README has no settings table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_]+(?:\\.[a-z_]+|\\[\\]\\.[a-z_]+)+)` \\|").FindAllStringSubmatch(table, -1) {
		documented[m[1]] = true
	}
	keys := settingsKeys(reflect.TypeFor[Settings](), "")
	for _, k := range keys {
		if !documented[k] {
			t.Errorf("README's settings table lacks %s", k)
		}
		delete(documented, k)
	}
	for k := range documented {
		t.Errorf("README's settings table lists %s, which is no setting", k)
	}
	if len(keys) < 30 {
		t.Errorf("only %d keys found: %v", len(keys), keys)
	}
}

// settingsKeys lists the keys of a settings type: its fields by yaml
// name, the fields of a list's entries as "list[].field", the model left
// out.
func settingsKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		key := joinKey(prefix, name)
		ft := f.Type
		switch {
		case ft == yamlNodeType:
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			keys = append(keys, key)
			keys = append(keys, settingsKeys(ft.Elem(), key+"[]")...)
		case ft.Kind() == reflect.Struct && !reflect.PointerTo(ft).Implements(textType):
			keys = append(keys, settingsKeys(ft, key)...)
		default:
			keys = append(keys, key)
		}
	}
	return keys
}
