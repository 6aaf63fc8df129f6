package geo

import (
	"embed"
	"fmt"
	"strings"
)

//go:generate go run ./derive -src ../../shared/data/geo -out maps

//go:embed maps/*.topo.json
var mapFiles embed.FS

// Layer names of the bundled topologies.
const (
	Municipalities = "gemeinden" // areas keyed by the 8-digit AGS
	Districts      = "kreise"    // keyed by the 5-digit district code
	States         = "laender"   // keyed by the 2-digit state code
)

// Maps lists the bundled topologies by the name of the municipality
// register they belong to: "sachsen" has the layers Municipalities and
// Districts of Saxony, "deutschland" the layers Districts and States of
// Germany.
func Maps() []string { return []string{"sachsen", "deutschland"} }

// Load reads a bundled topology by name (see Maps). Each call returns a
// new Topology; callers that draw many maps should keep it.
func Load(name string) (*Topology, error) {
	f, err := mapFiles.Open("maps/" + name + ".topo.json")
	if err != nil {
		return nil, fmt.Errorf("no bundled map %q (bundled: %s)", name, strings.Join(Maps(), ", "))
	}
	defer f.Close()
	t, err := ReadTopoJSON(f)
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", name, err)
	}
	return t, nil
}
