package fieldwork

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// codeAlphabet is Crockford's base 32: digits and capitals without I, L, O
// and U, so that a code read aloud or off paper is not mistaken.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const (
	codeSymbols   = 20 // 100 bits
	groupSymbols  = 4
	selectorLen   = groupSymbols // the first group: 20 bits that find the code
	codeSecretBit = (codeSymbols - selectorLen) * 5
)

// Code is an access code in normal form: 20 symbols of codeAlphabet,
// without separators. The zero Code is not valid.
type Code string

// NewCode draws a code from rand, which must be a cryptographic source
// (crypto/rand.Reader) outside tests.
func NewCode(rand io.Reader) (Code, error) {
	var buf [codeSymbols]byte
	if _, err := io.ReadFull(rand, buf[:]); err != nil {
		return "", fmt.Errorf("cannot draw a code: %w", err)
	}
	b := make([]byte, codeSymbols)
	for i, x := range buf {
		// 256 is a multiple of 32: the low five bits are uniform.
		b[i] = codeAlphabet[x&31]
	}
	return Code(b), nil
}

// ParseCode reads a code as a person types or pastes it: case, white
// space (line breaks too), hyphens and dots do not matter, O is read as 0 and I and L as 1 (Crockford). It
// reports false for anything that is not 20 symbols of the alphabet.
func ParseCode(s string) (Code, bool) {
	if len(s) > 64 {
		return "", false
	}
	b := make([]byte, 0, codeSymbols)
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '-' || r == '.' || r == '_':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		switch r {
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if r > 0x7f || !strings.ContainsRune(codeAlphabet, r) || len(b) == codeSymbols {
			return "", false
		}
		b = append(b, byte(r))
	}
	if len(b) != codeSymbols {
		return "", false
	}
	return Code(b), true
}

// String writes the code in groups of four: "K7QM-2XBD-9F3T-HW4C-0RZP".
func (c Code) String() string {
	var b strings.Builder
	for i := 0; i < len(c); i += groupSymbols {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(string(c[i:min(i+groupSymbols, len(c))]))
	}
	return b.String()
}

// Selector is the code's first group, stored in plain text to find the
// code's hash. It is not secret enough to sign in with: the other 80 bits
// are the secret.
func (c Code) Selector() string { return string(c[:min(selectorLen, len(c))]) }

// Hash is what the store keeps of a code: SHA-256 of the whole code. A
// fast hash suffices here, unlike for passwords: 80 random bits cannot be
// guessed from it.
func (c Code) Hash() []byte {
	h := sha256.Sum256([]byte("reifegrad access code\x00" + string(c)))
	return h[:]
}

// Matches reports in constant time whether c is the code whose Hash is
// stored.
func (c Code) Matches(stored []byte) bool {
	return subtle.ConstantTimeCompare(c.Hash(), stored) == 1
}
