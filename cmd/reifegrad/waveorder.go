package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/reifegrad/reifegrad/scoring"
)

// placeWaveErrors puts the errors of scoring.Model.CheckData that concern
// waves where those waves were given: a WaveOrderError (waves the model
// does not declare, which the tool could put in time only by guessing)
// names every such wave's place; a WaveDateError (a wave known by its
// year, in which a territorial change took effect) is placed at the
// wave's entry in model.waves or, for a wave the model does not declare,
// where the wave was given. Places are the config line of
// survey.inputs[i].wave, the -i flag, or the first row that holds the
// wave in survey.wave_column. Other errors in err stay as they are.
func placeWaveErrors(s *settings, ins []input, ds *scoring.Dataset, err error) error {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = placeWaveError(s, ins, ds, e)
	}
	if len(out) == 1 {
		return out[0]
	}
	return errors.Join(out...)
}

func placeWaveError(s *settings, ins []input, ds *scoring.Dataset, err error) error {
	var order *scoring.WaveOrderError
	var date *scoring.WaveDateError
	switch {
	case errors.As(err, &order):
		lines := []string{order.Error()}
		for _, w := range order.Waves {
			lines = append(lines, "  "+wavePlace(s, ins, ds, w, fmt.Errorf("wave %q", w)))
		}
		return errors.New(strings.Join(lines, "\n"))
	case errors.As(err, &date) && date.Declared >= 0:
		e := s.modelErr(fmt.Sprintf("model.waves[%d]", date.Declared), "waves", date.Declared)
		e.Err = date
		return e
	case errors.As(err, &date):
		return errors.New(wavePlace(s, ins, ds, date.Wave, date))
	}
	return err
}

// wavePlace says err where wave w was given.
func wavePlace(s *settings, ins []input, ds *scoring.Dataset, w scoring.WaveID, err error) string {
	if s.Survey.WaveColumn == "" {
		for _, in := range ins {
			if in.Wave.ID != w {
				continue
			}
			switch {
			case in.flag != "":
				return fmt.Sprintf("%s: %v", in.flag, err)
			case in.key != "":
				if _, ok := s.origins[in.key+".wave"]; ok {
					return s.errAt(in.key+".wave", err).Error()
				}
				return s.errAt(in.key+".file", fmt.Errorf("%w (the wave from the file name)", err)).Error()
			}
		}
	}
	for i := range ds.Responses {
		if r := &ds.Responses[i]; r.Wave == w {
			return fmt.Sprintf("%s: survey.wave_column %q: %v", r.Position(-1), s.Survey.WaveColumn, err)
		}
	}
	return err.Error()
}
