package scoring_test

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// TestWaveOrder: waves the model does not declare. testdata/mini.yaml;
// unit A answers every wave. In the "low" wave Q1 nein, Q2 nein, Q3 0, Q4
// ja (reversed: 0 points) → d1 = 0, d2 = 0, overall 0; in the "high" wave
// Q1 ja, Q2 ja, Q3 12, Q4 nein → 100. The first wave in time is the low
// one in each case, so A's change into the latest wave is +100 (review 8,
// finding 3: "10" sorted as text before "9", and the change was −100).
// Ids that are not all whole numbers, in a dataset that gives no order of
// its own, are a WaveOrderError from CheckData.
func TestWaveOrder(t *testing.T) {
	m := MustModel(t, "testdata/mini.yaml")
	low, high := []string{"nein", "nein", "0", "ja"}, []string{"ja", "ja", "12", "nein"}
	tests := []struct {
		name  string
		waves []scoring.Wave   // as the dataset gives them
		want  []scoring.WaveID // in time; the last answers "high", the others "low"
		err   []scoring.WaveID // the waves of the WaveOrderError; nil: no error
	}{
		{"9 and 10 in input order", []scoring.Wave{{ID: "9"}, {ID: "10"}}, []scoring.WaveID{"9", "10"}, nil},
		{"10 given first", []scoring.Wave{{ID: "8"}, {ID: "10"}, {ID: "9"}}, []scoring.WaveID{"8", "9", "10"}, nil},
		{"years", []scoring.Wave{{ID: "2026"}, {ID: "2024"}, {ID: "2028"}}, []scoring.WaveID{"2024", "2026", "2028"}, nil},
		{"leading zeros", []scoring.Wave{{ID: "0010"}, {ID: "9"}, {ID: "011"}}, []scoring.WaveID{"9", "0010", "011"}, nil},
		{"seasons", []scoring.Wave{{ID: "Herbst 2024"}, {ID: "Frühjahr 2025"}}, nil, []scoring.WaveID{"Herbst 2024", "Frühjahr 2025"}},
		{"a number and a name", []scoring.Wave{{ID: "2024"}, {ID: "2026b"}}, nil, []scoring.WaveID{"2024", "2026b"}},
		{"one number twice", []scoring.Wave{{ID: "01"}, {ID: "1"}}, nil, []scoring.WaveID{"01", "1"}},
		// The serve database numbers its waves (Wave.Order) as they were
		// created: that order is given, not guessed.
		{"order from the source", []scoring.Wave{{ID: "herbst", Order: 1}, {ID: "fruehjahr", Order: 2}}, []scoring.WaveID{"herbst", "fruehjahr"}, nil},
		{"order given twice", []scoring.Wave{{ID: "herbst", Order: 1}, {ID: "fruehjahr", Order: 1}}, nil, []scoring.WaveID{"herbst", "fruehjahr"}},
		{"order given for one", []scoring.Wave{{ID: "herbst", Order: 1}, {ID: "fruehjahr"}}, nil, []scoring.WaveID{"herbst", "fruehjahr"}},
		{"one wave", []scoring.Wave{{ID: "Herbst 2024"}}, []scoring.WaveID{"Herbst 2024"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := &scoring.Dataset{Waves: tt.waves}
			for _, w := range tt.waves {
				answers := low
				if len(tt.want) > 0 && w.ID == tt.want[len(tt.want)-1] {
					answers = high
				}
				r := response(m, "A", "K", answers...)
				r.Wave = w.ID
				ds.Responses = append(ds.Responses, r)
			}
			err := m.CheckData(ds)
			var we *scoring.WaveOrderError
			switch {
			case tt.err == nil && err != nil:
				t.Fatalf("CheckData: %v, want nil", err)
			case tt.err != nil && !errors.As(err, &we):
				t.Fatalf("CheckData: %v, want a WaveOrderError", err)
			case tt.err != nil && !reflect.DeepEqual(we.Waves, tt.err):
				t.Fatalf("WaveOrderError.Waves = %q, want %q", we.Waves, tt.err)
			case tt.err != nil:
				return
			}
			res := scoring.Score(m, ds)
			var got []scoring.WaveID
			for _, w := range res.Waves {
				got = append(got, w.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("waves in time %q, want %q", got, tt.want)
			}
			if len(got) < 2 {
				return
			}
			u := &res.WaveUnits(res.Latest())[0]
			c, ok := res.Change(u, 0)
			if !ok || math.Abs(c.Delta-100) > 1e-9 || c.From != got[len(got)-2] {
				t.Errorf("change of A on the overall score: %+v (%v), want +100 from wave %s", c, ok, got[len(got)-2])
			}
		})
	}
}
