package main

import (
	"encoding"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/reifegrad/reifegrad"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

// Settings is everything config.yaml says outside its model section, and
// what REIFEGRAD_* variables and flags say over it: one typed value,
// decoded once (see decodeSettings). A word that names a choice is a type
// with UnmarshalText, so a bad one is an error with its place. Precedence:
// flags > REIFEGRAD_* > config.yaml > defaultSettings.
//
// To add a key: add a field with a yaml tag (its name in config.yaml and,
// upper-cased with dots as underscores, in REIFEGRAD_*), a flag tag if a
// flag sets it (define the flag in root.go or on its command), its
// default in defaultSettings, a check of what its value may be in
// validate, and a row in README's settings table (TestREADMESettings
// insists). A new section is a struct field of Settings. Nothing else
// lists keys.
type Settings struct {
	Survey SurveySettings `yaml:"survey"`
	Units  UnitsSettings  `yaml:"units"`
	Report ReportSettings `yaml:"report"`
	Output OutputSettings `yaml:"output"`
	Serve  ServeSettings  `yaml:"serve"`
	// Analyse is the uncertainty analysis (see analyse.go).
	Analyse AnalyseSettings `yaml:"analyse"`
	// Roadmap: see roadmap.go.
	Roadmap RoadmapSettings `yaml:"roadmap"`
	// OpenData is the folder for open data portals (see opendata.go).
	OpenData OpenDataSettings `yaml:"opendata"`
	// Model is decoded by scoring.ParseModel, which reads the same file
	// strictly and names its own errors; here it is kept as YAML so that
	// errors about the model's names can cite their line.
	Model yaml.Node `yaml:"model"`
}

// SurveySettings say which files to read and how.
type SurveySettings struct {
	Inputs     []InputSettings         `yaml:"inputs"`
	Format     survey.Platform         `yaml:"format"`
	Codebook   string                  `yaml:"codebook"` // a path, relative to the config file
	Duplicates survey.DuplicatePolicy  `yaml:"duplicates"`
	Incomplete survey.IncompletePolicy `yaml:"incomplete"`
	WaveColumn string                  `yaml:"wave_column"`
	Encoding   survey.Encoding         `yaml:"encoding"`
	Delimiter  Delimiter               `yaml:"delimiter"`
	Sheet      string                  `yaml:"sheet"`
	Layout     survey.Layout           `yaml:"layout"` // wide (a row per unit) or long (a row per unit, question and answer)
}

// InputSettings are one input file and its wave; Format, Codebook and
// Sheet override the survey-wide settings for this file (nil or empty
// keeps them).
type InputSettings struct {
	Wave     string           `yaml:"wave"`
	File     string           `yaml:"file"`
	Format   *survey.Platform `yaml:"format"`
	Codebook string           `yaml:"codebook"`
	Sheet    string           `yaml:"sheet"`
}

// UnitsSettings name the unit columns and the register.
type UnitsSettings struct {
	ID             string       `yaml:"id"`
	Name           string       `yaml:"name"`
	District       string       `yaml:"district"`
	Population     string       `yaml:"population"`
	Municipalities bool         `yaml:"municipalities"`
	Register       string       `yaml:"register"`
	Match          survey.Match `yaml:"match"`
}

// ReportSettings control the reports.
type ReportSettings struct {
	Language     scoring.Language    `yaml:"language" flag:"lang"`
	MinGroupSize int                 `yaml:"min_group_size"`
	ListUnits    bool                `yaml:"list_units"`
	InlineAssets bool                `yaml:"inline_assets" flag:"inline-assets"`
	PeerGroup    scoring.PeerGroupID `yaml:"peer_group"`
	Workers      int                 `yaml:"workers" flag:"workers"`
	// Date is the report's date on every page (default today);
	// DataCutoff the day of the data (default: when the newest input
	// file was last changed). See publish.go.
	Date       Day  `yaml:"date"`
	DataCutoff Day  `yaml:"data_cutoff"`
	PDF        bool `yaml:"pdf" flag:"pdf"`
	// Browser is the Chromium or Chrome that prints the PDFs; empty
	// finds one.
	Browser string `yaml:"browser"`
}

// OutputSettings say where outputs go.
type OutputSettings struct {
	Dir string `yaml:"dir" flag:"out"`
}

// ServeSettings say where 'serve' keeps its database and how it listens.
// DB from config.yaml is relative to the config's folder, from
// REIFEGRAD_SERVE_DB or --db to the working directory.
type ServeSettings struct {
	DB      string `yaml:"db" flag:"db"`
	Addr    string `yaml:"addr" flag:"addr"`
	TLSCert string `yaml:"tls_cert" flag:"tls-cert"` // PEM files; both or neither
	TLSKey  string `yaml:"tls_key" flag:"tls-key"`
	// Proxy: behind a reverse proxy that terminates TLS; the server
	// trusts the last X-Forwarded-For entry and marks cookies Secure.
	Proxy bool `yaml:"proxy" flag:"proxy"`
}

// defaultSettings are the settings when neither file, REIFEGRAD_* nor a
// flag sets them. Zero values not listed are defaults too: survey.format
// auto, duplicates keep_latest_complete, incomplete keep, encoding auto,
// delimiter auto, units.match auto, report.language de.
func defaultSettings() Settings {
	return Settings{
		Units:    UnitsSettings{ID: "ags", Municipalities: true},
		Report:   ReportSettings{MinGroupSize: scoring.DefaultMinGroupSize},
		Output:   OutputSettings{Dir: "out"},
		Serve:    ServeSettings{DB: "reifegrad.db", Addr: "localhost:8080"},
		OpenData: OpenDataSettings{Dir: "opendata"},
	}
}

// Delimiter is survey.delimiter: the field separator of CSV inputs, or 0
// to detect it.
type Delimiter rune

// UnmarshalText accepts "" or "auto" (detect), "tab" (also `\t` or a tab)
// and any single character.
func (d *Delimiter) UnmarshalText(b []byte) error {
	switch s := string(b); s {
	case "", "auto":
		*d = 0
	case "tab", `\t`, "\t":
		*d = '\t'
	default:
		r := []rune(s)
		if len(r) != 1 {
			return fmt.Errorf("want one character or \"tab\", got %q", s)
		}
		*d = Delimiter(r[0])
	}
	return nil
}

// settings is everything a command needs from configuration: the typed
// settings, where each came from, and the model.
type settings struct {
	Settings
	File     string // config file path, or "config.yaml (built-in)"
	Dir      string // folder that relative paths in the file are resolved against
	Embedded bool
	Model    *scoring.Model
	// Register is units.register, loaded by validate; nil without one.
	Register *survey.Register
	register *registerLoad // units.register read ahead (loadSettings)
	// origins holds, by key path ("report.language",
	// "survey.inputs[0].file"), where its value was set.
	origins map[string]origin
}

// origin is where a setting was set: a place in the file, a REIFEGRAD_*
// variable or a flag.
type origin struct {
	Line, Col int
	Env, Flag string
}

// SettingError is a bad key or value of the settings, with its place:
// "config.yaml:12:3: report.language: unknown language "fr" (want de or
// en)", "REIFEGRAD_REPORT_LANGUAGE: …", "--lang: …".
type SettingError struct {
	File string
	At   origin
	Key  string // "report.language"; empty for the file as a whole
	Err  error
}

func (e *SettingError) Error() string {
	var b strings.Builder
	switch {
	case e.At.Flag != "":
		b.WriteString("--" + e.At.Flag)
	case e.At.Env != "":
		b.WriteString(e.At.Env)
	default:
		b.WriteString(e.File)
		if e.At.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", e.At.Line, e.At.Col)
		}
	}
	b.WriteString(": ")
	if e.Key != "" && e.At.Flag == "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *SettingError) Unwrap() error { return e.Err }

// errAt returns a SettingError for key, placed where the key was set (or,
// for a key never set, where its section is, else the file).
func (s *settings) errAt(key string, err error) *SettingError {
	for k := key; k != ""; k = parentKey(k) {
		if o, ok := s.origins[k]; ok {
			return &SettingError{File: s.File, At: o, Key: key, Err: err}
		}
	}
	return &SettingError{File: s.File, Key: key, Err: err}
}

func parentKey(k string) string {
	if i := strings.LastIndexAny(k, ".["); i >= 0 {
		return k[:i]
	}
	return ""
}

// loadSettings reads the config file (or the embedded default), decodes
// its settings and its model, overlays REIFEGRAD_* and flags, and
// validates the result: every command calls it, so every command accepts
// the same settings.
func loadSettings(path string, flags *pflag.FlagSet) (*settings, error) {
	s := &settings{origins: map[string]origin{}}
	var src []byte
	switch {
	case path != "":
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read config: %w", err)
		}
		src, s.File, s.Dir = b, path, filepath.Dir(path)
	default:
		if b, err := os.ReadFile("config.yaml"); err == nil {
			src, s.File, s.Dir = b, "config.yaml", "."
		} else if errors.Is(err, os.ErrNotExist) {
			src, s.File, s.Dir, s.Embedded = reifegrad.DefaultConfig, "config.yaml (built-in)", ".", true
		} else {
			return nil, fmt.Errorf("cannot read config: %w", err)
		}
	}
	// The file is parsed once, for the settings and the model.
	doc, err := s.parseFile(src)
	if err != nil {
		return nil, err
	}
	if err := s.decodeFile(doc); err != nil {
		return nil, err
	}
	// The model is built here while the register is read on a goroutine
	// (each takes a millisecond or two, a national check a hundredth of
	// its time); built on a goroutine too, it started up to a millisecond
	// late on a busy machine. The errors come in the order they always
	// came: the model's before the overlay's.
	overlayErr := s.overlay(flags)
	if overlayErr == nil && s.Units.Register != "" {
		s.register = startRegister(s.Units.Register)
	}
	if s.Model, err = scoring.ParseModelYAML(s.File, doc); err != nil {
		return nil, err
	}
	// Imputation reads the setting too: a group's mean in a unit's scores
	// is a figure of that group (scoring.ImputeFrom).
	s.Model.MinGroupSize = s.Report.MinGroupSize
	if overlayErr != nil {
		return nil, overlayErr
	}
	if err := validate(s); err != nil {
		return nil, err
	}
	return s, nil
}

