#!/usr/bin/python3
"""An independent pandas scorer of a reifegrad model: bench/run's peer.

It reads config.yaml and one wave's survey CSV (German Excel style: UTF-8
BOM, ';', decimal comma) and computes what README's "How scores are
computed" describes for the models `reifegrad example` generates: answers
to points (map, numeric goalposts and bins, multi-select share), declared
missing codes, rows without an id or whose id is not in the register
rejected, one row per unit (the latest by the `eingang` column),
indicators, dimensions and the overall score as weighted means with the
reweight policy and min_coverage, coverage, and the threshold level. It is
written from the README, not from reifegrad's code, the way a researcher
would do it in pandas: every scale's distinct answers are turned into
points in one vectorised step and spread to the cells, the aggregation is
array arithmetic.

    bench/pandas/score.py config.yaml umfrage_2026.csv
    bench/pandas/score.py config.yaml umfrage_2026.csv --compare out/scores.csv

With --compare it reads reifegrad's scores.csv after scoring (untimed) and
compares every score, coverage and level; it prints the number of figures
compared and of mismatches, and exits 1 on any mismatch. A model feature it
does not implement is an error, never a different score.

Needs Debian's python3-pandas and python3-yaml:
    apt-get install python3-pandas python3-yaml
"""
import argparse
import os
import sys

import numpy as np
import pandas as pd
import yaml

SCORED, MISSING, NOT_RATED, NOT_APPLIES = 0, 1, 2, 3
REGISTERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "survey", "registers")
TOLERANCE = 1e-9  # scores are 0-100; sums in another order differ in the last bits


class Unsupported(Exception):
    pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("config")
    ap.add_argument("survey")
    ap.add_argument("--compare", help="reifegrad's scores.csv to compare with")
    a = ap.parse_args()
    try:
        with open(a.config, encoding="utf-8") as f:
            cfg = yaml.safe_load(f)
        model = Model(cfg)
        units = read_survey(a.survey, cfg, model)
        result = model.score(units)
    except Unsupported as e:
        print("score.py: the model uses %s, which this peer does not implement" % e, file=sys.stderr)
        return 2
    if a.compare:
        return compare(result, a.compare)
    print("%d units scored" % len(result.ids))
    return 0


def read_survey(path, cfg, model):
    """The survey as strings, one row per unit: the latest answer wins."""
    df = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, na_filter=False,
                     encoding="utf-8-sig")
    idcol = cfg["units"]["id"]
    df = df[df[idcol].str.strip().ne("")]
    register = cfg["units"].get("register")
    if register:
        # The municipality register reifegrad bundles: a unit not in it is rejected.
        reg = pd.read_csv(os.path.join(REGISTERS, register + ".csv"), dtype={"ags": str},
                          usecols=["ags", "district", "population"])
        df = df.merge(reg, left_on=idcol, right_on="ags", how="inner", suffixes=("", "_register"))
    if "eingang" in df.columns:
        df = df.sort_values("eingang", kind="stable")
    df = df.drop_duplicates(idcol, keep="last")
    missing = [q for q in model.questions if q not in df.columns]
    if missing:
        raise Unsupported("questions without a column (%s)" % ", ".join(missing[:3]))
    return df


