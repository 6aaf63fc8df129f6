package main

import (
	"fmt"

	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// RoadmapSettings say what each unit's roadmap aims at (package roadmap).
type RoadmapSettings struct {
	// Target is "next" (the default: the level above the unit's own) or
	// a level by its number or name.
	Target string `yaml:"target"`
	// TargetColumn names an input column holding a unit's own target
	// level (number or name); a unit without a value there aims at
	// Target. Empty: none.
	TargetColumn string `yaml:"target_column"`
	// Phases groups the steps into up to three phases of about equal
	// effort, each with its projected level; 0 (the default) means none.
	Phases int `yaml:"phases"`
}

// validateRoadmap checks the roadmap settings against the model.
func validateRoadmap(s *settings) []error {
	var errs []error
	if _, err := roadmap.ParseTarget(s.Model, s.Roadmap.Target); err != nil {
		errs = append(errs, s.errAt("roadmap.target", err))
	}
	if n := s.Roadmap.Phases; n < 0 || n > 3 {
		errs = append(errs, s.errAt("roadmap.phases", fmt.Errorf("want 0 (no phases) to 3, got %d", n)))
	}
	return errs
}

// validateRoadmapData checks that the column of the units' own targets is
// in some input: a setting that names nothing is an error, not a silent
// fall-back to the default target for everyone.
func validateRoadmapData(s *settings, ds *scoring.Dataset) error {
	col := s.Roadmap.TargetColumn
	if col == "" {
		return nil
	}
	for _, in := range ds.Inputs {
		for _, c := range in.Columns {
			if c.Role == scoring.ColumnAttribute && c.Attribute == col {
				return nil
			}
		}
	}
	return s.errAt("roadmap.target_column", fmt.Errorf("no input has a column %q", col))
}

// roadmapAttributes are the unit attributes the importer must keep for
// the roadmaps.
func roadmapAttributes(s *settings) []string {
	if s.Roadmap.TargetColumn == "" {
		return nil
	}
	return []string{s.Roadmap.TargetColumn}
}

// buildRoadmaps makes every unit's roadmap in the latest wave.
func buildRoadmaps(s *settings, res *scoring.Results, dis *scoring.Disclosure) (*roadmap.Set, error) {
	o, err := roadmapOptions(s, dis)
	if err != nil {
		return nil, err
	}
	return roadmap.Build(res, o)
}

// roadmapOptions are the roadmaps' options from the settings.
func roadmapOptions(s *settings, dis *scoring.Disclosure) (roadmap.Options, error) {
	t, err := roadmap.ParseTarget(s.Model, s.Roadmap.Target)
	if err != nil {
		return roadmap.Options{}, s.errAt("roadmap.target", err)
	}
	t.Attribute = s.Roadmap.TargetColumn
	return roadmap.Options{Target: t, Phases: s.Roadmap.Phases, Disclosure: dis, Workers: s.Report.Workers}, nil
}