// registerLoad is a register being read on its own goroutine
// (startRegister); nil reads it when asked.
type registerLoad struct {
	name string
	done chan struct{}
	reg  *survey.Register
	err  error
}

func startRegister(name string) *registerLoad {
	l := &registerLoad{name: name, done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.reg, l.err = survey.LoadRegister(name)
	}()
	return l
}

// load returns register name: the one read ahead when it is that one.
func (l *registerLoad) load(name string) (*survey.Register, error) {
	if l == nil || l.name != name {
		return survey.LoadRegister(name)
	}
	<-l.done
	return l.reg, l.err
}

// maxSettingErrors bounds how many problems one decoding reports.
const maxSettingErrors = 20

// parseFile parses the config file, for its settings (decodeFile) and its
// model (scoring.ParseModelYAML).
func (s *settings) parseFile(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		if line, col, what, ok := unprintable(src); ok {
			// yaml.v3 names no place for these: a binary or mis-encoded file.
			return nil, &SettingError{File: s.File, At: origin{Line: line, Col: col},
				Err: fmt.Errorf("%s: YAML allows no such character (is this a YAML file in UTF-8?)", what)}
		}
		return nil, scoring.YAMLError(s.File, err) // "config.yaml:12: …", like model errors
	}
	// Aliases expand as they are decoded; refuse a cycle or a bomb first,
	// with its line.
	if err := scoring.CheckYAMLAliases(s.File, &doc); err != nil {
		return nil, err
	}
	return &doc, nil
}

