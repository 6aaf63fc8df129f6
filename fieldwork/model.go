package fieldwork

import (
	"fmt"

	"github.com/reifegrad/reifegrad/scoring"
)

// ModelChanges returns a finding for each submitted sheet whose last
// submission was made under another model than m (Sheet.SubmittedModel
// against m.Fingerprint): points or levels edited while the wave was
// open change the figures of a municipality that has submitted without
// its doing, and it was shown others at submission. place names the
// database as an input ("sqlite:reifegrad.db"). A sheet whose model is
// not known (submitted before reifegrad kept it) or a model without a
// fingerprint gives none.
func ModelChanges(m *scoring.Model, place string, subs []Sheet) []scoring.Issue {
	if m.Fingerprint == "" {
		return nil
	}
	var out []scoring.Issue
	for _, s := range subs {
		if !s.IsSubmitted() || s.SubmittedModel == "" || s.SubmittedModel == m.Fingerprint {
			continue
		}
		out = append(out, scoring.Issue{Kind: scoring.IssueModelChanged, Place: place, Wave: s.Wave, Unit: s.Unit,
			Message: fmt.Sprintf("wave %s: %s submitted under the model with fingerprint %s and is now scored under the model %s, edited since: its figures differ from those shown at submission",
				s.Wave, s.Unit, s.SubmittedModel, m.Fingerprint),
			Cause: scoring.CauseModelChanged, Args: []string{string(s.Wave), string(s.Unit), s.SubmittedModel, m.Fingerprint}})
	}
	return out
}
