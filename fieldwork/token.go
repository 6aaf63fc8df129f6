package fieldwork

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
)

// NewToken draws a 256-bit random token for a session cookie or a CSRF
// field, as URL-safe base64, from rand (crypto/rand.Reader outside tests).
func NewToken(rand io.Reader) (string, error) {
	b := make([]byte, 32)
	if _, err := io.ReadFull(rand, b); err != nil {
		return "", fmt.Errorf("cannot draw a token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// TokenID is what the store keeps of a session token: its SHA-256 hash,
// so that a copy of the database signs nobody in.
func TokenID(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
