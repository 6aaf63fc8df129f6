package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
	"github.com/reifegrad/reifegrad/sqlite"
)

var loadFull = flag.Bool("load.full", false, "TestServeLoad: every question at a person's pace (1–3 s per answer), for BENCHMARKS.md")

// serverProcess starts 'reifegrad serve' on db as a process of its own
// (the test binary as main) on a free loopback port and returns it with
// its address.
func serverProcess(t *testing.T, db string, extra ...string) (*exec.Cmd, string) {
	t.Helper()
	args := append([]string{"-c", repoConfig, "serve", "--db", db, "--addr", "127.0.0.1:0"}, extra...)
	if p := os.Getenv("REIFEGRAD_SERVE_PROFILE"); p != "" {
		args = append(args, "--cpuprofile", p)
	}
	cmd := command(t, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`(https?://127\.0\.0\.1:[0-9]+)`)
		sent := false
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil && !sent {
				addr <- m[1]
				sent = true
			} else if !sent || !strings.Contains(sc.Text(), "warning") {
				t.Logf("server: %s", sc.Text())
			}
		}
		if !sent {
			close(addr)
		}
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatal("the server ended before it listened")
		}
		return cmd, a
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start within 30 s")
	}
	return nil, ""
}

// ack is a save the server acknowledged.
type ack struct {
	unit     scoring.UnitID
	question scoring.QuestionID
	value    string
	version  int
}

// loadRun is what the clients of one run did.
type loadRun struct {
	mu      sync.Mutex
	acks    []ack
	latency []time.Duration
	sent    atomic.Int64 // saves sent
	failed  atomic.Int64 // saves without an answer (the server was killed)
	acked   atomic.Int64
}

// answerFor returns, for round k, an answer to q that differs from the
// one of round k-1, as the form would send it.
func answerFor(m *scoring.Model, q *scoring.Question, k int) (field, value string) {
	sc := q.Scale
	switch sc.Kind {
	case scoring.ScaleMap:
		return "a:", sc.Labels[k%len(sc.Labels)]
	case scoring.ScaleMulti:
		return "a:", sc.Items[k%len(sc.Items)].Code
	}
	for x := k + 1; x < k+100; x++ {
		if v := strconv.Itoa(x); sc.Parse(v).Status == scoring.Answered {
			return "a:", v
		}
	}
	return "m:", fieldwork.Offered(m, sc)[k%2].Code
}

// municipality signs in and saves one answer to each question, one after
// the other, waiting think() between them, until done or a save fails.
func (lr *loadRun) municipality(base string, tr http.RoundTripper, id scoring.UnitID, code string, m *scoring.Model,
	questions []*scoring.Question, round int, think func() time.Duration) error {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: tr, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page := func(method, path string, form url.Values) (int, string, error) {
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequest(method, base+path, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := c.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), err
	}
	_, body, err := page("GET", "/signin", nil)
	if err != nil {
		lr.failed.Add(1)
		return nil // the server is gone
	}
	tok := csrfField.FindStringSubmatch(body)
	if tok == nil {
		return fmt.Errorf("%s: no token on the sign-in page", id)
	}
	st, _, err := page("POST", "/signin", url.Values{"csrf": {tok[1]}, "code": {code}})
	if err != nil {
		lr.failed.Add(1)
		return nil
	}
	if st != http.StatusSeeOther {
		return fmt.Errorf("%s: sign-in: status %d", id, st)
	}
	_, body, err = page("GET", "/questionnaire", nil)
	if err != nil {
		lr.failed.Add(1)
		return nil
	}
	tok = csrfField.FindStringSubmatch(body)
	ver := regexp.MustCompile(`name="version" value="([0-9]+)"`).FindStringSubmatch(body)
	if tok == nil || ver == nil {
		return fmt.Errorf("%s: no questionnaire", id)
	}
	version, _ := strconv.Atoi(ver[1])
	for _, q := range questions {
		time.Sleep(think())
		field, value := answerFor(m, q, round)
		form := url.Values{"csrf": {tok[1]}, "wave": {"2028"}, "version": {strconv.Itoa(version)},
			"q": {string(q.ID)}, field + string(q.ID): {value}}
		req, _ := http.NewRequest("POST", base+"/questionnaire/save", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		lr.sent.Add(1)
		start := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			lr.failed.Add(1)
			return nil // the server is gone
		}
		var out struct{ Version int }
		err = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		took := time.Since(start)
		if err != nil {
			lr.failed.Add(1)
			return nil
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s %s: save: status %d", id, q.ID, resp.StatusCode)
		}
		version = out.Version
		lr.acked.Add(1)
		lr.mu.Lock()
		lr.acks = append(lr.acks, ack{id, q.ID, value, version})
		lr.latency = append(lr.latency, took)
		lr.mu.Unlock()
	}
	return nil
}

