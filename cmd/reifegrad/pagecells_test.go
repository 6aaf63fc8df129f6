package main

import "regexp"

// dataLabels matches the column name each table cell of a report carries
// for a phone's screen (reports/html: data-label, shown beside the value
// when the rows stack). The tests that read a table's figures by its
// markup read the cells without it.
var dataLabels = regexp.MustCompile(` data-label="[^"]*"`)

// withoutDataLabels returns a page's HTML without its cells' data-label
// attributes.
func withoutDataLabels(page []byte) []byte { return dataLabels.ReplaceAll(page, nil) }
