/*
Package analyse is the researcher's workbench beside the scoring engine:
it tells whether a maturity model is any good and how far its results
depend on the choices its authors made. It imports only package scoring.

  - Validate: per dimension Cronbach's α (and α if an item is dropped),
    item–rest correlations and the first principal component's share of
    variance; Pearson and Spearman correlations of indicators and
    dimensions with flags for negative correlations inside a dimension and
    near-duplicates; per indicator n, missing share, skewness, kurtosis
    and the shares at floor and ceiling.
  - Robustness: a seeded Monte Carlo over declared uncertain choices
    (weights ± a share or Dirichlet around a node's weights, aggregation,
    missing policy, normalisation, level band edges). Each draw re-scores
    the wave from the points the engine computed once (scoring.Rescorer).
    Per unit: median rank, 5–95 % rank interval and the share of draws in
    which it keeps its level; per uncertain input: first-order and total
    sensitivity indices (Saltelli 2010 and Jansen 1999 estimators) of the
    mean absolute rank shift, as the JRC's COINr computes them.
  - Compare: two models on the same inputs — units whose level changes,
    the rank correlation and the score shift per dimension.

Figures over groups of units obey a scoring.Disclosure: nothing is
computed for a wave with fewer units than the minimum group size.
*/
package analyse
