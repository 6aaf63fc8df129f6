package web

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/reifegrad/reifegrad/analyse"
	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// profileOf returns the unit's result in the latest wave it submitted, as
// run picks it for profiles/<id>.html, or nil.
func (s *Server) profileOf(res *scoring.Results, id scoring.UnitID) *scoring.UnitResult {
	if res == nil {
		return nil
	}
	for _, u := range s.o.Pages.Units(res) {
		if u.Unit.ID == id {
			return u
		}
	}
	return nil
}

// rejectOf returns why the importer rejected the unit's submission, if it
// did, in the server's language.
func rejectOf(res *scoring.Results, id scoring.UnitID, lang scoring.Language) string {
	if res == nil {
		return ""
	}
	for _, rj := range res.Rejects {
		if rj.Unit == id {
			return scoring.NewDescriber(lang).Reject(rj)
		}
	}
	return ""
}

// profile shows the signed-in unit its own profile: the page run writes,
// from the submissions scored as run scores their export. Group figures
// follow run's rules (report.min_group_size, secondary suppression), and
// the others' submissions are those of the last refresh (peerView).
// Their analysis runs in the background: until it is done the robustness
// line says so, and asked for with ?wait the page waits for it.
func (s *Server) profile(w http.ResponseWriter, r *http.Request) {
	id := sessionOf(r).Unit
	res, cmp, run, later, err := s.unitResults(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep, pending, err := run.result(r.Context(), r.URL.Query().Has("wait"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderProfile(w, r, res, cmp, rep, later, pending, id)
}

func (s *Server) renderProfile(w http.ResponseWriter, r *http.Request, res, cmp *scoring.Results, rep *analyse.Report, later, pending bool, id scoring.UnitID) {
	u := s.profileOf(res, id)
	if u == nil {
		msg := s.t.NoProfileYet
		if why := rejectOf(res, id, s.o.Language); why != "" {
			msg = fmt.Sprintf(s.t.NoProfileF, why)
		}
		link, text := "/questionnaire", s.t.Back
		if sessionOf(r).Role == fieldwork.RoleAdmin {
			link = "/admin"
		}
		s.render(w, r, http.StatusNotFound, "message.html", messageData{page: s.pageFor(r, s.t.ProfileLink),
			Message: msg, Link: link, LinkText: text})
		return
	}
	var b bytes.Buffer
	if err := s.o.Pages.Profile(&b, res, u, cmp, rep, later, pending, "/assets"); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// adminProfile shows the association any unit's profile, by the file
// name the overview links (profiles/<file>), from every submission, with
// their analysis (waited for: a profile has only a line of it).
func (s *Server) adminProfile(w http.ResponseWriter, r *http.Request) {
	res, err := s.results(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	file := r.PathValue("file")
	if res != nil {
		for _, u := range s.o.Pages.Units(res) {
			if s.o.Pages.File(u.Unit.ID) == file {
				// Pending still when a submission came meanwhile: its
				// analysis is superseded, and the page says so rather
				// than leave the robustness out unsaid.
				rep, pending, err := s.analysisOf(r.Context(), res, true)
				if err != nil {
					s.fail(w, r, err)
					return
				}
				s.renderProfile(w, r, res, nil, rep, false, pending, u.Unit.ID)
				return
			}
		}
	}
	s.fail(w, r, fieldwork.ErrNotFound)
}

// overview shows the association the overview as run writes it. Its
// analysis runs in the background: until it is done the page says so in
// its place, and asked for with ?wait it waits for it.
func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	res, err := s.results(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if res == nil || len(res.Units) == 0 {
		s.render(w, r, http.StatusOK, "message.html", messageData{page: s.pageFor(r, s.t.Overview),
			Message: s.t.NoResults, Link: "/admin", LinkText: s.t.Back})
		return
	}
	rep, pending, err := s.analysisOf(r.Context(), res, r.URL.Query().Has("wait"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := s.o.Pages.Overview(&b, res, rep, pending); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}