// run lets every unit answer at once and waits for all.
func (lr *loadRun) run(t *testing.T, base string, codes map[scoring.UnitID]string, m *scoring.Model,
	questions []*scoring.Question, round int, think func() time.Duration) {
	tr := &http.Transport{MaxIdleConns: 1000, MaxIdleConnsPerHost: 1000, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	var wg sync.WaitGroup
	errs := make(chan error, len(codes))
	for id, code := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := lr.municipality(base, tr, id, code, m, questions, round, think); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func (lr *loadRun) percentiles() string {
	lat := slices.Clone(lr.latency)
	if len(lat) == 0 {
		return "no saves"
	}
	slices.Sort(lat)
	p := func(q float64) time.Duration { return lat[min(len(lat)-1, int(q*float64(len(lat))))] }
	return fmt.Sprintf("%d saves: p50 %v, p95 %v, p99 %v, max %v",
		len(lat), p(0.50).Round(time.Millisecond/10), p(0.95).Round(time.Millisecond/10), p(0.99).Round(time.Millisecond/10), lat[len(lat)-1].Round(time.Millisecond))
}

// storedAnswers reads every answer row: per (unit, question, version) the
// values saved.
func storedAnswers(t *testing.T, path string) (int, map[ack]int) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs, err := db.Events(context.Background(), fieldwork.EventFilter{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[ack]int{}
	n := 0
	for _, e := range evs {
		if e.Action == fieldwork.ActionAnswer {
			rows[ack{e.Unit, e.Question, e.New, e.Version}]++
			n++
		}
	}
	return n, rows
}

// TestServeLoad: all 419 municipalities of Saxony answer at once through
// a server process on loopback. Every answer is saved exactly once: the
// rows in the database are the answers sent, each acknowledged save is
// there once. Then the server is killed with SIGKILL in the middle of a
// second round; after a restart every acknowledged save of that round is
// in the database, none twice. The latencies are logged (BENCHMARKS.md
// quotes the -load.full run); the test asserts no time.
func TestServeLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test (-short)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "reifegrad.db")
	MustRunIn(t, testPassword+"\n", "-c", repoConfig, "serve", "init", "--db", path, "-q")
	MustRunIn(t, "", "-c", repoConfig, "serve", "codes", "--db", path, "-o", filepath.Join(dir, "codes.csv"), "-q")
	codes := readCodes(t, filepath.Join(dir, "codes.csv"))
	func() {
		db, err := sqlite.Open(context.Background(), path, false)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.CreateWave(context.Background(), scoring.Wave{ID: "2028"}, fieldwork.Actor{}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetWaveState(context.Background(), "2028", fieldwork.WaveOpen, fieldwork.Actor{}); err != nil {
			t.Fatal(err)
		}
	}()
	s, err := loadSettings(repoConfig, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := s.Model
	questions := m.Questions
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(1, 2))
	think := func() time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return time.Duration(rng.Int64N(int64(200 * time.Millisecond)))
	}
	if *loadFull {
		think = func() time.Duration {
			mu.Lock()
			defer mu.Unlock()
			return time.Second + time.Duration(rng.Int64N(int64(2*time.Second)))
		}
	} else {
		questions = questions[:8]
	}

	proc, base := serverProcess(t, path)
	first := &loadRun{}
	start := time.Now()
	cpu0 := cpuTime(proc.Process.Pid)
	first.run(t, base, codes, m, questions, 0, think)
	took := time.Since(start)
	cpu := cpuTime(proc.Process.Pid) - cpu0
	want := int64(len(codes) * len(questions))
	if first.sent.Load() != want || first.acked.Load() != want || first.failed.Load() != 0 {
		t.Fatalf("round 1: %d sent, %d acknowledged, %d failed; want %d each and none failed",
			first.sent.Load(), first.acked.Load(), first.failed.Load(), want)
	}
	n, rows := storedAnswers(t, path)
	if int64(n) != want {
		t.Errorf("round 1: %d answers in the database, %d sent", n, want)
	}
	for _, a := range first.acks {
		if rows[a] != 1 {
			t.Errorf("round 1: %+v stored %d times", a, rows[a])
		}
	}
	t.Logf("round 1: %d municipalities × %d questions in %v (%.0f saves/s); %s; the server used %v of CPU (%.2f ms per save, sign-ins and pages included)",
		len(codes), len(questions), took.Round(time.Millisecond), float64(want)/took.Seconds(), first.percentiles(),
		cpu, cpu.Seconds()*1000/float64(want))
	if os.Getenv("REIFEGRAD_SERVE_PROFILE") != "" {
		proc.Process.Signal(os.Interrupt)
		proc.Wait()
		t.Skip("profiled round 1 only")
	}

	// Round 2: kill the server when about half the saves are acknowledged.
	second := &loadRun{}
	killed := make(chan struct{})
	go func() {
		defer close(killed)
		for second.acked.Load() < want/2 {
			time.Sleep(time.Millisecond)
		}
		proc.Process.Kill() // SIGKILL: no shutdown, no flush
	}()
	second.run(t, base, codes, m, questions, 1, func() time.Duration { return think() / 4 })
	<-killed
	proc.Wait()
	acked := len(second.acks)
	if acked == 0 || int64(acked) >= want {
		t.Fatalf("round 2: %d saves acknowledged of %d: the kill did not come in the middle", acked, want)
	}
	_, base2 := serverProcess(t, path)
	n2, rows2 := storedAnswers(t, path)
	lost := 0
	for _, a := range second.acks {
		switch c := rows2[a]; {
		case c == 0:
			lost++
		case c > 1:
			t.Errorf("round 2: %+v stored %d times", a, c)
		}
	}
	if lost > 0 {
		t.Errorf("round 2: %d of %d acknowledged saves lost by kill -9", lost, acked)
	}
	// Saves under way at the kill may have committed without an answer
	// reaching the client: at most one per municipality.
	extra := n2 - n - acked
	if extra < 0 || extra > len(codes) {
		t.Errorf("round 2: %d rows added, %d acknowledged: %d unexplained", n2-n, acked, extra)
	}
	for key, c := range rows2 {
		if c > 1 {
			t.Errorf("%+v stored %d times", key, c)
		}
	}
	// The restarted server shows a municipality its saved answers.
	c := &client{tb: t, base: base2, header: http.Header{}}
	jar, _ := cookiejar.New(nil)
	c.c = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	last := second.acks[len(second.acks)-1]
	c.signIn(codes[last.unit])
	if _, body := c.get("/questionnaire"); !strings.Contains(body, `value="`+last.value+`"`) {
		t.Errorf("after the restart, %s's questionnaire lacks its last acknowledged answer %s=%s", last.unit, last.question, last.value)
	}
	t.Logf("round 2: killed after %d of %d saves acknowledged; %d rows of saves under way kept; none lost. %s",
		acked, want, extra, second.percentiles())
}

// cpuTime returns the CPU time a process has used (user and system), from
// /proc; zero where there is none.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ
}
