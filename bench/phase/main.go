// Command phase runs one phase of the reifegrad pipeline on a file and
// prints how long the phase itself took, for bench/run. The phases nest:
// floor (a bare encoding/csv pass over the same bytes: the least any CSV
// importer can cost), import (survey.Read), score (import + scoring.Score),
// robust (score + the uncertainty analysis of issue 14: -draws variants of
// four uncertain choices, see robustOptions).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/bench/floor"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

func main() {
	config := flag.String("config", "", "config with the model")
	input := flag.String("input", "", "survey CSV")
	register := flag.String("register", "deutschland", "register to check AGS against; empty for none")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the phase to this file")
	draws := flag.Int("draws", 1000, "variants of the robust phase")
	memProfile := flag.String("memprofile", "", "write an allocation profile of the run to this file")
	flag.Parse()
	// The same collector setting as cmd/reifegrad (see tuneGC there), so
	// that every phase runs as it does in the product.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 64 << 10
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "phase:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	secs, n, err := run(flag.Arg(0), *config, *input, *register, *draws)
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "phase:", err)
		os.Exit(1)
	}
	if *memProfile != "" {
		runtime.GC() // the profile holds what was allocated up to the last collection
		f, err := os.Create(*memProfile)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "phase:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("%.4f %d\n", secs, n)
}

func run(phase, config, input, register string, draws int) (float64, int, error) {
	f, err := os.Open(input)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	if phase == "floor" {
		start := time.Now()
		n, err := floor.CSV(f)
		return time.Since(start).Seconds(), n, err
	}
	src, err := os.ReadFile(config)
	if err != nil {
		return 0, 0, err
	}
	m, err := scoring.ParseModel(config, src)
	if err != nil {
		return 0, 0, err
	}
	opt := survey.Options{Wave: scoring.Wave{ID: "2026"}, UnitsAreMunicipalities: register != ""}
	if register != "" {
		if opt.Register, err = survey.LoadRegister(register); err != nil {
			return 0, 0, err
		}
		opt.UnitsAreMunicipalities = true
	}
	start := time.Now()
	ds, err := survey.Read(f, input, m, opt)
	if err != nil {
		return 0, 0, err
	}
	n := len(ds.Responses)
	switch phase {
	case "import":
	case "score":
		res := scoring.Score(m, ds)
		n = len(res.Units)
	case "validate":
		// Only the statistical validation is timed.
		res := scoring.Score(m, ds)
		start = time.Now()
		v := analyse.Validate(res, res.Latest(), scoring.NewDisclosure(res, 0))
		n = len(v.Nodes)
	case "robust":
		res := scoring.Score(m, ds)
		rob, err := analyse.Robust(context.Background(), res, res.Latest(), robustOptions(m, draws), scoring.NewDisclosure(res, 0))
		if err != nil {
			return 0, 0, err
		}
		n = rob.Draws
	default:
		return 0, 0, fmt.Errorf("unknown phase %q (want floor, import, score, validate or robust)", phase)
	}
	return time.Since(start).Seconds(), n, nil
}

// robustOptions are the uncertain choices the robust phase varies, for
// any model: the weights of the dimensions ±20 %, the arithmetic or
// geometric mean on every node, reweighting or imputing missing data,
// and every level edge ±2 points.
func robustOptions(m *scoring.Model, draws int) analyse.Options {
	return analyse.Options{Draws: draws, Seed: 1, Inputs: []analyse.Input{
		{Kind: analyse.Weights, Node: m.Root().ID, Spread: 0.2},
		{Kind: analyse.Aggregation, Aggregations: []scoring.Aggregation{scoring.Mean, scoring.Geometric}},
		{Kind: analyse.Missing, Policies: []scoring.MissingPolicy{scoring.Reweight, scoring.Impute}},
		{Kind: analyse.LevelEdges, Spread: 2},
	}}
}
