package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/internal/visible"
)

// page is what the layout of every page needs; each page's data embeds
// it.
type page struct {
	Title string
	// Role and CSRF are set for a signed-in browser: the layout shows
	// the sign-out form, which needs the token.
	Role  fieldwork.Role
	CSRF  string
	Admin bool // the page belongs to the association's part
}

func (s *Server) pageFor(r *http.Request, title string) page {
	sess := sessionOf(r)
	return page{Title: title, Role: sess.Role, CSRF: sess.CSRF, Admin: sess.Role == fieldwork.RoleAdmin}
}

// render executes a page template into memory first, so that a failing
// template sends an error page, not half a page. A control character (a
// wave's label, an audit entry) is written as the text \u001b, as in the
// report pages (visible.Controls).
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, data); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(visible.Controls(b.Bytes()))
}

// messageData fills the page for errors and notices.
type messageData struct {
	page
	Message  string
	Link     string
	LinkText string
}

// fail answers a request that went wrong: the status its error means and
// a message that names no internal detail, as HTML or, for the
// questionnaire's script, as JSON.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, s.t.ServerError
	var conflict *fieldwork.ConflictError
	switch {
	case errors.As(err, &conflict):
		status, msg = http.StatusConflict, s.t.ConflictMessage
	case errors.Is(err, fieldwork.ErrInvalidAnswer):
		status, msg = http.StatusUnprocessableEntity, s.t.InvalidMessage
	case errors.Is(err, fieldwork.ErrWaveNotOpen):
		status, msg = http.StatusConflict, s.t.WaveNotOpen
	case errors.Is(err, ErrNoQuestionnaire):
		status, msg = http.StatusConflict, s.t.NoQuestionnaire
	case errors.Is(err, fieldwork.ErrNotFound):
		status, msg = http.StatusNotFound, s.t.NotFound
	case errors.Is(err, errForbidden):
		status, msg = http.StatusForbidden, s.t.Forbidden
	case errors.Is(err, errBadCSRF):
		status, msg = http.StatusForbidden, s.t.BadCSRF
	case errors.Is(err, errUnauthorized):
		status, msg = http.StatusUnauthorized, s.t.SessionEnded
	case isTooLarge(err):
		status, msg = http.StatusRequestEntityTooLarge, s.t.BadCSRF
	}
	if status == http.StatusInternalServerError && s.o.OnError != nil {
		s.o.OnError(r, err)
	}
	w.Header().Set("Cache-Control", "no-store")
	if wantsJSON(r) {
		body := map[string]any{"error": msg}
		if conflict != nil {
			body["conflict"] = true
			body["version"] = conflict.Current
		}
		var q invalidQuestion
		if errors.As(err, &q) {
			body["question"] = string(q.id)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(body)
		return
	}
	d := messageData{page: s.pageFor(r, s.t.Error+" "+strconv.Itoa(status)), Message: msg, Link: "/", LinkText: s.t.Back}
	var b bytes.Buffer
	if terr := s.pages.ExecuteTemplate(&b, "message.html", d); terr != nil {
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(visible.Controls(b.Bytes()))
}

func isTooLarge(err error) bool {
	var e *http.MaxBytesError
	return errors.As(err, &e)
}

// asset serves the report assets (ECharts, the report style and script)
// and the server's own script and style, cached for an hour: they change
// only with the program.
func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	var b bytes.Buffer
	switch name {
	case "serve.js", "serve.css":
		data, err := staticFS.ReadFile("static/" + name)
		if err != nil {
			s.fail(w, r, fieldwork.ErrNotFound)
			return
		}
		b.Write(data)
	default:
		known := false
		for _, n := range s.o.Pages.AssetNames() {
			known = known || n == name
		}
		if !known {
			s.fail(w, r, fieldwork.ErrNotFound)
			return
		}
		if err := s.o.Pages.Asset(&b, name); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	switch {
	case strings.HasSuffix(name, ".js"):
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case strings.HasSuffix(name, ".css"):
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(b.Bytes())
}
