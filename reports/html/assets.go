package html

import (
	"embed"
	"html/template"
	"io"
	"io/fs"
)

// The chart library is Apache ECharts 5.6.0 (dist/echarts.min.js of the npm
// package "echarts"), shipped with its licence and notice so that reports
// work inside closed networks. reifegrad.js and reifegrad.css are ours.
//
//go:embed assets/echarts.min.js assets/ECHARTS-LICENSE assets/ECHARTS-NOTICE assets/reifegrad.js assets/reifegrad.css
var assetFS embed.FS

// AssetsDir is the folder, next to overview.html, that holds the assets.
const AssetsDir = "assets"

// AssetNames lists the files RenderAll writes into AssetsDir.
func AssetNames() []string {
	return []string{"echarts.min.js", "ECHARTS-LICENSE", "ECHARTS-NOTICE", "reifegrad.js", "reifegrad.css"}
}

// WriteAsset copies one bundled asset to w.
func WriteAsset(w io.Writer, name string) error {
	b, err := fs.ReadFile(assetFS, "assets/"+name)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func mustAsset(name string) []byte {
	b, err := fs.ReadFile(assetFS, "assets/"+name)
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	return b
}

// inlineAssets are the asset contents for single-file HTML.
type inlineAssets struct {
	Echarts, Init template.JS
	CSS           template.CSS
}

func loadInline() *inlineAssets {
	return &inlineAssets{
		Echarts: template.JS(mustAsset("echarts.min.js")),
		Init:    template.JS(mustAsset("reifegrad.js")),
		CSS:     template.CSS(mustAsset("reifegrad.css")),
	}
}
