package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// summary is what run prints: as text for people, or as JSON with --json.
type summary struct {
	Model string `json:"model"`
	// ModelVersion is model.version as written; ModelFingerprint tells
	// edits of one version apart (scoring.Model.Fingerprint).
	ModelVersion     string `json:"model_version,omitempty"`
	ModelFingerprint string `json:"model_fingerprint,omitempty"`
	Config           string `json:"config"`
	RowsRead         int    `json:"rows_read"`
	Scored           int    `json:"scored"`
	// NotRated counts the units of all waves without an overall score;
	// nil (left out) while some wave's figures are hidden
	// (Disclosure.AllWaves): the sum less the waves shown would tell it.
	NotRated *int `json:"scored_without_overall,omitempty"`
	Rejected int  `json:"rejected"`
	// Issues counts the data-quality findings the reports count: not
	// those about the units of a wave whose figures are hidden
	// (Disclosure.Finding; such a wave is "suppressed" in Waves), as the
	// count less the waves shown would be that wave's. check's issue_list
	// lists every finding one by one, to fix the files by.
	Issues int `json:"issues"`
	// Missing names the questions an input has no column for: optional
	// ones (a required one stops the run), as "S03 (wave 2026)".
	Missing  []string      `json:"questions_without_column,omitempty"`
	Waves    []waveSummary `json:"waves"`
	OutDir   string        `json:"out_dir,omitempty"`
	Files    []string      `json:"files,omitempty"`
	Profiles int           `json:"profiles"`
	Seconds  float64       `json:"seconds"`
	// Encodings says in which encoding each CSV input was read, and why.
	Encodings []encodingNote `json:"encodings,omitempty"`
	// GoalsUnread lists the units whose own goal (roadmap.target_column)
	// names no level: their roadmaps aim at roadmap.target instead.
	GoalsUnread []goalUnread `json:"goals_naming_no_level,omitempty"`
	minGroup    int          // for the text of a suppressed wave
	lang        scoring.Language
	missing     [][2]string // question, wave: Missing for the text
}

type encodingNote struct {
	File     string `json:"file"`
	Encoding string `json:"encoding"`
	Reason   string `json:"reason"`
	said     string // Reason in the summary's language
}

// readAs notes the encodings of the inputs.
func (s *summary) readAs(ins []scoring.InputFile) {
	for _, in := range ins {
		if in.Encoding != "" {
			s.Encodings = append(s.Encodings, encodingNote{in.File, in.Encoding, in.EncodingReason, scoring.NewDescriber(s.lang).Encoding(in)})
		}
	}
}

type goalUnread struct {
	Unit   string `json:"unit"`
	Goal   string `json:"goal"`
	Column string `json:"column"`
}

// goalsUnread notes the roadmaps whose unit's own goal names no level.
func (s *summary) goalsUnread(set *roadmap.Set) {
	if set == nil {
		return
	}
	for _, p := range set.Plans {
		if n := p.Note; n.Reason == roadmap.GoalNamesNoLevel {
			s.GoalsUnread = append(s.GoalsUnread, goalUnread{string(p.Unit.Unit.ID), n.Goal, n.Column})
		}
	}
}

// maxGoalsListed bounds the goals the summary text names; --json has all.
const maxGoalsListed = 10

// waveSummary holds the figures of all units of a wave. Mean and Levels
// are left out when the reports hide them too (scoring.Disclosure): a
// wave of fewer than report.min_group_size units shows only its number of
// units, and Suppressed says why the rest is missing.
type waveSummary struct {
	Wave       string       `json:"wave"`
	Units      int          `json:"units"`
	Mean       *float64     `json:"mean,omitempty"`
	Levels     []levelCount `json:"levels"`
	Suppressed bool         `json:"suppressed,omitempty"`
}

