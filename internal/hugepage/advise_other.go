//go:build !linux

package hugepage

// Advise does nothing here: transparent huge pages on request are
// Linux's.
func Advise[T any](s []T) {}
