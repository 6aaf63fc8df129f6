# Dieses Script liest eine CSV-Datendatei in GNU R ein.
# Beim Einlesen werden für alle Variablen Beschriftungen (comment) angelegt.
# Die Beschriftungen für Werte wird ebenfalls als Attribute (attr) abgelegt.

ds_file = file.choose()
# setwd("./")
# ds_file = "rdata_kommunen_2024-03-16_09-12.csv"

options(encoding = "UTF-8")
ds = read.delim(
  file=ds_file, encoding="UTF-8", fileEncoding="UTF-8",
  header = FALSE, sep = "\t", quote = "\"",
  dec = ".", row.names = NULL,
  col.names = c(
    "CASE","SERIAL","REF","QUESTNNR","MODE","STARTED","A101","A102","B101_01",
    "B102_01","B103","B103_01","B103_02","B103_03","B103_04","C101_01","C101_02",
    "TIME001","TIME002","TIME_SUM","MAILSENT","LASTDATA","FINISHED","Q_VIEWER",
    "LASTPAGE","MAXPAGE","MISSING"
  ),
  as.is = TRUE,
  colClasses = c(
    CASE="numeric", SERIAL="character", REF="character", QUESTNNR="character",
    MODE="factor", STARTED="POSIXct", A101="numeric", A102="numeric",
    B101_01="numeric", B102_01="numeric", B103="numeric", B103_01="logical",
    B103_02="logical", B103_03="logical", B103_04="logical", C101_01="numeric",
    C101_02="numeric", TIME001="integer", TIME002="integer", TIME_SUM="integer",
    MAILSENT="POSIXct", LASTDATA="POSIXct", FINISHED="logical",
    Q_VIEWER="logical", LASTPAGE="numeric", MAXPAGE="numeric",
    MISSING="numeric"
  ),
  skip = 1,
  check.names = TRUE, fill = TRUE,
  strip.white = FALSE, blank.lines.skip = TRUE,
  comment.char = "",
  na.strings = ""
)

row.names(ds) = ds$CASE

rm(ds_file)

attr(ds, "project") = "kommunen"
attr(ds, "description") = "Digitale Verwaltung 2024"
attr(ds, "date") = "2024-03-16 09:12:44"
attr(ds, "server") = "https://www.soscisurvey.de"

# Variable und Value Labels
ds$A101 = factor(ds$A101, levels=c("1","2","3","-1","-2","-9"), labels=c("ja","teilweise","nein","weiß nicht","nicht zutreffend","[NA] nicht beantwortet"), ordered=FALSE)
ds$A102 = factor(ds$A102, levels=c("1","2","3","-9"), labels=c("trifft zu","teils, teils","trifft nicht zu","[NA] nicht beantwortet"), ordered=FALSE)
ds$C101_01 = factor(ds$C101_01, levels=c("1","2","3","-1","-2","-9"), labels=c("ja","teilweise","nein","weiß nicht","nicht zutreffend","[NA] nicht beantwortet"), ordered=FALSE)
ds$C101_02 = factor(ds$C101_02, levels=c("1","2","3","-1","-2","-9"), labels=c("ja","teilweise","nein","weiß nicht","nicht zutreffend","[NA] nicht beantwortet"), ordered=FALSE)
attr(ds$B103_01,"F") = "nicht gewählt"
attr(ds$B103_01,"T") = "ausgewählt"
attr(ds$B103_02,"F") = "nicht gewählt"
attr(ds$B103_02,"T") = "ausgewählt"
attr(ds$B103_03,"F") = "nicht gewählt"
attr(ds$B103_03,"T") = "ausgewählt"
attr(ds$B103_04,"F") = "nicht gewählt"
attr(ds$B103_04,"T") = "ausgewählt"
attr(ds$FINISHED,"F") = "abgebrochen"
attr(ds$FINISHED,"T") = "ausgefüllt"
attr(ds$Q_VIEWER,"F") = "Teilnehmer"
attr(ds$Q_VIEWER,"T") = "Durchklicker"
comment(ds$SERIAL) = "Seriennummer (sofern verwendet)"
comment(ds$REF) = "Referenz (sofern im Link angegeben)"
comment(ds$QUESTNNR) = "Fragebogen, der im Interview verwendet wurde"
comment(ds$MODE) = "Interview-Modus"
comment(ds$STARTED) = "Zeitpunkt zu dem das Interview begonnen hat (Europe/Berlin)"
comment(ds$A101) = "Gibt es eine beschlossene Digitalisierungsstrategie?"
comment(ds$A102) = "Die Verwaltungsleitung treibt die Digitalisierung voran."
comment(ds$B101_01) = "Online-Leistungen: Wie viele Leistungen bieten Sie online an?"
comment(ds$B102_01) = "Papierlos: Anteil papierloser Vorgänge (in %)"
comment(ds$B103) = "Bezahlverfahren: Ausweichoption (negativ) oder Anzahl ausgewählter Optionen"
comment(ds$B103_01) = "Bezahlverfahren: ePayBL"
comment(ds$B103_02) = "Bezahlverfahren: PayPal"
comment(ds$B103_03) = "Bezahlverfahren: Kreditkarte, Debitkarte"
comment(ds$B103_04) = "Bezahlverfahren: SEPA-Lastschrift"
comment(ds$C101_01) = "Informationssicherheit: Notfallkonzept"
comment(ds$C101_02) = "Informationssicherheit: Datensicherung"
comment(ds$TIME001) = "Verweildauer Seite 1"
comment(ds$TIME002) = "Verweildauer Seite 2"
comment(ds$TIME_SUM) = "Verweildauer gesamt (ohne Ausreißer)"
comment(ds$MAILSENT) = "Versandzeitpunkt der Einladungsmail (nur für nicht-anonyme Adressaten)"
comment(ds$LASTDATA) = "Zeitpunkt als der Datensatz das letzte mal geändert wurde"
comment(ds$FINISHED) = "Wurde die Befragung abgeschlossen (letzte Seite erreicht)?"
comment(ds$Q_VIEWER) = "Hat der Teilnehmer den Fragebogen nur angesehen, ohne die Pflichtfragen zu beantworten?"
comment(ds$LASTPAGE) = "Seite, die der Teilnehmer zuletzt bearbeitet hat"
comment(ds$MAXPAGE) = "Letzte Seite, die im Fragebogen bearbeitet wurde"
comment(ds$MISSING) = "Anteil fehlender Antworten in Prozent"



# Assure that the comments are retained in subsets
as.data.frame.avector = as.data.frame.vector
`[.avector` <- function(x,i,...) {
  r <- NextMethod("[")
  mostattributes(r) <- attributes(x)
  r
}
ds_tmp = data.frame(
  lapply(ds, function(x) {
    structure( x, class = c("avector", class(x) ) )
  } )
)
mostattributes(ds_tmp) = attributes(ds)
ds = ds_tmp
rm(ds_tmp)
