package main

import (
	"os"
	"os/exec"
	"testing"
)

// asMain, set in the environment, makes the test binary run as reifegrad
// itself: tests that need a process of their own (to kill it, or to give
// it limits of memory or file size) start the test binary with it.
const asMain = "REIFEGRAD_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMain) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// command returns a reifegrad process with args: the test binary, running
// as main.
func command(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), asMain+"=1")
	return cmd
}
