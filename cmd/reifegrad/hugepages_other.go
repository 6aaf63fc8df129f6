//go:build !linux

package main

// preferHugePages: only Linux is asked for huge pages (see
// hugepages_linux.go); elsewhere the heap keeps the pages the system gives.
func preferHugePages(size int64) bool { return false }
