package web

import (
	"context"
	"io"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// peerStore is a store of one open wave whose submissions the test sets.
type peerStore struct {
	fieldwork.Store // not called
	mu              sync.Mutex
	gen             int64
	subs            []fieldwork.Sheet
}

func (p *peerStore) Generation(context.Context) (int64, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.gen, nil
}

func (p *peerStore) Waves(context.Context) ([]fieldwork.Wave, error) {
	return []fieldwork.Wave{{Wave: scoring.Wave{ID: "w1"}, State: fieldwork.WaveOpen}}, nil
}

func (p *peerStore) Submissions(context.Context, scoring.WaveID) ([]fieldwork.Sheet, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]fieldwork.Sheet(nil), p.subs...), nil
}

func (p *peerStore) Sheets(ctx context.Context, w scoring.WaveID) ([]fieldwork.Sheet, error) {
	return p.Submissions(ctx, w)
}

// submit gives units their first submission, as a new generation.
func (p *peerStore) submit(units ...scoring.UnitID) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, u := range units {
		p.subs = append(p.subs, fieldwork.Sheet{Unit: u, Version: 1, SubmittedVersion: 1})
	}
	p.gen++
}

// TestPeerRefreshWhileScoringKeepsItsAnalysis: a unit's profile scored
// with the others of one refresh, while a new refresh came and asked for
// its analysis, asked for the old results' analysis too, which replaced
// the new one's before it started: every profile of the new refresh said
// its robustness was being computed, and never got it. The late unit's
// profile is now scored with the new refresh and shares its analysis.
func TestPeerRefreshWhileScoringKeepsItsAnalysis(t *testing.T) {
	m := mustModel(t)
	st := &peerStore{}
	st.submit("a", "b")
	block := make(chan struct{}) // holds up unit a's first scoring
	entered := make(chan struct{})
	var once sync.Once
	importer := func(_ context.Context, w fieldwork.Wave, sheets []fieldwork.Sheet) (*scoring.Dataset, error) {
		ds := &scoring.Dataset{Waves: []scoring.Wave{w.Wave}}
		for _, sh := range sheets {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: w.ID, Unit: scoring.Unit{ID: sh.Unit, Name: string(sh.Unit)},
				Answers: scoring.AnswersOf(make([]string, len(m.Questions))...)})
		}
		if len(sheets) == 2 {
			once.Do(func() { close(entered); <-block })
		}
		return ds, nil
	}
	s := &Server{o: Options{Store: st, Model: m, Import: importer, MinGroupSize: 1,
		Analysis: func(context.Context, *scoring.Results) (*analyse.Report, error) { return &analyse.Report{}, nil }}}
	// The analyses are busy: a run asked for now waits, and can be replaced.
	s.analyses.running = true

	type got struct {
		run *analysisRun
		err error
	}
	late := make(chan got)
	go func() {
		_, _, run, _, err := s.unitResults(context.Background(), "a")
		late <- got{run, err}
	}()
	<-entered
	st.submit("c", "d", "e") // a refresh: three units changed, more than MinGroupSize
	_, _, runB, _, err := s.unitResults(context.Background(), "b")
	if err != nil || runB == nil {
		t.Fatalf("unit b: run %v, %v", runB, err)
	}
	close(block)
	a := <-late
	if a.err != nil {
		t.Fatal(a.err)
	}
	s.analyses.mu.Lock()
	superseded := runB.superseded
	s.analyses.mu.Unlock()
	if superseded {
		t.Error("the new refresh's analysis was replaced by the old refresh's")
	}
	if a.run != runB {
		t.Errorf("unit a's profile has its own analysis, want the new refresh's shared one")
	}
}

// fakePages records what a profile was asked to say; onUnits runs once,
// the first time the units are listed.
type fakePages struct {
	Pages   // not called
	onUnits func()
	once    sync.Once
	pending bool
	report  *analyse.Report
}

func (p *fakePages) Units(r *scoring.Results) []*scoring.UnitResult {
	p.once.Do(p.onUnits)
	out := make([]*scoring.UnitResult, len(r.Units))
	for i := range r.Units {
		out[i] = &r.Units[i]
	}
	return out
}

func (p *fakePages) File(id scoring.UnitID) string { return string(id) + ".html" }

func (p *fakePages) Profile(_ io.Writer, _ *scoring.Results, _ *scoring.UnitResult, _ *scoring.Results, a *analyse.Report, _, pending bool, _ string) error {
	p.report, p.pending = a, pending
	return nil
}

// TestAdminProfileOfSupersededResultsIsPending: the association's view of
// a profile, when a submission came between scoring the results and
// asking for their analysis, had neither its robustness nor the word that
// it is being computed (the analysis of those results is superseded).
func TestAdminProfileOfSupersededResultsIsPending(t *testing.T) {
	m := mustModel(t)
	st := &peerStore{}
	st.submit("a", "b")
	importer := func(_ context.Context, w fieldwork.Wave, sheets []fieldwork.Sheet) (*scoring.Dataset, error) {
		ds := &scoring.Dataset{Waves: []scoring.Wave{w.Wave}}
		for _, sh := range sheets {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: w.ID, Unit: scoring.Unit{ID: sh.Unit, Name: string(sh.Unit)},
				Answers: scoring.AnswersOf(make([]string, len(m.Questions))...)})
		}
		return ds, nil
	}
	pages := &fakePages{}
	s := &Server{o: Options{Store: st, Model: m, Import: importer, Pages: pages, MinGroupSize: 1,
		Analysis: func(context.Context, *scoring.Results) (*analyse.Report, error) { return &analyse.Report{}, nil }}}
	s.analyses.running = true // the analyses are busy
	pages.onUnits = func() {  // a submission while the profile is looked up
		st.submit("c")
		if _, err := s.results(context.Background()); err != nil {
			t.Error(err)
		}
	}
	r := httptest.NewRequest("GET", "/admin/profiles/a.html", nil)
	r.SetPathValue("file", "a.html")
	w := httptest.NewRecorder()
	s.adminProfile(w, r)
	if w.Code != 200 || pages.report != nil || !pages.pending {
		t.Errorf("status %d, analysis %v, pending %v; want 200, none, pending", w.Code, pages.report, pages.pending)
	}
}

