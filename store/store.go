// Package store keeps the cockpit's data in one bbolt file: member profiles,
// every event, a per-member summary (model.MemberHistory) and daily rollups,
// all maintained in the same transaction as the events they summarise, plus
// the operator's records (targets, plans, campaigns, retros) and an audit log.
//
// Layout (buckets, keys big-endian so cursors walk them in order):
//
//	meta        schema version, application tag, time zone, counters
//	members     seq(4) → profile            member_ids  id → seq(4)
//	history     seq(4) → MemberHistory + tail   events  chunk(4)+seq(4) → that member's events of one write, by time
//	orders      kind(1)+order_id → seq(4)   daily       day(4) → Rollup
//	targets, plans, campaigns, retros: id → JSON       audit  time(8)+n(4) → JSON
//	kpi_cache   rules+window → stamped model.Snapshot (kpicache.go; created on first use)
//
// Members get a dense sequence number in arrival order, so profile and summary
// writes land in key order; each write transaction's events form a new chunk at
// the end of the events tree, and each touched member's summary is written
// once per batch, in key order (see ingest.go for why).
//
// One process owns the file at a time (bbolt's file lock); a second one fails
// within Options.Timeout with an *OwnedError naming the owner. The store knows
// nothing of Bubble Tea: views learn of changes through Subscribe.
package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
)

// SchemaVersion is the layout version this code reads and writes. A file with a
// newer version is refused rather than misread.
const SchemaVersion = 1

// appTag marks a bbolt file as ours, so a foreign bbolt file is refused.
const appTag = "member-ops-cockpit"

var (
	bMeta      = []byte("meta")
	bMembers   = []byte("members")
	bMemberIDs = []byte("member_ids")
	bHistory   = []byte("history")
	bEvents    = []byte("events")
	bOrders    = []byte("orders")
	bDaily     = []byte("daily")
	bTargets   = []byte("targets")
	bPlans     = []byte("plans")
	bCampaigns = []byte("campaigns")
	bRetros    = []byte("retros")
	bAudit     = []byte("audit")

	allBuckets = [][]byte{bMeta, bMembers, bMemberIDs, bHistory, bEvents, bOrders, bDaily,
		bTargets, bPlans, bCampaigns, bRetros, bAudit}

	kSchema   = []byte("schema")
	kApp      = []byte("app")
	kTZ       = []byte("tz")
	kNextSeq  = []byte("next_seq")
	kFirstDay = []byte("first_day")
	kLastDay  = []byte("last_day")
	kEvents   = []byte("event_count")
	kChunk    = []byte("event_chunk")
)

// Errors callers may test with errors.Is.
var (
	// ErrNotCockpit means the file is a database of something else.
	ErrNotCockpit = errors.New("not a cockpit database")
	// ErrNewerSchema means the file was written by a newer cockpit.
	ErrNewerSchema = errors.New("database written by a newer cockpit")
	// ErrNoDatabase means a read-only open found no file.
	ErrNoDatabase = errors.New("no database")
	// ErrEmptyFile means the file exists but holds nothing (0 bytes): an
	// interrupted copy or a `touch`, not a database to write into silently.
	ErrEmptyFile = errors.New("empty file (0 bytes), not a cockpit database: delete it or choose another file")
	// ErrNoDirectory means the database's directory does not exist.
	ErrNoDirectory = errors.New("directory does not exist")
)

// Options control Open. The zero value opens read-write, creating the file in
// the machine's local zone, with a one-second lock timeout.
type Options struct {
	// ReadOnly opens with a shared lock: several readers may coexist, but not
	// with the owner. The file must exist.
	ReadOnly bool
	// Location is the zone for a new file; an existing file keeps its own.
	Location *time.Location
	// Timeout bounds the wait for the file lock (default 1 s).
	Timeout time.Duration
	// Owner describes this process for the message another one gets when it
	// finds the file taken (for example how to connect to `cockpit serve`).
	Owner OwnerInfo
	// Populate maps the whole file at open (MAP_POPULATE), which turns a cold
	// first scan from seconds into tens of milliseconds.
	Populate bool
	// Warm reads the file into the page cache on a goroutine after Open
	// returns, instead of Populate's read before it: an interactive session
	// draws its first frame at once, and Warmed says when whole-file scans
	// can run at disk speed. Ignored with Populate.
	Warm bool
}

