//go:build linux

package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// maxRSS is the memory every input within the limits must be read in, or
// refused in: the bound of 1 GiB.
const maxRSS = 1 << 30

// resourceCase is one input the probe found to exhaust time or memory
// below the documented limits.
type resourceCase struct {
	name  string
	input func(t *testing.T, dir string) string // the -i argument
	cfg   func(t *testing.T, dir string) string // the config; nil: the hostile corpus's
	cmd   string                                // "check" unless set
	want  string                                // on stderr; "" for success
}

// TestResourceLimits runs each resource case of the probe as its own
// process (the test binary as reifegrad), with a generous timeout against
// hangs, and requires it to end — read or refused with the limit named —
// within maxRSS of peak memory (the kernel's maximum resident set size of
// the process). Times are logged, not asserted (speed lives in benchmarks).
// Streams are written through a named pipe where the input is large, so
// that the test writes no gigabyte to disk; the reader that stops early
// closes the pipe.
func TestResourceLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes that read up to 1 GiB")
	}
	tests := []resourceCase{
		{name: "a 128 MB CSV whose first line holds 64 million delimiters", input: stream("delims.csv",
			strings.NewReader("id;name"), repeatedBytes(";", 64<<20), strings.NewReader("\n"), repeatedBytes("x", 64<<20)),
			want: "delims.csv:1: over the limit: the row has more than 16384 fields (as in Excel)"},
		{name: "a 1 GiB CSV of one line", input: stream("oneline.csv", repeatedBytes("a", 1<<30)),
			want: "oneline.csv:1: over the limit: the row is longer than 16777216 bytes"},
		{name: "1,048,575 rows", input: stream("rows.csv", strings.NewReader(hostileHeader), &rowMaker{n: 1048575}),
			want: "rows.csv:262146: over the limit: more than 262144 rows below the header"},
		{name: "262,144 rows, the limit", input: stream("rows262144.csv", strings.NewReader(hostileHeader), &rowMaker{n: 262144})},
		{name: "a 1 MB workbook with 100 parts of 10 MiB no sheet uses", input: unusedPartsWorkbook},
		{name: "a workbook of 8 million shared strings", input: sharedStringsWorkbook(8_000_000),
			want: "not a readable xlsx workbook: over the limit: its shared strings take 190889005 bytes unzipped, at most 67108864 are allowed"},
		{name: "a workbook of 1,048,576 shared strings, the limit", input: sharedStringsWorkbook(1 << 20)},
		{name: "a small config whose aliases repeat a long label", input: func(t *testing.T, dir string) string { return hostileDir + "payloads.csv" },
			cfg: labelBombConfig, cmd: "run", want: "alias *long: the document is too large: its text with every alias expanded is more than 4194304 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := hostileDir + "config.yaml"
			if tt.cfg != nil {
				cfg = tt.cfg(t, dir)
			}
			in := tt.input(t, dir)
			c := tt.cmd
			if c == "" {
				c = "check"
			}
			args := []string{c, "-c", cfg, "-i", in, "-q"}
			if c == "run" {
				args = append(args, "-o", filepath.Join(dir, "out"))
			}
			cmd := command(t, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			ownPeak(t)
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(5 * time.Minute):
				cmd.Process.Kill()
				<-done
				t.Fatalf("no end after 5 minutes: %s", stderr.String())
			}
			took := time.Since(start)
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			rss := ru.Maxrss << 10 // KiB on Linux
			cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			t.Logf("%v wall, %v CPU, %d MiB peak, exit %d", took.Round(time.Millisecond), cpu.Round(time.Millisecond), rss>>20, cmd.ProcessState.ExitCode())
			if rss > maxRSS {
				t.Errorf("peak memory %d MiB, more than %d MiB", rss>>20, maxRSS>>20)
			}
			code := cmd.ProcessState.ExitCode()
			switch {
			case tt.want == "" && code != 0:
				t.Errorf("exit %d: %s", code, stderr.String())
			case tt.want != "" && (code != exitBadInput || !strings.Contains(stderr.String(), tt.want)):
				t.Errorf("exit %d, stderr %q; want exit 1 saying %q", code, stderr.String(), tt.want)
			}
		})
	}
}

// stream makes the input a named pipe fed with the readers, so that a
// large input costs no disk and no memory in the test.
func stream(name string, parts ...io.Reader) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		p := filepath.Join(dir, name)
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skip("no named pipes:", err)
		}
		go func() {
			f, err := os.OpenFile(p, os.O_WRONLY, 0)
			if err != nil {
				return
			}
			defer f.Close()
			io.Copy(f, io.MultiReader(parts...)) // stops when the reader closes the pipe
		}()
		return p
	}
}

// repeatedBytes yields s n times.
func repeatedBytes(s string, n int) io.Reader {
	block := bytes.Repeat([]byte(s), max(1, (64<<10)/len(s)))
	readers := make([]io.Reader, 0, n*len(s)/len(block)+1)
	left := n * len(s)
	for left > 0 {
		k := min(left, len(block))
		readers = append(readers, bytes.NewReader(block[:k]))
		left -= k
	}
	return io.MultiReader(readers...)
}

// rowMaker yields n rows of the hostile corpus's shape, each its own unit.
type rowMaker struct {
	n, i int
	buf  []byte
}

