package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// placeWaveOrder turns the scoring.WaveOrderError in err (waves the model
// does not declare, which the tool could put in time only by guessing)
// into an error that names, for every such wave, where it was given: the
// config line of survey.inputs[i].wave, the -i flag, or the first row
// that holds it in the survey.wave_column. Other errors in err stay.
func placeWaveOrder(s *settings, ins []input, ds *scoring.Dataset, err error) error {
	var we *scoring.WaveOrderError
	if !errors.As(err, &we) {
		return err
	}
	lines := []string{we.Error()}
	for _, w := range we.Waves {
		lines = append(lines, "  "+wavePlace(s, ins, ds, w))
	}
	placed := errors.New(strings.Join(lines, "\n"))
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return placed
	}
	var out []error
	for _, e := range j.Unwrap() {
		if e == error(we) {
			e = placed
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

// wavePlace says where wave w was given.
func wavePlace(s *settings, ins []input, ds *scoring.Dataset, w scoring.WaveID) string {
	if s.Survey.WaveColumn == "" {
		for _, in := range ins {
			if in.Wave.ID != w {
				continue
			}
			switch {
			case in.flag != "":
				return fmt.Sprintf("%s: wave %q", in.flag, w)
			case in.key != "":
				if _, ok := s.origins[in.key+".wave"]; ok {
					return s.errAt(in.key+".wave", fmt.Errorf("wave %q", w)).Error()
				}
				return s.errAt(in.key+".file", fmt.Errorf("wave %q (from the file name)", w)).Error()
			}
		}
	}
	for i := range ds.Responses {
		if r := &ds.Responses[i]; r.Wave == w {
			return fmt.Sprintf("%s: wave %q (survey.wave_column %q)", r.Position(-1), w, s.Survey.WaveColumn)
		}
	}
	return fmt.Sprintf("wave %q", w)
}
