// Package pdf prints report pages to PDF through a headless Chromium (or
// Google Chrome) that is installed on the machine. It prints what a
// reader's browser would print: the page's print stylesheet decides the
// layout, and the page tells when it has finished drawing.
//
// It drives the browser with chromedp over the DevTools protocol. chromedp
// was chosen over go-rod because the project already uses it for its
// browser tests (one dependency, one way of talking to Chromium), and
// because it only ever starts a browser it is given or finds, while
// go-rod's launcher downloads a browser from the internet when it finds
// none — which a report generator run inside an authority's network must
// never do.
//
// A Printer is safe for concurrent use: each Print runs in a tab of its
// own (tabs are kept and reused).
package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ReadyScript is the JavaScript expression that tells Print a page has
// finished drawing: the page's script sets window.reifegradReady once every
// chart is rendered (animations done). A page whose script never ran (its
// assets folder is missing) is ready once loaded: the script would have
// run before the load finished, and set window.reifegradCharts. A page
// whose script ran but never says it is ready fails with an error when
// the timeout has passed.
const ReadyScript = `window.reifegradReady === true ||
	(document.readyState === "complete" && typeof window.reifegradCharts === "undefined" && typeof window.echarts === "undefined")`

// ErrNoBrowser is returned by FindBrowser and Start when no Chromium or
// Chrome is installed where they look.
var ErrNoBrowser = errors.New("no Chromium or Google Chrome found")

// browserNames are the executables FindBrowser looks for in PATH, in order.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge"}

// browserPaths are where the browsers install themselves outside PATH.
var browserPaths = map[string][]string{
	"darwin": {
		"/Applications/Chromium.app/Contents/MacOS/Chromium",
		"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
	},
	"windows": {
		`C:\Program Files\Google\Chrome\Application\chrome.exe`,
		`C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`,
		`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`,
	},
}

// FindBrowser returns the path of an installed Chromium or Chrome: the
// first of chromium, chromium-browser, google-chrome, google-chrome-stable,
// chrome and msedge found in PATH, else the usual install locations on
// macOS and Windows. It returns an error wrapping ErrNoBrowser that names
// where it looked.
func FindBrowser() (string, error) {
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	for _, p := range browserPaths[runtime.GOOS] {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w (looked for %s in PATH)", ErrNoBrowser, strings.Join(browserNames, ", "))
}

// Options configure a Printer. The zero value finds the browser itself
// and allows each page 60 seconds.
type Options struct {
	// Browser is the path of the Chromium or Chrome executable; empty
	// means FindBrowser.
	Browser string
	// Timeout bounds loading, drawing and printing one page; zero means
	// 60 seconds.
	Timeout time.Duration
}

// Printer is a running headless browser that prints pages.
type Printer struct {
	browser string
	timeout time.Duration
	ctx     context.Context // the browser's; tabs are opened in it
	cancel  func()
	dir     string    // the browser's profile, removed by Close
	tabs    chan *tab // idle tabs, for the next Print
}

// Start starts the browser. Close it when done. It fails with an error
// wrapping ErrNoBrowser when there is none, and with the browser's own
// error when it does not start.
func Start(ctx context.Context, o Options) (*Printer, error) {
	exe := o.Browser
	if exe == "" {
		var err error
		if exe, err = FindBrowser(); err != nil {
			return nil, err
		}
	} else if _, err := exec.LookPath(exe); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNoBrowser, exe, err)
	}
	dir, err := os.MkdirTemp("", "reifegrad-pdf-")
	if err != nil {
		return nil, err
	}
	// Flags of a browser that only renders local files: no sandbox (it
	// must run as root in containers; it opens nothing but our pages), no
	// GPU, and none of the background traffic (updates, sync, metrics)
	// that a closed network refuses.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(dir),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	p := &Printer{browser: exe, timeout: o.Timeout, ctx: bctx, dir: dir, tabs: make(chan *tab, 64), cancel: func() {
		cancelBrowser()
		cancelAlloc()
	}}
	if p.timeout <= 0 {
		p.timeout = 60 * time.Second
	}
	if err := chromedp.Run(bctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("cannot start %s: %w", exe, err)
	}
	return p, nil
}

// Browser returns the path of the browser the Printer runs.
func (p *Printer) Browser() string { return p.browser }

