package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store/rows"
)

// ImportOptions control ImportFile. Zero values detect kind, format,
// encoding and delimiter, and take the default limits.
type ImportOptions struct {
	Kind      rows.Kind
	Format    rows.Format
	Encoding  rows.Encoding
	Delimiter byte // 0: detect (',' '\t' ';' '|')
	// Sheet is the sheet of an Excel workbook to read (default: the first).
	Sheet string
	// AllowFuture accepts events after the import day (planned events, a
	// till with a wrong clock); by default they are rejected.
	AllowFuture bool
	// MaxAmountFen and MaxPoints are the per-row ceilings (0: the defaults of
	// rows.Options).
	MaxAmountFen int64
	MaxPoints    int64
	// InsertOnly keeps a stored member as it is when a row names its id (the
	// row is a duplicate); by default the fields that changed are updated.
	InsertOnly bool
	// Now is the moment of the import (zero: time.Now()): its day is the
	// import day.
	Now time.Time
	// BatchSize is the number of rows per write transaction: for members
	// (default 200,000), large batches mean fewer rewrites of the summaries
	// each batch touches; for events, the most a transaction of the bulk
	// path stores (default 2,000,000; a member's events are never split),
	// which writes each member's summary once per file whatever the size.
	BatchSize int
	// Progress, if set, is called about twice a second from the reading goroutine.
	Progress func(ImportProgress)

	knobs bulkKnobs // partition sizes of an events import (tests make them tiny)
}

// ImportProgress is a progress report for a long import. An events file is
// stored in two stages: reading (Rows and Bytes of TotalSize move) and then
// storing (Storing is true; Done of Total events and order ids are in the
// database), each about half of the time.
type ImportProgress struct {
	Rows      int
	Bytes     int64
	TotalSize int64 // 0 when unknown
	Elapsed   time.Duration
	Storing   bool
	Done      int
	Total     int
}

// ImportSummary is what an import did. Every data row of the file is counted
// in exactly one of Stored, Updated, Duplicates and Rejected, which add up to
// Read.
type ImportSummary struct {
	File        string
	Kind        rows.Kind
	Encoding    rows.Encoding
	Delimiter   byte     // 0 for JSON Lines and workbooks
	Sheet       string   // the sheet read, for an Excel workbook
	Sheets      []string // the workbook's sheets
	Read        int      // data rows read
	Stored      int
	Updated     int // members whose stored details changed
	Duplicates  int
	Rejected    int
	RejectsFile string // set when Rejected > 0
	Elapsed     time.Duration
}

// RowsPerSecond is the end-to-end throughput of the import.
func (s ImportSummary) RowsPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Read) / s.Elapsed.Seconds()
}

// RejectsPath is where the rejected rows of input go.
func RejectsPath(input string) string { return input + ".rejects.csv" }