// OwnerInfo is written beside the database by the process that owns it.
type OwnerInfo struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Command string    `json:"command"`
	Since   time.Time `json:"since"`
	// Connect tells others how to reach the data instead (e.g. "ssh -p 23234 host").
	Connect string `json:"connect,omitempty"`
}

// OwnedError is returned when another process holds the database.
type OwnedError struct {
	Path  string
	Owner *OwnerInfo // nil when the owner left no note, or a stale one
	// StalePID is the pid of a note whose process no longer runs (the lock is
	// then held by someone who left no note, such as a reader).
	StalePID int
}

func (e *OwnedError) Error() string {
	if e.Owner == nil {
		msg := fmt.Sprintf("%s is in use by another cockpit process (lock not released within the timeout)", e.Path)
		if e.StalePID != 0 {
			msg += fmt.Sprintf("; the owner note names pid %d, which is no longer running: a reader such as `cockpit kpi` or `cockpit export` may hold the file", e.StalePID)
		}
		return msg
	}
	msg := fmt.Sprintf("%s is in use by %q (pid %d on %s since %s)", e.Path, e.Owner.Command, e.Owner.PID,
		e.Owner.Host, e.Owner.Since.Format("2006-01-02 15:04:05"))
	if e.Owner.Connect != "" {
		msg += "; connect with: " + e.Owner.Connect
	} else {
		msg += "; close that cockpit first (only one process may own the file)"
	}
	return msg
}

// Store is an open cockpit database. It is safe for concurrent use: bbolt
// serialises writers, and the in-memory member-id index has its own lock.
type Store struct {
	db       *bolt.DB
	path     string
	loc      *time.Location
	readOnly bool

	mu sync.Mutex // serialises ingest and guards the fields below
	// idsMu guards ids, which the import's reader goroutine reads while a
	// batch commits.
	idsMu     sync.RWMutex
	ids       *idIndex            // member id → seq, loaded on first ingest
	orderSeed maphash.Seed        // for orderSet
	orderSet  map[uint64]struct{} // hashes of every stored (kind, order id)
	totals    sums                // totals of every stored amount (see sums)
	// dupWork counts the stored or batch records hashed or compared by
	// duplicate checks since Open: tests check that it grows linearly.
	dupWork int64
	slot    []int32      // scratch: seq → index of its work in a batch, or -1
	bulk    bool         // an import is running: keep work between batches
	work    []memberWork // scratch kept while bulk
	feed    feed
	closed  bool
	// warmed is closed when the background read of Options.Warm ends (nil
	// without it); stopWarm ends that read early (closed by Close).
	warmed   chan struct{}
	stopWarm chan struct{}
	// remembering: a RememberSnapshotsLater write is waiting or running.
	remembering atomic.Bool
}

