package store

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store/rows"
)

// The bulk path of an events file import. The incremental path (a batch per
// transaction, each touched member's summary rewritten per batch) costs
// batches × touched members: on an export whose events are in time order and
// whose members are drawn uniformly, every 1 M-row batch touched 63 % of a
// million members, so a 10 M-row file rewrote nearly every summary ten times
// and bbolt held most of the summary bucket dirty in every transaction
// (BENCHMARKS.md, issue 9). The bulk path writes each touched member's summary
// once per file, in key order, in memory bounded by its partitions, not by the
// file:
//
//  1. Pass 1 reads and checks the file as the incremental path does (the
//     reader resolves each member, every refused row goes to the rejects file
//     at once), and spills each accepted event, with its line, to one of P
//     temporary partition files by member seq range. Order ids go, with their
//     lines, into sorted runs of bounded size.
//  2. The runs are merged in (order key, line) order: the first line of each
//     key not already stored wins, every other line is a Duplicate (the file
//     order rule of the incremental path, across members and partitions). The
//     winners are kept in key order in one more file.
//  3. Partition by partition, in seq order, the events go through the same
//     member-by-member code as a live batch (ingestLocked), one transaction per
//     partition (or per seq range of at most rangeEvents events), so every
//     summary, record, rollup and campaign figure is the one the incremental
//     path computes; each partition's chunk keys follow the previous one's.
//  4. The winning order ids that were stored go into the order index in key
//     order, a transaction per million keys.
//
// The whole of steps 2–4 holds s.mu, so a live batch cannot slip an order id
// in between the duplicate check and the index.

const (
	defaultPartBytes   = 16 << 20 // input bytes per partition (≈ 330k short rows)
	defaultRunBytes    = 32 << 20 // order keys buffered before a sorted run is written
	defaultRangeEvents = 2_000_000
	maxSpillParts      = 1024
	// Order keys arrive in key order, so each transaction appends to the
	// right edge of the index; bbolt keeps a transaction's new keys in one
	// in-memory node until the commit splits it, and a put seeks within that
	// node: small transactions keep it small (1 M keys a transaction cost
	// 3× the CPU of 64k).
	orderPutsPerTx = 1 << 16
)

// bulkKnobs size the bulk import's partitions; tests make them tiny to cross
// every boundary with little data. Zero fields take the defaults.
type bulkKnobs struct {
	partBytes   int64 // input bytes per member partition
	runBytes    int   // bytes of order keys per sorted run
	rangeEvents int   // events per write transaction, at most (a member's events are never split)
}

