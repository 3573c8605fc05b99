package serve

import (
	"bytes"
	"errors"
	"sync"
	"testing"
	"time"
)

// stalled is a client that stopped reading: its writes block.
type stalled struct{ release chan struct{} }

func (s stalled) Write(p []byte) (int, error) { <-s.release; return len(p), nil }

// TestOutQueueCapsAStalledClient: output for a client that stops reading
// queues up to the cap, then the session is ended instead of the program
// blocking or the queue growing.
func TestOutQueueCapsAStalledClient(t *testing.T) {
	st := stalled{release: make(chan struct{})}
	defer close(st.release)
	var once sync.Once
	ended := make(chan struct{})
	q := newOutQueue(st, 1000, func() { once.Do(func() { close(ended) }) })
	frame := bytes.Repeat([]byte("x"), 300)
	var err error
	for i := 0; i < 10 && err == nil; i++ {
		_, err = q.Write(frame) // never blocks
	}
	if !errors.Is(err, errOverflow) {
		t.Fatalf("no overflow: %v", err)
	}
	select {
	case <-ended:
	case <-time.After(time.Second):
		t.Fatal("the session was not ended")
	}
}

// TestOutQueueDeliversInOrder: a reading client gets every byte in order,
// and drain waits for the queue to empty.
func TestOutQueueDeliversInOrder(t *testing.T) {
	var mu sync.Mutex
	var got bytes.Buffer
	w := writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return got.Write(p) })
	q := newOutQueue(w, 1<<20, func() { t.Error("overflow") })
	var want bytes.Buffer
	for i := range 200 {
		b := []byte{byte('a' + i%26)}
		want.Write(b)
		q.Write(b)
	}
	q.drain(time.Second)
	mu.Lock()
	defer mu.Unlock()
	if got.String() != want.String() {
		t.Fatalf("got %q", got.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestParseAuthorizedKeys: roles and languages from options, no option is a
// viewer, an unknown role leaves the key out rather than guessing.
func TestParseAuthorizedKeys(t *testing.T) {
	const k1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDRXHS9ZyFy6rLcwG1B1ystVzPh2i/LbNdHM2EM3qrgs"
	const k2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFGywmBsiU+7u/fkGCQMGUGGqsi+AHaaVHWPH9YOJQ/H"
	for _, c := range []struct {
		line    string
		n       int
		role    string
		comment string
		lang    string
		bad     int
	}{
		{k1 + " a@b", 1, "viewer", "a@b", "", 0},
		{"role=editor " + k1 + " ops@laptop", 1, "editor", "ops@laptop", "", 0},
		{`role="admin",lang=zh ` + k1, 1, "admin", "", "zh", 0},
		{"role=root " + k1, 0, "", "", "", 1},
		{"# comment\n\n" + k1 + "\nnot a key\n" + "role=editor " + k2, 2, "", "", "", 1},
	} {
		keys, bad := ParseAuthorizedKeys([]byte(c.line))
		if len(keys) != c.n || len(bad) != c.bad {
			t.Errorf("%q: %d keys, %d bad (%v)", c.line, len(keys), len(bad), bad)
			continue
		}
		if c.n != 1 {
			continue
		}
		for _, e := range keys {
			lang := ""
			if e.HasLang {
				lang = e.Lang.String()
			}
			if e.Role.String() != c.role || e.Comment != c.comment || lang != c.lang || e.Fingerprint == "" {
				t.Errorf("%q: %+v", c.line, e)
			}
		}
	}
}

// TestQuoteRoundTrips: the exec form carries one string; arguments with
// spaces, quotes and Chinese come back whole.
func TestQuoteRoundTrips(t *testing.T) {
	args := []string{"target", "add", "--name", "Q1 '会员' GMV", "", "a\\b", "--value=1"}
	want := `target add --name 'Q1 '\''会员'\'' GMV' '' 'a\b' --value=1`
	if got := Quote(args); got != want {
		t.Fatalf("Quote = %s", got)
	}
}