// Open opens (read-write: creating) the database at path.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	switch fi, err := os.Stat(path); {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("open %s: is a directory, not a database file", path)
	case err == nil && fi.Size() == 0:
		return nil, fmt.Errorf("open %s: %w", path, ErrEmptyFile)
	case err != nil && opt.ReadOnly:
		return nil, fmt.Errorf("open %s: %w", path, ErrNoDatabase)
	case errors.Is(err, os.ErrNotExist):
		if dir := filepath.Dir(path); dir != "" {
			if _, derr := os.Stat(dir); derr != nil {
				return nil, fmt.Errorf("open %s: %s: %w", path, dir, ErrNoDirectory)
			}
		}
	}
	bo := &bolt.Options{
		Timeout:  opt.Timeout,
		ReadOnly: opt.ReadOnly,
		// The freelist is written with each commit (a few KB): without it,
		// every read-write open rebuilds it by walking and checking every
		// page, ~1 s of CPU at a million members before the first frame
		// (bbolt converts a file written without one at its first open).
		NoFreelistSync:  false,
		FreelistType:    bolt.FreelistMapType,
		InitialMmapSize: 1 << 30,
	}
	if opt.Populate {
		populate(bo, path)
	}
	db, err := bolt.Open(path, 0o600, bo)
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			oe := &OwnedError{Path: path}
			if o := readOwner(path); o != nil && !ownerAlive(o) {
				oe.StalePID = o.PID
			} else {
				oe.Owner = o
			}
			return nil, oe
		}
		if errors.Is(err, bolt.ErrInvalid) || errors.Is(err, bolt.ErrVersionMismatch) || errors.Is(err, bolt.ErrChecksum) {
			return nil, fmt.Errorf("open %s: %w (%v)", path, ErrNotCockpit, err)
		}
		// bbolt's own error already names the file: keep only its cause.
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, readOnly: opt.ReadOnly}
	if err := s.initMeta(opt.Location); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if opt.Warm && !opt.Populate {
		s.startWarm()
	}
	if !opt.ReadOnly {
		writeOwner(path, opt.Owner) // replaces any stale note
	} else if o := readOwner(path); o != nil && !ownerAlive(o) {
		os.Remove(ownerPath(path)) // we hold the lock: its writer is gone
	}
	return s, nil
}

// ownerAlive reports whether the process an owner note names may still run:
// it runs, or it is on another host (which cannot be checked from here).
func ownerAlive(o *OwnerInfo) bool {
	host, _ := os.Hostname()
	if o.Host != "" && host != "" && o.Host != host {
		return true
	}
	return processAlive(o.PID)
}

func (s *Store) initMeta(loc *time.Location) error {
	check := func(tx *bolt.Tx) (bool, error) {
		m := tx.Bucket(bMeta)
		if m == nil {
			// An empty bbolt file (no buckets at all) is ours to initialise; one
			// with other buckets belongs to something else.
			foreign := false
			tx.ForEach(func(name []byte, _ *bolt.Bucket) error { foreign = true; return nil })
			if foreign {
				return false, ErrNotCockpit
			}
			return false, nil
		}
		if string(m.Get(kApp)) != appTag {
			return false, ErrNotCockpit
		}
		v, err := strconv.Atoi(string(m.Get(kSchema)))
		if err != nil {
			return false, fmt.Errorf("%w: unreadable schema version", ErrNotCockpit)
		}
		if v > SchemaVersion {
			return false, fmt.Errorf("%w (schema %d, this cockpit reads %d): upgrade cockpit", ErrNewerSchema, v, SchemaVersion)
		}
		l, err := time.LoadLocation(string(m.Get(kTZ)))
		if err != nil {
			return false, fmt.Errorf("time zone %q of the database: %w", m.Get(kTZ), err)
		}
		s.loc = l
		return true, nil
	}
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		ok, err = check(tx)
		return err
	})
	if err != nil || ok {
		return err
	}
	if s.readOnly {
		return fmt.Errorf("%w: empty file", ErrNotCockpit)
	}
	if loc == nil {
		loc = time.Local
	}
	tz := loc.String()
	if tz == "Local" {
		tz = localZoneName()
	}
	if _, err := time.LoadLocation(tz); err != nil {
		tz = "UTC"
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		m := tx.Bucket(bMeta)
		m.Put(kApp, []byte(appTag))
		m.Put(kSchema, []byte(strconv.Itoa(SchemaVersion)))
		m.Put(kTZ, []byte(tz))
		l, err := time.LoadLocation(tz)
		if err != nil {
			return err
		}
		s.loc = l
		return nil
	})
}