// importEvents is the bulk import of an events file (see above). reject
// writes one rejected row; progress reports rows read (pass 1), storing the
// events and order ids stored of those to store (pass 2 and the order index).
func (s *Store) importEvents(rd *rows.Reader, path string, size int64, opt ImportOptions,
	reject func(*rows.Row) error, progress func(int), storing func(done, total int), sum *ImportSummary) (err error) {
	k := opt.knobs
	if k.partBytes <= 0 {
		k.partBytes = defaultPartBytes
	}
	if k.runBytes <= 0 {
		k.runBytes = defaultRunBytes
	}
	if k.rangeEvents <= 0 {
		k.rangeEvents = defaultRangeEvents
		if opt.BatchSize > 0 {
			k.rangeEvents = opt.BatchSize
		}
	}
	if v, err := strconv.Atoi(os.Getenv("COCKPIT_BATCH")); err == nil && v > 0 {
		k.rangeEvents = v // for benchmarking transaction sizes
	}
	if err := s.resolve(nil, nil); err != nil { // load the member index before reading
		return fmt.Errorf("import %s: %w", path, err)
	}
	// Beside the database (a disk that holds the database holds its spill,
	// about 30 bytes an event), else in the system's temporary directory.
	sweepSpills(s.path)
	dir, err := os.MkdirTemp(filepath.Dir(s.path), spillPrefix(s.path)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		if dir, err = os.MkdirTemp("", "cockpit-import-"); err != nil {
			return fmt.Errorf("import %s: temporary files: %w", path, err)
		}
	}
	defer os.RemoveAll(dir)

	members := s.memberCount()
	parts := int(min(max(size/k.partBytes+1, 1), maxSpillParts))
	parts = min(parts, max(members, 1))
	sp := &spill{per: max((members+parts-1)/parts, 1)}
	defer sp.close()
	for p := 0; p < parts; p++ {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("part-%04d", p)))
		if err != nil {
			return fmt.Errorf("import %s: temporary files: %w", path, err)
		}
		sp.files = append(sp.files, f)
		sp.w = append(sp.w, bufio.NewWriterSize(f, 64<<10))
	}
	runs := &orderRuns{dir: dir, limit: k.runBytes}

	if err := s.bulkRead(rd, path, sp, runs, reject, progress, sum); err != nil {
		return err
	}
	if err := sp.flush(); err != nil {
		return fmt.Errorf("import %s: temporary files: %w", path, err)
	}
	if err := runs.finish(); err != nil {
		return fmt.Errorf("import %s: temporary files: %w", path, err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadIndexes(); err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	defer func() {
		// The in-memory order set lacks the keys this import indexed (adding
		// them would make memory grow with the file): it is dropped, and
		// loaded again by the next write that needs it. The member index
		// stays: another import may be reading with it.
		s.orderSet = nil
	}()
	winners := filepath.Join(dir, "orders")
	dups, err := s.orderDuplicates(runs, winners)
	if err != nil {
		return fmt.Errorf("import %s: order ids: %w", path, err)
	}

	changed := Change{Kind: ChangeEvents, From: model.Day(1<<31 - 1), To: model.Day(-1 << 31)}
	defer func() {
		if changed.Count > 0 {
			s.feed.publish(changed)
		}
	}()
	refused := map[int]struct{}{} // lines of winning order ids not stored after all
	var late []rows.Row           // rows the store refused in pass 2 (an overflowing total)
	// A goroutine reads and decodes the next range while this one stores
	// the current one (the channel holds none: two decoded ranges at most).
	toStore := runs.n
	for _, c := range sp.count {
		toStore += c
	}
	done := 0
	storing(done, toStore)
	ready := make(chan *decoded)
	quit := make(chan struct{})
	defer close(quit)
	go s.decodeParts(sp, dups, k.rangeEvents, ready, quit)
	for d := range ready {
		if d.err != nil {
			return fmt.Errorf("import %s: temporary files: %w", path, d.err)
		}
		if len(d.ins) == 0 {
			continue
		}
		ins, lines, r, res := d.ins, d.lines, d.r, d.res
		c, err := s.ingestLocked(nil, ins, res, false)
		if err != nil {
			// The ranges before this one are stored: so are their order ids.
			if perr := s.putOrders(winners, refused, r.lo, func(int) {}); perr != nil {
				err = errors.Join(err, fmt.Errorf("order index: %w", perr))
			}
			return fmt.Errorf("import %s: the events of members %d to %d (%d events) and of every later member were not stored; the earlier ones were: %w",
				path, r.lo, r.hi-1, len(ins), err)
		}
		if c.Count > 0 {
			changed.Count += c.Count
			changed.From, changed.To = min(changed.From, c.From), max(changed.To, c.To)
		}
		for i, r := range res {
			switch r.Outcome {
			case Stored:
				sum.Stored++
			case Duplicate:
				sum.Duplicates++
			case Rejected:
				late = append(late, rows.Row{Line: lines[i],
					Err: &rows.FieldError{File: path, Line: lines[i], Field: r.Field, Reason: r.Reason}})
			}
			if r.Outcome != Stored && ins[i].order && ins[i].seq != noSeq {
				refused[lines[i]] = struct{}{}
			}
		}
		done += len(ins)
		storing(done, toStore)
	}
	// Rows refused this late (rare: a total that would overflow) follow the
	// rows rejected while reading, in line order among themselves.
	slices.SortFunc(late, func(x, y rows.Row) int { return x.Line - y.Line })
	for i := range late {
		if err := reject(&late[i]); err != nil {
			return fmt.Errorf("import %s: %w", path, err)
		}
	}
	if err := s.putOrders(winners, refused, noSeq, func(keys int) {
		done = min(done+keys, toStore)
		storing(done, toStore)
	}); err != nil {
		return fmt.Errorf("import %s: order index: %w", path, err)
	}
	return nil
}

// decoded is one seq range of a partition, ready to store: its events
// ordered by member, each member's in file order.
type decoded struct {
	r     seqRange
	ins   []evIn
	lines []int
	res   []Result // preset: Duplicate for an order id seen earlier
	err   error
}

// decodeParts reads the partitions in seq order and sends each seq range's
// events, the order-id duplicates (lines dups) marked, on out.
func (s *Store) decodeParts(sp *spill, dups []int, rangeEvents int, out chan<- *decoded, quit <-chan struct{}) {
	defer close(out)
	send := func(d *decoded) bool {
		select {
		case out <- d:
			return true
		case <-quit:
			return false
		}
	}
	for p := range sp.files {
		data, err := os.ReadFile(sp.files[p].Name())
		if err == nil {
			for _, r := range sp.ranges(p, rangeEvents) {
				var d *decoded
				if d, err = sp.decodeRange(data, r, dups); err != nil {
					break
				}
				if !send(d) {
					return
				}
			}
		}
		if err != nil {
			send(&decoded{err: err})
			return
		}
	}
}

// decodeRange decodes the events of range r in data, ordered by member
// (a counting sort on seq: stable, so each member's events keep file
// order), their records copied in that order. An order-id duplicate's
// outcome is set already.
func (sp *spill) decodeRange(data []byte, r seqRange, dups []int) (*decoded, error) {
	// The first event and record byte of each member.
	at := make([]int32, 2*(r.hi-r.lo))
	evAt, byteAt := at[:r.hi-r.lo], at[r.hi-r.lo:]
	var nEv, nBytes int32
	for seq := r.lo; seq < r.hi; seq++ {
		evAt[seq-r.lo], byteAt[seq-r.lo] = nEv, nBytes
		nEv += sp.perSeq[seq].events
		nBytes += sp.perSeq[seq].bytes
	}
	d := &decoded{r: r, ins: make([]evIn, nEv), lines: make([]int, nEv), res: make([]Result, nEv)}
	recs := make([]byte, nBytes)
	for b := data; len(b) > 0; {
		line, seq, rec, size, err := nextSpilled(b)
		if err != nil {
			return nil, err
		}
		if seq < r.lo || seq >= r.hi {
			b = b[size:]
			continue
		}
		j, o := evAt[seq-r.lo], byteAt[seq-r.lo]
		evAt[seq-r.lo]++
		byteAt[seq-r.lo] += int32(rec.size)
		if j >= nEv || int(o)+rec.size > len(recs) {
			return nil, errCorrupt // the counts of pass 1 say otherwise
		}
		dst := recs[o : int(o)+rec.size : int(o)+rec.size]
		copy(dst, b[size-rec.size:size])
		b = b[size:]
		if len(rec.campaign) > 0 { // the record's last field: now in dst
			rec.campaign = dst[len(dst)-len(rec.campaign):]
		}
		d.ins[j].setRaw(dst, &rec)
		d.ins[j].seq = seq
		d.lines[j] = line
		if rec.order != nil {
			if _, dup := slices.BinarySearch(dups, line); dup {
				d.res[j] = Result{Outcome: Duplicate}
				d.ins[j].seq = noSeq
			}
		}
	}
	return d, nil
}

// bulkRead is pass 1: read, check and spill every row of the file.
func (s *Store) bulkRead(rd *rows.Reader, path string, sp *spill, runs *orderRuns,
	reject func(*rows.Row) error, progress func(int), sum *ImportSummary) error {
	// The reader goroutine decodes and resolves small batches while this one
	// spills the previous batch.
	batches := make(chan *batch, 1)
	readErr := make(chan error, 1)
	stop := make(chan struct{})
	defer func() {
		close(stop)
		for range batches { // let the reader finish
		}
	}()
	go func() {
		defer close(batches)
		defer func() {
			if p := recover(); p != nil {
				readErr <- fmt.Errorf("import %s: internal error reading: %v", path, p)
			}
		}()
		const n = 1 << 16
		readErr <- s.readBatches(rd, path, n, math.MaxInt/2, batches, stop, progress)
	}()
	var bad []rows.Row
	for b := range batches {
		bad = append(bad[:0], b.bad...)
		for i := range b.events {
			e := &b.events[i]
			if r, refused := refusal(e); refused {
				bad = append(bad, rows.Row{Line: b.lines[i],
					Err: &rows.FieldError{File: path, Line: b.lines[i], Field: r.Field, Reason: r.Reason}})
				continue
			}
			if err := sp.add(b.lines[i], b.seqs[i], e); err != nil {
				return fmt.Errorf("import %s: temporary files: %w", path, err)
			}
			if e.OrderID != "" {
				if err := runs.add(e, b.lines[i], b.seqs[i]); err != nil {
					return fmt.Errorf("import %s: temporary files: %w", path, err)
				}
			}
		}
		slices.SortFunc(bad, func(x, y rows.Row) int { return x.Line - y.Line })
		for i := range bad {
			if err := reject(&bad[i]); err != nil {
				return fmt.Errorf("import %s: %w", path, err)
			}
		}
		sum.Read += len(b.lines) + len(b.bad)
	}
	return <-readErr
}

// spill holds the partition files of pass 1: partition p holds the events of
// members p·per to (p+1)·per−1, in file order, each as uvarint line, uvarint
// seq and the stored event record.
type spill struct {
	per   int
	files []*os.File
	w     []*bufio.Writer
	buf   []byte
	count []int // events per partition
	// Events and record bytes per member seq (8 bytes per member, not per
	// event): pass 2 places each record at its member's place at once.
	perSeq []seqCount
}

// seqCount is one member's spilled events and record bytes.
type seqCount struct{ events, bytes int32 }

func (sp *spill) add(line int, seq uint32, e *model.Event) error {
	p := int(seq) / sp.per
	if p >= len(sp.w) {
		p = len(sp.w) - 1 // a member added while reading
	}
	b := binary.AppendUvarint(sp.buf[:0], uint64(line))
	b = binary.AppendUvarint(b, uint64(seq))
	hdr := len(b)
	b = appendEventRecord(b, e)
	sp.buf = b
	if sp.count == nil {
		sp.count = make([]int, len(sp.w))
	}
	sp.count[p]++
	if int(seq) >= len(sp.perSeq) {
		n := max(int(seq)+1, len(sp.w)*sp.per, len(sp.perSeq)+len(sp.perSeq)/4)
		sp.perSeq = append(sp.perSeq, make([]seqCount, n-len(sp.perSeq))...)
	}
	c := &sp.perSeq[seq]
	c.events++
	c.bytes += int32(len(b) - hdr)
	_, err := sp.w[p].Write(b)
	return err
}

func (sp *spill) flush() error {
	for _, w := range sp.w {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func (sp *spill) close() {
	for _, f := range sp.files {
		f.Close()
	}
}

// seqRange is a half-open range of member seqs and the number of spilled
// events in it.
type seqRange struct {
	lo, hi uint32
	n      int
}

// ranges cuts partition p into seq ranges of at most max events each,
// unless one member alone has more.
func (sp *spill) ranges(p, max int) []seqRange {
	lo := uint32(p * sp.per)
	hi := uint32(min(len(sp.perSeq), (p+1)*sp.per))
	if p == len(sp.w)-1 {
		hi = uint32(len(sp.perSeq)) // members added while reading too
	}
	var out []seqRange
	cur, n := lo, 0
	for seq := lo; seq < hi; seq++ {
		c := int(sp.perSeq[seq].events)
		if n > 0 && n+c > max {
			out = append(out, seqRange{cur, seq, n})
			cur, n = seq, 0
		}
		n += c
	}
	if n > 0 {
		out = append(out, seqRange{cur, hi, n})
	}
	return out
}

// nextSpilled decodes the spilled event at the start of b and its size.
func nextSpilled(b []byte) (line int, seq uint32, rec rawEvent, n int, err error) {
	l, n1 := binary.Uvarint(b)
	if n1 <= 0 {
		return 0, 0, rawEvent{}, 0, errCorrupt
	}
	q, n2 := binary.Uvarint(b[n1:])
	if n2 <= 0 || q > uint64(noSeq) {
		return 0, 0, rawEvent{}, 0, errCorrupt
	}
	rec, err = nextEvent(b[n1+n2:])
	if err != nil {
		return 0, 0, rawEvent{}, 0, err
	}
	if len(rec.order) == 0 {
		rec.order = nil
	}
	return int(l), uint32(q), rec, n1 + n2 + rec.size, nil
}

// orderRuns collects (order key, line, member seq) entries in file order and writes them
// as sorted runs of at most limit bytes.
type orderRuns struct {
	dir   string
	limit int
	buf   []byte // entries: uvarint key length, key, uvarint line, uvarint seq
	offs  []int  // entry offsets in buf
	files []string
	key   []byte
	n     int // entries added
}

func (o *orderRuns) add(e *model.Event, line int, seq uint32) error {
	o.n++
	o.key = append(append(o.key[:0], byte(e.Kind)), e.OrderID...)
	o.offs = append(o.offs, len(o.buf))
	o.buf = binary.AppendUvarint(o.buf, uint64(len(o.key)))
	o.buf = append(o.buf, o.key...)
	o.buf = binary.AppendUvarint(o.buf, uint64(line))
	o.buf = binary.AppendUvarint(o.buf, uint64(seq))
	if len(o.buf)+8*len(o.offs) >= o.limit {
		return o.write()
	}
	return nil
}

// entry returns the key at off.
func (o *orderRuns) entryKey(off int) []byte {
	n, k := binary.Uvarint(o.buf[off:])
	return o.buf[off+k : off+k+int(n)]
}

// write sorts the buffered entries by key (stably: equal keys keep file
// order) and writes them as one run.
func (o *orderRuns) write() error {
	if len(o.offs) == 0 {
		return nil
	}
	slices.SortStableFunc(o.offs, func(a, b int) int { return bytes.Compare(o.entryKey(a), o.entryKey(b)) })
	name := filepath.Join(o.dir, fmt.Sprintf("run-%04d", len(o.files)))
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	for _, off := range o.offs {
		n, k := binary.Uvarint(o.buf[off:])
		end := off + k + int(n)
		_, l := binary.Uvarint(o.buf[end:])
		_, q := binary.Uvarint(o.buf[end+l:])
		w.Write(o.buf[off : end+l+q])
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	o.files = append(o.files, name)
	o.buf, o.offs = o.buf[:0], o.offs[:0]
	return nil
}

// finish writes the last run and frees the buffer.
func (o *orderRuns) finish() error {
	err := o.write()
	o.buf, o.offs = nil, nil
	return err
}

// runReader reads one sorted run.
type runReader struct {
	f    *os.File
	r    *bufio.Reader
	key  []byte
	line int
	seq  uint32
}

func (r *runReader) next() (bool, error) {
	n, err := binary.ReadUvarint(r.r)
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if n > rows.MaxIDBytes+1 {
		return false, errCorrupt
	}
	r.key = slices.Grow(r.key[:0], int(n))[:n]
	if _, err := io.ReadFull(r.r, r.key); err != nil {
		return false, err
	}
	l, err := binary.ReadUvarint(r.r)
	if err != nil {
		return false, err
	}
	q, err := binary.ReadUvarint(r.r)
	if err != nil {
		return false, err
	}
	r.line, r.seq = int(l), uint32(q)
	return true, nil
}

// runHeap orders run readers by (key, line).
type runHeap []*runReader

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	if c := bytes.Compare(h[i].key, h[j].key); c != 0 {
		return c < 0
	}
	return h[i].line < h[j].line
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// orderDuplicates merges the runs: for each order key, every line after the
// first, and the first too when the key is stored already, is a duplicate.
// It returns the duplicate lines in ascending order and writes the winning
// (key, line) pairs in key order to the file winners. s.mu is held.
func (s *Store) orderDuplicates(runs *orderRuns, winners string) ([]int, error) {
	var h runHeap
	defer func() {
		for _, r := range h {
			r.f.Close()
		}
	}()
	for _, name := range runs.files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		r := &runReader{f: f, r: bufio.NewReaderSize(f, 256<<10)}
		ok, err := r.next()
		if err != nil {
			f.Close()
			return nil, err
		}
		if !ok {
			f.Close()
			continue
		}
		h = append(h, r)
	}
	heap.Init(&h)
	wf, err := os.Create(winners)
	if err != nil {
		return nil, err
	}
	defer wf.Close()
	w := bufio.NewWriterSize(wf, 256<<10)
	var dups []int
	var prev []byte
	havePrev := false
	var buf []byte
	err = s.db.View(func(tx *bolt.Tx) error {
		ordB := tx.Bucket(bOrders)
		for len(h) > 0 {
			r := h[0]
			switch {
			case havePrev && bytes.Equal(r.key, prev):
				dups = append(dups, r.line)
			default:
				prev, havePrev = append(prev[:0], r.key...), true
				stored := false
				if _, maybe := s.orderSet[maphash.Bytes(s.orderSeed, r.key)]; maybe {
					stored = ordB.Get(r.key) != nil
				}
				if stored {
					dups = append(dups, r.line)
					break
				}
				buf = binary.AppendUvarint(buf[:0], uint64(len(r.key)))
				buf = append(buf, r.key...)
				buf = binary.AppendUvarint(buf, uint64(r.line))
				buf = binary.AppendUvarint(buf, uint64(r.seq))
				if _, err := w.Write(buf); err != nil {
					return err
				}
			}
			ok, err := r.next()
			if err != nil {
				return err
			}
			if ok {
				heap.Fix(&h, 0)
			} else {
				r.f.Close()
				heap.Pop(&h)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	slices.Sort(dups)
	return dups, nil
}

// putOrders adds the winning order keys (file winners, in key order) of the
// members below seq below to the order index, except those of refused
// lines, a transaction per orderPutsPerTx keys. s.mu is held.
func (s *Store) putOrders(winners string, refused map[int]struct{}, below uint32, step func(keys int)) error {
	f, err := os.Open(winners)
	if err != nil {
		return err
	}
	defer f.Close()
	r := &runReader{f: f, r: bufio.NewReaderSize(f, 256<<10)}
	done := false
	for !done {
		err := s.db.Update(func(tx *bolt.Tx) error {
			ordB := tx.Bucket(bOrders)
			ordB.FillPercent = 0.9
			var ar arena
			for n := 0; n < orderPutsPerTx; {
				ok, err := r.next()
				if err != nil {
					return err
				}
				if !ok {
					done = true
					return nil
				}
				if _, no := refused[r.line]; no || r.seq >= below {
					continue
				}
				if err := ordB.Put(ar.take(r.key), nil); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			return err
		}
		step(orderPutsPerTx)
	}
	return nil
}

// spillPrefix is the name prefix of the spill directories of the database
// at path: ".cockpit-import-<file name>-", followed by the importing
// process's id.
func spillPrefix(path string) string {
	return ".cockpit-import-" + filepath.Base(path) + "-"
}

// sweepSpills removes the spill directories that an import into the
// database at path left behind when its process was killed. This process
// owns the file (bbolt's lock), so a spill of another process id beside it
// is nobody's; this process's own (a concurrent import) are kept.
func sweepSpills(path string) {
	prefix := spillPrefix(path)
	own := prefix + strconv.Itoa(os.Getpid()) + "-"
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return
	}
	for _, e := range entries {
		if n := e.Name(); e.IsDir() && strings.HasPrefix(n, prefix) && !strings.HasPrefix(n, own) {
			os.RemoveAll(filepath.Join(filepath.Dir(path), n))
		}
	}
}
