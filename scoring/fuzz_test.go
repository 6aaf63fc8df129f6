package scoring_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/reifegrad/reifegrad/scoring"
)

// FuzzParseModel loads arbitrary bytes as a config. ParseModel must not
// panic or hang (aliases are bounded by MaxAliasNodes); every problem it
// reports is a *ModelError naming the file; a model it accepts is a tree
// that Score can run on without panicking or leaving 0–100.
func FuzzParseModel(f *testing.F) {
	f.Add([]byte(base))
	f.Add([]byte(aliasBomb()))
	f.Add([]byte(scalesModel))
	for _, glob := range []string{"testdata/*.yaml", "../config.yaml", "../example/*/config.yaml"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := scoring.ParseModel("f.yaml", src)
		if err != nil {
			for _, e := range leaves(err) {
				var me *scoring.ModelError
				if !errors.As(e, &me) || me.File != "f.yaml" || me.Line < 0 {
					t.Fatalf("error %q (%T) does not name its place in f.yaml", e, e)
				}
			}
			return
		}
		if len(m.Nodes) == 0 || m.Nodes[0].Parent != -1 {
			t.Fatalf("model without a root: %d nodes", len(m.Nodes))
		}
		for i, n := range m.Nodes {
			if i > 0 && (n.Parent < 0 || n.Parent >= i) {
				t.Fatalf("node %s: parent %d does not come before it", n.ID, n.Parent)
			}
		}
		for _, q := range m.Questions {
			if q.Scale == nil {
				t.Fatalf("question %s without a scale", q.ID)
			}
		}
		ds := &scoring.Dataset{Waves: []scoring.Wave{{ID: "1", Label: "1"}}}
		for i, a := range []string{"", "1", "ja"} {
			ans := make([]string, len(m.Questions))
			for q := range ans {
				ans[q] = a
			}
			ds.Responses = append(ds.Responses, scoring.Response{Wave: "1", Unit: scoring.Unit{ID: scoring.UnitID(rune('a' + i))}, Answers: scoring.AnswersOf(ans...), Row: i + 2})
		}
		r := scoring.Score(m, ds)
		for _, u := range r.Units {
			for i, s := range u.Nodes.All() {
				if s.Scored() && (math.IsNaN(s.Score) || s.Score < 0 || s.Score > 100+1e-9) {
					t.Fatalf("unit %s, node %s: score %v", u.Unit.ID, m.Nodes[i].ID, s.Score)
				}
			}
		}
	})
}

// leaves returns the errors joined in err, or err itself.
func leaves(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}
