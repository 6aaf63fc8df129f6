package reports

import (
	"encoding/json"
	"html/template"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// option is what go-echarts' chart types have in common: they validate
// their series and return the ECharts option as a map.
type option interface {
	Validate()
	JSON() map[string]any
}

// chart is one chart of a page. ID is the value of the data-chart
// attribute; it is derived from the page and the chart's role, never
// random, so pages are reproducible.
type chart struct {
	ID     string
	Title  string
	Tall   bool
	Option option
}

// chartData encodes the options of all charts of a page for the JSON block
// the page script reads.
//
// go-echarts renders options into <script> without escaping (measured with
// v2.6.7: a series name "</script><script>alert(1)</script>" runs). We
// therefore never use its templates. encoding/json escapes <, >, & and the
// JavaScript line separators U+2028/U+2029, so no user text can end the
// script element or be parsed as markup, whatever it contains. The options
// carry no JavaScript functions, so nothing in them is ever evaluated.
func chartData(cs []chart) (template.JS, error) {
	m := make(map[string]any, len(cs))
	for _, c := range cs {
		c.Option.Validate()
		m[c.ID] = c.Option.JSON()
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// Colours of the levels, from light to dark blue: ordinal, colour-blind
// safe, and printable in grey.
var levelColours = []string{"#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b", "#041f47"}

func levelColour(ordinal int) string {
	if ordinal < 1 {
		return "#bbbbbb"
	}
	return levelColours[min(ordinal-1, len(levelColours)-1)]
}

func baseOpts(id, title string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithTitleOpts(opts.Title{Title: title}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
	}
}

// barChart is a bar chart of one or more series over categories.
func barChart(id, title string, categories []string, series []barSeries, horizontal bool, maxValue float64) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(baseOpts(id, title)...)
	b.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Top: "bottom"}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "3%", Right: "4%", Bottom: "12%"}))
	valueAxis := opts.YAxis{Type: "value"}
	if maxValue > 0 {
		valueAxis.Max = maxValue
	}
	b.SetXAxis(categories)
	if horizontal {
		b.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "value", Max: valueAxis.Max}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category"}))
		b.XYReversal()
	} else {
		b.SetGlobalOptions(charts.WithYAxisOpts(valueAxis))
	}
	for _, s := range series {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			d := opts.BarData{Value: value(v)}
			if s.Colours != nil {
				d.ItemStyle = &opts.ItemStyle{Color: s.Colours[i]}
			}
			data[i] = d
		}
		b.AddSeries(s.Name, data)
	}
	return b
}

type barSeries struct {
	Name    string
	Values  []float64 // NaN: no bar (suppressed or missing)
	Colours []string  // per bar, optional
}

// value rounds a number for display and turns NaN into a gap, which JSON
// cannot carry as a number.
func value(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return math.Round(v*10) / 10
}

// radarChart compares series over the same axes (0–100).
func radarChart(id, title string, axes []string, series []barSeries) *charts.Radar {
	r := charts.NewRadar()
	r.SetGlobalOptions(baseOpts(id, title)...)
	ind := make([]*opts.Indicator, len(axes))
	for i, a := range axes {
		ind[i] = &opts.Indicator{Name: a, Max: 100}
	}
	r.SetGlobalOptions(
		charts.WithRadarComponentOpts(opts.RadarComponent{Indicator: ind, Shape: "polygon"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}),
	)
	for i, s := range series {
		vals := make([]any, len(s.Values))
		for j, v := range s.Values {
			vals[j] = value(v)
		}
		r.AddSeries(s.Name, []opts.RadarData{{Name: s.Name, Value: vals}},
			charts.WithItemStyleOpts(opts.ItemStyle{Color: seriesColour(i)}),
			charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(areaOpacity(i))}))
	}
	return r
}

func seriesColour(i int) string {
	return []string{"#1f5f99", "#e8a33d", "#7a8793", "#5ba37a"}[i%4]
}

func areaOpacity(i int) float32 {
	if i == 0 {
		return 0.25
	}
	return 0.05
}
