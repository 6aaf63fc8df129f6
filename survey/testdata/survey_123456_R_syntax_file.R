data <- read.csv("survey_123456_R_data_file.csv", quote = "'\"", na.strings=c("", "\"\""), stringsAsFactors=FALSE, fileEncoding="UTF-8-BOM")


# LimeSurvey Field type: F
data[, 1] <- as.numeric(data[, 1])
attributes(data)$variable.labels[1] <- "id"
names(data)[1] <- "id"
# LimeSurvey Field type: DATETIME23.2
data[, 2] <- as.character(data[, 2])
attributes(data)$variable.labels[2] <- "submitdate"
names(data)[2] <- "submitdate"
# LimeSurvey Field type: F
data[, 3] <- as.numeric(data[, 3])
attributes(data)$variable.labels[3] <- "lastpage"
names(data)[3] <- "lastpage"
# LimeSurvey Field type: A
data[, 4] <- as.character(data[, 4])
attributes(data)$variable.labels[4] <- "startlanguage"
names(data)[4] <- "startlanguage"
# LimeSurvey Field type: A
data[, 5] <- as.character(data[, 5])
attributes(data)$variable.labels[5] <- "seed"
names(data)[5] <- "seed"
# LimeSurvey Field type: DATETIME23.2
data[, 6] <- as.character(data[, 6])
attributes(data)$variable.labels[6] <- "startdate"
names(data)[6] <- "startdate"
# LimeSurvey Field type: DATETIME23.2
data[, 7] <- as.character(data[, 7])
attributes(data)$variable.labels[7] <- "datestamp"
names(data)[7] <- "datestamp"
# LimeSurvey Field type: A
data[, 8] <- as.character(data[, 8])
attributes(data)$variable.labels[8] <- "Amtlicher Gemeindeschlüssel Ihrer Kommune"
names(data)[8] <- "AGS"
# LimeSurvey Field type: A
data[, 9] <- as.character(data[, 9])
attributes(data)$variable.labels[9] <- "Gibt es eine beschlossene Digitalisierungsstrategie?"
data[, 9] <- factor(data[, 9], levels=c("A1","A2","A3","WN","NZ"),labels=c("ja","teilweise","nein","weiß nicht","nicht zutreffend"))
names(data)[9] <- "G01Q01"
# LimeSurvey Field type: A
data[, 10] <- as.character(data[, 10])
attributes(data)$variable.labels[10] <- "Die Verwaltungsleitung treibt die Digitalisierung voran."
data[, 10] <- factor(data[, 10], levels=c("A1","A2","A3"),labels=c("trifft zu","teils, teils","trifft nicht zu"))
names(data)[10] <- "G01Q02"
# LimeSurvey Field type: F
data[, 11] <- as.numeric(data[, 11])
attributes(data)$variable.labels[11] <- "Wie viele Leistungen bieten Sie online an?"
names(data)[11] <- "G02Q01"
# LimeSurvey Field type: F
data[, 12] <- as.numeric(data[, 12])
attributes(data)$variable.labels[12] <- "Anteil papierloser Vorgänge (in %)"
names(data)[12] <- "G02Q02"
# LimeSurvey Field type: F
data[, 13] <- as.numeric(data[, 13])
attributes(data)$variable.labels[13] <- "[ePayBL] Welche Bezahlverfahren bieten Sie an?"
data[, 13] <- factor(data[, 13], levels=c(1,0),labels=c("Ja","Nicht gewählt"))
names(data)[13] <- "G02Q03_SQ001"
# LimeSurvey Field type: F
data[, 14] <- as.numeric(data[, 14])
attributes(data)$variable.labels[14] <- "[PayPal] Welche Bezahlverfahren bieten Sie an?"
data[, 14] <- factor(data[, 14], levels=c(1,0),labels=c("Ja","Nicht gewählt"))
names(data)[14] <- "G02Q03_SQ002"
# LimeSurvey Field type: F
data[, 15] <- as.numeric(data[, 15])
attributes(data)$variable.labels[15] <- "[Kreditkarte, Debitkarte] Welche Bezahlverfahren bieten Sie an?"
data[, 15] <- factor(data[, 15], levels=c(1,0),labels=c("Ja","Nicht gewählt"))
names(data)[15] <- "G02Q03_SQ003"
# LimeSurvey Field type: F
data[, 16] <- as.numeric(data[, 16])
attributes(data)$variable.labels[16] <- "[SEPA-Lastschrift] Welche Bezahlverfahren bieten Sie an?"
data[, 16] <- factor(data[, 16], levels=c(1,0),labels=c("Ja","Nicht gewählt"))
names(data)[16] <- "G02Q03_SQ004"
# LimeSurvey Field type: A
data[, 17] <- as.character(data[, 17])
attributes(data)$variable.labels[17] <- "[Sonstiges] Welche Bezahlverfahren bieten Sie an?"
names(data)[17] <- "G02Q03_other"
# LimeSurvey Field type: A
data[, 18] <- as.character(data[, 18])
attributes(data)$variable.labels[18] <- "[Notfallkonzept] Informationssicherheit"
data[, 18] <- factor(data[, 18], levels=c("A1","A2","A3","WN","NZ"),labels=c("ja","teilweise","nein","weiß nicht","nicht zutreffend"))
names(data)[18] <- "G03Q01_SQ001"
# LimeSurvey Field type: A
data[, 19] <- as.character(data[, 19])
attributes(data)$variable.labels[19] <- "[Datensicherung] Informationssicherheit"
data[, 19] <- factor(data[, 19], levels=c("A1","A2","A3","WN","NZ"),labels=c("ja","teilweise","nein","weiß nicht","nicht zutreffend"))
names(data)[19] <- "G03Q01_SQ002"