// decodeFile decodes the settings part of the parsed file over the
// defaults, recording where each key was set. Every unknown key and every
// bad value is reported, with its line and column, up to
// maxSettingErrors.
func (s *settings) decodeFile(doc *yaml.Node) error {
	s.Settings = defaultSettings()
	if len(doc.Content) == 0 {
		return nil // an empty file: the model parser says what is missing
	}
	d := &settingsDecoder{s: s}
	if hasControl(doc.Content[0]) {
		d.controls("", doc.Content[0])
	}
	if len(d.errs) > 0 {
		return errors.Join(d.errs...)
	}
	d.value("", doc.Content[0], reflect.ValueOf(&s.Settings).Elem())
	return errors.Join(d.errs...)
}

// controls refuses a text of the file, key or value, the model's
// included, that holds a control character other than tab and line feed:
// one YAML's escapes wrote ("\e", "\x1b", "\u0007" in double quotes;
// unprintable refuses it written as it is). A unit label, a level's name
// or an answer carried it into every page and the workbook, where no
// reader can see or fix it. key is n's place, "model.unit_labels.unit".
func (d *settingsDecoder) controls(key string, n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if i := strings.IndexFunc(n.Value, isRefusedControl); i >= 0 {
			r, _ := utf8.DecodeRuneInString(n.Value[i:])
			d.fail(key, n, fmt.Errorf("%q holds the control character %U (written as an escape): it would reach the pages and the workbook as it is", n.Value, r))
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if key != "" {
				k = key + "." + k
			}
			d.controls(key, n.Content[i]) // a key is a text too: an answer of a scale
			d.controls(k, n.Content[i+1])
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			d.controls(fmt.Sprintf("%s[%d]", key, i), c)
		}
	case yaml.DocumentNode:
		for _, c := range n.Content {
			d.controls(key, c)
		}
	}
}

