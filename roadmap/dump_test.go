package roadmap

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestDumpBenchmarkRoadmaps writes every roadmap of the benchmark
// (BenchmarkRoadmapVsScore's 10,786 municipalities) field by field, floats
// exactly, to the file ROADMAP_DUMP names, so that a change meant to make
// roadmaps faster can be shown to change none of them (compare two dumps
// byte for byte). Skipped without the variable.
func TestDumpBenchmarkRoadmaps(t *testing.T) {
	path := os.Getenv("ROADMAP_DUMP")
	if path == "" {
		t.Skip("set ROADMAP_DUMP to a file to dump the benchmark's roadmaps")
	}
	m := nationalModel(t, 200)
	res := scoring.Score(m, nationalData(m, 10786))
	res.Treatments()
	set, err := Build(res, Options{Phases: 3, Disclosure: scoring.NewDisclosure(res, 5)})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	x := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	ns := func(n scoring.NodeScore) string {
		return fmt.Sprintf("%s/%s/%d/%t", x(n.Score), x(n.Coverage), n.State, n.Imputed)
	}
	for _, p := range set.Plans {
		fmt.Fprintf(w, "%s status=%s target=%d own=%t note=%q effort=%d exact=%t after=%s level=%d ptt=%s prog=%s base=%s cur=%s end=%s since=%s cmp=%d/%d nop=%d\n",
			p.Unit.Unit.ID, p.Status, p.Target, p.OwnGoal, p.Note, p.Effort, p.Exact, ns(p.After), p.LevelAfter,
			x(p.PercentToTarget), x(p.Progress), x(p.Baseline), x(p.Current), x(p.End), p.Since, p.Compared, p.Asked, p.NoProgress)
		for _, st := range p.Steps {
			dim := ""
			if st.Dimension != nil {
				dim = string(st.Dimension.ID)
			}
			fmt.Fprintf(w, "  %s dim=%s from=%q clarify=%t to=%q item=%t effort=%d after=%s level=%d gain=%s peers=%d/%t phase=%d advice=%q\n",
				st.Question.ID, dim, st.From, st.Clarify, st.To, st.Item, st.Effort, ns(st.After), st.Level, x(st.Gain),
				st.Peers, st.PeersShown, st.Phase, st.Advice)
		}
		for _, ph := range p.Phases {
			fmt.Fprintf(w, "  phase %d steps=%d effort=%d after=%s level=%d\n", ph.Number, ph.Steps, ph.Effort, ns(ph.After), ph.LevelAfter)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCountRoadmaps is the harness for counting the instructions of the
// roadmaps (cachegrind): it scores 400 benchmark municipalities and, with
// ROADMAP_COUNT=with, makes their roadmaps on one goroutine; with
// ROADMAP_COUNT=without it stops after scoring, so that the difference of
// two counts is the roadmaps'. ROADMAP_UNITS sets another number of
// municipalities (10786: the benchmark's). Skipped without the variable.
func TestCountRoadmaps(t *testing.T) {
	mode := os.Getenv("ROADMAP_COUNT")
	if mode == "" {
		t.Skip("set ROADMAP_COUNT=with or without")
	}
	units := 400
	if v := os.Getenv("ROADMAP_UNITS"); v != "" {
		var err error
		if units, err = strconv.Atoi(v); err != nil {
			t.Fatal(err)
		}
	}
	m := nationalModel(t, 200)
	res := scoring.Score(m, nationalData(m, units))
	res.Treatments()
	if mode != "with" {
		return
	}
	set, err := Build(res, Options{Phases: 3, Disclosure: scoring.NewDisclosure(res, 5), Workers: 1})
	if err != nil || len(set.Plans) != units {
		t.Fatal(err, len(set.Plans))
	}
}
