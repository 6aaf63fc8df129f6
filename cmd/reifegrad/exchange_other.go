//go:build !linux

package main

// exchange: this system offers no portable way to swap two folders in one
// step; swap renames them one after the other.
func exchange(a, b string) error { return errNoExchange }