// hasControl reports whether controls would refuse a text of n: the walk
// that names each text's place is taken only for a file that has one (on
// every other it wrote a key for every node of the model).
func hasControl(n *yaml.Node) bool {
	switch n.Kind {
	case yaml.ScalarNode:
		return strings.IndexFunc(n.Value, isRefusedControl) >= 0
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if hasControl(n.Content[i]) || hasControl(n.Content[i+1]) {
				return true
			}
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		return slices.ContainsFunc(n.Content, hasControl)
	}
	return false
}

func isRefusedControl(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' }

// settingsDecoder walks the YAML of the settings along the Settings type.
type settingsDecoder struct {
	s    *settings
	errs []error
}

var (
	yamlNodeType = reflect.TypeFor[yaml.Node]()
	textType     = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func (d *settingsDecoder) fail(key string, n *yaml.Node, err error) {
	if len(d.errs) == maxSettingErrors {
		d.errs = append(d.errs, fmt.Errorf("%s: … and more problems; fix these first", d.s.File))
	}
	if len(d.errs) > maxSettingErrors {
		return
	}
	d.errs = append(d.errs, &SettingError{File: d.s.File, At: origin{Line: n.Line, Col: n.Column}, Key: key, Err: err})
}

// value decodes node n into v, the setting at key.
func (d *settingsDecoder) value(key string, n *yaml.Node, v reflect.Value) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if key != "" {
		d.s.origins[key] = origin{Line: n.Line, Col: n.Column}
	}
	switch {
	case v.Type() == yamlNodeType:
		v.Set(reflect.ValueOf(*n))
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		// "key:" with no value keeps the default.
	case reflect.PointerTo(v.Type()).Implements(textType) || v.Kind() != reflect.Struct && v.Kind() != reflect.Slice && v.Kind() != reflect.Pointer:
		d.scalar(key, n, v)
	case v.Kind() == reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.value(key, n, p.Elem())
		v.Set(p)
	case v.Kind() == reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(key, n, fmt.Errorf("want a list, got %s", kindOf(n)))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(fmt.Sprintf("%s[%d]", key, i), c, s.Index(i))
		}
		v.Set(s)
	default:
		d.mapping(key, n, v)
	}
}

// mapping decodes the keys of a mapping node into the struct v.
func (d *settingsDecoder) mapping(key string, n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.fail(key, n, fmt.Errorf("want keys and values, got %s", kindOf(n)))
		return
	}
	names := fieldNames(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		idx := slices.Index(names, k.Value)
		switch {
		case k.Kind != yaml.ScalarNode || idx < 0:
			d.fail(key, k, unknownKey(k.Value, names))
		case seen[k.Value]:
			d.fail(joinKey(key, k.Value), k, errors.New("set twice"))
		default:
			seen[k.Value] = true
			d.value(joinKey(key, k.Value), val, v.Field(idx))
		}
	}
}

// scalar decodes a single value into v: through its UnmarshalText, or as
// a number, a yes/no or a text.
func (d *settingsDecoder) scalar(key string, n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.ScalarNode {
		d.fail(key, n, fmt.Errorf("want a single value, got %s", kindOf(n)))
		return
	}
	if err := decodeScalar(n.Value, n, v); err != nil {
		d.fail(key, n, err)
	}
}

