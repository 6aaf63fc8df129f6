package main

import (
	"bytes"
	"os"
	"testing"
)

// TestTablesAreGenerated: register_tables.go is what this command writes
// from the registers as they are, byte for byte (package survey's
// TestBundledRegisterTables compares the values with the reader's).
func TestTablesAreGenerated(t *testing.T) {
	want, err := source("..")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../register_tables.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("survey/register_tables.go is not what the registers give: run go generate in survey/")
	}
}
