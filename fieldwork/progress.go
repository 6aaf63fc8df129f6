package fieldwork

import (
	"cmp"
	"slices"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// Progress counts the units of a group by where their sheet stands.
type Progress struct {
	Group     string // the group's name; "" for all units or no group
	Units     int
	Submitted int // submitted (possibly with a newer draft)
	Started   int // saved answers, never submitted
	// Units - Submitted - Started have not saved anything.
}

// Share returns the share of units that submitted, 0–1 (0 for no units).
func (p Progress) Share() float64 {
	if p.Units == 0 {
		return 0
	}
	return float64(p.Submitted) / float64(p.Units)
}

// GroupProgress is the progress in every group of one peer group.
type GroupProgress struct {
	PeerGroup scoring.PeerGroup
	Groups    []Progress // by group name; units without a group last, as ""
}

// ProgressOf counts the response of a wave: over all units, and per
// group of each of the model's peer groups (district, size class). sheets
// are the wave's sheets; a unit without one has not started.
func ProgressOf(m *scoring.Model, units []scoring.Unit, sheets []Sheet) (Progress, []GroupProgress) {
	byUnit := make(map[scoring.UnitID]*Sheet, len(sheets))
	for i := range sheets {
		byUnit[sheets[i].Unit] = &sheets[i]
	}
	count := func(p *Progress, u *scoring.Unit) {
		p.Units++
		switch s := byUnit[u.ID]; {
		case s == nil:
		case s.IsSubmitted():
			p.Submitted++
		case s.Version > 0:
			p.Started++
		}
	}
	var all Progress
	for i := range units {
		count(&all, &units[i])
	}
	out := make([]GroupProgress, len(m.PeerGroups))
	for pi, pg := range m.PeerGroups {
		idx := map[string]int{}
		gp := GroupProgress{PeerGroup: pg}
		for i := range units {
			g := m.GroupOf(pg, &units[i])
			j, ok := idx[g]
			if !ok {
				j = len(gp.Groups)
				idx[g] = j
				gp.Groups = append(gp.Groups, Progress{Group: g})
			}
			count(&gp.Groups[j], &units[i])
		}
		// Size classes in the model's order, from the smallest: sorted by
		// name, "10.000 bis unter 20.000" came first and "unter 5.000"
		// last. Names the model does not list (a size_class column of the
		// units) follow by name, units without a group last.
		rank := func(g string) int {
			if pg.Attribute == "size_class" {
				if i := slices.IndexFunc(m.SizeClasses, func(c scoring.SizeClass) bool { return c.Name == g }); i >= 0 {
					return i
				}
			}
			return len(m.SizeClasses)
		}
		slices.SortFunc(gp.Groups, func(a, b Progress) int {
			return cmp.Or(cmp.Compare(boolInt(a.Group == ""), boolInt(b.Group == "")), cmp.Compare(rank(a.Group), rank(b.Group)), cmp.Compare(a.Group, b.Group))
		})
		out[pi] = gp
	}
	return all, out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// InWave returns the units wave w asks: all of units but those that had
// become part of another by the wave's time (Model.SuccessorAt: the
// model's successions, a wave placed in time by its date or year), which
// no longer exist to answer — unless one has a sheet of the wave anyway,
// which then counts as any other (and run names its answers as those of
// a dissolved unit). Counted, Kurort Rathen, part of Königstein since
// 2027, stood in the 2028 wave's reminders and held its district's
// response at 35 of 36.
func InWave(m *scoring.Model, w scoring.WaveID, units []scoring.Unit, sheets []Sheet) []scoring.Unit {
	has := make(map[scoring.UnitID]bool, len(sheets))
	for _, s := range sheets {
		has[s.Unit] = s.Version > 0 || s.IsSubmitted()
	}
	return slices.DeleteFunc(slices.Clone(units), func(u scoring.Unit) bool {
		_, gone := m.SuccessorAt(u.ID, w)
		return gone && !has[u.ID]
	})
}

// Reminder is a unit that has not submitted a wave: the reminders list.
type Reminder struct {
	Unit    scoring.Unit
	Started bool      // has saved answers
	Updated time.Time // of the last save; zero when not started
}

// Reminders lists the units that have not submitted the wave, by ID.
func Reminders(units []scoring.Unit, sheets []Sheet) []Reminder {
	byUnit := make(map[scoring.UnitID]*Sheet, len(sheets))
	for i := range sheets {
		byUnit[sheets[i].Unit] = &sheets[i]
	}
	var out []Reminder
	for _, u := range units {
		s := byUnit[u.ID]
		switch {
		case s == nil:
			out = append(out, Reminder{Unit: u})
		case !s.IsSubmitted():
			out = append(out, Reminder{Unit: u, Started: s.Version > 0, Updated: s.Updated})
		}
	}
	slices.SortFunc(out, func(a, b Reminder) int { return cmp.Compare(a.Unit.ID, b.Unit.ID) })
	return out
}
