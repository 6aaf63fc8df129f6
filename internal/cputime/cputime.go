// Package cputime gives benchmarks the CPU time of their process: on a
// machine shared with others, wall time measures the others too, so the
// benchmarks report CPU time beside it.
package cputime