// TestPeerRefreshSharesTheOverviewsScoring: a peer refresh takes the
// others' submissions as they stand, and so do the association's results
// of the same store generation: the two are one scoring. Each was scored
// and analysed on its own — at national size two analyses (some 3–7 s of
// CPU each) at every refresh the association looked at. Counted here:
// the imports of the wave and the analyses, whichever page comes first.
func TestPeerRefreshSharesTheOverviewsScoring(t *testing.T) {
	tests := []struct {
		name          string
		overviewFirst bool
	}{
		{"overview, then a profile", true},
		{"a profile, then the overview", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustModel(t)
			st := &peerStore{}
			st.submit("a", "b", "c")
			var mu sync.Mutex
			imports, analyses := 0, 0
			importer := func(_ context.Context, w fieldwork.Wave, sheets []fieldwork.Sheet) (*scoring.Dataset, error) {
				mu.Lock()
				imports++
				mu.Unlock()
				ds := &scoring.Dataset{Waves: []scoring.Wave{w.Wave}}
				for _, sh := range sheets {
					ds.Responses = append(ds.Responses, scoring.Response{Wave: w.ID, Unit: scoring.Unit{ID: sh.Unit, Name: string(sh.Unit)},
						Answers: scoring.AnswersOf(make([]string, len(m.Questions))...)})
				}
				return ds, nil
			}
			s := &Server{o: Options{Store: st, Model: m, Import: importer, MinGroupSize: 1,
				Analysis: func(context.Context, *scoring.Results) (*analyse.Report, error) {
					mu.Lock()
					analyses++
					mu.Unlock()
					return &analyse.Report{}, nil
				}}}
			ctx := context.Background()
			overview := func() *analyse.Report {
				res, err := s.results(ctx)
				if err != nil {
					t.Fatal(err)
				}
				rep, _, err := s.analysisOf(ctx, res, true)
				if err != nil || rep == nil {
					t.Fatalf("overview's analysis: %v, %v", rep, err)
				}
				return rep
			}
			profile := func() *analyse.Report {
				_, _, run, later, err := s.unitResults(ctx, "a")
				if err != nil || later {
					t.Fatalf("profile: later %v, %v", later, err)
				}
				rep, pending, err := run.result(ctx, true)
				if err != nil || pending || rep == nil {
					t.Fatalf("profile's analysis: %v, pending %v, %v", rep, pending, err)
				}
				return rep
			}
			var first, second *analyse.Report
			if tt.overviewFirst {
				first, second = overview(), profile()
			} else {
				first, second = profile(), overview()
			}
			if first != second {
				t.Error("the overview and the profile show different analyses of the same submissions")
			}
			mu.Lock()
			defer mu.Unlock()
			if imports != 1 || analyses != 1 {
				t.Errorf("the wave imported %d times and analysed %d times, want once each", imports, analyses)
			}
		})
	}
}

// TestSharedAnalysisOutlivesANewSubmission: the analysis a peer refresh
// shares with the association's results stays the refresh's when a new
// submission makes the association ask for another before it started:
// superseded, every profile of the refresh would say its robustness is
// being computed, for good (their next refresh is min_group_size
// submissions away).
func TestSharedAnalysisOutlivesANewSubmission(t *testing.T) {
	m := mustModel(t)
	st := &peerStore{}
	st.submit("a", "b", "c")
	importer := func(_ context.Context, w fieldwork.Wave, sheets []fieldwork.Sheet) (*scoring.Dataset, error) {
		ds := &scoring.Dataset{Waves: []scoring.Wave{w.Wave}}
		for _, sh := range sheets {
			ds.Responses = append(ds.Responses, scoring.Response{Wave: w.ID, Unit: scoring.Unit{ID: sh.Unit, Name: string(sh.Unit)},
				Answers: scoring.AnswersOf(make([]string, len(m.Questions))...)})
		}
		return ds, nil
	}
	s := &Server{o: Options{Store: st, Model: m, Import: importer, MinGroupSize: 2,
		Analysis: func(context.Context, *scoring.Results) (*analyse.Report, error) { return &analyse.Report{}, nil }}}
	// The analyses are busy: a run asked for now waits, and can be replaced.
	s.analyses.running = true
	ctx := context.Background()
	if _, err := s.results(ctx); err != nil {
		t.Fatal(err)
	}
	_, _, peers, _, err := s.unitResults(ctx, "a")
	if err != nil || peers == nil || peers != s.cache.run {
		t.Fatalf("profile's analysis %p, overview's %p, %v: want one shared", peers, s.cache.run, err)
	}
	st.submit("d") // one unit changed: no refresh at MinGroupSize 2
	if _, err := s.results(ctx); err != nil {
		t.Fatal(err)
	}
	if s.cache.run == peers {
		t.Fatal("the new submission's results have the refresh's analysis")
	}
	s.analyses.mu.Lock()
	superseded := peers.superseded
	s.analyses.mu.Unlock()
	if superseded {
		t.Error("the refresh's shared analysis was superseded by the association's next")
	}
	if _, _, again, _, err := s.unitResults(ctx, "b"); err != nil || again != peers {
		t.Errorf("unit b's profile: analysis %p, %v; want the refresh's %p", again, err, peers)
	}
}