// localZoneName finds an IANA name for the machine's zone, so the file records
// a zone that means the same on another machine.
func localZoneName() string {
	if tz := os.Getenv("TZ"); tz != "" {
		return tz
	}
	if p, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		for dir := p; dir != "/" && dir != "."; dir = filepath.Dir(dir) {
			if filepath.Base(dir) == "zoneinfo" {
				if rel, err := filepath.Rel(dir, p); err == nil {
					return rel
				}
			}
		}
	}
	return "UTC"
}

func ownerPath(db string) string { return db + ".owner" }

func writeOwner(path string, o OwnerInfo) {
	if o.PID == 0 {
		o.PID = os.Getpid()
	}
	if o.Host == "" {
		o.Host, _ = os.Hostname()
	}
	if o.Command == "" {
		o.Command = filepath.Base(os.Args[0])
	}
	if o.Since.IsZero() {
		o.Since = time.Now()
	}
	b, _ := json.Marshal(o)
	_ = os.WriteFile(ownerPath(path), b, 0o600) // best effort: only used for a friendlier message
}

func readOwner(path string) *OwnerInfo {
	b, err := os.ReadFile(ownerPath(path))
	if err != nil {
		return nil
	}
	var o OwnerInfo
	if json.Unmarshal(b, &o) != nil {
		return nil
	}
	return &o
}

// Close releases the file. Subscribers' channels are closed.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	if s.stopWarm != nil {
		close(s.stopWarm)
	}
	s.feed.close()
	if !s.readOnly {
		os.Remove(ownerPath(s.path))
	}
	return s.db.Close()
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Location is the store's zone: days are calendar days here.
func (s *Store) Location() *time.Location { return s.loc }

// ReadOnly reports whether the store was opened without write access.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Backup writes a consistent copy of the database to path (mode 0600) inside
// one read transaction, so writers and readers go on meanwhile.
func (s *Store) Backup(path string) error {
	tmp := path + ".tmp"
	err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(tmp, 0o600) })
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// WriteBackup writes a consistent copy of the database to w inside one read
// transaction (`backup -` over SSH) and returns the bytes written.
func (s *Store) WriteBackup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("backup: %w", err)
	}
	return n, nil
}

// Info is what the status bar and `kpi` need to know about the data.
type Info struct {
	Members  int64
	Events   int64
	FirstDay model.Day // first day with an event (valid when Events > 0)
	LastDay  model.Day // last day with an event
	Zone     string
}

// DefaultAsOf is the as-of day `kpi` and the cockpit start from: the day of
// the latest event, but never later than today (one event dated 2099 must not
// move every default figure into an empty future), and today when there is
// no event.
func (in Info) DefaultAsOf(today model.Day) model.Day {
	if in.Events > 0 && in.LastDay < today {
		return in.LastDay
	}
	return today
}

// Info reads the counters kept in meta.
func (s *Store) Info() (Info, error) {
	var in Info
	err := s.db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bMeta)
		in.Members = int64(getU64(m, kNextSeq))
		in.Events = int64(getU64(m, kEvents))
		in.FirstDay = model.Day(int32(getU64(m, kFirstDay)))
		in.LastDay = model.Day(int32(getU64(m, kLastDay)))
		in.Zone = s.loc.String()
		return nil
	})
	return in, err
}

func getU64(b *bolt.Bucket, k []byte) uint64 {
	v := b.Get(k)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func putU64(b *bolt.Bucket, k []byte, v uint64) error {
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], v)
	return b.Put(k, buf[:])
}

func seqKey(seq uint32) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], seq)
	return k[:]
}

// dayKey orders days (which may be negative before 1970) as unsigned keys.
func dayKey(d model.Day) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], uint32(int32(d))^0x80000000)
	return k[:]
}

func keyDay(k []byte) model.Day {
	return model.Day(int32(binary.BigEndian.Uint32(k) ^ 0x80000000))
}