// Close stops the browser and removes its profile.
func (p *Printer) Close() error {
	p.cancel()
	RemoveSingleton(p.dir)
	// The browser may hold its profile a moment after it was told to
	// stop; retry rather than leave it behind.
	var err error
	for range 20 {
		if err = os.RemoveAll(p.dir); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}

// RemoveSingleton removes the directory a Chromium stopped with the
// given profile left in the temporary directory: Chromium keeps its
// singleton socket in a directory of its own there
// (org.chromium.Chromium.*), linked from the profile, and leaves it
// behind — every --pdf run left one in the user's /tmp, every browser
// test one in the machine's. Call it before removing the profile.
func RemoveSingleton(profile string) {
	target, err := os.Readlink(filepath.Join(profile, "SingletonSocket"))
	if err != nil {
		return
	}
	if own := filepath.Dir(target); strings.HasPrefix(filepath.Base(own), "org.chromium.Chromium.") {
		os.RemoveAll(own)
	}
}

// A4 in inches, as the DevTools protocol wants it. The page's @page rule
// may set its own size and margins; Print prefers them.
const a4Width, a4Height = 8.27, 11.69

// Print opens the HTML file (a path on this machine) in a new tab with the
// print media type, waits until the page is ready (ReadyScript), and writes
// it to w as a tagged PDF with a document outline from its headings. The
// PDF's title is the page's <title>, its language the page's lang.
func (p *Printer) Print(ctx context.Context, file string, w io.Writer) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if runtime.GOOS == "windows" {
		u.Path = "/" + u.Path
	}
	t, err := p.tab()
	if err != nil {
		return err
	}
	// The job's context derives from the tab's, which lives as long as the
	// browser: stop when the caller cancels, too.
	job, cancelJob := context.WithTimeout(t.ctx, p.timeout)
	defer cancelJob()
	stop := context.AfterFunc(ctx, cancelJob)
	defer stop()
	var buf []byte
	err = chromedp.Run(job,
		chromedp.Navigate(u.String()),
		waitReady(),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			buf, _, err = page.PrintToPDF().
				WithPaperWidth(a4Width).WithPaperHeight(a4Height).
				WithPreferCSSPageSize(true).
				WithPrintBackground(true).
				WithGenerateTaggedPDF(true).
				WithGenerateDocumentOutline(true).
				Do(ctx)
			return err
		}))
	if err != nil {
		t.close() // in whatever state the page is: a new tab for the next
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("%s: not ready to print after %s (charts still drawing, or the page's scripts failed)", file, p.timeout)
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	select {
	case p.tabs <- t:
	default: // enough idle tabs
		t.close()
	}
	_, err = w.Write(buf)
	return err
}

// tab is a browser tab that prints one page after another: opening a new
// tab for every page costs as much again as printing a small one.
type tab struct {
	ctx   context.Context
	close func()
}

// tab takes an idle tab, or opens one in print media.
func (p *Printer) tab() (*tab, error) {
	select {
	case t := <-p.tabs:
		return t, nil
	default:
	}
	ctx, cancel := chromedp.NewContext(p.ctx)
	if err := chromedp.Run(ctx, emulation.SetEmulatedMedia().WithMedia("print")); err != nil {
		cancel()
		return nil, fmt.Errorf("cannot open a tab: %w", err)
	}
	return &tab{ctx: ctx, close: cancel}, nil
}

// waitReady polls the page until ReadyScript holds.
func waitReady() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		for {
			var ready bool
			if err := chromedp.Evaluate(ReadyScript, &ready).Do(ctx); err != nil {
				return err
			}
			if ready {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
}

// Job is one page to print: the HTML file to open and the name of the
// output its PDF is written to.
type Job struct {
	Page string // path of the HTML file
	Name string // output name, passed to Create
}

// Create opens a named output for writing; PrintAll calls it for every
// job. Close must make the file visible.
type Create func(name string) (io.WriteCloser, error)

// PrintAll prints jobs in up to workers tabs at once (zero means one per
// CPU). Errors are collected per job and returned together; a job that
// fails leaves no output (its writer is aborted if it has an Abort method,
// else closed). progress, if set, is called after each job with the
// number done and the total; it may be called from several goroutines.
func (p *Printer) PrintAll(ctx context.Context, jobs []Job, create Create, workers int, progress func(done, total int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, len(jobs))
	var mu sync.Mutex
	next, done := 0, 0
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(jobs) || ctx.Err() != nil {
					return
				}
				errs[i] = p.printTo(ctx, jobs[i], create)
				mu.Lock()
				done++
				n := done
				mu.Unlock()
				if progress != nil {
					progress(n, len(jobs))
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

func (p *Printer) printTo(ctx context.Context, j Job, create Create) error {
	w, err := create(j.Name)
	if err != nil {
		return err
	}
	if err := p.Print(ctx, j.Page, w); err != nil {
		if a, ok := w.(interface{ Abort() }); ok {
			a.Abort()
		} else {
			w.Close()
		}
		return err
	}
	return w.Close()
}
