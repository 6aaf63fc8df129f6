// Command phase runs one phase of the reifegrad pipeline on a file and
// prints how long the phase itself took, for bench/run. The phases nest:
// floor (a bare encoding/csv pass over the same bytes: the least any CSV
// importer can cost), import (survey.Read), score (import + scoring.Score).
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/reifegrad/reifegrad/bench/floor"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/survey"
)

func main() {
	config := flag.String("config", "", "config with the model")
	input := flag.String("input", "", "survey CSV")
	register := flag.String("register", "deutschland", "register to check AGS against; empty for none")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the phase to this file")
	flag.Parse()
	// The same collector setting as cmd/reifegrad (see tuneGC there), so
	// that every phase runs as it does in the product.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
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
	secs, n, err := run(flag.Arg(0), *config, *input, *register)
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "phase:", err)
		os.Exit(1)
	}
	fmt.Printf("%.4f %d\n", secs, n)
}

func run(phase, config, input, register string) (float64, int, error) {
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
	default:
		return 0, 0, fmt.Errorf("unknown phase %q (want floor, import or score)", phase)
	}
	return time.Since(start).Seconds(), n, nil
}
