package html_test

import (
	"context"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/internal/cputime"
	"github.com/reifegrad/reifegrad/reports/html"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/roadmap"
	"github.com/reifegrad/reifegrad/scoring"
)

// sizes counts the bytes RenderAll writes per file, and discards them.
type sizes struct {
	mu    sync.Mutex
	bytes map[string]int
}

type countingFile struct {
	name string
	n    int
	s    *sizes
}

func (f *countingFile) Write(p []byte) (int, error) {
	f.n += len(p)
	return len(p), nil
}

func (f *countingFile) Close() error {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	f.s.bytes[f.name] = f.n
	return nil
}

func (s *sizes) create(name string) (io.WriteCloser, error) {
	return &countingFile{name: name, s: s}, nil
}

func renderSizes(tb testing.TB, r *scoring.Results, o html.Options) map[string]int {
	s := &sizes{bytes: map[string]int{}}
	if err := html.RenderAll(context.Background(), r, o, s.create); err != nil {
		tb.Fatal(err)
	}
	return s.bytes
}

// BenchmarkRenderVsScore measures, in the same run, scoring the bundled
// example (774 responses of 419 municipalities in two waves) and
// rendering its reports: the assets, overview.html and all 419 profiles,
// into memory, so that the disk does not count. It reports the ratios
// render/score on all cores (as 'reifegrad run' renders) and on one, and
// the size of the profile of Dresden (14612000) with linked and with
// inline assets.
//
//	go test ./reports -run '^$' -bench RenderVsScore -benchtime 10x
func BenchmarkRenderVsScore(b *testing.B) {
	m, ds := fixture.Saxony(b)
	var score, render, render1 time.Duration
	var r *scoring.Results
	for b.Loop() {
		t0 := time.Now()
		r = scoring.Score(m, ds)
		t1 := time.Now()
		renderSizes(b, r, html.Options{})
		t2 := time.Now()
		renderSizes(b, r, html.Options{Workers: 1})
		t3 := time.Now()
		score += t1.Sub(t0)
		render += t2.Sub(t1)
		render1 += t3.Sub(t2)
	}
	n := float64(b.N)
	b.ReportMetric(float64(score.Microseconds())/1000/n, "score-ms/op")
	b.ReportMetric(float64(render.Microseconds())/1000/n, "render-ms/op")
	b.ReportMetric(float64(render)/float64(score), "render/score")
	b.ReportMetric(float64(render1)/float64(score), "render-1cpu/score")

	linked := renderSizes(b, r, html.Options{})
	inline := renderSizes(b, r, html.Options{InlineAssets: true})
	const dresden = "profiles/14612000.html"
	b.ReportMetric(float64(linked[dresden]), "profile-B")
	b.ReportMetric(float64(inline[dresden]), "profile-inline-B")
	b.ReportMetric(float64(linked["overview.html"]), "overview-B")
	var profiles []int
	total := 0
	for name, n := range linked {
		if len(name) > 9 && name[:9] == "profiles/" {
			profiles = append(profiles, n)
		}
		total += n
	}
	slices.Sort(profiles)
	if len(profiles) != 419 {
		b.Fatalf("%d profiles, want 419", len(profiles))
	}
	b.ReportMetric(float64(profiles[len(profiles)/2]), "median-profile-B")
	b.ReportMetric(float64(total), "site-B")
}

// BenchmarkProfiles renders every profile of the bundled example's latest
// answers as 'reifegrad run' does (roadmaps in three phases, the
// robustness line, the date stamp) on one goroutine into memory, and
// reports the time, the CPU time (all threads: the collector's too) and
// the bytes per profile. Scoring, roadmaps and analysis
// are made once, before the clock starts.
//
//	go test ./reports/html -run '^$' -bench Profiles -benchtime 5x
func BenchmarkProfiles(b *testing.B) {
	m, ds := fixture.Saxony(b)
	r := scoring.Score(m, ds)
	dis := scoring.NewDisclosure(r, 5)
	set, err := roadmap.Build(r, roadmap.Options{Phases: 3, Disclosure: dis})
	if err != nil {
		b.Fatal(err)
	}
	day := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	for _, lang := range []scoring.Language{scoring.German, scoring.English} {
		b.Run(lang.String(), func(b *testing.B) {
			o := html.Options{Language: lang, Disclosure: dis, Roadmaps: set, Analysis: mustAnalysis(b, r, 5),
				Date: day, DataCutoff: day, Workers: 1}
			var bytes int
			cpu0 := cpuUsed()
			for b.Loop() {
				bytes = 0
				for _, n := range renderSizes(b, r, o) {
					bytes += n
				}
			}
			cpu := cpuUsed() - cpu0
			units := len(html.ProfileUnits(r))
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*units), "µs/profile")
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*units), "cpu-µs/profile")
			b.ReportMetric(float64(bytes)/float64(units), "B/profile")
		})
	}
}

// cpuUsed is the CPU time the process has used so far; 0 where it cannot
// be measured.
func cpuUsed() time.Duration {
	d, _ := cputime.Used()
	return d
}
