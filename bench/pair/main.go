// Command pair runs whole processes side by side and reports their wall
// time, CPU time and peak memory, for bench/run. Ratios between programs
// are only meaningful on a shared machine when measured like this: the
// programs alternate, run after run, so that both meet the same load.
//
//	pair -n 5 -- floor: bench-floor -input f.csv -- check: reifegrad check -c config.yaml
//
// Each program is "name: command args…"; the groups are separated by
// "--". For each it prints one line: name, the median wall seconds, the
// median CPU seconds (user + system), the median seconds the program
// reported itself ("-" when it reports none), the largest peak RSS in
// KiB, and the load average (1 minute) when the runs began and ended. A
// program reports its own time on stdout, as reifegrad run --json does
// ("seconds": 1.23) or as the first field of its first line (fullfloor,
// bench/phase);
// that time leaves out what a program does before its clock starts. A
// program that exits non-zero fails the measurement, unless -ok lists its
// code.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type program struct {
	name      string
	args      []string
	wall, cpu []float64
	self      []float64 // reported by the program
	rss       int64
}

func main() {
	n := flag.Int("n", 3, "runs of each program")
	ok := flag.String("ok", "0", "comma-separated exit codes that count as success")
	dir := flag.String("dir", "", "working directory of the programs")
	flag.Parse()
	progs, err := parse(flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "pair:", err)
		os.Exit(2)
	}
	codes := map[int]bool{}
	for _, c := range strings.Split(*ok, ",") {
		if v, err := strconv.Atoi(c); err == nil {
			codes[v] = true
		}
	}
	loadBefore := load()
	for range *n {
		for _, p := range progs {
			if err := p.run(*dir, codes); err != nil {
				fmt.Fprintf(os.Stderr, "pair: %s: %v\n", p.name, err)
				os.Exit(1)
			}
		}
	}
	loadAfter := load()
	for _, p := range progs {
		self := "-"
		if len(p.self) == len(p.wall) {
			self = fmt.Sprintf("%.4f", median(p.self))
		}
		fmt.Printf("%s %.4f %.4f %s %d %s %s\n", p.name, median(p.wall), median(p.cpu), self, p.rss, loadBefore, loadAfter)
	}
}

func parse(args []string) ([]*program, error) {
	var progs []*program
	for len(args) > 0 {
		i := slices.Index(args, "--")
		if i < 0 {
			i = len(args)
		}
		group := args[:i]
		if len(group) < 2 || !strings.HasSuffix(group[0], ":") {
			return nil, fmt.Errorf("want \"name: command args…\", got %q", group)
		}
		progs = append(progs, &program{name: strings.TrimSuffix(group[0], ":"), args: group[1:]})
		if i == len(args) {
			break
		}
		args = args[i+1:]
	}
	if len(progs) == 0 {
		return nil, fmt.Errorf("no program given")
	}
	return progs, nil
}

func (p *program) run(dir string, codes map[int]bool) error {
	cmd := exec.Command(p.args[0], p.args[1:]...)
	cmd.Dir = dir
	var stdout, stderr strings.Builder
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start).Seconds()
	if cmd.ProcessState == nil {
		return err
	}
	if code := cmd.ProcessState.ExitCode(); !codes[code] {
		return fmt.Errorf("exit %d: %s", code, stderr.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	p.wall = append(p.wall, wall)
	p.cpu = append(p.cpu, time.Duration(ru.Utime.Nano()+ru.Stime.Nano()).Seconds())
	p.rss = max(p.rss, ru.Maxrss)
	if secs, ok := reported(stdout.String()); ok {
		p.self = append(p.self, secs)
	}
	return nil
}

// reported finds the seconds a program reported on stdout: a JSON key
// "seconds" or a number as the first field of the first line.
var secondsKey = regexp.MustCompile(`"seconds":\s*([0-9.eE+-]+)`)

func reported(out string) (float64, bool) {
	if m := secondsKey.FindStringSubmatch(out); m != nil {
		x, err := strconv.ParseFloat(m[1], 64)
		return x, err == nil
	}
	first, _, _ := strings.Cut(out, "\n")
	f := strings.Fields(first)
	if len(f) == 0 {
		return 0, false
	}
	x, err := strconv.ParseFloat(f[0], 64)
	return x, err == nil
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// load is the 1-minute load average.
func load() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "-"
	}
	return strings.Fields(string(b))[0]
}
