package geo

import (
	"encoding/json"
	"fmt"
	"io"
)

// ReadGeoJSON reads the Polygon and MultiPolygon features of a GeoJSON
// FeatureCollection, taking the feature's ID and name from the named
// properties. Other geometry types are an error.
func ReadGeoJSON(r io.Reader, idProperty, nameProperty string) ([]Feature, error) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Properties map[string]any `json:"properties"`
			Geometry   struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.NewDecoder(r).Decode(&fc); err != nil {
		return nil, fmt.Errorf("geojson: %w", err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("geojson: type %q, want FeatureCollection", fc.Type)
	}
	out := make([]Feature, len(fc.Features))
	for i, f := range fc.Features {
		id, ok := f.Properties[idProperty].(string)
		if !ok || id == "" {
			return nil, fmt.Errorf("geojson: feature %d: no text property %q", i, idProperty)
		}
		name, _ := f.Properties[nameProperty].(string)
		out[i] = Feature{ID: id, Name: name}
		var err error
		switch f.Geometry.Type {
		case "Polygon":
			var p Polygon
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			out[i].Polygons = []Polygon{p}
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &out[i].Polygons)
		default:
			err = fmt.Errorf("unsupported geometry %q", f.Geometry.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("geojson: feature %s: %w", id, err)
		}
	}
	return out, nil
}

// GeoJSON is a FeatureCollection of a layer's areas, as ECharts'
// registerMap takes it: each feature's properties.name is the area's ID,
// which the chart's data items name to colour it.
type GeoJSON struct {
	Type     string           `json:"type"`
	Features []GeoJSONFeature `json:"features"`
}

// GeoJSONFeature is one area of a GeoJSON map.
type GeoJSONFeature struct {
	Type       string            `json:"type"`
	Properties map[string]string `json:"properties"`
	Geometry   GeoJSONGeometry   `json:"geometry"`
}

// GeoJSONGeometry is a MultiPolygon.
type GeoJSONGeometry struct {
	Type        string    `json:"type"`
	Coordinates []Polygon `json:"coordinates"`
}

// GeoJSON returns the areas of a layer as a FeatureCollection, in the
// layer's order.
func (t *Topology) GeoJSON(layer string) GeoJSON {
	g := GeoJSON{Type: "FeatureCollection", Features: []GeoJSONFeature{}}
	for _, a := range t.Layers[layer] {
		g.Features = append(g.Features, GeoJSONFeature{Type: "Feature", Properties: map[string]string{"name": a.ID},
			Geometry: GeoJSONGeometry{Type: "MultiPolygon", Coordinates: t.Shape(a)}})
	}
	return g
}
