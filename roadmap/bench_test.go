package roadmap

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/internal/cputime"
	"github.com/reifegrad/reifegrad/scoring"
)

// nationalModel is a model of nq questions like scoring's benchmark
// model: eight dimensions (one with a geometric sub-dimension), map,
// bins, goalposts, min-max and multi-select scales, missing codes, a
// minimum coverage of 60 %, threshold levels and two peer groups.
func nationalModel(tb testing.TB, nq int) *scoring.Model {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`model:
  name: Benchmark
  missing:
    min_coverage: 0.6
    codes: {"-9": blank, "weiß nicht": unknown, "nicht zutreffend": not_applicable}
  levels:
    bands:
      - {level: 1, name: A, min: 0}
      - {level: 2, name: B, min: 25}
      - {level: 3, name: C, min: 50}
      - {level: 4, name: D, min: 75}
  peer_groups:
    - {id: kreis, name: Kreis, attribute: district}
    - {id: gk, name: Größenklasse, attribute: size_class}
  scales:
    janein: {map: {ja: 1, teilweise: 0.5, nein: 0}}
    zustimmung: {map: {trifft voll zu: 1, trifft eher zu: 0.75, teils/teils: 0.5, trifft eher nicht zu: 0.25, trifft nicht zu: 0}}
    anzahl: {type: numeric, min: 0, bins: [{max: 0, points: 0}, {max: 9, points: 0.25}, {max: 49, points: 0.75}, {points: 1}]}
    prozent: {type: numeric, min: 0, max: 100, goalposts: [0, 100]}
    relativ: {type: numeric, min: 0, normalise: minmax}
    wege: {type: multi, items: [post, online, app, telefon]}
  questions:
`)
	scales := []string{"janein", "janein", "zustimmung", "janein", "anzahl", "prozent", "janein", "wege", "zustimmung", "relativ"}
	for q := range nq {
		fmt.Fprintf(&b, "    - {id: Q%03d, scale: %s}\n", q, scales[q%len(scales)])
	}
	b.WriteString("  dimensions:\n")
	per := nq / 8
	for d := range 8 {
		fmt.Fprintf(&b, "    - id: d%d\n      weight: %d\n", d, 1+d%3)
		if d == 0 {
			fmt.Fprintf(&b, "      dimensions:\n        - id: d0s\n          aggregation: geometric\n          indicators:\n")
			for q := 0; q < per/2; q++ {
				fmt.Fprintf(&b, "            - {id: i%03d, question: Q%03d}\n", q, q)
			}
		}
		b.WriteString("      indicators:\n")
		start, end := d*per, (d+1)*per
		if d == 0 {
			start += per / 2
		}
		if d == 7 {
			end = nq
		}
		for q := start; q < end; q++ {
			fmt.Fprintf(&b, "        - {id: i%03d, question: Q%03d, weight: %d}\n", q, q, 1+q%2)
		}
	}
	m, err := scoring.ParseModel("bench.yaml", []byte(b.String()))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// nationalAnswer draws a raw answer, about 5 % missing.
func nationalAnswer(r *rand.Rand, scale string) string {
	switch r.IntN(40) {
	case 0:
		return ""
	case 1:
		return "weiß nicht"
	}
	switch scale {
	case "janein":
		return [...]string{"ja", "teilweise", "nein", "Ja"}[r.IntN(4)]
	case "zustimmung":
		return [...]string{"trifft voll zu", "trifft eher zu", "teils/teils", "trifft eher nicht zu", "trifft nicht zu"}[r.IntN(5)]
	case "anzahl":
		return fmt.Sprint(r.IntN(80))
	case "prozent":
		return fmt.Sprintf("%d,%d", r.IntN(100), r.IntN(10))
	case "relativ":
		return fmt.Sprint(r.IntN(5000))
	case "wege":
		return [...]string{"post", "post;online", "online;app;telefon", "app"}[r.IntN(4)]
	}
	return ""
}

func nationalData(m *scoring.Model, units int) *scoring.Dataset {
	r := rand.New(rand.NewPCG(1, 2))
	ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "2026"}}}
	// One book for every response, as survey's reader makes it: answers
	// in a book of their own (AnswersOf) are read by their text, which
	// made scoring slower here than in a run and the ratio look better.
	book := scoring.NewAnswerBook(len(m.Questions))
	for u := range units {
		answers := make([]string, len(m.Questions))
		for q := range answers {
			answers[q] = nationalAnswer(r, m.Questions[q].Scale.ID)
		}
		ds.Responses = append(ds.Responses, scoring.Response{Wave: "2026",
			Unit:    scoring.Unit{ID: scoring.UnitID(fmt.Sprintf("%08d", u)), District: fmt.Sprintf("K%03d", u%401), Population: 500 + r.IntN(200000)},
			Answers: book.Add(answers), Row: u + 2})
	}
	return ds
}

// BenchmarkRoadmapVsScore makes the roadmap of each of 10,786 units (as
// many as Germany has municipalities) on a model of 200 questions, to the
// next level, and scores the same data in the same run: the metric
// "roadmap/score" is the cost of the roadmaps as a multiple of scoring
// (the bar is 5), in wall time, and "cpu-roadmap/score" the same in CPU
// time (both phases use every core; on a shared machine CPU time is the
// fairer measure). "exact-%" says how many roadmaps the dynamic programme
// proved least (see solve.go; the rest are greedy, marked exact: false);
// "steps/unit" how long they are. Scoring here is Score and the
// treatment stage of every numeric question (Results.Treatments), which a
// full run's outputs and the roadmaps read: Score works out the stages of
// numbers read plainly only when asked, and the ratio keeps the meaning it
// had when Score made them all.
func BenchmarkRoadmapVsScore(b *testing.B) {
	const units, questions = 10786, 200
	m := nationalModel(b, questions)
	ds := nationalData(m, units)
	var score, plan, scoreCPU, planCPU time.Duration
	cpuOK := true
	var steps, exact, plans int
	for b.Loop() {
		c0, ok0 := cputime.Used()
		t0 := time.Now()
		res := scoring.Score(m, ds)
		res.Treatments()
		t1 := time.Now()
		c1, ok1 := cputime.Used()
		set, err := Build(res, Options{Phases: 3, Disclosure: scoring.NewDisclosure(res, 5)})
		plan += time.Since(t1)
		c2, ok2 := cputime.Used()
		score += t1.Sub(t0)
		scoreCPU += c1 - c0
		planCPU += c2 - c1
		cpuOK = cpuOK && ok0 && ok1 && ok2
		if err != nil {
			b.Fatal(err)
		}
		steps, exact, plans = 0, 0, len(set.Plans)
		for _, p := range set.Plans {
			steps += len(p.Steps)
			if p.Exact {
				exact++
			}
		}
	}
	b.ReportMetric(float64(plan)/float64(score), "roadmap/score")
	if cpuOK && scoreCPU > 0 {
		b.ReportMetric(float64(planCPU)/float64(scoreCPU), "cpu-roadmap/score")
	}
	b.ReportMetric(100*float64(exact)/float64(plans), "exact-%")
	b.ReportMetric(float64(steps)/units, "steps/unit")
	b.ReportMetric(float64(plan.Microseconds())/float64(b.N)/units, "µs/unit")
}
