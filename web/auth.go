package web

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/reifegrad/reifegrad/fieldwork"
	"github.com/reifegrad/reifegrad/scoring"
)

// home sends a signed-in browser to its start page, anybody else to the
// municipalities' sign-in.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	to := "/signin"
	if sess, ok := s.session(r); ok {
		to = "/questionnaire"
		if sess.Role == fieldwork.RoleAdmin {
			to = "/admin"
		}
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// signInData fills the sign-in pages.
type signInData struct {
	page
	FormCSRF string
	Message  string
	ForAdmin bool
}

// formToken returns the double-submit token of the sign-in forms,
// setting the cookie if the browser has none.
func (s *Server) formToken(w http.ResponseWriter, r *http.Request) (string, error) {
	if c, err := r.Cookie(s.csrfCookieName()); err == nil && len(c.Value) == 43 {
		return c.Value, nil
	}
	tok, err := fieldwork.NewToken(s.o.Rand)
	if err != nil {
		return "", err
	}
	s.setCookie(w, s.csrfCookieName(), tok, 0)
	return tok, nil
}

func (s *Server) signInPage(w http.ResponseWriter, r *http.Request) {
	s.renderSignIn(w, r, false, "", http.StatusOK)
}

func (s *Server) adminSignInPage(w http.ResponseWriter, r *http.Request) {
	s.renderSignIn(w, r, true, "", http.StatusOK)
}

func (s *Server) renderSignIn(w http.ResponseWriter, r *http.Request, admin bool, msg string, status int) {
	tok, err := s.formToken(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := s.t.SignInTitle
	if admin {
		title = s.t.AdminSignInTitle
	}
	s.render(w, r, status, "signin.html", signInData{page: page{Title: title}, FormCSRF: tok, Message: msg, ForAdmin: admin})
}

// checkFormToken checks the double-submit token of a sign-in form.
func (s *Server) checkFormToken(r *http.Request) bool {
	c, err := r.Cookie(s.csrfCookieName())
	return err == nil && sameToken(r.PostFormValue("csrf"), c.Value)
}

// tooMany answers a sign-in that must wait: 429 with Retry-After.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, admin bool, d time.Duration) {
	secs := int(math.Ceil(d.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	s.renderSignIn(w, r, admin, s.t.TooManyF(secs), http.StatusTooManyRequests)
}

// signIn signs a municipality in with its code. A wrong, unknown or
// revoked code and one that is not even a code get the same answer.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	if !s.checkFormToken(r) {
		s.fail(w, r, errBadCSRF)
		return
	}
	addr := "addr " + s.clientAddr(r)
	if d := s.signins.wait(addr); d > 0 {
		s.tooMany(w, r, false, d)
		return
	}
	code, ok := fieldwork.ParseCode(r.PostFormValue("code"))
	sel := "code " + code.Selector()
	if ok {
		if d := s.signins.wait(sel); d > 0 {
			s.tooMany(w, r, false, d)
			return
		}
	}
	var unit scoring.UnitID
	err := fieldwork.ErrSignIn
	if ok {
		unit, err = s.o.Store.SignIn(r.Context(), code)
	}
	if errors.Is(err, fieldwork.ErrSignIn) {
		s.signins.fail(addr)
		if ok {
			s.signins.fail(sel)
		}
		s.log(r, fieldwork.Event{Actor: fieldwork.Actor{Addr: s.clientAddr(r)}, Action: fieldwork.ActionSignInFailed,
			Detail: "unit code"})
		s.renderSignIn(w, r, false, s.t.SignInFailed, http.StatusUnauthorized)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.signins.succeed(sel)
	s.startSession(w, r, fieldwork.Session{Role: fieldwork.RoleUnit, Unit: unit}, "/questionnaire")
}

// adminSignIn signs the association in with its password.
func (s *Server) adminSignIn(w http.ResponseWriter, r *http.Request) {
	if !s.checkFormToken(r) {
		s.fail(w, r, errBadCSRF)
		return
	}
	addr := "addr " + s.clientAddr(r)
	// One key for the password itself, so that guesses from many
	// addresses are slowed down too.
	const pw = "admin password"
	for _, k := range []string{addr, pw} {
		if d := s.signins.wait(k); d > 0 {
			s.tooMany(w, r, true, d)
			return
		}
	}
	hash, err := s.o.Store.PasswordHash(r.Context())
	if errors.Is(err, fieldwork.ErrNotFound) {
		// No password yet: run 'serve init'. Hash anyway, so that the
		// answer takes as long as a wrong password's.
		hash = dummyPasswordHash
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	ok, err := fieldwork.CheckPassword(r.PostFormValue("password"), hash)
	if err != nil || !ok {
		s.signins.fail(addr)
		s.signins.fail(pw)
		s.log(r, fieldwork.Event{Actor: fieldwork.Actor{Addr: s.clientAddr(r)}, Action: fieldwork.ActionSignInFailed, Detail: "admin"})
		s.renderSignIn(w, r, true, s.t.SignInFailed, http.StatusUnauthorized)
		return
	}
	s.signins.succeed(pw)
	s.startSession(w, r, fieldwork.Session{Role: fieldwork.RoleAdmin}, "/admin")
}

// dummyPasswordHash is checked when no password is set: random bytes in
// the form of a hash with the default cost, which no password matches.
const dummyPasswordHash = "$argon2id$v=19$m=19456,t=2,p=1$bm8gcGFzc3dvcmQgc2V0$2mbbD4KaZg0mWCoXkHzn0ZsEvDhGTadwZ1mgyWoS8Zk"

// startSession creates a session with fresh tokens (a new session on
// every sign-in: no fixation), sets its cookie and redirects.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, sess fieldwork.Session, to string) {
	tok, err := fieldwork.NewToken(s.o.Rand)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if sess.CSRF, err = fieldwork.NewToken(s.o.Rand); err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.o.Now()
	sess.ID, sess.Created, sess.Expires = fieldwork.TokenID(tok), now, now.Add(s.o.SessionTTL)
	by := fieldwork.Actor{Role: sess.Role, Unit: sess.Unit, Addr: s.clientAddr(r)}
	if err := s.o.Store.CreateSession(r.Context(), sess, by); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setCookie(w, s.cookieName(), tok, int(s.o.SessionTTL.Seconds()))
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// signOut ends the session. It needs the session's CSRF token, so that
// no other site can sign a user out.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.session(r)
	if ok {
		if !sameToken(csrfOf(r), sess.CSRF) {
			s.fail(w, r, errBadCSRF)
			return
		}
		if err := s.o.Store.DeleteSession(r.Context(), sess.ID); err != nil {
			s.fail(w, r, err)
			return
		}
		s.log(r, fieldwork.Event{Actor: fieldwork.Actor{Role: sess.Role, Unit: sess.Unit, Addr: s.clientAddr(r)},
			Action: fieldwork.ActionSignOut, Unit: sess.Unit})
	}
	s.setCookie(w, s.cookieName(), "", -1)
	to := "/signin"
	if ok && sess.Role == fieldwork.RoleAdmin {
		to = "/admin/signin"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// log writes an audit event; a failure to do so is an internal error
// reported to OnError, but does not undo what was done.
func (s *Server) log(r *http.Request, e fieldwork.Event) {
	if err := s.o.Store.Log(r.Context(), e); err != nil && s.o.OnError != nil {
		s.o.OnError(r, err)
	}
}
