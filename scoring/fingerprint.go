package scoring

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"

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
	h := sha256.New()
	writeNode(h, n)
	return hex.EncodeToString(h.Sum(nil))[:FingerprintLen]
}

func writeNode(h hash.Hash, n *yaml.Node) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	var head [9]byte
	head[0] = byte(n.Kind)
	switch n.Kind {
	case yaml.ScalarNode:
		writeString(h, head[:1], n.ShortTag())
		writeString(h, nil, n.Value)
	default: // document, mapping, sequence
		binary.LittleEndian.PutUint64(head[1:], uint64(len(n.Content)))
		h.Write(head[:])
		for _, c := range n.Content {
			writeNode(h, c)
		}
	}
}

func writeString(h hash.Hash, prefix []byte, s string) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(prefix)
	h.Write(n[:])
	h.Write([]byte(s))
}