// levelCount counts the units at one level. Level is the level's number
// as the model gives it (SAMM's start at 0); units without a level have
// none (null), so that they never read as level 0.
type levelCount struct {
	Level *int   `json:"level"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// summarise sums up a run or check; dis decides, as for every report,
// which figures of a wave may be shown.
func summarise(s *settings, r *scoring.Results, dis *scoring.Disclosure, out *outputs, took time.Duration) *summary {
	sum := &summary{Model: r.Model.Name, ModelVersion: r.Model.Version, ModelFingerprint: r.Model.Fingerprint, Config: s.File, RowsRead: r.RowsRead, Scored: len(r.Units),
		Rejected: len(r.Rejects), Seconds: took.Seconds(), lang: s.Report.Language}
	for _, is := range r.Issues {
		if dis.Finding(is) == scoring.Published {
			sum.Issues++
		}
	}
	if dis.AllWaves() == scoring.Published {
		n := notRated(r)
		sum.NotRated = &n
	}
	for _, is := range r.Issues {
		if is.Kind == scoring.IssueMissingQuestion {
			sum.Missing = append(sum.Missing, fmt.Sprintf("%s (wave %s)", is.Question, is.Wave))
			sum.missing = append(sum.missing, [2]string{string(is.Question), string(is.Wave)})
		}
	}
	for _, w := range r.Waves {
		g := r.Group(w.ID, -1, "")
		if g == nil {
			continue
		}
		ws := waveSummary{Wave: w.Label, Units: g.Units}
		if st := g.Nodes[0]; st.N > 0 && dis.Node(g, 0) == scoring.Published {
			mean := st.Mean
			ws.Mean = &mean
		}
		if dis.Units(g) != scoring.Published {
			ws.Suppressed = true
			sum.Waves = append(sum.Waves, ws)
			sum.minGroup = dis.MinGroup()
			continue
		}
		for o, n := range g.Levels {
			if o == 0 && n == 0 {
				continue
			}
			l := r.Model.Levels.ByOrdinal(o)
			lc := levelCount{Name: l.String(), Count: n}
			if o > 0 {
				lc.Level = &l.Number
			}
			ws.Levels = append(ws.Levels, lc)
		}
		sum.Waves = append(sum.Waves, ws)
	}
	if out != nil {
		sum.OutDir = out.dir
		sum.Files = []string{"overview.html", "profiles/", "reifegrad.xlsx", "scores.csv", "rejects.csv", "roadmap.csv", "roadmap.json"}
		if !s.Report.InlineAssets { // single-file HTML needs no assets folder
			sum.Files = append(sum.Files, html.AssetsDir+"/")
		}
		sum.Files = append(sum.Files, publishFiles(s)...)
		sum.Profiles = len(html.ProfileUnits(r))
	}
	return sum
}

// notRated counts the units scored without an overall score.
func notRated(r *scoring.Results) int {
	n := 0
	for i := range r.Units {
		if !r.Units[i].Overall().Scored() {
			n++
		}
	}
	return n
}

func (s *summary) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

func (s *summary) writeText(w io.Writer) error {
	t := summaryTexts[s.lang]
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", visible(s.Model))
	fmt.Fprintf(&b, t.rowsF, s.lang.Count(s.RowsRead), s.lang.Count(s.Scored), s.lang.Count(s.Rejected))
	if s.NotRated != nil && *s.NotRated > 0 {
		fmt.Fprintf(&b, t.notRatedF, s.lang.Count(*s.NotRated))
	}
	b.WriteString("\n")
	for _, e := range s.Encodings {
		fmt.Fprintf(&b, t.readAsF, visible(e.File), e.Encoding, visible(e.said))
	}
	if s.Issues > 0 {
		fmt.Fprintf(&b, t.issuesF, s.lang.Count(s.Issues))
	}
	if len(s.GoalsUnread) > 0 {
		var gs []string
		for i, g := range s.GoalsUnread {
			if i == maxGoalsListed {
				gs = append(gs, fmt.Sprintf(t.moreF, len(s.GoalsUnread)-i))
				break
			}
			gs = append(gs, fmt.Sprintf(t.goalItemF, visible(g.Unit), visible(g.Goal), visible(g.Column)))
		}
		fmt.Fprintf(&b, t.goalsF, strings.Join(gs, ", "))
	}
	if len(s.missing) > 0 {
		var qs []string
		for _, m := range s.missing {
			qs = append(qs, fmt.Sprintf(t.missingItemF, visible(m[0]), visible(m[1])))
		}
		fmt.Fprintf(&b, t.missingF, strings.Join(qs, ", "))
	}
	for _, ws := range s.Waves {
		fmt.Fprintf(&b, t.waveF, visible(ws.Wave), t.participants.of(s.lang, ws.Units))
		if ws.Mean != nil {
			fmt.Fprintf(&b, t.meanF, decimal(s.lang, *ws.Mean, 1))
		}
		if ws.Suppressed {
			fmt.Fprintf(&b, t.suppressedF, s.minGroup)
		}
		b.WriteString("\n")
		// The bars start in one column: the labels and counts take the
		// room of the widest (at least 20 and 5 characters), so that a
		// long level name or a count of 10.000 or more does not push its
		// bar out of line.
		top, labelW, countW := 1, 20, 5
		labels, counts := make([]string, len(ws.Levels)), make([]string, len(ws.Levels))
		for i, l := range ws.Levels {
			top = max(top, l.Count)
			labels[i] = t.noLevel
			if l.Level != nil {
				labels[i] = fmt.Sprintf("%d %s", *l.Level, visible(l.Name))
			}
			counts[i] = s.lang.Count(l.Count)
			labelW, countW = max(labelW, utf8.RuneCountInString(labels[i])), max(countW, utf8.RuneCountInString(counts[i]))
		}
		for i, l := range ws.Levels {
			fmt.Fprintf(&b, "  %-*s %*s  %s\n", labelW, labels[i], countW, counts[i], strings.Repeat("█", (l.Count*30+top-1)/top))
		}
	}
	if s.OutDir != "" {
		files := make([]string, len(s.Files))
		for i, f := range s.Files {
			files[i] = f
			if f == "profiles/" {
				files[i] = "profiles/ (" + s.lang.Count(s.Profiles) + ")"
			}
		}
		fmt.Fprintf(&b, t.wroteF, visible(s.OutDir), strings.Join(files, ", "), decimal(s.lang, s.Seconds, 2))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
