package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"strings"

	"github.com/reifegrad/reifegrad/fieldwork"
)

// contentSecurityPolicy allows scripts, styles and connections only from
// this server. Inline style attributes are allowed because the report
// pages colour swatches and level badges with them; inline scripts are
// not: the pages carry chart data in a JSON block, which is not run.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// maxBody bounds a request body: the largest form, a whole questionnaire,
// is far below.
const maxBody = 1 << 20

// secure wraps every route: security headers, no-store unless the route
// serves a static asset, a bounded body, and for every request that is
// not GET or HEAD a check that it comes from this origin.
func (s *Server) secure(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, errForbidden)
	}))
	inner := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		// Pages show answers and scores: nothing may keep a copy. The
		// asset handler replaces this for the static files.
		h.Set("Cache-Control", "no-store")
		if s.o.Secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		inner.ServeHTTP(w, r)
	})
}

// Errors the handlers return; fail maps them to status codes.
var (
	errForbidden    = errors.New("forbidden")
	errUnauthorized = errors.New("not signed in")
	errBadCSRF      = errors.New("missing or wrong CSRF token")
)

type ctxKey struct{}

// sessionOf returns the request's session, set by unit or admin.
func sessionOf(r *http.Request) fieldwork.Session {
	s, _ := r.Context().Value(ctxKey{}).(fieldwork.Session)
	return s
}

// cookieName is the session cookie. Under TLS the __Host- prefix makes
// browsers refuse it unless it is Secure, for this host only, for path /.
func (s *Server) cookieName() string {
	if s.o.Secure {
		return "__Host-reifegrad"
	}
	return "reifegrad"
}

// csrfCookieName holds the token of the sign-in forms (double submit):
// before sign-in there is no session to keep it in.
func (s *Server) csrfCookieName() string {
	if s.o.Secure {
		return "__Host-reifegrad-csrf"
	}
	return "reifegrad-csrf"
}

// session looks up the session of the request's cookie, or returns
// false.
func (s *Server) session(r *http.Request) (fieldwork.Session, bool) {
	c, err := r.Cookie(s.cookieName())
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return fieldwork.Session{}, false
	}
	sess, err := s.o.Store.Session(r.Context(), fieldwork.TokenID(c.Value), s.o.Now())
	if err != nil {
		return fieldwork.Session{}, false
	}
	return sess, true
}

// unit admits a signed-in municipality; admin the association. Anybody
// else gets the sign-in page (GET) or 401, a session of the other role
// 403. Requests that change something must carry the session's CSRF
// token.
func (s *Server) unit(h http.HandlerFunc) http.Handler  { return s.role(fieldwork.RoleUnit, h) }
func (s *Server) admin(h http.HandlerFunc) http.Handler { return s.role(fieldwork.RoleAdmin, h) }

func (s *Server) role(want fieldwork.Role, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.session(r)
		switch {
		case !ok && r.Method == http.MethodGet && !wantsJSON(r):
			to := "/signin"
			if want == fieldwork.RoleAdmin {
				to = "/admin/signin"
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		case !ok:
			s.fail(w, r, errUnauthorized)
			return
		case sess.Role != want:
			s.fail(w, r, errForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !sameToken(csrfOf(r), sess.CSRF) {
			s.fail(w, r, errBadCSRF)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, sess)))
	})
}

// csrfOf returns the CSRF token a request carries: the header
// X-CSRF-Token (scripts) or the form field csrf.
func csrfOf(r *http.Request) string {
	if t := r.Header.Get("X-CSRF-Token"); t != "" {
		return t
	}
	return r.PostFormValue("csrf")
}

func sameToken(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// wantsJSON tells the questionnaire's script from a plain form post.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// clientAddr is the address sign-in attempts are counted against: the
// peer, or behind a trusted proxy the address it appended last to
// X-Forwarded-For.
func (s *Server) clientAddr(r *http.Request) string {
	if s.o.TrustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if ip := net.ParseIP(strings.TrimSpace(last)); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// actor is who a request acts as, for the audit log.
func (s *Server) actor(r *http.Request) fieldwork.Actor {
	sess := sessionOf(r)
	return fieldwork.Actor{Role: sess.Role, Unit: sess.Unit, Addr: s.clientAddr(r)}
}

func (s *Server) setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.o.Secure, SameSite: http.SameSiteStrictMode})
}
