"""Scores of the bundled example computed apart from reifegrad, for
cmd/reifegrad TestExampleAgainstPython (Debian python3-pandas 1.5.3,
python3-numpy 1.24.2, python3-yaml):

    cd cmd/reifegrad/testdata/example_python && /usr/bin/python3 score.py

It reads config.yaml's model and example/umfrage_*.csv as README's "How
scores are computed" describes them, not as reifegrad's code does: an answer
becomes points through its scale (a map matched ignoring case and spaces
around, bins, goalposts, a multi-select's count or share; declared missing
codes; a reversed question counts 1 − points), an indicator is its
question's points × 100, a dimension and the overall score the weighted
mean of the parts scored (reweight), not scored below min_coverage of the
weight that applies; of a municipality's two rows the later received. The
change since 2026 rests on the questions both waves asked alike: I05
(rescaled) and I06 (new in 2028) leave both waves, 2026's I06 and D06 are
2028's I07 and D07. Königstein, into which Kurort Rathen merged, has no
change (README, Territorial changes).

Under missing.policy impute (README, How scores are computed, 4.) a missing
indicator or dimension takes the mean of that node over the municipalities
of its size class (BBSR classes of the register's population) whose score
of it rests on no imputed value, if at least report.min_group_size (5) have
one, else over the wave's; imputed values count as not answered.

Writes scores_2028.csv (every dimension's and the overall score of 2028),
change_2028.csv (each municipality's change of the overall score) and
impute_2028.csv (the scores of 2028 under missing.policy impute).
"""
import re
import numpy as np
import pandas as pd
import yaml

ROOT = "../../../../"
cfg = yaml.safe_load(open(ROOT + "config.yaml"))["model"]
scales = cfg["scales"]
questions = {q["id"]: q for q in cfg["questions"]}
codes = {str(k).strip().lower(): v for k, v in cfg["missing"]["codes"].items()}
MERGED_INTO = {"14628210"}  # Königstein (Kurort Rathen merged into it)


def number(s):
    s = s.strip().replace(" ", "")
    if re.fullmatch(r"-?\d+(,\d+)?", s):
        return float(s.replace(",", "."))
    if re.fullmatch(r"-?\d+(\.\d+)?", s):
        return float(s)
    return None


def points(qid, cell):
    """Points in [0, 1], or a missing status."""
    q = questions[qid]
    sc = scales[q["scale"]]
    c = cell.strip()
    if c.lower() in codes:
        return codes[c.lower()]
    kind = sc.get("type", "map")
    if kind == "map":
        m = {str(k).strip().lower(): v for k, v in sc["map"].items()}
        if c == "":
            return "blank"
        if c.lower() not in m:
            return "invalid"
        p = m[c.lower()]
    elif kind == "numeric":
        if c == "":
            return "blank"
        x = number(c)
        if x is None or x < sc.get("min", -1e300) or x > sc.get("max", 1e300):
            return "invalid"
        if "bins" in sc:
            p = next(b["points"] for b in sc["bins"] if "max" not in b or x <= b["max"])
        else:
            lo, hi = sc["goalposts"]
            p = min(1, max(0, (x - lo) / (hi - lo)))
    else:  # multi
        items = [i["label"] if isinstance(i, dict) else i for i in sc["items"]]
        ticked = [s.strip() for s in c.split(sc.get("separator", ";")) if s.strip()]
        if any(s not in items for s in ticked):
            return "invalid"
        if sc.get("score") == "count":
            p = next(b["points"] for b in sc["bins"] if "max" not in b or len(ticked) <= b["max"])
        else:
            p = len(ticked) / len(items)
    if q.get("reverse"):
        p = 1 - p
    return p


def score(row, left_out=(), column=lambda q: q):
    """Every node's score of one response: {id: score or NaN}."""
    out = {}

    def node(n):
        if "question" in n:
            if n["question"] in left_out:
                return None  # not asked: leaves the score
            p = points(n["question"], row.get(column(n["question"]), ""))
            if p == "not_applicable":
                return None
            if isinstance(p, str):
                return (np.nan, 0.0)
            return (100 * p, 1.0)
        num = den = applies = answered = 0.0
        for key in ("dimensions", "indicators"):
            for c in n.get(key, []):
                r = node(c)
                if r is None:
                    continue
                w = c.get("weight", 1)
                s, cov = r
                applies += w
                answered += w * cov
                if not np.isnan(s):
                    num += w * s
                    den += w
                out[c["id"]] = s
        if applies == 0:
            return None
        cov = answered / applies
        if den == 0 or cov < n.get("min_coverage", cfg["missing"]["min_coverage"]):
            return (np.nan, cov)
        return (num / den, cov)

    s, _ = node({"dimensions": cfg["dimensions"]})
    out["overall"] = s
    return out


