package main

import (
	"os"
	"runtime/pprof"
)

// startProfile starts the CPU profile --cpuprofile asks for, for
// developers measuring where a command spends its time (bench/run). The
// returned stop ends it; it does nothing when no profile was asked for.
func (a *app) startProfile() (stop func(), err error) {
	if a.cpuProfile == "" {
		return func() {}, nil
	}
	f, err := os.Create(a.cpuProfile)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
