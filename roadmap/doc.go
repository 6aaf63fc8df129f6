// Package roadmap computes, for each unit, the way to a target level: the
// answer steps of least total effort that lift the unit there, in the
// order of their gain per effort, with the projected overall score and
// level after each step, SAMM's percent to target and progress to date,
// and how many peers already give each answer.
//
// It sits beside package scoring and imports only it: scoring.Evaluator
// scores every projection, so a projected score is the score Score would
// give for those answers.
package roadmap
