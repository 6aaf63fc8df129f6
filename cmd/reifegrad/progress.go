package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/reifegrad/reifegrad/scoring"
)

// progressText holds the words of the progress line in one language: it
// follows report.language (--lang), as the reports and the summary do.
type progressText struct {
	reading, analysing, validating, moving, browser string
	scoringF                                        string // %s responses (Language.Count)
	variantsF                                       string // %s variants
	writing                                         string // before what is written
	profilesF                                       string // %s done, %s in all
}

var progressTexts = map[scoring.Language]progressText{
	scoring.English: {
		reading: "reading the inputs", analysing: "analysing the model", validating: "validating the model",
		moving: "moving the outputs into place", browser: "starting Chromium for the PDFs",
		scoringF: "scoring %s responses", variantsF: "scoring %s variants",
		writing: "writing ", profilesF: "profiles %s of %s",
	},
	scoring.German: {
		reading: "Eingaben werden gelesen", analysing: "Modell wird analysiert", validating: "Modell wird geprüft",
		moving: "Ausgaben werden an ihren Platz gelegt", browser: "Chromium wird für die PDFs gestartet",
		scoringF: "%s Antworten werden bewertet", variantsF: "%s Varianten werden bewertet",
		writing: "Schreiben: ", profilesF: "Profile %s von %s",
	},
}

// progress is the one line of stderr that shows what a run is writing
// while the workbooks and the profiles are written at the same time: the
// workbook's sheet and how many profiles are done ("writing
// reifegrad.xlsx: Indikatoren 42 % · profiles 120 of 418"). Its methods
// may be called from any goroutine; on a nil progress (no terminal, or
// --quiet) they do nothing.
type progress struct {
	show  func(string) // app.stage
	words progressText
	lang  scoring.Language // for counts
	every time.Duration
	now   func() time.Time

	mu          sync.Mutex
	also        string // what the run does beside the writing ("analysing the model"), or ""
	what        string // the workbook being written, "" when done
	done, total int    // profiles
	last        string
	at          time.Time
}

// newProgress is the progress line of a run writing total profiles; nil
// when progress is not shown.
func (a *app) newProgress(total int) *progress {
	if !a.showProgress() {
		return nil
	}
	return &progress{show: a.stage, words: a.say(), lang: a.lang, every: 100 * time.Millisecond, now: time.Now, total: total}
}

// writing says which workbook (and sheet) is being written; "" when the
// workbooks are done.
func (p *progress) writing(what string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.what = what
	p.print(true)
}

// alongside says what the run does beside the writing; "" when it is
// done.
func (p *progress) alongside(what string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.also = what
	p.print(true)
}

// profile counts the profiles written (html.Options.Progress), throttled:
// nationally there are ten thousand.
func (p *progress) profile(done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = max(p.done, done), total
	p.print(p.done == total)
}

// print shows the line if it changed and, unless now, if the last one is
// older than p.every. It runs under p.mu.
func (p *progress) print(now bool) {
	line := fmt.Sprintf(p.words.profilesF, p.lang.Count(p.done), p.lang.Count(p.total))
	if p.what != "" {
		line = p.what + " · " + line
	}
	line = p.words.writing + line
	if p.also != "" {
		line = p.also + " · " + line
	}
	t := p.now()
	if line == p.last || (!now && t.Sub(p.at) < p.every) {
		return
	}
	p.last, p.at = line, t
	p.show(line)
}

// clear removes the line.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.show("")
}
