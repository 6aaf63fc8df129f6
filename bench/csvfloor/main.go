// Command csvfloor is the least any CSV importer costs as a whole process:
// it reads one file with a bare encoding/csv pass (bench/floor) and keeps
// nothing. bench/run times 'reifegrad check' against it, process against
// process, start-up included.
package main

import (
	"fmt"
	"os"

	"github.com/reifegrad/reifegrad/bench/floor"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: csvfloor file.csv")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err == nil {
		_, err = floor.CSV(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "csvfloor:", err)
		os.Exit(1)
	}
}
