package scoring_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestDuplicateAcrossFiles: a unit that answered a wave in several files
// is scored from the response the duplicate policy keeps — the same rule
// as between two rows of one file, with the receipt time (not the order
// of the inputs) saying which came later; where the policy needs that and
// a time is missing, neither response counts and both are rejected with
// the reason. By hand:
//
//	A a.csv:3 2026-01-10 complete   b.csv:2 2026-03-01 complete
//	B a.csv:4 no time               b.csv:5 no time
//	D a.csv:5 2026-02-01 unfinished b.csv:6 2026-01-01 complete
//	C a.csv:2 once; E b.csv:3 once, but e.csv's rows of E were rejected
//	as duplicates (by reject_all, when the policy is reject_all)
//
// keep_latest_complete: A b.csv:2 (later), B neither, D b.csv:6
// (complete). keep_last: A b.csv:2, B neither, D a.csv:5 (later).
// keep_first: A a.csv:3, B neither, D b.csv:6 (earlier). reject_all: none
// of A, B, D, E. Another wave's response of A is no duplicate.
func TestDuplicateAcrossFiles(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	srcs := map[string]*scoring.Source{}
	at := func(r scoring.Response, file string, row int, received string, incomplete bool) scoring.Response {
		if srcs[file] == nil {
			srcs[file] = &scoring.Source{File: file, Columns: []int{2, 3, 4, 5}}
		}
		r.Source, r.Row, r.Received, r.Incomplete = srcs[file], row, received, incomplete
		return r
	}
	ans := []string{"ja", "ja", "12", "nein"}
	resp := func(id string) scoring.Response { return response(m, id, "K", ans...) }
	for _, tt := range []struct {
		policy scoring.DuplicatePolicy
		kept   []string // unit@position, by unit
		lost   []string // position cause, in order
	}{
		{scoring.KeepLatestComplete, []string{"A@b.csv:2", "C@a.csv:2", "D@b.csv:6", "E@b.csv:3"},
			[]string{"a.csv:3 dup", "a.csv:4 undecided", "b.csv:5 undecided", "a.csv:5 dup"}},
		{scoring.KeepLast, []string{"A@b.csv:2", "C@a.csv:2", "D@a.csv:5", "E@b.csv:3"},
			[]string{"a.csv:3 dup", "a.csv:4 undecided", "b.csv:5 undecided", "b.csv:6 dup"}},
		{scoring.KeepFirst, []string{"A@a.csv:3", "C@a.csv:2", "D@b.csv:6", "E@b.csv:3"},
			[]string{"b.csv:2 dup", "a.csv:4 undecided", "b.csv:5 undecided", "a.csv:5 dup"}},
		{scoring.RejectAll, []string{"C@a.csv:2"},
			[]string{"a.csv:3 dup", "b.csv:2 dup", "b.csv:3 dup", "a.csv:4 dup", "b.csv:5 dup", "a.csv:5 dup", "b.csv:6 dup"}},
	} {
		t.Run(tt.policy.String(), func(t *testing.T) {
			ds := &scoring.Dataset{Duplicates: tt.policy, Responses: []scoring.Response{
				at(resp("C"), "a.csv", 2, "", false),
				at(resp("A"), "a.csv", 3, "2026-01-10 09:00:00", false),
				at(resp("B"), "a.csv", 4, "", false),
				at(resp("D"), "a.csv", 5, "01.02.2026 10:00", true),
				at(resp("A"), "b.csv", 2, "2026-03-01 09:00:00", false),
				at(resp("E"), "b.csv", 3, "", false),
				at(resp("B"), "b.csv", 5, "", false),
				at(resp("D"), "b.csv", 6, "46023", false), // Excel's serial day: 2026-01-01
				at(withWave(resp("A"), "2"), "d.csv", 2, "", false),
			}, Rejects: []scoring.Reject{{File: "e.csv", Row: 7, Wave: "1", Unit: "E", Cause: scoring.CauseDuplicateRow,
				Args: []string{"E", "6", tt.policy.String()}}}}
			res := scoring.Score(m, ds)
			if got := len(res.WaveUnits(1)); got != 1 {
				t.Errorf("wave 2: %d results, want A's", got)
			}
			var kept []string
			for _, u := range res.WaveUnits(0) {
				kept = append(kept, string(u.Unit.ID)+"@"+u.Response.Position(-1))
			}
			if !slices.Equal(kept, tt.kept) {
				t.Errorf("scored %v, want %v", kept, tt.kept)
			}
			var lost []string
			for _, r := range res.Rejects[1:] {
				kind := map[scoring.Cause]string{scoring.CauseDuplicateRow: "dup", scoring.CauseDuplicateFile: "undecided"}[r.Cause]
				lost = append(lost, fmt.Sprintf("%s:%d %s", r.File, r.Row, kind))
				if len(r.Args) != 3 || r.Args[0] != string(r.Unit) {
					t.Errorf("reject %s:%d args %q", r.File, r.Row, r.Args)
				}
			}
			if !slices.Equal(lost, tt.lost) {
				t.Errorf("rejected %q, want %q", lost, tt.lost)
			}
			dups := 0
			for _, is := range res.Issues {
				if is.Kind == scoring.IssueDuplicate {
					dups++
				}
			}
			if dups != 3 {
				t.Errorf("%d duplicate issues, want 3 (A, B, D answered in two files)", dups)
			}
			if res.RowsRead != 10 || len(res.Units)+len(res.Rejects) != 10 {
				t.Errorf("rows read %d = %d results + %d rejects, want 10", res.RowsRead, len(res.Units), len(res.Rejects))
			}
		})
	}
}

