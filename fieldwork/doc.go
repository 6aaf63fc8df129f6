/*
Package fieldwork holds the vocabulary of running a survey wave online
(Feldphase): waves that are open or closed, one access code per unit, the
questionnaire each unit fills in (its Sheet: a draft saved on every change,
and the version it submitted), sessions, and the audit trail. It sits beside
package scoring and imports nothing else of reifegrad: the store (package
sqlite) implements Store, the web server (package web) uses it, and
cmd/reifegrad wires the two. Neither adapter imports the other.

# Answers

A Sheet holds one raw answer per question, exactly as a survey export would
hold it in its cell, so that its export (WriteCSV) is read by the importer
that run uses and scored by the same engine. Clean turns what a form sent
into that cell and refuses anything the question's scale would not read as
an answer, "weiß nicht", "nicht zutreffend" or blank: an answer stored here
never becomes a data-quality note in the report.

Answers are never deleted: each save appends the changed answers with the
sheet's new version, so every earlier state of a sheet, and the one it
submitted, can be rebuilt, and the history is the audit trail of who
changed which answer when.

# Access codes and passwords

A Code is 20 symbols of Crockford's base 32 (100 random bits) written in
five groups of four. Its first group, the selector, finds the stored code;
the other 80 bits are the secret, compared in constant time with the stored
SHA-256 hash. The plain code exists only when it is issued. The
association's password is hashed with argon2id (HashPassword).

# Glossary

	Feldphase                  fieldwork (this package)
	Zugangscode                access Code
	Fragebogen einer Kommune   Sheet
	Entwurf                    draft (a Sheet's answers since it was submitted)
	Einreichen, eingereicht    Submit, Submitted
	Erinnerungsliste           reminders (units of a wave that have not submitted)
	Rücklauf                   Progress
	Verbandsverwaltung         the association (RoleAdmin)
	Prüfprotokoll              audit log (Event)
*/
package fieldwork
