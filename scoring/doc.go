/*
Package scoring holds reifegrad's vocabulary and its scoring engine: a
maturity model read from configuration, the responses of units (usually
municipalities) in survey waves, and the results — scores, coverage,
levels, positions and group statistics. It imports no other package of
reifegrad and knows nothing of files, terminals or charts: importers (package
survey) build a Dataset, Score turns it into Results, reports read them.

# Models

ParseModel reads the "model" section of a config file strictly (yaml.v3,
unknown keys and wrong types are errors) and validates it; every problem is
a *ModelError with file, line and column, all returned together. A Model is
immutable and safe for concurrent use.

A model is a tree (Model.Nodes, in pre-order): the overall score, dimensions
nested to any depth, and indicators as leaves. An indicator reads one or
several questions, each through a scale that turns a raw answer into points
in [0, 1]:

  - map: answer text or code → points. Matching ignores case and surrounding
    spaces unless the scale says match: exact, trim or fold_notrim. Answers
    that are not listed are Invalid (reported, treated as not answered)
    unless the scale gives them points with unlisted.
  - numeric: a number (decimal comma or point, thousands separators), then
    bins, fixed goalposts (clipped), or min–max over all units of the wave.
  - multi: several items ticked in one cell; the share ticked, or the count
    put into bins.

Declared missing codes keep their meaning apart: Blank (not answered) and
Unknown ("weiß nicht") follow the node's missing policy; NotApplicable
("nicht zutreffend") leaves the denominator. A reversed question counts
1 − points.

Every node has a weight and combines its children by one Aggregation (its
own, or else its parent's, indicators included): Mean
(weighted arithmetic mean, the default), Geometric, Minimum, Maximum, or Sum
for models that count points (a child's weight then multiplies its points,
and a question's weight is its points). Scores are on 0–100; for point
models Results.Points turns them back into points.

# Missing data

Each node has a MissingPolicy, inherited from its parent unless it sets its
own: Reweight leaves missing children out and scales up the others' weights,
Zero counts them as 0, Impute replaces a missing child node (indicator or
dimension) by the mean of that node among the units of the same peer group
(Model.ImputeBy) in the same wave that have it scored without imputation
(there or anywhere below it),
falling back to the whole wave's mean when the group has too few (ImputeFrom:
Model.MinGroupSize, report.min_group_size) or the unit no group, and leaving
it missing when the wave has too few as well. Within an indicator, missing
questions are skipped (Zero counts them as 0). Every NodeScore carries its Coverage, the share of its applicable
weight that was answered (imputed values do not count as answered); below a
node's MinCoverage the node is NotRated and the unit flagged (LowCoverage,
IssueLowCoverage).

# Levels, positions, waves

Levels are Threshold bands on the overall score or Staged: a unit reaches
level L only if it meets the criteria of every level up to L, and
UnitResult.Blocking lists the unmet criteria of its next level. A level has
an Ordinal (its position, from 1) and a Number (what the model calls it:
from 1, or from 0 as in OWASP SAMM). UnitResult.Level holds the ordinal; 0
there means no level (no overall score), which outputs show as "–" and
never as level 0.

Within each wave, units are ranked overall and within each peer group
(Position: rank, percentile with ties counting half), and GroupStats give n,
mean, median and quartiles (type 7, Excel's QUARTILE.INC) per node. Peer
groups are unit attributes; "size_class" is derived from population by
Model.SizeClasses (by default the BBSR classes, DefaultSizeClasses).
Results.Change and Results.GroupChange compare a unit or group with the
previous wave.

# Glossary

Identifiers are English; labels come from the config. German terms of the
domain and their names here:

	Abdeckung                 coverage (NodeScore.Coverage)
	Aggregation, Verdichtung  Aggregation
	Amtlicher Gemeindeschlüssel (AGS)  UnitID of a municipality (8 digits)
	Antwort                   answer (Response.Answers, Answer)
	Antwortskala, Skala       Scale
	Kriterium einer Stufe     Criterion (of a staged level)
	Dimension, Handlungsfeld  dimension (Node of KindDimension)
	Eckwerte                  goalposts (NormaliseGoalposts)
	Einwohnerzahl             Unit.Population
	Erhebungswelle, Welle     Wave
	Fehlende Werte            missing data (MissingPolicy, Status)
	Frage                     Question
	Gemeinde, Kommune         unit (Unit)
	Gesamtwert                overall score (Model.Root, Nodes[0])
	Gewicht                   weight (Node.Weight, Node.QWeights)
	Größenklasse              size class (SizeClass)
	Indikator                 indicator (Node of KindIndicator)
	Kennzahlen einer Gruppe   GroupStats, Stats
	keine Angabe (k.A.)       Blank
	Landkreis, Kreis          district (Unit.District)
	Mehrfachauswahl           multi-select (ScaleMulti)
	nicht zutreffend          NotApplicable
	Perzentil, Rang           Position.Percentile, Position.Rank
	Punkte                    points (Node.MaxPoints, Results.Points)
	Quartil, Median           Stats.Q1, Stats.Median, Stats.Q3
	Reifegrad, Reifegradstufe level (Level, Levels)
	Reifegradmodell           Model
	Stufenmodell              Staged levels
	Schwellenwerte            Threshold levels
	umgekehrt gepolt          reversed (Question.Reverse)
	Unterdimension            nested dimension (Node.Depth > 1)
	Vergleichsgruppe          peer group (PeerGroup)
	Veränderung               Change, GroupChange
	weiß nicht                Unknown
	zurückgewiesene Zeile     Reject
	Datenqualitätshinweis     Issue
*/
package scoring
