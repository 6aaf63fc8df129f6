package csv_test

import (
	"bytes"
	stdcsv "encoding/csv"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/csv"
	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestWriteAggregates checks aggregates.csv of the fixture against figures
// worked out here from the units themselves: every published mean, count
// and share is that of the group's units; every figure of a group of
// fewer than min_group_size units is empty and flagged too_small; labels
// are inert for spreadsheets.
func TestWriteAggregates(t *testing.T) {
	r := fixture.Fixture(t, fixture.Model(t))
	m := r.Model
	for _, minGroup := range []int{2, 3, 5} {
		dis := scoring.NewDisclosure(r, minGroup)
		var b bytes.Buffer
		if err := csv.WriteAggregates(&b, dis, m); err != nil {
			t.Fatal(err)
		}
		rows, err := stdcsv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], csv.AggregateColumns()) {
			t.Fatalf("header %v", rows[0])
		}
		latest := r.Waves[r.Latest()].ID
		seen := map[string]bool{}
		for _, row := range rows[1:] {
			wave, groupBy, group, units, measure, level, stat, value, flag := row[0], row[1], row[2], row[3], row[4], row[6], row[7], row[8], row[9]
			if groupBy != "all" && scoring.WaveID(wave) != latest {
				t.Errorf("a group of wave %s, which is not the latest", wave)
			}
			seen[groupBy] = true
			members := groupUnits(r, scoring.WaveID(wave), groupBy, group)
			if n, _ := strconv.Atoi(units); n != len(members) {
				t.Errorf("%v: units %s, the group has %d", row, units, len(members))
			}
			if len(members) < minGroup && (value != "" || flag != csv.FlagTooSmall) {
				t.Errorf("%v: a group of %d units shows %q (flag %q)", row, len(members), value, flag)
			}
			if value == "" {
				if flag == "" {
					t.Errorf("%v: empty without a flag", row)
				}
				continue
			}
			if want := independent(t, m, members, measure, level, stat); want != "*" && want != value {
				t.Errorf("%v: value %s, worked out %s", row, value, want)
			}
			for _, c := range row {
				if c != "" && strings.ContainsAny(c[:1], "=+@") {
					t.Errorf("%v: cell %q starts a formula", row, c)
				}
			}
		}
		for _, pg := range m.PeerGroups {
			if !seen[string(pg.ID)] || !seen["all"] {
				t.Errorf("min %d: no rows for %s", minGroup, pg.ID)
			}
		}
	}
}

// groupUnits returns the units of a group, read from each unit's own
// peer groups.
func groupUnits(r *scoring.Results, wave scoring.WaveID, groupBy, group string) []*scoring.UnitResult {
	pg := slices.IndexFunc(r.Model.PeerGroups, func(p scoring.PeerGroup) bool { return string(p.ID) == groupBy })
	var out []*scoring.UnitResult
	for i := range r.Units {
		u := &r.Units[i]
		if u.Wave == wave && (pg < 0 || u.Peers[pg].Group == group) {
			out = append(out, u)
		}
	}
	return out
}

// independent works out a mean, count or share from the units, formatted
// as aggregates.csv formats it; other statistics are not re-derived here
// (they come from scoring.Describe, tested in scoring) and pass as "*".
func independent(t *testing.T, m *scoring.Model, units []*scoring.UnitResult, measure, level, stat string) string {
	t.Helper()
	one := func(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', 1, 64) }
	switch stat {
	case "mean", "n":
		node := slices.IndexFunc(m.Nodes, func(n *scoring.Node) bool { return string(n.ID) == measure })
		var sum float64
		k := 0
		for _, u := range units {
			if s := u.Nodes.At(node); s.Scored() {
				sum += s.Score
				k++
			}
		}
		if stat == "n" {
			return strconv.Itoa(k)
		}
		return one(sum / float64(k))
	case "count", "share":
		k := 0
		for _, u := range units {
			l := m.Levels.ByOrdinal(u.Level)
			if (measure == "no_level" && u.Level == 0) || (u.Level > 0 && strconv.Itoa(l.Number) == level) {
				k++
			}
		}
		if stat == "count" {
			return strconv.Itoa(k)
		}
		return one(100 * float64(k) / float64(len(units)))
	}
	return "*"
}
