package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/reifegrad/reifegrad"
	"github.com/reifegrad/reifegrad/scoring"
)

// Config is the file-shaped configuration, apart from the model, which
// scoring.ParseModel reads strictly from the same file.
type Config struct {
	Survey SurveyConfig `mapstructure:"survey" yaml:"survey"`
	Units  UnitsConfig  `mapstructure:"units" yaml:"units"`
	Report ReportConfig `mapstructure:"report" yaml:"report"`
	Output OutputConfig `mapstructure:"output" yaml:"output"`
	// Model is decoded by scoring.ParseModel; here it only keeps the
	// strict key check below from calling it unknown.
	Model yaml.Node `mapstructure:"-" yaml:"model"`
}

// SurveyConfig says which files to read and how.
type SurveyConfig struct {
	Inputs     []InputConfig `mapstructure:"inputs" yaml:"inputs"`
	Format     string        `mapstructure:"format" yaml:"format"` // auto, limesurvey, sosci, lamapoll, googleforms, msforms, generic
	Codebook   string        `mapstructure:"codebook" yaml:"codebook"`
	Duplicates string        `mapstructure:"duplicates" yaml:"duplicates"`
	Incomplete string        `mapstructure:"incomplete" yaml:"incomplete"` // keep or drop
	WaveColumn string        `mapstructure:"wave_column" yaml:"wave_column"`
	Encoding   string        `mapstructure:"encoding" yaml:"encoding"`
	Delimiter  string        `mapstructure:"delimiter" yaml:"delimiter"`
	Sheet      string        `mapstructure:"sheet" yaml:"sheet"`
}

// InputConfig is one input file and its wave; format, codebook and sheet
// override the survey-wide settings for this file.
type InputConfig struct {
	Wave     string `mapstructure:"wave" yaml:"wave"`
	File     string `mapstructure:"file" yaml:"file"`
	Format   string `mapstructure:"format" yaml:"format"`
	Codebook string `mapstructure:"codebook" yaml:"codebook"`
	Sheet    string `mapstructure:"sheet" yaml:"sheet"`
}

// UnitsConfig names the unit columns and the register.
type UnitsConfig struct {
	ID             string `mapstructure:"id" yaml:"id"`
	Name           string `mapstructure:"name" yaml:"name"`
	District       string `mapstructure:"district" yaml:"district"`
	Population     string `mapstructure:"population" yaml:"population"`
	Municipalities bool   `mapstructure:"municipalities" yaml:"municipalities"`
	Register       string `mapstructure:"register" yaml:"register"`
	Match          string `mapstructure:"match" yaml:"match"` // auto, id or name
}

// ReportConfig controls the reports.
type ReportConfig struct {
	Language     string `mapstructure:"language" yaml:"language"`
	MinGroupSize int    `mapstructure:"min_group_size" yaml:"min_group_size"`
	ListUnits    bool   `mapstructure:"list_units" yaml:"list_units"`
	InlineAssets bool   `mapstructure:"inline_assets" yaml:"inline_assets"`
	PeerGroup    string `mapstructure:"peer_group" yaml:"peer_group"`
	Workers      int    `mapstructure:"workers" yaml:"workers"`
}

// OutputConfig says where outputs go.
type OutputConfig struct {
	Dir string `mapstructure:"dir" yaml:"dir"`
}

// defaults are the settings when neither file, env nor flag sets them.
// Every key is listed so that REIFEGRAD_* variables reach it.
var defaults = map[string]any{
	"survey.format":         "auto",
	"survey.codebook":       "",
	"survey.duplicates":     "keep_latest_complete",
	"survey.incomplete":     "keep",
	"survey.wave_column":    "",
	"survey.encoding":       "auto",
	"survey.delimiter":      "",
	"survey.sheet":          "",
	"units.id":              "ags",
	"units.name":            "",
	"units.district":        "",
	"units.population":      "",
	"units.municipalities":  true,
	"units.register":        "",
	"units.match":           "auto",
	"report.language":       "de",
	"report.min_group_size": 5,
	"report.list_units":     false,
	"report.inline_assets":  false,
	"report.peer_group":     "",
	"report.workers":        0,
	"output.dir":            "out",
}

// settings is everything a command needs from configuration.
type settings struct {
	Config
	File     string // config file path, or "" for the embedded default
	Dir      string // folder that relative paths in the file are resolved against
	Embedded bool
	Model    *scoring.Model
}

// loadSettings reads the config file (or the embedded default), checks its
// keys strictly, resolves flags > REIFEGRAD_* env > file > defaults with a
// local viper, and parses the model.
func loadSettings(path string, flags *pflag.FlagSet) (*settings, error) {
	s := &settings{}
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
	if err := strictSettings(s.File, src); err != nil {
		return nil, err
	}
	v := viper.New()
	for k, d := range defaults {
		v.SetDefault(k, d)
	}
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(src)); err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	v.SetEnvPrefix("REIFEGRAD")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	if flags != nil {
		for key, flag := range flagKeys {
			if f := flags.Lookup(flag); f != nil {
				if err := v.BindPFlag(key, f); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := v.Unmarshal(&s.Config); err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	m, err := scoring.ParseModel(s.File, src)
	if err != nil {
		return nil, err
	}
	s.Model = m
	return s, nil
}

// flagKeys maps settings to the flags that override them.
var flagKeys = map[string]string{
	"output.dir":           "out",
	"report.language":      "lang",
	"report.inline_assets": "inline-assets",
	"report.workers":       "workers",
}

// strictSettings rejects unknown keys outside the model, with their line,
// before viper (which would ignore them) sees the file.
func strictSettings(file string, src []byte) error {
	// viper expands aliases; refuse a cycle or a bomb first, with its
	// line (viper would say only "excessive aliasing").
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err == nil {
		if err := scoring.CheckYAMLAliases(file, &doc); err != nil {
			return err
		}
	} else if line, col, what, ok := unprintable(src); ok {
		// yaml.v3 names no place for these: a binary or mis-encoded file.
		return &scoring.ModelError{File: file, Line: line, Col: col, Err: fmt.Errorf("%s: YAML allows no such character (is this a YAML file in UTF-8?)", what)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	var c Config
	if err := dec.Decode(&c); err != nil {
		return scoring.YAMLError(file, err) // "config.yaml:12: …", like model errors
	}
	return nil
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
