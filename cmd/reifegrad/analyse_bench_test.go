package main

import (
	"context"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/scoring"
)

// BenchmarkRobustSaxony runs the uncertainty analysis of the bundled
// example as config.yaml declares it (1,000 draws of five uncertain
// choices on the municipalities of the latest wave) and, in the same
// loop, one scoring of the same data (both waves, scoring.Score): the
// baseline of issue 14's target, 1,000 draws ≤ 50× one scoring. Besides
// ns/op it reports both times and their ratio.
func BenchmarkRobustSaxony(b *testing.B) {
	s, err := loadSettings("../../config.yaml", pflag.NewFlagSet("bench", pflag.ContinueOnError))
	if err != nil {
		b.Fatal(err)
	}
	s.Dir = "../.."
	a := &app{}
	ins, err := a.resolveInputs(s)
	if err != nil {
		b.Fatal(err)
	}
	ds, err := readInputs(s, ins)
	if err != nil {
		b.Fatal(err)
	}
	opts, err := analyseOptions(s)
	if err != nil || opts == nil || opts.Draws != 1000 {
		b.Fatalf("config.yaml declares no analysis of 1,000 draws: %v", err)
	}
	var score, robust time.Duration
	for b.Loop() {
		t0 := time.Now()
		res := scoring.Score(s.Model, ds)
		t1 := time.Now()
		rob, err := analyse.Robust(context.Background(), res, res.Latest(), *opts, scoring.NewDisclosure(res, 5))
		t2 := time.Now()
		if n := len(res.WaveUnits(res.Latest())); err != nil || rob.Suppressed || len(rob.Units) != n {
			b.Fatalf("robustness of %d units, want %d: %v", len(rob.Units), n, err)
		}
		score += t1.Sub(t0)
		robust += t2.Sub(t1)
	}
	n := float64(b.N)
	b.ReportMetric(score.Seconds()*1000/n, "score-ms/op")
	b.ReportMetric(robust.Seconds()*1000/n, "robust-ms/op")
	b.ReportMetric(robust.Seconds()/score.Seconds(), "robust/score")
}
