package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// dashboardData fills admin.html.
type dashboardData struct {
	page
	Waves   []waveRow
	Message string
}

type waveRow struct {
	fieldwork.Wave
	StateName string
	Open      bool
	Progress  fieldwork.Progress
}

// dashboard lists the waves with their response and what can be done.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	s.showDashboard(w, r, http.StatusOK, "")
}

func (s *Server) showDashboard(w http.ResponseWriter, r *http.Request, status int, msg string) {
	d := dashboardData{page: s.pageFor(r, s.t.AdminTitle), Message: msg}
	waves, err := s.o.Store.Waves(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.o.Store.Units(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, wv := range waves {
		sheets, err := s.o.Store.Sheets(r.Context(), wv.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		form, err := s.formOf(wv.ID)
		if err != nil {
			// A wave created before the model stopped declaring it: say
			// so rather than count its answers against another wave's
			// questions.
			d.Message = fmt.Sprintf("%s %s: %s", s.t.Wave, wv.ID, s.t.NoQuestionnaire)
			d.Waves = append(d.Waves, waveRow{Wave: wv, StateName: s.t.WaveState(wv.State), Open: wv.State == fieldwork.WaveOpen})
			continue
		}
		all, _ := fieldwork.ProgressOf(form.model, fieldwork.InWave(s.o.Model, wv.ID, units, sheets), sheets)
		d.Waves = append(d.Waves, waveRow{Wave: wv, StateName: s.t.WaveState(wv.State),
			Open: wv.State == fieldwork.WaveOpen, Progress: all})
	}
	s.render(w, r, status, "admin.html", d)
}

// createWave adds a planned wave.
func (s *Server) createWave(w http.ResponseWriter, r *http.Request) {
	wv := scoring.Wave{ID: scoring.WaveID(strings.TrimSpace(r.PostFormValue("id"))), Label: strings.TrimSpace(r.PostFormValue("label"))}
	if _, err := s.formOf(wv.ID); err != nil {
		s.adminFailed(w, r, err)
		return
	}
	if err := s.o.Store.CreateWave(r.Context(), wv, s.actor(r)); err != nil {
		s.adminFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

func (s *Server) openWave(w http.ResponseWriter, r *http.Request) {
	s.setWave(w, r, fieldwork.WaveOpen)
}
func (s *Server) closeWave(w http.ResponseWriter, r *http.Request) {
	s.setWave(w, r, fieldwork.WaveClosed)
}

func (s *Server) setWave(w http.ResponseWriter, r *http.Request, st fieldwork.WaveState) {
	if err := s.o.Store.SetWaveState(r.Context(), scoring.WaveID(r.PathValue("wave")), st, s.actor(r)); err != nil {
		s.adminFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// adminFailed shows the dashboard with what went wrong, for errors the
// association can act on (a wave ID taken or malformed, another wave open).
func (s *Server) adminFailed(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, ErrNoQuestionnaire):
		s.showDashboard(w, r, http.StatusConflict, s.t.NoQuestionnaire)
	case errors.Is(err, fieldwork.ErrExists), errors.Is(err, fieldwork.ErrOtherWaveOpen), errors.Is(err, fieldwork.ErrBadWaveID):
		s.showDashboard(w, r, http.StatusConflict, err.Error())
	default:
		s.fail(w, r, err)
	}
}

// waveData fills wave.html.
type waveData struct {
	page
	Wave      fieldwork.Wave
	StateName string
	// Closed: the wave is closed. A wave opened again after closing keeps
	// its last closing time, which the page showed beside "offen" as if
	// it had closed after it opened.
	Closed    bool
	All       fieldwork.Progress
	Groups    []fieldwork.GroupProgress
	Reminders []fieldwork.Reminder
}

// waveOf finds the wave of the URL, or ErrNotFound.
func (s *Server) waveOf(r *http.Request) (fieldwork.Wave, error) {
	id := scoring.WaveID(r.PathValue("wave"))
	waves, err := s.o.Store.Waves(r.Context())
	if err != nil {
		return fieldwork.Wave{}, err
	}
	for _, wv := range waves {
		if wv.ID == id {
			return wv, nil
		}
	}
	return fieldwork.Wave{}, fmt.Errorf("wave %q: %w", id, fieldwork.ErrNotFound)
}

// progress returns the wave, the units it asks and its sheets' states.
func (s *Server) progress(r *http.Request) (fieldwork.Wave, []scoring.Unit, []fieldwork.Sheet, error) {
	wv, err := s.waveOf(r)
	if err != nil {
		return wv, nil, nil, err
	}
	units, err := s.o.Store.Units(r.Context())
	if err != nil {
		return wv, nil, nil, err
	}
	sheets, err := s.o.Store.Sheets(r.Context(), wv.ID)
	return wv, fieldwork.InWave(s.o.Model, wv.ID, units, sheets), sheets, err
}

// wave shows a wave's response by district and size class and the
// reminders list.
func (s *Server) wave(w http.ResponseWriter, r *http.Request) {
	wv, units, sheets, err := s.progress(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, err := s.formOf(wv.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := waveData{page: s.pageFor(r, s.t.Wave+" "+wv.Label), Wave: wv, StateName: s.t.WaveState(wv.State), Closed: wv.State == fieldwork.WaveClosed}
	d.All, d.Groups = fieldwork.ProgressOf(form.model, units, sheets)
	d.Reminders = fieldwork.Reminders(units, sheets)
	s.render(w, r, http.StatusOK, "wave.html", d)
}

// remindersHeader heads the reminders list: "ags" and the page's words,
// byte for byte as before, for municipalities keyed by an AGS; for other
// units the id and district columns as the reports and 'serve codes' head
// them (scoring.Results.UnitIDLabel, DistrictLabel): the list of an
// association of organisations was headed "ags". The model's labels are
// text of the config: inert, as every cell.
func remindersHeader(m *scoring.Model, units []scoring.Unit, t *catalog, inert func(string) string) []string {
	r := scoring.UnitsOf(m, units)
	return []string{inert(strings.ToLower(r.UnitIDLabel("ags", t.ID))), strings.ToLower(t.Name),
		inert(strings.ToLower(r.DistrictLabel(t.District))), strings.ToLower(t.Status), strings.ToLower(t.LastSaved)}
}

// remindersCSV writes the reminders list for a mail merge: German Excel's
// CSV, every text neutralised so that no cell runs as a formula.
func (s *Server) remindersCSV(w http.ResponseWriter, r *http.Request) {
	wv, units, sheets, err := s.progress(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.Comma, cw.UseCRLF = ';', true
	t := s.t
	all, err := s.o.Store.Units(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cw.Write(remindersHeader(s.o.Model, all, t, s.o.Inert))
	for _, rm := range fieldwork.Reminders(units, sheets) {
		status, last := t.NotStartedStat, ""
		if rm.Started {
			status, last = t.StartedStatus, rm.Updated.Local().Format(time.DateTime)
		}
		cw.Write([]string{s.o.Inert(string(rm.Unit.ID)), s.o.Inert(rm.Unit.Name), s.o.Inert(rm.Unit.District), status, last})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.fail(w, r, err)
		return
	}
	s.download(w, "erinnerung_"+string(wv.ID)+".csv", b.Bytes())
}

// export writes the wave's submitted answers in the shape run imports.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	wv, err := s.waveOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.o.Store.Units(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	subs, err := s.o.Store.Submissions(r.Context(), wv.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, err := s.formOf(wv.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := fieldwork.WriteCSV(&b, form.model, units, subs, s.o.Columns); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log(r, fieldwork.Event{Actor: s.actor(r), Action: fieldwork.ActionExport, Wave: wv.ID,
		Detail: strconv.Itoa(len(subs)) + " sheets"})
	s.download(w, "antworten_"+string(wv.ID)+".csv", b.Bytes())
}

// download sends a CSV file as an attachment. The name is built from a
// wave ID, which CreateWave allows only letters, digits, '-', '_' and '.'.
func (s *Server) download(w http.ResponseWriter, name string, data []byte) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(data)
}

// auditData fills audit.html.
type auditData struct {
	page
	Events []auditRow
	Older  template.URL // the next page, empty on the last
}

type auditRow struct {
	At, Who, What, Wave, Unit, Question, Value string
}

// audit shows the audit log, newest first, a page at a time.
func (s *Server) audit(w http.ResponseWriter, r *http.Request) {
	f := fieldwork.EventFilter{Unit: scoring.UnitID(r.URL.Query().Get("unit")), Limit: 200}
	if b := r.URL.Query().Get("before"); b != "" {
		t, err := time.Parse(time.RFC3339Nano, b)
		if err != nil {
			s.fail(w, r, fmt.Errorf("before %q: %w", b, fieldwork.ErrNotFound))
			return
		}
		f.Before.At = t
		if seq := r.URL.Query().Get("seq"); seq != "" {
			// The page before ended at this event ("answer" or "event"
			// and its sequence number): the next one goes on after it.
			kind, n, _ := strings.Cut(seq, "-")
			if f.Before.Seq, err = strconv.ParseInt(n, 10, 64); err != nil || kind != "answer" && kind != "event" {
				s.fail(w, r, fmt.Errorf("seq %q: %w", seq, fieldwork.ErrNotFound))
				return
			}
			f.Before.Answer = kind == "answer"
		}
	}
	evs, err := s.o.Store.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := auditData{page: s.pageFor(r, s.t.Audit)}
	for _, e := range evs {
		who := s.t.CommandLine
		switch e.Actor.Role {
		case fieldwork.RoleAdmin:
			who = s.t.Admin
		case fieldwork.RoleUnit:
			who = string(e.Actor.Unit)
		}
		if e.Actor.Addr != "" {
			who += " (" + e.Actor.Addr + ")"
		}
		val := e.Detail
		if e.Action == fieldwork.ActionAnswer {
			val = e.New
		}
		d.Events = append(d.Events, auditRow{At: e.At.Local().Format("2006-01-02 15:04:05.000"), Who: who, What: string(e.Action),
			Wave: string(e.Wave), Unit: string(e.Unit), Question: string(e.Question), Value: val})
	}
	if len(evs) == f.Limit {
		last := evs[len(evs)-1].Key
		kind := "event"
		if last.Answer {
			kind = "answer"
		}
		q := url.Values{"before": {last.At.UTC().Format(time.RFC3339Nano)}, "seq": {kind + "-" + strconv.FormatInt(last.Seq, 10)}}
		if f.Unit != "" {
			q.Set("unit", string(f.Unit))
		}
		d.Older = template.URL("/admin/audit?" + q.Encode())
	}
	s.render(w, r, http.StatusOK, "audit.html", d)
}
