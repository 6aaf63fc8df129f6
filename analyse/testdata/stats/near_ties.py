"""Reference for analyse/stats_test.go TestSpearmanNearTies, computed with
scipy (Debian python3-scipy 1.10.1, python3-numpy 1.24.2):

    /usr/bin/python3 near_ties.py > near_ties.json

near_ties.csv holds two dimension scores of 10 units, each the weighted mean
of its indicators as the example's Personal & Kompetenzen has them (K02 weighs
1.5). Tharandt's (100, 95.2, 100, 50, 100, 100) and Arzberg's (100, 84.4, 100,
75, 100, missing) are both 91.2, but summed in binary the first comes out as
91.19999999999999. scoring ranks scores within 1e-9 as ties (Position.Rank,
Percentile); so must Spearman's correlation, or it depends on the last bit
of a sum — and differs from the figure anyone computes from the workbook,
whose cells keep 15 significant digits. The reference ranks the scores
rounded to 9 decimals, where the equal scores are equal, with scipy.
"""
import json
import numpy as np
from scipy import stats

W = [1, 1.5, 1, 1, 1, 1]


def mean(xs):
    num = sum(w * x for w, x in zip(W, xs) if x is not None)
    den = sum(w for w, x in zip(W, xs) if x is not None)
    return num / den


# Unit: indicators of x (personal), y (another dimension's score).
units = [
    ([100, 95.2, 100, 50, 100, 100], 70.0),   # Tharandt: 91.19999999999999
    ([100, 84.4, 100, 75, 100, None], 64.5),  # Arzberg: 91.2
    ([100, 100, 100, 25, 100, 100], 71.25),
    ([50, 80.0, 75, 50, 100, 25], 40.0),
    ([25, 60.0, 50, 50, 75, 25], 55.0),
    ([0.1, 0.2, 0, 0, 0, 0], 0.1 + 0.2),      # y: 0.30000000000000004
    ([0, 0, 0, 0, 0.3, 0], 0.3),              # y: 0.3, a tie with the unit above
    ([75, 70.0, 75, 75, 75, 75], 50.0),
    ([100, 40.0, 50, 75, 50, 75], 35.0),
    ([25, 45.0, 25, 25, 50, 25], 20.0),
]
x = np.array([mean(i) for i, _ in units])
y = np.array([v for _, v in units])
assert x[0] != x[1] and abs(x[0] - x[1]) < 1e-9, (x[0], x[1])
assert y[5] != y[6] and abs(y[5] - y[6]) < 1e-9
with open("near_ties.csv", "w") as f:
    f.write("x,y\n")
    for a, b in zip(x, y):
        f.write(f"{a!r},{b!r}\n")
rx, ry = np.round(x, 9), np.round(y, 9)
print(json.dumps({
    "spearman": float(stats.spearmanr(rx, ry)[0]),
    "spearman_bits": float(stats.spearmanr(x, y)[0]),  # what ranking the bits gives
}, indent=1))