// decodeScalar sets v from text, as YAML reads the scalar n (for flags
// and REIFEGRAD_* variables, a plain scalar of text).
func decodeScalar(text string, n *yaml.Node, v reflect.Value) error {
	if u, ok := v.Addr().Interface().(encoding.TextUnmarshaler); ok {
		return u.UnmarshalText([]byte(text))
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
		return nil
	case reflect.Int:
		var x int
		if n.Decode(&x) != nil {
			return fmt.Errorf("want a whole number, got %q", text)
		}
		v.SetInt(int64(x))
		return nil
	case reflect.Bool:
		var x bool
		if n.Decode(&x) != nil {
			return fmt.Errorf("want true or false, got %q", text)
		}
		v.SetBool(x)
		return nil
	}
	return fmt.Errorf("cannot decode a setting of type %s", v.Type()) // a Settings field of a new kind
}

func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "keys and values"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

func joinKey(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// fieldNames returns the yaml names of a struct's fields, by index.
func fieldNames(t reflect.Type) []string {
	names := make([]string, t.NumField())
	for i := range names {
		names[i], _, _ = strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
	}
	return names
}

// unknownKey names the key that is closest to k, or lists them all.
func unknownKey(k string, names []string) error {
	if best, d := closest(k, names); d < 4 {
		return fmt.Errorf("unknown key %q (did you mean %q?)", k, best)
	}
	return fmt.Errorf("unknown key %q (known: %s)", k, strings.Join(names, ", "))
}

// closest returns the name nearest to k and its edit distance.
func closest(k string, names []string) (best string, dist int) {
	dist = math.MaxInt
	for _, n := range names {
		if d := editDistance(k, n); d < dist {
			best, dist = n, d
		}
	}
	return best, dist
}

// editDistance is the Levenshtein distance of two keys.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// overlay sets what REIFEGRAD_* variables and flags say, through the same
// decoding as the file. A local viper resolves flags over the environment;
// what it returns is decoded into Settings at once, and nothing else reads
// it.
func (s *settings) overlay(flags *pflag.FlagSet) error {
	if err := s.unknownVariables(os.Environ()); err != nil {
		return err
	}
	v := viper.New()
	v.SetEnvPrefix("REIFEGRAD")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	var errs []error
	eachLeaf(reflect.ValueOf(&s.Settings).Elem(), "", func(key string, f reflect.StructField, fv reflect.Value) {
		var fl *pflag.Flag
		if name := f.Tag.Get("flag"); name != "" && flags != nil {
			if fl = flags.Lookup(name); fl != nil {
				if err := v.BindPFlag(key, fl); err != nil {
					errs = append(errs, err)
				}
			}
		}
		if !v.IsSet(key) {
			return
		}
		o := origin{Env: envName(key)}
		if fl != nil && fl.Changed {
			o = origin{Flag: fl.Name}
		}
		text := v.GetString(key)
		if err := decodeScalar(text, &yaml.Node{Kind: yaml.ScalarNode, Value: text}, fv); err != nil {
			var e error = &SettingError{File: s.File, At: o, Key: key, Err: err}
			if o.Flag != "" {
				e = &usageError{e}
			}
			errs = append(errs, e)
			return
		}
		s.origins[key] = o
	})
	return errors.Join(errs...)
}

// toolVariables are the REIFEGRAD_* variables that are no setting of a
// command: read by the tests and development tools (README, "Tests").
var toolVariables = []string{"REIFEGRAD_BROWSER", "REIFEGRAD_REFERENCE", "REIFEGRAD_GEO_SOURCE", "REIFEGRAD_SERVE_PROFILE", "REIFEGRAD_TEST_AS_MAIN"}

// unknownVariables refuses a REIFEGRAD_* variable that names no setting,
// as an unknown key in the file is refused: ignored, a typo such as
// REIFEGRAD_REPORT_MIN_GROUPSIZE=5 would publish groups below the size
// the user asked for without a word.
func (s *settings) unknownVariables(environ []string) error {
	var known []string
	eachLeaf(reflect.ValueOf(&s.Settings).Elem(), "", func(key string, _ reflect.StructField, _ reflect.Value) {
		known = append(known, envName(key))
	})
	var errs []error
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "REIFEGRAD_") || slices.Contains(known, name) || slices.Contains(toolVariables, name) {
			continue
		}
		err := fmt.Errorf("names no setting")
		if name == envName("survey.inputs") {
			err = fmt.Errorf("names a list, and lists are read from the config file only (survey.inputs) or given with -i")
		} else if best, d := closest(name, known); d < 4 {
			err = fmt.Errorf("names no setting (did you mean %s?)", best)
		}
		errs = append(errs, &SettingError{File: s.File, At: origin{Env: name}, Err: err})
	}
	return errors.Join(errs...)
}