// TestPreferWithinAndAcrossFiles: the one rule of the duplicate policies,
// on two rows of one file (in the order received) and on responses of two
// files (ordered only by their receipt times).
func TestPreferWithinAndAcrossFiles(t *testing.T) {
	f1, f2 := &scoring.Source{File: "a.csv"}, &scoring.Source{File: "b.csv"}
	r := func(src *scoring.Source, received string, incomplete bool) *scoring.Response {
		return &scoring.Response{Source: src, Received: received, Incomplete: incomplete}
	}
	const early, late = "2026-01-10 09:00", "10.03.2026 08:00:00"
	for _, tt := range []struct {
		name           string
		policy         scoring.DuplicatePolicy
		earlier, later *scoring.Response
		want           scoring.Preference
		ground         scoring.Ground
	}{
		{"latest: complete wins", scoring.KeepLatestComplete, r(f1, late, true), r(f1, early, false), scoring.KeepLater, scoring.ByCompleteness},
		{"latest: complete wins across files", scoring.KeepLatestComplete, r(f1, "", false), r(f2, "", true), scoring.KeepEarlier, scoring.ByCompleteness},
		{"latest: later time in one file", scoring.KeepLatestComplete, r(f1, late, false), r(f1, early, false), scoring.KeepEarlier, scoring.ByTime},
		{"latest: later row without times", scoring.KeepLatestComplete, r(f1, "", false), r(f1, "", false), scoring.KeepLater, scoring.ByRow},
		{"latest: later time across files", scoring.KeepLatestComplete, r(f1, late, false), r(f2, early, false), scoring.KeepEarlier, scoring.ByTime},
		{"latest: no time across files", scoring.KeepLatestComplete, r(f1, late, false), r(f2, "", false), scoring.Undecided, scoring.ByTime},
		{"latest: same time across files", scoring.KeepLatestComplete, r(f1, early, false), r(f2, early, false), scoring.Undecided, scoring.ByTime},
		{"last: the later row, whatever the time", scoring.KeepLast, r(f1, late, false), r(f1, early, false), scoring.KeepLater, scoring.ByPolicy},
		{"last: the later time across files", scoring.KeepLast, r(f1, late, true), r(f2, early, false), scoring.KeepEarlier, scoring.ByTime},
		{"last: no time across files", scoring.KeepLast, r(f1, "", false), r(f2, early, false), scoring.Undecided, scoring.ByTime},
		{"first: the earlier row", scoring.KeepFirst, r(f1, late, false), r(f1, early, false), scoring.KeepEarlier, scoring.ByPolicy},
		{"first: the earlier time across files", scoring.KeepFirst, r(f1, late, false), r(f2, early, true), scoring.KeepLater, scoring.ByTime},
		{"first: no time across files", scoring.KeepFirst, r(f1, early, false), r(f2, "kein Datum", false), scoring.Undecided, scoring.ByTime},
		{"reject all", scoring.RejectAll, r(f1, early, false), r(f2, late, false), scoring.KeepNeither, scoring.ByPolicy},
		// 'serve export' at 10:30 local time with its offset, another
		// tool's file at 10:00 local time without: the export is later.
		{"latest: an offset beside a local time", scoring.KeepLatestComplete, r(f1, "2026-03-02T10:30:00+01:00", false), r(f2, "2026-03-02 10:00:00", false), scoring.KeepEarlier, scoring.ByTime},
		// Slashed dates: 05/02 is 2 May or 5 February, 03/04 4 March or
		// 3 April. Read month first, the first answer was the later and
		// kept; read day first, the second. Where the readings disagree
		// the times do not decide (before: the US reading did).
		{"latest: dates that read both ways, in one file", scoring.KeepLatestComplete, r(f1, "05/02/2026 08:00", false), r(f1, "03/04/2026 08:00", false), scoring.KeepLater, scoring.ByRow},
		{"latest: dates that read both ways, across files", scoring.KeepLatestComplete, r(f1, "05/02/2026 08:00", false), r(f2, "03/04/2026 08:00", false), scoring.Undecided, scoring.ByTime},
		{"latest: both readings agree", scoring.KeepLatestComplete, r(f1, "01/03/2026 08:00", false), r(f2, "02/03/2026 08:00", false), scoring.KeepLater, scoring.ByTime},
		{"latest: day first, as only it reads", scoring.KeepLatestComplete, r(f1, "28/02/2026 17:00", false), r(f2, "27/02/2026 09:00", false), scoring.KeepEarlier, scoring.ByTime},
		{"last: dates that read both ways, across files", scoring.KeepLast, r(f1, "05/02/2026", false), r(f2, "03/04/2026", false), scoring.Undecided, scoring.ByTime},
	} {
		if got, ground := tt.policy.Prefer(tt.earlier, tt.later); got != tt.want || ground != tt.ground {
			t.Errorf("%s: %d by %d, want %d by %d", tt.name, got, ground, tt.want, tt.ground)
		}
	}
}

