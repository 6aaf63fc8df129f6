package scoring

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"

	"gopkg.in/yaml.v3"
)

// FingerprintLen is the length of Model.Fingerprint: 12 hexadecimal
// digits, 48 bits. It tells versions of one model apart; it is not a
// signature.
const FingerprintLen = 12

// fingerprint hashes the model section of a config as written, without
// its comments and layout: any edit to it — a point, a weight, a
// threshold, a question's text — gives another fingerprint, while
// re-indenting, re-quoting a string or a changed comment keeps it. The
// model's version is what its authors call it; two reports of the same
// version whose points were edited in between are told apart by this.
//
// Each node is written with its kind, its resolved tag (so that 1 and
// "1", a number and a text, differ, as they decode differently) and its
// value, each length-prefixed so that no two trees write the same bytes.
// An alias is written as what it stands for (CheckYAMLAliases bounds
// that), so factoring a repeated scale out into an anchor changes
// nothing.
func fingerprint(n *yaml.Node) string {
	// One buffer, hashed at once: a write to the hash per scalar cost
	// a tenth of parsing the national model.
	sum := sha256.Sum256(appendNode(nil, n))
	return hex.EncodeToString(sum[:])[:FingerprintLen]
}

func appendNode(b []byte, n *yaml.Node) []byte {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	b = append(b, byte(n.Kind))
	if n.Kind == yaml.ScalarNode {
		return appendString(appendString(b, n.ShortTag()), n.Value)
	}
	// document, mapping, sequence
	b = binary.LittleEndian.AppendUint64(b, uint64(len(n.Content)))
	for _, c := range n.Content {
		b = appendNode(b, c)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.LittleEndian.AppendUint64(b, uint64(len(s))), s...)
}