// batch is a run of decoded rows handed from the reader to the writer. The
// reader has already resolved each event's member, so every row that can be
// rejected is rejected while its raw fields are at hand.
type batch struct {
	members []model.Member
	events  []model.Event
	seqs    []uint32   // member seq of each event
	lines   []int      // line of each member/event
	bad     []rows.Row // rejected rows (Raw copied)
}

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// ImportFile imports one members or events file for actor a, who needs the
// editor role. Valid rows are stored (members whose id is stored update the
// fields that changed, unless opt.InsertOnly), each rejected row goes
// unchanged to RejectsPath(path) with its line and reason, and a fatal error
// (unreadable file, unusable header, a store failure) is returned as the
// error; rows stored before a fatal store error stay stored and consistent,
// since every batch is one transaction. A finished import is recorded in the
// audit log with its counts.
func (s *Store) ImportFile(a Actor, path string, opt ImportOptions) (sum ImportSummary, err error) {
	start := time.Now()
	sum = ImportSummary{File: path}
	if err := s.allow(a, Editor); err != nil {
		return sum, fmt.Errorf("import %s: %w", path, s.refused(a, "import", path, err))
	}
	f, err := os.Open(path)
	if err != nil {
		return sum, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	cr := &countingReader{r: f}
	rd, sheet, err := openTable(f, cr, path, opt.Sheet, opt.readerOptions(s.loc))
	if err != nil {
		return sum, fmt.Errorf("import %w", err) // the reader's errors start with the file's name
	}
	progressSize := size
	if sheet != nil {
		defer sheet.Close()
		sum.Sheet, sum.Sheets = sheet.Sheet(), sheet.Sheets()
		progressSize = 0 // a workbook is not read through cr: progress in rows only
	}
	sum.Kind, sum.Encoding, sum.Delimiter = rd.Kind(), rd.Encoding(), rd.Delimiter()
	defer func() {
		// A panic must not reach the user nor leave the file half-done: every
		// batch is its own transaction, so what was stored stays consistent.
		if p := recover(); p != nil {
			err = fmt.Errorf("import %s: internal error: %v", path, p)
		}
		// Audited when it read rows, also when an error stopped it after some
		// were stored.
		if sum.Read > 0 && (err == nil || sum.Stored+sum.Updated > 0) {
			detail := fmt.Sprintf("%s, %s: read %d, stored %d, updated %d, duplicates %d, rejected %d",
				sum.Kind, sum.Encoding, sum.Read, sum.Stored, sum.Updated, sum.Duplicates, sum.Rejected)
			if err != nil {
				detail += "; stopped by an error: " + err.Error()
			}
			object := path
			if abs, err := filepath.Abs(path); err == nil {
				object = abs
			}
			if aerr := s.Audit(a, "import", object, detail); aerr != nil && err == nil {
				err = fmt.Errorf("import %s: audit: %w", path, aerr)
			}
		}
	}()
	fields := MemberFieldsOf(rd)
	rejPath := RejectsPath(path)
	os.Remove(rejPath) // a stale file from an earlier run would mislead
	var rejFile *os.File
	var rej *rows.RejectWriter
	reject := func(r *rows.Row) error {
		if rej == nil {
			var err error
			if rejFile, err = os.OpenFile(rejPath, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600); err != nil {
				return fmt.Errorf("rejects file: %w", err)
			}
			rej = rows.NewRejectWriter(rejFile, rd.RejectHeader())
		}
		sum.Rejected++
		return rej.Write(r)
	}
	size0 := opt.BatchSize
	if size0 <= 0 {
		size0 = 1_000_000
		if rd.Kind() == rows.Members {
			size0 = 200_000
		}
	}

	if v, err := strconv.Atoi(os.Getenv("COCKPIT_BATCH")); err == nil && v > 0 {
		size0 = v // for benchmarking batch sizes
	}
	// Rows in this file, roughly, so batches are allocated once, not grown
	// (an estimate only: a file of short rows holds more, and the batch grows).
	// Rows of a shop's export are often shorter than 48 bytes (numeric ids, no
	// channel): guessing 32 keeps a full batch from growing once it is nearly
	// full, which briefly held two copies of a 100 MB slice.
	estimate := size/32 + 16
	s.mu.Lock()
	s.bulk = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.bulk, s.work = false, nil
		s.mu.Unlock()
	}()
	progress := func(n int) {
		if opt.Progress != nil {
			opt.Progress(ImportProgress{Rows: n, Bytes: cr.n.Load(), TotalSize: progressSize, Elapsed: time.Since(start)})
		}
	}
	var lastStoring time.Time
	storing := func(done, total int) {
		if opt.Progress == nil || (done < total && time.Since(lastStoring) < 500*time.Millisecond) {
			return
		}
		lastStoring = time.Now()
		opt.Progress(ImportProgress{Rows: sum.Read, Bytes: cr.n.Load(), TotalSize: progressSize, Elapsed: time.Since(start),
			Storing: true, Done: done, Total: total})
	}
	var fatal error
	if rd.Kind() == rows.Events {
		fatal = s.importEvents(rd, path, size, opt, reject, progress, storing, &sum)
	} else {
		fatal = s.importMembers(rd, path, opt, fields, size0, int(estimate), reject, progress, a, &sum)
	}
	if rej != nil {
		if err := rej.Flush(); err != nil && fatal == nil {
			fatal = fmt.Errorf("rejects file %s: %w", rejPath, err)
		}
		if err := rejFile.Close(); err != nil && fatal == nil {
			fatal = fmt.Errorf("rejects file %s: %w", rejPath, err)
		}
		sum.RejectsFile = rejPath
	}
	sum.Encoding = rd.Encoding() // decided at the first non-ASCII byte, which may come late
	sum.Elapsed = time.Since(start)
	return sum, fatal
}