// envName is the REIFEGRAD_* variable of a setting's key.
func envName(key string) string {
	return "REIFEGRAD_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// eachLeaf calls fn for every setting that holds a single value: every
// field of the sections but lists (survey.inputs) and the model.
func eachLeaf(v reflect.Value, prefix string, fn func(key string, f reflect.StructField, fv reflect.Value)) {
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		key := joinKey(prefix, name)
		switch {
		case f.Type == yamlNodeType || f.Type.Kind() == reflect.Slice || f.Type.Kind() == reflect.Pointer:
		case f.Type.Kind() == reflect.Struct && !reflect.PointerTo(f.Type).Implements(textType):
			eachLeaf(fv, key, fn)
		default:
			fn(key, f, fv)
		}
	}
}

// validate checks what the settings' types alone cannot: ranges, names
// that must name something in the model, the register, every input's
// file. Every command calls it (through loadSettings); errors carry the
// place of the key.
func validate(s *settings) error {
	var errs []error
	if n := s.Report.MinGroupSize; n < 1 {
		errs = append(errs, s.errAt("report.min_group_size", fmt.Errorf("want at least 1, got %d", n)))
	}
	if n := s.Report.Workers; n < 0 {
		errs = append(errs, s.errAt("report.workers", fmt.Errorf("want 0 (one per CPU) or more, got %d", n)))
	}
	if id := s.Report.PeerGroup; id != "" && s.peerGroup(id) < 0 {
		errs = append(errs, s.errAt("report.peer_group", fmt.Errorf("unknown peer group %q (the model has %s)", id, s.peerGroupList())))
	}
	for i, in := range s.Survey.Inputs {
		if in.File == "" {
			errs = append(errs, s.errAt(fmt.Sprintf("survey.inputs[%d]", i), errors.New("an entry has no file")))
		}
	}
	if (s.Serve.TLSCert == "") != (s.Serve.TLSKey == "") {
		errs = append(errs, s.errAt("serve.tls_cert", errors.New("give serve.tls_cert and serve.tls_key together (--tls-cert, --tls-key)")))
	}
	if s.Serve.DB == "" {
		errs = append(errs, s.errAt("serve.db", errors.New("empty: name the database file")))
	}
	if _, err := analyseOptions(s); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, validateRoadmap(s)...)
	errs = append(errs, validateOpenData(s)...)
	if s.Units.Register != "" {
		reg, err := s.register.load(s.Units.Register)
		if err != nil {
			errs = append(errs, s.errAt("units.register", err))
		}
		s.Register = reg
	}
	return errors.Join(errs...)
}

func (s *settings) peerGroup(id scoring.PeerGroupID) int {
	return slices.IndexFunc(s.Model.PeerGroups, func(p scoring.PeerGroup) bool { return p.ID == id })
}

func (s *settings) peerGroupList() string {
	if len(s.Model.PeerGroups) == 0 {
		return "none"
	}
	ids := make([]string, len(s.Model.PeerGroups))
	for i, p := range s.Model.PeerGroups {
		ids[i] = string(p.ID)
	}
	return strings.Join(ids, ", ")
}

