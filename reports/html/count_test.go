package html

import (
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/reports/internal/fixture"
	"github.com/reifegrad/reifegrad/scoring"
)

// TestGroupSizesGrouped: a chart's group label writes its number of units
// as the page's text does ("n = 1.257" in German, "n = 1,257" in
// English); the charts wrote "n = 1257" beside a table's "1.257". Saxony's
// responses three times over (ids made distinct) give 3 × 419 = 1,257
// units in the latest wave.
func TestGroupSizesGrouped(t *testing.T) {
	m, ds := fixture.Saxony(t)
	latest := ds.Waves[len(ds.Waves)-1].ID
	var rs []scoring.Response
	for k, suffix := range []string{"", "b", "c"} {
		for _, r := range ds.Responses {
			if r.Wave != latest {
				continue
			}
			if k > 0 {
				r.Unit.ID += scoring.UnitID(suffix)
			}
			rs = append(rs, r)
		}
	}
	ds.Responses = rs
	r := scoring.Score(m, ds)
	if n := len(r.WaveUnits(r.Latest())); n != 1257 {
		t.Fatalf("%d units in wave %s, want 1257", n, latest)
	}
	for _, tc := range []struct {
		lang      scoring.Language
		want, not string
	}{
		{scoring.German, "(n = 1.257)", "(n = 1257)"},
		{scoring.English, "(n = 1,257)", "(n = 1257)"},
	} {
		page := overviewHTML(t, r, Options{Language: tc.lang})
		if !strings.Contains(page, tc.want) || strings.Contains(page, tc.not) {
			t.Errorf("%v: overview holds %q: %v, %q: %v", tc.lang, tc.want, strings.Contains(page, tc.want), tc.not, strings.Contains(page, tc.not))
		}
	}
}
