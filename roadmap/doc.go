// Package roadmap computes, for each unit, the way to a target level: the
// answer steps of least total effort that lift the unit there, in the
// order of their gain per effort, with the projected overall score and
// level after each step, SAMM's percent to target and progress to date,
// and how many peers already give each answer.
//
// Where several end states reach the target with the least effort, the
// roadmap is decided by a stated rule, not by the order of the search or
// the rounding of its sums (tie.go): the better score (scores within
// tieTolerance = 1e-9 are equal), compared as the programme keeps them —
// per node, class of outcome and effort; then the end state that goes
// further up the first question where they differ, the questions in the
// model's order with, within each node, first the answered questions with
// an even ladder (every step of effort one, each gaining something but
// none more than the one before: merged as one block, block.go), then the
// children not scored now (open questions, parts without a score). As
// scores are compared per node, a better score inside a part can decide
// even where the overall score does not show it (a minimum or maximum, a
// geometric mean with a child at zero, a part below its minimum coverage).
// TestTiesAgainstBruteForce checks the rule against trying every end state
// on the models its generator makes (tieModel: mean and geometric
// aggregations, two scales whose clarified answers score 0, threshold
// levels above the lowest), where the overall score alone tells end
// states apart; the other aggregations and staged levels are covered by
// the minimality and decides-nothing tests, not by a brute force of the
// rule.
//
// The steps come in a stated order too (order.go): each time the step,
// of each question's next one, with the largest gain per effort — the fall
// of the distance to the target (shortfall) — gains within tieTolerance of
// the largest equal, and of equal ones the step on the question first in
// the tie rule's order. TestOrderAgainstBruteForce checks it against
// scoring every candidate from scratch at every turn; TestOrderByHand by
// hand. Gains are worked out incrementally (a question counting through
// weighted means only moves each by weight·Δ/Σweight), the scores after
// each step by the evaluator, each weighted mean resumed at the child the
// step changed (scoring.Sums: the same sums in the same order).
//
// It sits beside package scoring and imports only it: scoring.Evaluator
// scores every projection, so a projected score is the score Score would
// give for those answers.
package roadmap
