package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reifegrad/reifegrad/scoring"
)

// check validates config and inputs and reports every problem, writing
// nothing. It fails (exit 1) when a row was rejected or an answer is not in
// its scale; other notes are listed but do not fail.
func (a *app) check(cmd *cobra.Command) error {
	s, _, ds, err := a.load(cmd)
	if err != nil {
		return err
	}
	res := scoring.Score(s.Model, ds)
	problems := len(res.Rejects)
	for _, is := range res.Issues {
		if is.Kind == scoring.IssueUnknownAnswer || is.Kind == scoring.IssueOutOfRange {
			problems++
		}
	}
	if a.json {
		sum := summarise(s, res, nil, 0)
		if err := sum.writeJSON(a.stdout); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		// Counted as the model command and the methodology count them.
		scored, context := s.Model.QuestionCounts()
		fmt.Fprintf(&b, "%s: model %q is valid (%d questions scored", s.File, s.Model.Name, scored)
		if context > 0 {
			fmt.Fprintf(&b, ", %d for information only", context)
		}
		fmt.Fprintf(&b, ", %d dimensions)\n", len(s.Model.Dimensions()))
		fmt.Fprintf(&b, "Rows read: %d = %d scored + %d rejected\n", res.RowsRead, len(res.Units), len(res.Rejects))
		for _, r := range res.Rejects {
			fmt.Fprintf(&b, "%s: rejected: %s\n", r.Position(), r.Reason)
		}
		for _, is := range res.Issues {
			fmt.Fprintf(&b, "%s\n", is)
		}
		fmt.Fprint(a.stdout, b.String())
	}
	if problems > 0 {
		return &problemsFound{problems}
	}
	return nil
}
