// Package pdfcheck reads back a PDF the way a reader sees its pages, for
// the tests of the printed reports: the text lines of each page with their
// place (pdftotext -bbox-layout) and where ink is on it (pdftoppm), both
// from Debian's poppler-utils, and the document's title, tags and language
// (pdfinfo and the file itself). Only tests import it.
package pdfcheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/reifegrad/reifegrad/internal/browsertest"
)

// Available reports whether the poppler tools are installed.
func Available() bool {
	for _, tool := range []string{"pdftotext", "pdfinfo", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			return false
		}
	}
	return true
}

// Document is a PDF as read back.
type Document struct {
	Title  string
	Tagged bool
	Lang   string // the catalogue's /Lang, "" if none
	Pages  []Page
}

// Page is one page: its size in points, its lines of text from top to
// bottom, and the share of its height, from the top, down to which it
// carries ink (text, rules, charts), leaving out its bottom margin.
type Page struct {
	Width, Height float64
	Lines         []Line
	Words         []Word
	// InkTop and InkBottom are the first and last rows with ink above
	// the bottom margin, as shares of the page's height (0 at the top).
	InkTop, InkBottom float64
}

// Line is one line of text and its vertical extent in points from the
// top of the page.
type Line struct {
	Text       string
	YMin, YMax float64
}

// Word is one word of text and its box in points from the top left of
// the page.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// Covers reports whether w and v cover each other by more than d points
// both across and down: two words drawn into each other, which a reader
// cannot read.
func (w Word) Covers(v Word, d float64) bool {
	return min(w.XMax, v.XMax)-max(w.XMin, v.XMin) > d && min(w.YMax, v.YMax)-max(w.YMin, v.YMin) > d
}

// Read reads the PDF in file. bottomMargin (points) is the height of the
// page's bottom margin, where the running footer is: it does not count as
// content for InkBottom.
func Read(tb testing.TB, file string, bottomMargin float64) Document {
	tb.Helper()
	var d Document
	info := run(tb, "pdfinfo", file)
	for _, l := range strings.Split(info, "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		switch k {
		case "Title":
			d.Title = strings.TrimSpace(v)
		case "Tagged":
			d.Tagged = strings.TrimSpace(v) == "yes"
		}
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	if m := regexp.MustCompile(`/Lang \(([^)]*)\)`).FindSubmatch(raw); m != nil {
		d.Lang = string(m[1])
	}
	d.Pages = textPages(tb, run(tb, "pdftotext", "-bbox-layout", file, "-"))
	dir := tb.TempDir()
	run(tb, "pdftoppm", "-r", "36", "-gray", "-png", file, filepath.Join(dir, "p"))
	shots, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	sort.Slice(shots, func(i, j int) bool { return pageNumber(shots[i]) < pageNumber(shots[j]) })
	if len(shots) != len(d.Pages) {
		tb.Fatalf("%s: %d pages of text, %d pages rendered", file, len(d.Pages), len(shots))
	}
	for i, s := range shots {
		p := &d.Pages[i]
		p.InkTop, p.InkBottom = ink(tb, s, bottomMargin/p.Height)
	}
	return d
}

func pageNumber(file string) int {
	base := strings.TrimSuffix(filepath.Base(file), ".png")
	n, _ := strconv.Atoi(base[strings.LastIndex(base, "-")+1:])
	return n
}

func run(tb testing.TB, name string, args ...string) string {
	tb.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// textPages reads the XHTML of pdftotext -bbox-layout: page elements with
// their size, line elements with their box, word elements with text.
func textPages(tb testing.TB, x string) []Page {
	tb.Helper()
	dec := xml.NewDecoder(strings.NewReader(x))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	var pages []Page
	var line *Line
	var words []string
	attr := func(se xml.StartElement, name string) float64 {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				f, err := strconv.ParseFloat(a.Value, 64)
				if err != nil {
					tb.Fatalf("pdftotext: %s=%q", name, a.Value)
				}
				return f
			}
		}
		return 0
	}
	inWord := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				pages = append(pages, Page{Width: attr(t, "width"), Height: attr(t, "height")})
			case "line":
				line = &Line{YMin: attr(t, "yMin"), YMax: attr(t, "yMax")}
				words = nil
			case "word":
				inWord = true
				words = append(words, "")
				p := &pages[len(pages)-1]
				p.Words = append(p.Words, Word{XMin: attr(t, "xMin"), YMin: attr(t, "yMin"), XMax: attr(t, "xMax"), YMax: attr(t, "yMax")})
			}
		case xml.CharData:
			if inWord {
				words[len(words)-1] += string(t)
				p := &pages[len(pages)-1]
				p.Words[len(p.Words)-1].Text += string(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "word":
				inWord = false
			case "line":
				line.Text = strings.Join(words, " ")
				p := &pages[len(pages)-1]
				p.Lines = append(p.Lines, *line)
			}
		}
	}
	for i := range pages {
		sort.SliceStable(pages[i].Lines, func(a, b int) bool { return pages[i].Lines[a].YMin < pages[i].Lines[b].YMin })
	}
	return pages
}

// ink returns the first and last row with ink (a pixel darker than light
// grey) above the bottom margin, as shares of the page height.
func ink(tb testing.TB, file string, margin float64) (top, bottom float64) {
	tb.Helper()
	f, err := os.Open(file)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		tb.Fatal(err)
	}
	b := img.Bounds()
	h := b.Dy()
	limit := b.Min.Y + int(float64(h)*(1-margin))
	first, last := -1, -1
	for y := b.Min.Y; y < limit; y++ {
		if rowHasInk(img, b, y) {
			if first < 0 {
				first = y
			}
			last = y
		}
	}
	if first < 0 {
		return 0, 0
	}
	return float64(first-b.Min.Y) / float64(h), float64(last-b.Min.Y+1) / float64(h)
}

func rowHasInk(img image.Image, b image.Rectangle, y int) bool {
	for x := b.Min.X; x < b.Max.X; x++ {
		r, g, bl, _ := img.At(x, y).RGBA()
		if (r+g+bl)/3 < 0xd800 {
			return true
		}
	}
	return false
}

// String describes a page briefly, for test messages.
func (p Page) String() string {
	last := ""
	if n := len(p.Lines); n > 0 {
		last = p.Lines[n-1].Text
	}
	return fmt.Sprintf("%d lines, ink %.0f–%.0f %%, last line %q", len(p.Lines), 100*p.InkTop, 100*p.InkBottom, last)
}

// Browser returns the Chromium to print with, as the browser tests find
// it: REIFEGRAD_BROWSER, else one in PATH, else the test skips — unless
// REIFEGRAD_BROWSER is set (as in CI), when poppler-utils must be there
// too, to read the PDFs back.
func Browser(t *testing.T) string {
	t.Helper()
	env := os.Getenv("REIFEGRAD_BROWSER")
	if !Available() {
		if env != "" {
			t.Fatal("REIFEGRAD_BROWSER is set but poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed")
		}
		t.Skip("poppler-utils not installed")
	}
	return browsertest.Chromium(t)
}
