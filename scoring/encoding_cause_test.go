package scoring

import "testing"

// TestDescribeEncoding: why a file was read in its encoding, in each
// language, with the part of the file that decided it worded by the
// describer; an input without a cause keeps the importer's English.
func TestDescribeEncoding(t *testing.T) {
	tests := []struct {
		name   string
		in     InputFile
		de, en string
	}{
		{"bom", InputFile{EncodingReason: "it starts with the UTF-8 byte order mark", EncodingCause: CauseEncodingBOMUTF8},
			"die Datei beginnt mit der Bytereihenfolgemarke (BOM) von UTF-8",
			"it starts with the UTF-8 byte order mark"},
		{"ascii, whole file", InputFile{EncodingReason: "x", EncodingCause: CauseEncodingASCII, EncodingArgs: []string{""}},
			"in der Datei nur ASCII-Zeichen",
			"the file is plain ASCII"},
		{"utf-8, first 64 MiB", InputFile{EncodingReason: "x", EncodingCause: CauseEncodingUTF8, EncodingArgs: []string{"64", "812"}},
			"in den ersten 64 MiB der Datei sind alle Zeichen außerhalb von ASCII gültiges UTF-8 (812)",
			"in the first 64 MiB of the file every character beyond ASCII is valid UTF-8 (812)"},
		{"mixed", InputFile{EncodingReason: "x", EncodingCause: CauseEncodingMixed, EncodingArgs: []string{"", "800", "1"}},
			"in der Datei gültige UTF-8-Zeichen: 800, Bytes ohne gültiges UTF-8: 1; die Zeilen mit diesen Bytes werden nicht gewertet (survey.encoding setzen, wenn die Datei anders kodiert ist)",
			"in the file, characters valid in UTF-8: 800, bytes that are not: 1; the rows holding those are rejected (set survey.encoding if the file is in another encoding)"},
		{"windows-1252", InputFile{EncodingReason: "x", EncodingCause: CauseEncodingMostlyWindows1252, EncodingArgs: []string{"", "1", "3"}},
			"in der Datei Bytes ohne gültiges UTF-8: 3, gültige UTF-8-Zeichen nur 1; also Windows-1252, wie Excel unter deutschem Windows CSV speichert",
			"in the file, bytes that are not UTF-8: 3, valid UTF-8 characters only 1; so Windows-1252, as Excel saves CSV on German Windows"},
		{"windows-1252, no valid character", InputFile{EncodingReason: "x", EncodingCause: CauseEncodingWindows1252, EncodingArgs: []string{"", "2"}},
			"in der Datei Bytes ohne gültiges UTF-8: 2, kein gültiges UTF-8-Zeichen; also Windows-1252, wie Excel unter deutschem Windows CSV speichert",
			"in the file, bytes that are not UTF-8: 2, valid UTF-8 characters: none; so Windows-1252, as Excel saves CSV on German Windows"},
		{"windows-1252, counts grouped", InputFile{EncodingReason: "x", EncodingCause: CauseEncodingMostlyWindows1252, EncodingArgs: []string{"64", "1204", "31877"}},
			"in den ersten 64 MiB der Datei Bytes ohne gültiges UTF-8: 31.877, gültige UTF-8-Zeichen nur 1.204; also Windows-1252, wie Excel unter deutschem Windows CSV speichert",
			"in the first 64 MiB of the file, bytes that are not UTF-8: 31,877, valid UTF-8 characters only 1,204; so Windows-1252, as Excel saves CSV on German Windows"},
		{"no cause", InputFile{EncodingReason: "read as the importer says"},
			"read as the importer says", "read as the importer says"},
		{"wrong number of args", InputFile{EncodingReason: "as the importer says", EncodingCause: CauseEncodingMixed, EncodingArgs: []string{"1"}},
			"as the importer says", "as the importer says"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewDescriber(German).Encoding(tt.in); got != tt.de {
				t.Errorf("German:\n got %s\nwant %s", got, tt.de)
			}
			if got := NewDescriber(English).Encoding(tt.in); got != tt.en {
				t.Errorf("English:\n got %s\nwant %s", got, tt.en)
			}
		})
	}
}
