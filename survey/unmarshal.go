package survey

// UnmarshalText methods let a settings decoder turn the words of
// config.yaml, REIFEGRAD_* and flags into the importer's types at the
// edge, with the Parse functions' rules and messages.

// UnmarshalText parses a survey format as ParsePlatform does.
func (p *Platform) UnmarshalText(b []byte) error { return unmarshal(p, b, ParsePlatform) }

// UnmarshalText parses a duplicate policy as ParseDuplicatePolicy does.
func (p *DuplicatePolicy) UnmarshalText(b []byte) error {
	return unmarshal(p, b, ParseDuplicatePolicy)
}

// UnmarshalText parses an incomplete policy as ParseIncompletePolicy does.
func (p *IncompletePolicy) UnmarshalText(b []byte) error {
	return unmarshal(p, b, ParseIncompletePolicy)
}

// UnmarshalText parses an encoding as ParseEncoding does.
func (e *Encoding) UnmarshalText(b []byte) error { return unmarshal(e, b, ParseEncoding) }

// UnmarshalText parses a unit matching as ParseMatch does.
func (m *Match) UnmarshalText(b []byte) error { return unmarshal(m, b, ParseMatch) }

// UnmarshalText parses a layout as ParseLayout does.
func (l *Layout) UnmarshalText(b []byte) error { return unmarshal(l, b, ParseLayout) }

func unmarshal[T any](dst *T, b []byte, parse func(string) (T, error)) error {
	v, err := parse(string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}
