package store

import (
	"sync"
	"time"

	"github.com/memberops/cockpit/model"
)

// ChangeKind says what a committed write touched.
type ChangeKind uint8

// Kinds of change announced on the feed.
const (
	ChangeMembers ChangeKind = iota + 1
	ChangeEvents
	ChangeRecords // targets, plans, campaigns, retros
)

// Change announces one committed write. Views reload what they show from
// summaries and rollups when one arrives; it carries no data itself.
type Change struct {
	Seq   uint64     // increases with every change
	Kind  ChangeKind //
	Count int        // rows stored by the write
	From  model.Day  // days the write touched (events and members)
	To    model.Day
	At    time.Time // when it committed
}

// feed fans changes out to subscribers. A slow subscriber never blocks a
// writer: its buffer keeps the newest changes and drops the oldest.
type feed struct {
	mu     sync.Mutex
	subs   map[int]chan Change
	next   int
	seq    uint64
	closed bool
}

const feedBuffer = 64

// Subscribe returns a channel of changes committed from now on and a function
// that ends the subscription. The channel is closed when the store closes.
func (s *Store) Subscribe() (<-chan Change, func()) {
	f := &s.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	ch := make(chan Change, feedBuffer)
	if f.closed {
		close(ch)
		return ch, func() {}
	}
	if f.subs == nil {
		f.subs = map[int]chan Change{}
	}
	id := f.next
	f.next++
	f.subs[id] = ch
	return ch, func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if c, ok := f.subs[id]; ok {
			delete(f.subs, id)
			close(c)
		}
	}
}

func (f *feed) publish(c Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return
	}
	f.seq++
	c.Seq = f.seq
	c.At = time.Now()
	for _, ch := range f.subs {
		select {
		case ch <- c:
		default: // full: drop the oldest, keep the newest
			select {
			case <-ch:
			default:
			}
			select {
			case ch <- c:
			default:
			}
		}
	}
}

func (f *feed) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	for id, ch := range f.subs {
		close(ch)
		delete(f.subs, id)
	}
}

// Subscribers returns how many subscriptions are open: a session that ended
// must have released its own (tests of the SSH server count them).
func (s *Store) Subscribers() int {
	f := &s.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.subs)
}

// ChangeSeq returns the Seq of the last change announced (0 before any).
// Data read after ChangeSeq returned n includes every change up to n, since
// a change is announced only after its write committed.
func (s *Store) ChangeSeq() uint64 {
	f := &s.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.seq
}
