package scoring

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// compareWaves orders two waves in time. The waves model.waves declares
// come in their order there; others whose IDs are whole numbers (years,
// or 9 and 10) by number — compared as text, "10" came before "9" and
// every change ran backwards; any others by the order their source gave
// them (Wave.Order: the serve database's), then by ID. That last order is
// a guess where no source gave one, which Model.CheckData refuses
// (WaveOrderError).
func (m *Model) compareWaves(a, b Wave) int {
	ka, kb := m.waveClass(a), m.waveClass(b)
	if c := cmp.Compare(ka, kb); c != 0 {
		return c
	}
	switch ka {
	case waveDeclared:
		return cmp.Compare(m.waveIndex(a.ID), m.waveIndex(b.ID))
	case waveNumbered:
		return cmp.Or(compareNumbers(string(a.ID), string(b.ID)), cmp.Compare(a.ID, b.ID))
	}
	return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.ID, b.ID))
}

const (
	waveDeclared = iota // in model.waves
	waveNumbered        // its ID is a whole number
	waveOther
)

func (m *Model) waveClass(w Wave) int {
	switch {
	case m.waveIndex(w.ID) >= 0:
		return waveDeclared
	case wholeNumber(string(w.ID)):
		return waveNumbered
	}
	return waveOther
}

// wholeNumber reports whether s is a non-empty string of ASCII digits.
func wholeNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// compareNumbers compares two whole numbers written in digits, of any
// length ("0010" equals "10").
func compareNumbers(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b))
}

// datasetWaves lists the dataset's waves, those its responses name
// included, in the order the dataset gives them, labelled as the model
// declares them.
func (m *Model) datasetWaves(d *Dataset) []Wave {
	waves := make([]Wave, 0, len(d.Waves))
	seen := make(map[WaveID]bool, len(d.Waves))
	add := func(w Wave) {
		if seen[w.ID] {
			return
		}
		seen[w.ID] = true
		if mi := m.waveIndex(w.ID); mi >= 0 {
			w.Order, w.Label = m.Waves[mi].Order, m.Waves[mi].Label
		}
		if w.Label == "" {
			w.Label = string(w.ID)
		}
		waves = append(waves, w)
	}
	for _, w := range d.Waves {
		add(w)
	}
	for i := range d.Responses {
		if !seen[d.Responses[i].Wave] {
			add(Wave{ID: d.Responses[i].Wave})
		}
	}
	return waves
}

// WaveOrderError is Model.CheckData's error for waves whose order in time
// the tool would have to guess: the model declares no waves
// (model.waves), not every ID is a whole number, and no source gave them
// an order (Wave.Order, distinct and set for every wave, as the serve
// database does). Waves lists them as the dataset gives them.
type WaveOrderError struct {
	Waves []WaveID
}

func (e *WaveOrderError) Error() string {
	ids := make([]string, len(e.Waves))
	for i, w := range e.Waves {
		ids[i] = fmt.Sprintf("%q", w)
	}
	return fmt.Sprintf("waves %s cannot be put in time: model.waves does not declare them and not all of their ids are whole numbers (years); "+
		"list them in model.waves in the order they were surveyed, each with its date (- {id: %q, date: 2024-10-01})",
		strings.Join(ids, ", "), e.Waves[0])
}

// checkWaveOrder returns a WaveOrderError when the order of the
// dataset's waves would be a guess (see compareWaves); nil when the model
// declares waves (an undeclared wave is then an error of its own, at
// reading: Model.Questionnaire).
func (m *Model) checkWaveOrder(d *Dataset) error {
	if len(m.Waves) > 0 {
		return nil
	}
	waves := m.datasetWaves(d)
	if len(waves) < 2 {
		return nil
	}
	// Two ids of one number ("01", "1") or two waves at one Order leave
	// the order to the ids' text.
	numbered, ordered := true, true
	numbers, orders := map[string]bool{}, map[int]bool{}
	for _, w := range waves {
		n := strings.TrimLeft(string(w.ID), "0")
		numbered = numbered && wholeNumber(string(w.ID)) && !numbers[n]
		ordered = ordered && w.Order > 0 && !orders[w.Order]
		numbers[n], orders[w.Order] = true, true
	}
	if numbered || ordered {
		return nil
	}
	e := &WaveOrderError{}
	for _, w := range waves {
		e.Waves = append(e.Waves, w.ID)
	}
	return e
}

// WaveDateError is Model.CheckData's error for a wave known only by its
// year — declared without a date, or not declared and its id a year — in
// which a territorial change took effect after 1 January: whether the
// wave was surveyed before or after it decides whether the units it
// touched may be compared across it. The model's own successions meet its
// declared waves when it is loaded (waveDates); here they meet the waves
// it does not declare, and a register's successions every wave.
type WaveDateError struct {
	Wave WaveID
	// Declared is the wave's index in Model.Waves; -1 when the model does
	// not declare it.
	Declared   int
	Succession Succession
}

func (e *WaveDateError) Error() string {
	hint := "declare the waves in model.waves, this one with the day it was surveyed"
	if e.Declared >= 0 {
		hint = "give it the day it was surveyed"
	}
	return fmt.Sprintf("wave %s needs a date: the succession of %s by %s on %s falls within that year; %s",
		e.Wave, e.Succession.From, e.Succession.To, e.Succession.Date.Format(time.DateOnly), hint)
}

// checkWaveDates returns a WaveDateError for each of the dataset's waves
// known only by its year in which a succession of the model or the
// dataset took effect after 1 January.
func (m *Model) checkWaveDates(d *Dataset) []error {
	ss := slices.Concat(m.Successions, d.Successions)
	var errs []error
	for _, w := range m.datasetWaves(d) {
		mi, year := m.waveIndex(w.ID), yearOf(w.ID)
		if mi >= 0 {
			if !m.Waves[mi].Date.IsZero() {
				continue
			}
			year = m.Waves[mi].Year
		}
		if year == 0 {
			continue
		}
		for _, s := range ss {
			if s.Date.Year() == year && s.Date.YearDay() > 1 {
				errs = append(errs, &WaveDateError{Wave: w.ID, Declared: mi, Succession: s})
				break
			}
		}
	}
	return errs
}
