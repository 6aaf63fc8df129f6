// Package survey reads survey exports — CSV in the shapes Excel and survey
// platforms write, and xlsx workbooks — into scoring.Dataset values.
//
// It is an adapter: it knows files, encodings, delimiters, headers and the
// municipality registers, and speaks only scoring's vocabulary to the rest of
// the program. Every input row ends up either as a scoring.Response or as a
// scoring.Reject with its reason; nothing is dropped silently. Problems that
// stop a whole file are returned as *ParseError naming file, sheet, row and
// column.
package survey