// importMembers imports a members file in batches of size0 rows, one
// transaction each.
func (s *Store) importMembers(rd *rows.Reader, path string, opt ImportOptions, fields MemberFields, size0, estimate int,
	reject func(*rows.Row) error, progress func(int), a Actor, sum *ImportSummary) error {
	// Unbuffered: the reader fills the next batch while the writer stores
	// this one, and no third batch waits in between (a million-row batch is
	// ~150 MB of decoded rows).
	batches := make(chan *batch)
	readErr := make(chan error, 1)
	stop := make(chan struct{})
	halt := sync.OnceFunc(func() { close(stop) })
	defer halt() // whatever ends this function (a panic too) ends the reader
	go func() {
		defer close(batches)
		defer func() {
			if p := recover(); p != nil {
				readErr <- fmt.Errorf("import %s: internal error reading: %v", path, p)
			}
		}()
		readErr <- s.readBatches(rd, path, size0, estimate, batches, stop, progress)
	}()
	var fatal error
	for b := range batches {
		if fatal != nil {
			continue // drain so the reader can finish
		}
		res, err := s.IngestMembersWith(b.members, MemberIngest{Update: !opt.InsertOnly, Fields: fields, Actor: a})
		if err != nil {
			fatal = fmt.Errorf("import %s, the batch of lines %d to %d (nothing of it stored): %w", path, firstLine(b), lastLine(b), err)
			halt()
			continue
		}
		bad := b.bad
		for i, r := range res {
			switch r.Outcome {
			case Stored:
				sum.Stored++
			case Updated:
				sum.Updated++
			case Duplicate:
				sum.Duplicates++
			case Rejected: // rare: the reader rejects most of what the store would
				bad = append(bad, rows.Row{Line: b.lines[i],
					Err: &rows.FieldError{File: path, Line: b.lines[i], Field: r.Field, Reason: r.Reason}})
			}
		}
		slices.SortFunc(bad, func(x, y rows.Row) int { return x.Line - y.Line })
		for i := range bad {
			if err := reject(&bad[i]); err != nil {
				fatal = fmt.Errorf("import %s: %w", path, err)
				halt()
				break
			}
		}
		sum.Read += len(res) + len(b.bad)
	}
	if err := <-readErr; err != nil && fatal == nil {
		fatal = err
	}
	return fatal
}

func firstLine(b *batch) int {
	if len(b.lines) > 0 {
		return b.lines[0]
	}
	return 0
}

func lastLine(b *batch) int {
	if len(b.lines) > 0 {
		return b.lines[len(b.lines)-1]
	}
	return 0
}

// readerOptions are the rows.Options of an import into a store in loc.
func (opt ImportOptions) readerOptions(loc *time.Location) rows.Options {
	return rows.Options{Kind: opt.Kind, Format: opt.Format, Encoding: opt.Encoding, Delimiter: opt.Delimiter,
		Loc: loc, Now: opt.Now, AllowFuture: opt.AllowFuture, MaxAmountFen: opt.MaxAmountFen, MaxPoints: opt.MaxPoints}
}

var errStopped = errors.New("stopped")

// readBatches decodes rows into batches of n and sends them on out.
func (s *Store) readBatches(rd *rows.Reader, file string, n, estimate int, out chan<- *batch, stop <-chan struct{}, progress func(int)) error {
	kind := rd.Kind()
	newBatch := func() *batch {
		c := min(n, max(estimate, 1024))
		b := &batch{lines: make([]int, 0, c)}
		if kind == rows.Members {
			b.members = make([]model.Member, 0, c)
		} else {
			b.events = make([]model.Event, 0, c)
			b.seqs = make([]uint32, 0, c)
		}
		return b
	}
	b := newBatch()
	total := 0
	lastReport := time.Now()
	send := func() error {
		select {
		case out <- b:
		case <-stop:
			return errStopped
		}
		estimate -= len(b.lines) + len(b.bad)
		b = newBatch()
		return nil
	}
	for {
		r, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		total++
		if r.Err == nil && kind == rows.Events {
			seq, ok := s.lookupSeq(r.Event.MemberID)
			if !ok {
				r.Err = &rows.FieldError{File: file, Line: r.Line, Field: "member_id", Value: r.Event.MemberID,
					Reason: unknownMember(r.Event.MemberID)}
			} else {
				b.events = append(b.events, r.Event)
				b.seqs = append(b.seqs, seq)
			}
		} else if r.Err == nil {
			b.members = append(b.members, r.Member)
		}
		if r.Err != nil {
			bad := *r
			bad.Raw = slices.Clone(r.Raw)
			b.bad = append(b.bad, bad)
		} else {
			b.lines = append(b.lines, r.Line)
		}
		if len(b.lines)+len(b.bad) >= n {
			if err := send(); err != nil {
				return nil
			}
		}
		if total&4095 == 0 && time.Since(lastReport) > 500*time.Millisecond {
			lastReport = time.Now()
			progress(total)
		}
	}
	if len(b.lines)+len(b.bad) > 0 {
		if err := send(); err != nil {
			return nil
		}
	}
	progress(total)
	return nil
}

// DetectKind reads just the header of a file to tell members from events (an
// import given both files takes members first).
func DetectKind(path string, opt ImportOptions) (rows.Kind, error) {
	f, err := os.Open(path)
	if err != nil {
		return rows.Auto, err
	}
	defer f.Close()
	rd, sheet, err := openTable(f, f, path, opt.Sheet, opt.readerOptions(time.UTC))
	if err != nil {
		return rows.Auto, err
	}
	if sheet != nil {
		sheet.Close()
	}
	return rd.Kind(), nil
}
