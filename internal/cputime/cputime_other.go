//go:build !unix

package cputime

import "time"

// Used is not measured here: 0, false.
func Used() (time.Duration, bool) { return 0, false }