class Model:
    def __init__(self, cfg):
        m = cfg["model"]
        self.id_column = cfg["units"]["id"]
        miss = m.get("missing", {})
        if miss.get("policy", "reweight") != "reweight":
            raise Unsupported("missing.policy " + miss["policy"])
        self.min_coverage = float(miss.get("min_coverage", 0))
        # Missing codes, matched like answers (trimmed, ignoring case).
        self.codes = {str(k).strip().lower(): v for k, v in miss.get("codes", {}).items()}
        lv = m["levels"]
        if lv.get("method", "threshold") != "threshold":
            raise Unsupported("levels.method " + lv["method"])
        self.bands = [(float(b["min"]), b["name"]) for b in lv["bands"]]
        self.scales = m["scales"]
        for sid, s in self.scales.items():
            for key in ("match", "unlisted", "normalise", "treatment", "score", "empty", "decimal"):
                if key in s:
                    raise Unsupported("scale %s: %s" % (sid, key))
        self.questions = {}
        for q in m["questions"]:
            for key in ("reverse", "denominator", "treatment", "optional"):
                if q.get(key):
                    raise Unsupported("question %s: %s" % (q["id"], key))
            self.questions[q["id"]] = q["scale"]
        for key in ("aggregation", "treatment"):
            if key in m:
                raise Unsupported("model." + key)
        self.dimensions = m["dimensions"]
        for d in self.dimensions:
            for key in ("dimensions", "aggregation", "missing"):
                if key in d:
                    raise Unsupported("dimension %s: %s" % (d["id"], key))
            for i in d["indicators"]:
                for key in ("aggregation", "missing", "treatment"):
                    if key in i:
                        raise Unsupported("indicator %s: %s" % (i["id"], key))

    def points(self, df):
        """Points 0-1 (NaN where not answered) and not-applicable mask,
        units x questions, one vectorised pass per scale."""
        qids = list(self.questions)
        col = {q: j for j, q in enumerate(qids)}
        n = len(df)
        pts = np.full((n, len(qids)), np.nan)
        na = np.zeros((n, len(qids)), dtype=bool)
        for sid, scale in self.scales.items():
            qs = [q for q in qids if self.questions[q] == sid]
            if not qs:
                continue
            # Answers repeat: each distinct one is read once, then spread.
            which, distinct = pd.factorize(df[qs].to_numpy().ravel())
            key = pd.Series(distinct).str.strip().str.lower()
            code = key.map(self.codes)
            blank = key.eq("") | code.notna()
            p = self.scale_points(scale, key.where(~blank)).to_numpy(dtype=float)
            idx = [col[q] for q in qs]
            pts[:, idx] = p[which].reshape(n, len(qs))
            na[:, idx] = code.eq("not_applicable").to_numpy()[which].reshape(n, len(qs))
        return qids, pts, na

    @staticmethod
    def scale_points(scale, key):
        """Points of answers key (NaN stays NaN; an answer outside the
        scale becomes NaN: not answered)."""
        kind = scale.get("type", "map")
        if kind == "map":
            mapping = {str(k).strip().lower(): float(v) for k, v in scale["map"].items()}
            return key.map(mapping)
        if kind == "numeric":
            s = key.where(~key.str.contains(",", na=False),
                          key.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
            x = pd.to_numeric(s, errors="coerce")
            lo, hi = scale.get("min"), scale.get("max")
            if lo is not None:
                x = x.where(x >= lo)
            if hi is not None:
                x = x.where(x <= hi)
            if "goalposts" in scale:
                g0, g1 = scale["goalposts"]
                return ((x - g0) / (g1 - g0)).clip(0, 1)
            if "bins" in scale:
                out = pd.Series(np.nan, index=x.index)
                left = x.notna()
                for b in scale["bins"]:
                    take = left if "max" not in b else left & (x <= b["max"])
                    out[take] = float(b["points"])
                    left = left & ~take
                return out
            raise Unsupported("numeric scale without goalposts or bins")
        if kind == "multi":
            sep = scale.get("separator", ";")
            items = [str(i).strip().lower() for i in scale["items"]]
            parts = key.dropna().str.split(sep, regex=False).explode().str.strip()
            parts = parts[parts.ne("")]
            unknown = (~parts.isin(items)).groupby(level=0).any()
            ticked = parts.groupby(level=0).nunique()
            share = ticked / len(items)
            share = share[~unknown.reindex(share.index, fill_value=False)]
            out = pd.Series(np.nan, index=key.index)
            answered = key.notna()
            out[answered] = 0.0  # a cell of separators only: nothing ticked
            out[unknown[unknown].index] = np.nan
            out[share.index] = share
            return out
        raise Unsupported("scale type " + kind)

    def score(self, df):
        qids, pts, na = self.points(df)
        col = {q: j for j, q in enumerate(qids)}
        # Questions as the leaves: scored 0-100 with coverage 1, missing, or not applicable.
        qstate = np.where(na, NOT_APPLIES, np.where(np.isnan(pts), MISSING, SCORED))
        qscore = pts * 100
        qcov = (qstate == SCORED).astype(float)
        dims, dstate, dcov, dweights = [], [], [], []
        res = Result(df[self.id_column].to_numpy())
        for d in self.dimensions:
            ist, isc, icov, iw = [], [], [], []
            for ind in d["indicators"]:
                qs = ind.get("questions") or [{"id": ind["question"], "weight": 1}]
                qs = [q if isinstance(q, dict) else {"id": q, "weight": 1} for q in qs]
                j = [col[q["id"]] for q in qs]
                w = np.array([float(q.get("weight", 1)) for q in qs])
                s, st, cv = aggregate(qscore[:, j], qstate[:, j], qcov[:, j], w, 0.0)
                res.add(ind["id"], s, st, cv)
                isc.append(s), ist.append(st), icov.append(cv), iw.append(float(ind.get("weight", 1)))
            s, st, cv = aggregate(np.column_stack(isc), np.column_stack(ist), np.column_stack(icov),
                                  np.array(iw), self.min_coverage)
            res.add(d["id"], s, st, cv)
            dims.append(s), dstate.append(st), dcov.append(cv), dweights.append(float(d.get("weight", 1)))
        s, st, cv = aggregate(np.column_stack(dims), np.column_stack(dstate), np.column_stack(dcov),
                              np.array(dweights), self.min_coverage)
        res.add("overall", s, st, cv)
        level = np.full(len(s), "", dtype=object)
        for lo, name in self.bands:
            level[(st == SCORED) & (s >= lo - 1e-9)] = name
        res.level = level
        return res


def aggregate(score, state, cov, w, min_coverage):
    """A node's score, state and coverage from its children's (units x
    children): the weighted mean of the scored children, the not
    applicable ones left out of the weights, coverage the answered share
    of the applicable weight."""
    applies = state != NOT_APPLIES
    applicable = (applies * w).sum(axis=1)
    covered = (applies * w * cov).sum(axis=1)
    inc = state == SCORED
    sw = (inc * w).sum(axis=1)
    sv = np.where(inc, score * w, 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = sv / sw
        c = np.where(applicable > 0, covered / applicable, 0)
    st = np.where(applicable == 0, NOT_APPLIES,
                  np.where(sw == 0, MISSING, np.where(c < min_coverage - 1e-12, NOT_RATED, SCORED)))
    return s, st, c


class Result:
    def __init__(self, ids):
        self.ids = ids
        self.nodes = {}
        self.level = None

    def add(self, node, score, state, cov):
        self.nodes[node] = (score, state, cov)


def compare(res, path):
    ref = pd.read_csv(path, dtype={"ags": str, "wave": str, "level": str}, keep_default_na=False)
    ref = ref.set_index(["ags", "id"])
    figures = mismatches = 0
    shown = 0

    def mismatch(what):
        nonlocal mismatches, shown
        mismatches += 1
        if shown < 10:
            print("mismatch:", what)
            shown += 1

    ids = pd.Index(res.ids.astype(str))
    ref_units = set(ref.index.get_level_values(0))
    for u in set(ids) ^ ref_units:
        mismatch("unit %s only in %s" % (u, "pandas" if u in set(ids) else "reifegrad"))
    for node, (s, st, c) in res.nodes.items():
        try:
            r = ref.xs(node, level="id").reindex(ids)
        except KeyError:
            mismatch("node %s not in %s" % (node, path))
            continue
        rs = pd.to_numeric(r["score"].replace("", np.nan)).to_numpy(dtype=float)
        # An empty coverage is a node none of whose questions applied.
        rc = pd.to_numeric(r["coverage"].replace("", np.nan)).to_numpy(dtype=float)
        mine = np.where(st == SCORED, s, np.nan)
        bad = ~((np.isnan(rs) & np.isnan(mine)) | (np.abs(rs - mine) <= TOLERANCE))
        bad |= np.where(st == NOT_APPLIES, ~np.isnan(rc), ~(np.abs(rc - c) <= TOLERANCE))
        figures += 2 * len(ids)
        for i in np.flatnonzero(bad):
            mismatch("%s %s: reifegrad %s (coverage %s), pandas %s (coverage %s)" % (
                ids[i], node, rs[i], rc[i], mine[i], c[i]))
        if node == "overall":
            lv = r["level"].to_numpy()
            figures += len(ids)
            for i in np.flatnonzero(lv != res.level):
                mismatch("%s level: reifegrad %r, pandas %r" % (ids[i], lv[i], res.level[i]))
    print("%d units, %d figures compared, %d mismatches" % (len(ids), figures, mismatches))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