// TestReceivedAt: receipt times as the survey tools write them order
// alike across files: text in any of their layouts, an Excel serial day.
func TestReceivedAt(t *testing.T) {
	at := func(s string) float64 { return (&scoring.Response{Received: s}).ReceivedAt() }
	ref := at("2024-03-15 10:30:00")
	if ref != 1710498600 {
		t.Fatalf("2024-03-15 10:30:00 UTC = %v, want 1710498600", ref)
	}
	for _, in := range []string{"2024-03-15 10:30", "15.03.2024 10:30", "15.03.2024 10:30:00", "3/15/2024 10:30:00 AM",
		"2024/03/15 10:30:00 AM MEZ", "2024-03-15T10:30:00Z", "45366.4375",
		// As written, as one time zone: an offset is ignored, as a zone
		// name is — 'serve export' writes local time with its offset,
		// other tools local time without one, and a submission at 10:30
		// is later than one another tool of the same zone stamped 10:00.
		"2024-03-15T10:30:00+01:00", "2024-03-15T10:30:00+02:00",
		// A year of two digits, as a short date format of Excel writes
		// it into a CSV (German TT.MM.JJ, US m/d/yy): unread, the two
		// times were 0 and a file's rows decided, the later row kept
		// even where it held the earlier answer.
		"15.03.24 10:30", "15.03.24 10:30:00", "3/15/24 10:30", "3/15/24 10:30:00 AM", "3/15/24 10:30 AM",
		// A web form's local time without seconds; a German date with a
		// comma before the time.
		"2024-03-15T10:30", "15.03.2024, 10:30", "15.03.2024, 10:30:00", "15.3.2024, 10:30",
		// Day first, where the first number is no month (British, French).
		"15/03/2024 10:30", "15/03/2024 10:30:00", "15/03/24 10:30"} {
		if got := at(in); got != ref {
			t.Errorf("ReceivedAt(%q) = %v, want %v", in, got, ref)
		}
	}
	if at("gestern") != 0 || at("") != 0 {
		t.Error("not a time, but read as one")
	}
}
