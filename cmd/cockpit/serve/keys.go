package serve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/i18n"
)

// KeyEntry is one authorised key: its role (role=viewer|editor|admin in
// front of the key; none means viewer), an optional language (lang=zh|en,
// used when the client sends no LANG), its comment and fingerprint.
type KeyEntry struct {
	Role        store.Role
	Lang        i18n.Lang
	HasLang     bool
	Comment     string
	Fingerprint string
}

// ParseAuthorizedKeys reads an OpenSSH authorized_keys file. A line that is
// not a key, or whose role option is unknown, is left out and reported in
// bad (line number and reason): a typo must not grant a role.
func ParseAuthorizedKeys(data []byte) (keys map[string]KeyEntry, bad []string) {
	keys = map[string]KeyEntry{}
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		pk, comment, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			bad = append(bad, fmt.Sprintf("line %d: %v", n+1, err))
			continue
		}
		e := KeyEntry{Role: store.Viewer, Comment: comment, Fingerprint: gossh.FingerprintSHA256(pk)}
		ok := true
		for _, o := range options {
			name, val, _ := strings.Cut(o, "=")
			val = strings.Trim(val, `"`)
			switch strings.ToLower(name) {
			case "role":
				r, valid := store.ParseRole(val)
				if !valid {
					bad = append(bad, fmt.Sprintf("line %d: role %q: want viewer, editor or admin", n+1, val))
					ok = false
				}
				e.Role = r
			case "lang":
				l, valid := i18n.Parse(val)
				if !valid {
					bad = append(bad, fmt.Sprintf("line %d: lang %q: want zh or en", n+1, val))
					ok = false
				}
				e.Lang, e.HasLang = l, true
			}
		}
		if ok {
			keys[string(pk.Marshal())] = e
		}
	}
	return keys, bad
}

// keyring is the authorized keys file, re-read when it changes (size,
// modification time or inode), so keys are added and removed without a
// restart.
type keyring struct {
	path string
	log  func(string, ...any)

	mu   sync.Mutex
	mod  time.Time
	size int64
	ino  uint64
	keys map[string]KeyEntry
	read bool
}

// current returns the keys as the file says now. A file that cannot be
// read authorises nobody.
func (k *keyring) current() (map[string]KeyEntry, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	fi, err := os.Stat(k.path)
	if err != nil {
		k.keys, k.read = nil, false
		return nil, fmt.Errorf("authorized keys %s: %w", k.path, err)
	}
	ino := inode(fi)
	if k.read && fi.ModTime().Equal(k.mod) && fi.Size() == k.size && ino == k.ino {
		return k.keys, nil
	}
	data, err := os.ReadFile(k.path)
	if err != nil {
		k.keys, k.read = nil, false
		return nil, fmt.Errorf("authorized keys %s: %w", k.path, err)
	}
	keys, bad := ParseAuthorizedKeys(data)
	for _, b := range bad {
		if k.log != nil {
			k.log("authorized keys %s: %s (ignored)", k.path, b)
		}
	}
	k.keys, k.mod, k.size, k.ino, k.read = keys, fi.ModTime(), fi.Size(), ino, true
	return keys, nil
}

// lookup finds pk among the current keys.
func (k *keyring) lookup(pk gossh.PublicKey) (KeyEntry, bool) {
	keys, err := k.current()
	if err != nil || pk == nil {
		return KeyEntry{}, false
	}
	e, ok := keys[string(pk.Marshal())]
	return e, ok
}

// LoadHostKey reads the server's private host key at path, or creates an
// ed25519 key there (mode 0600) when there is none.
func LoadHostKey(path string) (gossh.Signer, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("host key: %w", err)
		}
		block, err := gossh.MarshalPrivateKey(priv, "cockpit serve host key")
		if err != nil {
			return nil, fmt.Errorf("host key: %w", err)
		}
		data = pem.EncodeToMemory(block)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("host key: %w", err)
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, fmt.Errorf("host key: %w", err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("host key %s: %w", path, err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	return signer, nil
}

// newSigner returns a fresh ed25519 host key kept in memory (the local
// socket's: its clients trust the socket's permissions, not a host key).
func newSigner() (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return gossh.NewSignerFromKey(priv)
}
