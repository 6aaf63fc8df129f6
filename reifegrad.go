// Package reifegrad holds what the reifegrad command embeds from the
// repository root: the default configuration with the model
// "Reifegradmodell Digitale Verwaltung". The program itself lives in
// cmd/reifegrad; the packages scoring, survey and reports do the work.
package reifegrad

import _ "embed"

// DefaultConfig is config.yaml as committed. The command uses it when the
// working directory has no config.yaml.
//
//go:embed config.yaml
var DefaultConfig []byte
