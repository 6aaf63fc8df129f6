/*
Package web is the web server of 'reifegrad serve': the survey online.
Municipalities sign in with their access code, answer the questionnaire
rendered from the model (saved on every change), submit it and see their
profile at once — the page 'reifegrad run' writes, from the same importer
and scoring engine. The association signs in with its password and opens
and closes waves, follows the response, lists who has not answered,
exports the responses for 'run' and reads the overview and the audit log.

Server holds the routes; handlers decode a request, call the store
(fieldwork.Store), scoring or the report pages (Pages, which
cmd/reifegrad fills with reports/html — web imports no other adapter), and
encode the answer. Errors become status codes in one place (Server.fail).
Every page goes through html/template.

# Security

Sessions live in the store, known to the browser only by a random token in
an HttpOnly, SameSite=Strict cookie (Secure, and named __Host-…, when
Options.Secure). Every request that changes something carries a CSRF token
(the session's, or before sign-in a double-submit cookie) and must come
from this origin (net/http's CrossOriginProtection). Sign-in is limited per
client address and per code (its selector): after a few failures each
further try must wait, doubling up to 15 minutes, and is refused with 429
until then. Every answer is refused unless its scale reads it; pages carry a
strict Content-Security-Policy (scripts only from this server: the ECharts
file of reports/html and serve.js), X-Frame-Options DENY and, where they
show answers or scores, Cache-Control no-store. A municipality's routes take
its unit from its session alone: no URL or form field names a unit, so no
municipality can reach another's answers or profile.

Server is safe for concurrent use.
*/
package web