func (r *rowMaker) Read(p []byte) (int, error) {
	for len(r.buf) < len(p) && r.i < r.n {
		r.buf = fmt.Appendf(r.buf, "u%d;Name %d;Kreis %d;ja;nein;ja\n", r.i, r.i, r.i%40)
		r.i++
	}
	if len(r.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// workbookParts writes a workbook of the hostile corpus's shape whose
// sheet holds a header and the rows, with extra parts.
func workbookParts(t *testing.T, w io.Writer, rows string, sst func(io.Writer), extra func(*zip.Writer)) {
	t.Helper()
	zw := zip.NewWriter(w)
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != nil {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	head := `<row r="1">`
	for i, h := range strings.Split(strings.TrimSpace(hostileHeader), ";") {
		head += fmt.Sprintf(`<c r="%c1" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, h)
	}
	head += `</row>`
	for _, part := range [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`},
		{"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + head + rows + `</sheetData></worksheet>`},
	} {
		pw, err := zw.Create(part[0])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(pw, part[1])
	}
	if sst != nil {
		pw, err := zw.Create("xl/sharedStrings.xml")
		if err != nil {
			t.Fatal(err)
		}
		sst(pw)
	}
	if extra != nil {
		extra(zw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// answers are the answer cells of row 2 of the workbooks below.
const answers = `<c r="C2" t="inlineStr"><is><t>Kreis A</t></is></c><c r="D2" t="inlineStr"><is><t>ja</t></is></c><c r="E2" t="inlineStr"><is><t>nein</t></is></c><c r="F2" t="inlineStr"><is><t>ja</t></is></c>`

// unusedPartsWorkbook is the probe's 1 MB workbook with 100 parts of
// 10 MiB of zeros that nothing refers to.
func unusedPartsWorkbook(t *testing.T, dir string) string {
	var buf bytes.Buffer
	row := `<row r="2"><c r="A2" t="inlineStr"><is><t>u1</t></is></c><c r="B2" t="inlineStr"><is><t>Aue</t></is></c>` + answers + `</row>`
	workbookParts(t, &buf, row, nil, func(zw *zip.Writer) {
		zeros := make([]byte, 10<<20)
		var z bytes.Buffer
		fw, _ := flate.NewWriter(&z, flate.BestCompression)
		fw.Write(zeros)
		fw.Close()
		for i := range 100 {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("xl/media/unused%d.bin", i), Method: zip.Deflate,
				CRC32: crc32.ChecksumIEEE(zeros), CompressedSize64: uint64(z.Len()), UncompressedSize64: uint64(len(zeros))})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(z.Bytes())
		}
	})
	if buf.Len() > 2<<20 {
		t.Fatalf("the workbook has %d bytes, not about 1 MB", buf.Len())
	}
	return writeInput(t, dir, "unused_parts.xlsx", buf.Bytes())
}

// sharedStringsWorkbook has a shared strings table of n strings; a row
// names its unit with the last of them.
func sharedStringsWorkbook(n int) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		p := filepath.Join(dir, fmt.Sprintf("sst%d.xlsx", n))
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		row := fmt.Sprintf(`<row r="2"><c r="A2" t="inlineStr"><is><t>u1</t></is></c><c r="B2" t="s"><v>%d</v></c>%s</row>`, n-1, answers)
		workbookParts(t, f, row, func(w io.Writer) {
			bw := &bytes.Buffer{}
			fmt.Fprintf(bw, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n)
			for i := range n {
				fmt.Fprintf(bw, "<si><t>s%d</t></si>", i)
				if bw.Len() > 1<<20 {
					w.Write(bw.Bytes())
					bw.Reset()
				}
			}
			bw.WriteString("</sst>")
			w.Write(bw.Bytes())
		}, nil)
		return p
	}
}

// labelBombConfig is the hostile corpus's config with a label of 30,000
// characters (a workbook cell holds 32,767) behind an anchor, repeated by
// 200 aliases as indicator names: 38 KB of config that would write 6 MB
// of labels per unit into scores.csv.
func labelBombConfig(t *testing.T, dir string) string {
	src, err := os.ReadFile(hostileDir + "config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "  name: '<script>alert(101)</script> Modell'\n",
		"  name: &long '"+strings.Repeat("L", 30_000)+"'\n", 1)
	var more strings.Builder
	for i := range 200 {
		fmt.Fprintf(&more, "        - {id: bomb%d, name: *long, question: Q1}\n", i)
	}
	s = strings.Replace(s, "        - {id: i1, name: '@SUM(1+1)', question: Q1}\n", "        - {id: i1, name: '@SUM(1+1)', question: Q1}\n"+more.String(), 1)
	if !strings.Contains(s, "*long") || !strings.Contains(s, "&long") {
		t.Fatal("the hostile config changed: the bomb was not placed")
	}
	p := filepath.Join(dir, "label_bomb.yaml")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// ownPeak makes the peak memory a child reports its own. os/exec starts a
// child in this process's memory (vfork) until it execs, and Linux keeps
// this process's peak as the child's ru_maxrss: after a test earlier in
// the binary held 1.7 GiB, every child "peaked" at 1.7 GiB. Returning the
// free heap to the system and resetting this process's high-water mark to
// its current size (clear_refs 5, Linux ≥ 4.0) leaves the child only what
// this process holds now, far below the limit.
func ownPeak(t *testing.T) {
	t.Helper()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Logf("the peak memory may include this test process's: %v", err)
	}
}
