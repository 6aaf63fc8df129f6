"""Reference figures for analyse/stats_test.go, computed once with pandas and
numpy (Debian python3-pandas 1.5.3, python3-numpy 1.24.2):

    /usr/bin/python3 reference.py > reference.json

items.csv holds 6 items (scores 0-100 in steps of 5, so with ties) of 50
units, with gaps; it is written by this script from a fixed seed.
"""
import json
import numpy as np
import pandas as pd

rng = np.random.default_rng(14)
n = 50
f = rng.normal(size=n)
cols = {}
for j, load in enumerate([0.9, 0.8, 0.7, 0.5, -0.4, 0.0]):
    x = 50 + 20 * (load * f + np.sqrt(1 - load**2) * rng.normal(size=n))
    x = np.clip(np.round(x / 5) * 5, 0, 100)
    cols[f"i{j+1}"] = x
df = pd.DataFrame(cols)
for j, rows in enumerate([[3], [7, 8], [], [20], [31, 32, 33], [45]]):
    df.iloc[rows, j] = np.nan
df.to_csv("items.csv", index=False, na_rep="")

out = {}
out["pearson"] = df.corr(method="pearson").values.tolist()
out["spearman"] = df.corr(method="spearman").values.tolist()
out["pairs"] = df.notna().astype(int).T.dot(df.notna().astype(int)).values.tolist()
out["skewness"] = df.skew().tolist()       # adjusted Fisher-Pearson (Excel SKEW)
out["kurtosis"] = df.kurt().tolist()       # excess, Excel KURT
out["floor"] = [float((df[c].dropna() == 0).mean()) for c in df]
out["ceiling"] = [float((df[c].dropna() == 100).mean()) for c in df]

# Reliability of the first four items and of all six, on complete rows.
for name, items in [("first4", ["i1", "i2", "i3", "i4"]), ("all", list(df.columns))]:
    d = df[items].dropna()
    k = len(items)
    alpha = k / (k - 1) * (1 - d.var(ddof=1).sum() / d.sum(axis=1).var(ddof=1))
    dropped = []
    rest = []
    for c in items:
        o = d.drop(columns=c)
        kk = k - 1
        dropped.append(kk / (kk - 1) * (1 - o.var(ddof=1).sum() / o.sum(axis=1).var(ddof=1)))
        rest.append(float(np.corrcoef(d[c], o.sum(axis=1))[0, 1]))
    ev = np.linalg.eigvalsh(d.corr().values)
    out[name] = {"n": len(d), "alpha": alpha, "alpha_if_dropped": dropped,
                 "item_rest": rest, "first_component": float(ev.max() / k),
                 "eigenvalues": sorted(ev.tolist())}
print(json.dumps(out, indent=1))