// unprintable finds the first byte of a UTF-8 file that is not UTF-8 or a
// character YAML does not allow (YAML 1.2, 5.1: tab, line breaks, the
// printable ASCII range, NEL and Unicode outside the C1 controls,
// surrogates, U+FFFE and U+FFFF), with its line and column (in characters,
// from 1), or false when there is none.
func unprintable(src []byte) (line, col int, what string, ok bool) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, w := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && w <= 1:
			return line, col, fmt.Sprintf("byte 0x%02X is not UTF-8", src[i]), true
		case r == '\n':
			line, col = line+1, 0
		case r == '\t' || r == '\r' || r == 0x85 || r == 0xFEFF:
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || (r >= 0xD800 && r < 0xE000) || r == 0xFFFE || r == 0xFFFF:
			return line, col, fmt.Sprintf("control character %U", r), true
		}
		i += w
		col++
	}
	return 0, 0, "", false
}

// validateData checks the names of settings and model against what the
// inputs hold: a peer group that the config declares, or that
// model.missing.impute_by or report.peer_group picks, must group by an
// attribute some unit has. Otherwise a typo silently drops the peer
// comparison from every profile, or imputes from the whole wave. The
// built-in peer groups (district, size class), when the model declares
// none and nothing picks them, stay quiet: a model without districts is
// not wrong. Waves whose order in time would be a guess are an error at
// the inputs they come from (placeWaveErrors). run and check call it after
// reading the inputs.
func validateData(s *settings, ins []input, ds *scoring.Dataset) error {
	if len(ds.Responses) == 0 {
		return nil
	}
	if err := s.Model.CheckData(ds); err != nil {
		// a denominator empty or 0 for a whole wave, at its place in the
		// model; waves out of order, at their inputs
		return placeWaveErrors(s, ins, ds, err)
	}
	errs := []error{s.peerGroupErrs(func(p scoring.PeerGroup) error {
		if hasAttribute(ds, p.Attribute) {
			return nil
		}
		return fmt.Errorf("peer group %q: no unit has a value for %q: it names no column of the inputs (units.* or a column of that name) and no field of the register", p.ID, p.Attribute)
	})}
	if err := validateRoadmapData(s, ds); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// peerGroupErrs checks the peer groups the settings ask for — every one
// declared in the model, else (the default two) the one missing-data
// imputation or report.peer_group names — with check, and returns its
// errors placed where the settings name each group.
func (s *settings) peerGroupErrs(check func(scoring.PeerGroup) error) error {
	declared := yamlPath(&s.Settings.Model, "peer_groups") != nil
	imputeBy := yamlPath(&s.Settings.Model, "missing", "impute_by")
	var errs []error
	for i, p := range s.Model.PeerGroups {
		var e *SettingError
		switch {
		case declared:
			e = s.modelErr(fmt.Sprintf("model.peer_groups[%d].attribute", i), "peer_groups", i, "attribute")
		case imputeBy != nil && s.Model.ImputeBy == i:
			e = s.modelErr("model.missing.impute_by", "missing", "impute_by")
		case s.Report.PeerGroup == p.ID:
			e = s.errAt("report.peer_group", nil)
		default:
			continue
		}
		if e.Err = check(p); e.Err != nil {
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

// modelErr returns a SettingError placed at a node of the model section.
func (s *settings) modelErr(key string, path ...any) *SettingError {
	e := &SettingError{File: s.File, Key: key}
	if n := yamlPath(&s.Settings.Model, path...); n != nil {
		e.At = origin{Line: n.Line, Col: n.Column}
	}
	return e
}

// yamlPath follows mapping keys (strings) and list indices (ints) from n,
// or returns nil where the path leads nowhere.
func yamlPath(n *yaml.Node, path ...any) *yaml.Node {
	for _, step := range path {
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if n == nil {
			return nil
		}
		var next *yaml.Node
		switch k := step.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == k {
						next = n.Content[i+1]
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && k < len(n.Content) {
				next = n.Content[k]
			}
		}
		n = next
	}
	return n
}

// hasAttribute reports whether some response's unit has a value for a
// peer group's attribute (see scoring.Unit.Attr; size_class is derived
// from the population).
func hasAttribute(ds *scoring.Dataset, attr string) bool {
	for i := range ds.Responses {
		u := &ds.Responses[i].Unit
		switch attr {
		case "size_class":
			if u.Population > 0 || u.Attrs["size_class"] != "" {
				return true
			}
		default:
			if u.Attr(attr) != "" {
				return true
			}
		}
	}
	return false
}