def wave(w):
    raw = pd.read_csv(f"{ROOT}example/umfrage_{w}.csv", sep=";", dtype=str,
                      encoding="utf-8-sig", keep_default_na=False)
    raw = raw[raw.ags.str.fullmatch(r"\d{8}")]
    # A municipality that answered twice: the later row counts.
    return raw.sort_values("eingang", kind="stable").drop_duplicates("ags", keep="last")


register = set(pd.read_csv(ROOT + "survey/registers/sachsen.csv", dtype=str).iloc[:, 0])
w28 = wave("2028")
w28 = w28[w28.ags.isin(register)]
dims = [n["id"] for n in cfg["dimensions"]] + ["ozg_leistungen"]
rows = []
for _, r in w28.iterrows():
    s = score(r)
    for d in ["overall"] + dims:
        rows.append((r.ags, d, "" if np.isnan(s[d]) else repr(float(s[d]))))
pd.DataFrame(rows, columns=["ags", "id", "score"]).to_csv("scores_2028.csv", index=False)

core = ("I05", "I06")
then = {r.ags: score(r, core, lambda q: {"I07": "I06", "D07": "D06"}.get(q, q))["overall"]
        for _, r in wave("2026").iterrows()}
rows = []
for _, r in w28.iterrows():
    now = score(r, core)["overall"]
    if r.ags in then and r.ags not in MERGED_INTO and not np.isnan(now) and not np.isnan(then[r.ags]):
        rows.append((r.ags, repr(float(now - then[r.ags]))))
pd.DataFrame(rows, columns=["ags", "change"]).to_csv("change_2028.csv", index=False)


# missing.policy impute, 2028.
MIN = 5
BBSR = [(5000, "unter 5.000"), (10000, "5.000 bis unter 10.000"), (20000, "10.000 bis unter 20.000"),
        (50000, "20.000 bis unter 50.000"), (100000, "50.000 bis unter 100.000"),
        (500000, "100.000 bis unter 500.000"), (float("inf"), "500.000 und mehr")]
population = pd.read_csv(ROOT + "survey/registers/sachsen.csv", dtype={"ags": str}).set_index("ags").population
units = list(w28.ags)
size_class = {u: next(name for top, name in BBSR if population[u] < top) for u in units}
answers = w28.set_index("ags")


def imputed_scores(n, out):
    """Every unit's (score, coverage, not applicable, rests on an imputed
    value) of node n, its descendants' into out."""
    if "question" in n:
        res = {}
        for u in units:
            p = points(n["question"], answers.at[u, n["question"]])
            if p == "not_applicable":
                res[u] = (np.nan, 0.0, True, False)
            elif isinstance(p, str):
                res[u] = (np.nan, 0.0, False, False)
            else:
                res[u] = (100 * p, 1.0, False, False)
        return res
    parts = []
    for key in ("dimensions", "indicators"):
        for c in n.get(key, []):
            r = imputed_scores(c, out)
            out[c["id"]] = r
            donors = [u for u in units if not np.isnan(r[u][0]) and not r[u][3]]
            parts.append((c.get("weight", 1), r, donors))
    res = {}
    for u in units:
        num = den = applies = answered = 0.0
        rests = False
        for wt, r, donors in parts:
            s, cov, na, imp = r[u]
            if na:
                continue
            applies += wt
            answered += wt * cov
            if np.isnan(s):
                group = [r[v][0] for v in donors if size_class[v] == size_class[u]]
                if len(group) < MIN:
                    group = [r[v][0] for v in donors]
                if len(group) < MIN:
                    continue
                s, imp = float(np.mean(group)), True
            num += wt * s
            den += wt
            rests = rests or imp
        cov = answered / applies if applies else 0.0
        if applies == 0:
            res[u] = (np.nan, 0.0, True, False)
        elif den == 0 or cov < n.get("min_coverage", cfg["missing"]["min_coverage"]):
            res[u] = (np.nan, cov, False, False)
        else:
            res[u] = (num / den, cov, False, rests)
    return res


imputed = {}
imputed["overall"] = imputed_scores({"dimensions": cfg["dimensions"]}, imputed)
rows = []
for u in units:
    for d in ["overall"] + dims:
        s = imputed[d][u][0]
        rows.append((u, d, "" if np.isnan(s) else repr(float(s))))
pd.DataFrame(rows, columns=["ags", "id", "score"]).to_csv("impute_2028.csv", index=False)
