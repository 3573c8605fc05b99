package rows

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/memberops/cockpit/model"
)

// Options tells a Reader what it reads. Zero values mean: detect, or the
// default.
type Options struct {
	Kind     Kind
	Format   Format
	Encoding Encoding
	// Delimiter separates CSV fields: ',', '\t', ';' or '|'; 0 detects it from
	// the first line (Excel's "Unicode text" is tab-separated).
	Delimiter byte
	Loc       *time.Location // zone of timestamps without one; nil means time.Local

	// Now is the moment of the import (zero: time.Now()). Its day in Loc is
	// the import day: events after it, and registrations after the day after
	// it, are rejected unless AllowFuture.
	Now         time.Time
	AllowFuture bool
	// Earliest is the earliest timestamp accepted (zero: 1970-01-01 00:00 in
	// Loc). Nothing before model.ParseTime's range is ever accepted.
	Earliest time.Time
	// MaxAmountFen and MaxPoints are the ceilings of one row's amount (zero:
	// DefaultMaxAmountFen, DefaultMaxPoints): an amount above them is far more
	// likely a shifted column or a typo than a real order.
	MaxAmountFen int64
	MaxPoints    int64
}

// Default ceilings of one row's amount: ¥10,000,000.00 and 1,000,000,000
// points.
const (
	DefaultMaxAmountFen int64 = 1_000_000_000
	DefaultMaxPoints    int64 = 1_000_000_000
)

// Field limits, in bytes of UTF-8 after trimming: ids (member_id, order_id,
// campaign_id), names, and every other text (phone, channel, tags). Longer
// values are rejected with their row: a 10 MB "name" is a broken file, and ids
// are database keys.
const (
	MaxIDBytes   = 128
	MaxNameBytes = 256
	MaxTextBytes = 1024
)

// Row is one record of a file. Next returns the same *Row each time,
// overwritten by the following call: copy Member or Event out (they are
// values), write a rejected row to a RejectWriter, or Clone it, before calling
// Next again.
type Row struct {
	Line   int          // 1-based physical line number where the record starts (the header is line 1)
	Raw    []string     // fields as read, decoded to UTF-8; for JSON Lines one element, the line. Valid until the next call to Next.
	Member model.Member // filled when Kind()==Members and Err==nil
	Event  model.Event  // filled when Kind()==Events and Err==nil
	Err    error        // a *FieldError when the row cannot be used
}

// Clone returns a copy of the row that stays valid after the next call to
// Next.
func (r *Row) Clone() *Row {
	c := *r
	c.Raw = append([]string(nil), r.Raw...)
	c.Member.Tags = append([]string(nil), r.Member.Tags...)
	return &c
}

// internCap bounds the table of interned channel and campaign strings.
const internCap = 4096

// Reader reads members or events from a CSV or JSON Lines file.
//
// String fields of the Member and Event it returns are substrings of one
// allocation per row (encoding/csv makes one string per record); channel and
// campaign_id are interned and share nothing with the row.
type Reader struct {
	name   string
	loc    *time.Location
	kind   Kind
	format Format
	dec    *decoder
	header []string
	col    [numFields]int    // CSV: column index of each field, -1 when absent
	colAs  [numFields]string // the column or key as named in the file, when not the English name

	src    Source // CSV or another table
	delim  byte   // CSV delimiter
	reject struct {
		minAt, maxEvent, maxReg time.Time // maxEvent/maxReg zero: no limit
		day                     string    // the import day, for messages
		maxFen, maxPts          int64
	}

	lines   *bufio.Reader // JSON Lines
	lineNo  int
	pending []pendingLine // JSON Lines read ahead to detect the kind
	lineBuf []byte
	raw1    [1]string
	tagsArr []string
	hasArr  bool
	pairs   []jsonPair

	vals   [numFields]string
	row    Row
	intern map[string]string
}

type pendingLine struct {
	no   int
	text string
}

// NewReader prepares to read r, a file called name (used in messages). For CSV
// it reads the header, maps its columns and, unless opt.Kind says, tells
// members from events by it: a kind column (kind/类型) means events, else a
// registered_at or name column means members. A header lacking a required
// column (member_id; registered_at for members; kind and at for events) is a
// fatal error naming the file and the column. For JSON Lines the kind comes
// from the keys of the first line that is a JSON object (looking at most 1,000
// lines ahead).
func NewReader(r io.Reader, name string, opt Options) (*Reader, error) {
	rd := &Reader{name: name, loc: opt.Loc, kind: opt.Kind, intern: make(map[string]string)}
	if rd.loc == nil {
		rd.loc = time.Local
	}
	for i := range rd.col {
		rd.col[i] = -1
	}
	dec, sample, err := newDecoder(r, opt.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	rd.dec = dec
	rd.format = opt.Format
	if rd.format == FormatAuto {
		rd.format = CSV
		if i := bytes.IndexFunc(sample, func(r rune) bool { return !isSpaceRune(r) }); i >= 0 && sample[i] == '{' {
			rd.format = JSONL
		}
	}
	rd.setLimits(opt)
	if rd.format == JSONL {
		err = rd.startJSONL()
	} else {
		rd.delim = opt.Delimiter
		if rd.delim == 0 {
			rd.delim = sniffDelimiter(sample)
		}
		rd.src = newCSVSource(dec, rd.delim)
		err = rd.startTable()
	}
	if err != nil {
		return nil, err
	}
	return rd, nil
}

// NewSourceReader reads members or events from the records of src (a
// spreadsheet, say), named name in messages: the first non-blank record is
// the header, and every later record is checked and decoded as NewReader's
// CSV rows are. opt.Format, Encoding and Delimiter are ignored; Encoding()
// reports EncUTF8.
func NewSourceReader(src Source, name string, opt Options) (*Reader, error) {
	rd := &Reader{name: name, loc: opt.Loc, kind: opt.Kind, intern: make(map[string]string), format: CSV, src: src}
	if rd.loc == nil {
		rd.loc = time.Local
	}
	for i := range rd.col {
		rd.col[i] = -1
	}
	rd.setLimits(opt)
	if err := rd.startTable(); err != nil {
		return nil, err
	}
	return rd, nil
}

// setLimits works out the accepted range of timestamps and amounts.
func (r *Reader) setLimits(opt Options) {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	y, m, d := now.In(r.loc).Date()
	r.reject.day = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	r.reject.minAt = opt.Earliest
	if r.reject.minAt.IsZero() {
		r.reject.minAt = time.Date(1970, 1, 1, 0, 0, 0, 0, r.loc)
	}
	if !opt.AllowFuture {
		r.reject.maxEvent = time.Date(y, m, d+1, 0, 0, 0, 0, r.loc)
		r.reject.maxReg = time.Date(y, m, d+2, 0, 0, 0, 0, r.loc)
	}
	r.reject.maxFen, r.reject.maxPts = opt.MaxAmountFen, opt.MaxPoints
	if r.reject.maxFen <= 0 {
		r.reject.maxFen = DefaultMaxAmountFen
	}
	if r.reject.maxPts <= 0 {
		r.reject.maxPts = DefaultMaxPoints
	}
}

// Delimiter is the CSV delimiter used (given or detected); 0 for JSON Lines.
func (r *Reader) Delimiter() byte { return r.delim }

// bad reports whether invalid UTF-8 has been read, so fields need checking.
func (r *Reader) bad() bool { return r.dec != nil && r.dec.bad }

func isSpaceRune(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' }

// Kind is what the file holds (as given or detected).
func (r *Reader) Kind() Kind { return r.kind }

// Format is the file's format (as given or detected).
func (r *Reader) Format() Format { return r.format }

// Header is the header as read, decoded to UTF-8; for JSON Lines, the
// canonical field names of the kind (MemberColumns or EventColumns).
func (r *Reader) Header() []string { return r.header }

// RejectHeader is the header to give NewRejectWriter for this file: Header()
// for CSV, {"raw"} for JSON Lines (whose rejected rows are whole lines).
func (r *Reader) RejectHeader() []string {
	if r.format == JSONL {
		return []string{"raw"}
	}
	return r.header
}

// Encoding is the file's encoding (as given or detected). For a file whose
// first 64 KiB are plain ASCII the detection waits for the first non-ASCII
// byte; until then this reports EncUTF8 (ASCII reads the same either way).
func (r *Reader) Encoding() Encoding {
	if r.dec == nil {
		return EncUTF8
	}
	return r.dec.enc
}

func (r *Reader) fatalf(format string, args ...any) error {
	return fmt.Errorf("%s: "+format, append([]any{r.name}, args...)...)
}

// startTable reads the header record of a CSV file or another Source, maps
// its columns and tells the kind.
func (r *Reader) startTable() error {
	var rec []string
	var line int
	for {
		f, l, err := r.src.Next()
		if err == io.EOF {
			return r.fatalf("empty file: no header row")
		}
		if err != nil {
			var fe *FieldError
			if errors.As(err, &fe) {
				return r.fatalf("line %d (the header): %s", l, fe.Reason)
			}
			return r.fatalf("reading the header: %w", err)
		}
		if !blank(f) {
			rec, line = f, l
			break
		}
	}
	r.header = append([]string(nil), rec...)
	if len(r.header) > 0 {
		r.header[0] = strings.TrimPrefix(r.header[0], "\ufeff")
	}
	known := 0
	for i, h := range r.header {
		f, ok := lookupField(h)
		if !ok {
			continue
		}
		known++
		if prev := r.col[f]; prev >= 0 {
			return r.fatalf("columns %q and %q are both %s", strings.TrimSpace(r.header[prev]), strings.TrimSpace(h), fieldNames[f])
		}
		r.col[f] = i
		if n := strings.TrimSpace(h); n != fieldNames[f] {
			r.colAs[f] = n
		}
	}
	if known == 0 {
		return r.noHeader(line)
	}
	has := func(f int) bool { return r.col[f] >= 0 }
	if r.kind == Auto {
		switch {
		case has(fKind):
			r.kind = Events
		case has(fRegisteredAt) || has(fName):
			r.kind = Members
		default:
			return r.fatalf("cannot tell members from events: the header has neither kind/类型 nor registered_at/注册时间 or name/姓名 (header: %s); give the kind (--kind members or --kind events)", r.headerText())
		}
	}
	required := []int{fMemberID, fRegisteredAt}
	if r.kind == Events {
		required = []int{fMemberID, fKind, fAt}
	}
	for _, f := range required {
		if !has(f) {
			return r.fatalf("the %s header has no %s column (%s or %s); header: %s", r.kind, fieldNames[f], fieldNames[f], fieldZh[f], r.headerText())
		}
	}
	return nil
}

// headerText is the header for a message, cut to a readable length.
func (r *Reader) headerText() string {
	h := strings.Join(r.header, string(rune(max(r.delim, ','))))
	if len(h) > 200 {
		h = strings.ToValidUTF8(h[:200], "") + "…"
	}
	return h
}

// noHeader explains a first row that names no known column: a title row above
// the header, another delimiter, another encoding, or no header at all.
func (r *Reader) noHeader(line int) error {
	for k := 0; k < 10; k++ {
		f, l, err := r.src.Next()
		if err != nil {
			break
		}
		n := 0
		for _, h := range f {
			if _, ok := lookupField(h); ok {
				n++
			}
		}
		if n >= 2 {
			return r.fatalf("line %d is not a header: it names no known column (列名), but line %d does; "+
				"delete the %d line(s) above line %d (a title?) so that the column names come first, and import again",
				line, l, l-line, l)
		}
	}
	hint := "the first line must name the columns (列名), e.g. member_id,name,registered_at or 会员ID,姓名,注册时间"
	h := strings.Join(r.header, "")
	switch {
	case strings.ContainsRune(h, utf8.RuneError) || strings.ContainsRune(h, 0) || r.bad():
		hint = fmt.Sprintf("the text does not read as %s: give the encoding (编码), --encoding utf8, gb18030 or utf16le, or save the file as CSV UTF-8", r.Encoding())
	case len(r.header) == 1 && strings.ContainsAny(h, ",;\t|"):
		hint = "the columns seem separated by another character: give --delimiter comma, tab, semicolon or pipe"
	}
	return r.fatalf("line %d is not a header: none of its column names (列名) is known (%s); %s", line, r.headerText(), hint)
}

func (r *Reader) startJSONL() error {
	r.lines = bufio.NewReaderSize(r.dec, 64<<10)
	if r.kind == Auto {
		for n := 0; n < 1000 && r.kind == Auto; n++ {
			text, err := r.readLine()
			if err == io.EOF {
				break
			}
			if err != nil {
				return r.fatalf("%w", err)
			}
			r.pending = append(r.pending, pendingLine{r.lineNo, text})
			var msg string
			if r.pairs, msg = scanObject(text, r.pairs[:0]); msg != "" {
				continue
			}
			var hasKind, hasMember bool
			for _, kv := range r.pairs {
				switch f, _ := lookupField(kv.key); f {
				case fKind:
					hasKind = true
				case fRegisteredAt, fName:
					hasMember = true
				}
			}
			if hasKind {
				r.kind = Events
			} else if hasMember {
				r.kind = Members
			}
		}
		if r.kind == Auto {
			return r.fatalf("cannot tell members from events: no line has a kind/类型 or registered_at/注册时间 or name/姓名 key; give the kind")
		}
	}
	if r.kind == Events {
		r.header = append([]string(nil), EventColumns...)
	} else {
		r.header = append([]string(nil), MemberColumns...)
	}
	return nil
}

// readLine returns the next non-blank line of a JSON Lines file, without its
// line ending, and counts physical lines.
func (r *Reader) readLine() (string, error) {
	for {
		b, err := r.lines.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			r.lineBuf = append(r.lineBuf[:0], b...)
			for err == bufio.ErrBufferFull {
				b, err = r.lines.ReadSlice('\n')
				r.lineBuf = append(r.lineBuf, b...)
			}
			b = r.lineBuf
		}
		if err != nil && err != io.EOF {
			return "", err
		}
		if len(b) == 0 && err == io.EOF {
			return "", io.EOF
		}
		r.lineNo++
		b = bytes.TrimRight(b, "\r\n")
		if r.lineNo == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			if err == io.EOF {
				return "", io.EOF
			}
			continue
		}
		return string(b), nil
	}
}

// Next reads the next row. At the end it returns io.EOF. A row that cannot be
// decoded comes back with Row.Err set (a *FieldError), not as the error; the
// error is only for fatal problems (I/O, a failing decoder).
func (r *Reader) Next() (*Row, error) {
	if r.format == JSONL {
		return r.nextJSONL()
	}
	return r.nextCSV()
}

func (r *Reader) nextCSV() (*Row, error) {
	row := &r.row
	for {
		rec, line, err := r.src.Next()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			var fe *FieldError
			if errors.As(err, &fe) {
				fe.File = r.name
				*row = Row{Line: line, Raw: rec, Err: fe}
				return row, nil
			}
			return nil, r.fatalf("%w", err)
		}
		if blank(rec) {
			continue
		}
		row.Line = line
		row.Raw = rec
		row.Err = nil
		if len(rec) > len(r.header) {
			row.Err = &FieldError{File: r.name, Line: line, Reason: fmt.Sprintf(
				"%d fields, but the header has %d columns: is there a %s inside a value? quote the value (\"1,234.50\") or remove the separator",
				len(rec), len(r.header), delimName(r.delim))}
			return row, nil
		}
		for f := range r.vals {
			if c := r.col[f]; c >= 0 && c < len(rec) {
				r.vals[f] = rec[c]
			} else {
				r.vals[f] = ""
			}
		}
		r.hasArr = false
		r.decode()
		return row, nil
	}
}

func delimName(d byte) string {
	switch d {
	case '\t':
		return "tab"
	case 0, ',':
		return "comma"
	case ';':
		return "semicolon"
	}
	return strconv.Quote(string(rune(d)))
}

// blank reports whether every field of a record is white space.
func blank(rec []string) bool {
	for _, v := range rec {
		if trim(v) != "" {
			return false
		}
	}
	return true
}

func (r *Reader) nextJSONL() (*Row, error) {
	row := &r.row
	var no int
	var text string
	if len(r.pending) > 0 {
		no, text = r.pending[0].no, r.pending[0].text
		r.pending = r.pending[1:]
	} else {
		t, err := r.readLine()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			return nil, r.fatalf("%w", err)
		}
		no, text = r.lineNo, t
	}
	r.raw1[0] = text
	*row = Row{Line: no, Raw: r.raw1[:]}
	if r.bad() && !utf8.ValidString(text) {
		row.Err = &FieldError{File: r.name, Line: no, Reason: badUTF8(r.Encoding())}
		return row, nil
	}
	var msg string
	if r.pairs, msg = scanObject(text, r.pairs[:0]); msg != "" {
		row.Err = &FieldError{File: r.name, Line: no, Reason: msg}
		return row, nil
	}
	r.vals = [numFields]string{}
	r.colAs = [numFields]string{}
	var at [numFields]int // 1 + index in r.pairs
	var dup [numFields]int
	r.hasArr = false
	for i, kv := range r.pairs {
		f, ok := lookupField(kv.key)
		if !ok {
			continue
		}
		if at[f] != 0 {
			dup[f] = i + 1
			continue
		}
		at[f] = i + 1
	}
	// Fields in order, so that the error reported is the same on every run.
	for f := range at {
		if at[f] == 0 {
			continue
		}
		kv := r.pairs[at[f]-1]
		if dup[f] != 0 { // the reason names both keys
			a, b := kv.key, r.pairs[dup[f]-1].key
			if a > b {
				a, b = b, a
			}
			row.Err = r.fieldErr(f, "", fmt.Sprintf("keys %q and %q are both %s", a, b, fieldNames[f]))
			return row, nil
		}
		if kv.key != fieldNames[f] {
			r.colAs[f] = kv.key
		}
		s, reason := r.jsonValue(f, kv)
		if reason != "" {
			row.Err = r.fieldErr(f, kv.val, reason)
			return row, nil
		}
		r.vals[f] = s
	}
	r.decode()
	return row, nil
}

// jsonValue turns a JSON value into the field's text: strings as they are,
// numbers as their literal text (12.5 stays "12.5": no float on the way),
// bools as true/false, null as empty. Tags may also be an array of strings.
func (r *Reader) jsonValue(f int, kv jsonPair) (string, string) {
	switch kv.kind {
	case jString, jNumber, jBool, jNull:
		return kv.val, ""
	case jArray:
		if f != fTags {
			break
		}
		var a []string
		if err := json.Unmarshal([]byte(kv.val), &a); err != nil {
			return "", "want a string or an array of strings"
		}
		r.tagsArr = r.tagsArr[:0]
		for _, t := range a {
			if t = trim(t); t != "" {
				r.tagsArr = append(r.tagsArr, t)
			}
		}
		r.hasArr = true
		return "", ""
	}
	if f == fTags {
		return "", "want a string or an array of strings"
	}
	return "", "want a string, a number or a bool"
}

func badUTF8(enc Encoding) string {
	if enc == EncGB18030 {
		return "not valid text"
	}
	return "not valid UTF-8 (is the file GB18030/GBK? give the encoding: --encoding gb18030)"
}

func (r *Reader) fieldErr(f int, value, reason string) *FieldError {
	return &FieldError{File: r.name, Line: r.row.Line, Field: fieldNames[f], Column: r.colAs[f], Value: value, Reason: reason}
}

func (r *Reader) valueErr(f int, value string, err error) *FieldError {
	var ve *model.ValueError
	if errors.As(err, &ve) {
		return r.fieldErr(f, value, ve.Reason)
	}
	return r.fieldErr(f, value, err.Error())
}

// trim removes surrounding white space (as strings.TrimSpace: also U+3000,
// the ideographic space, and U+00A0). It does not allocate, and it calls
// strings.TrimSpace only when an end of s could be white space: an ASCII
// space or control byte, or the bytes a Unicode space begins or ends with. A
// string ending in a Chinese character thus stays on the fast path.
func trim(s string) string {
	n := len(s)
	if n == 0 {
		return s
	}
	c0, c1 := s[0], s[n-1]
	if c0 <= ' ' || c1 <= ' ' {
		return strings.TrimSpace(s)
	}
	if c0 < utf8.RuneSelf && c1 < utf8.RuneSelf {
		return s
	}
	// Unicode spaces: U+0085, U+00A0 (C2 xx), U+1680 (E1 9A 80),
	// U+2000-200A, U+2028, U+2029, U+202F (E2 80 xx), U+205F (E2 81 9F),
	// U+3000 (E3 80 80).
	if c0 == 0xC2 || c0 == 0xE1 || c0 == 0xE2 || c0 == 0xE3 {
		return strings.TrimSpace(s)
	}
	if c1 >= 0x80 && c1 <= 0xAF && n >= 2 {
		if p := s[n-2]; p == 0x80 || p == 0x81 || p == 0x9A || p == 0xC2 {
			return strings.TrimSpace(s)
		}
	}
	return s
}

// internStr returns the interned copy of s. Only valid UTF-8 enters the
// table, so a hit needs no further check; ok is false when s is not valid
// UTF-8 (checked only once invalid input has been seen, see decoder.bad).
func (r *Reader) internStr(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	if v, ok := r.intern[s]; ok {
		return v, true
	}
	if r.bad() && !utf8.ValidString(s) {
		return s, false
	}
	if len(r.intern) >= internCap {
		return s, true
	}
	c := strings.Clone(s)
	r.intern[c] = c
	return c, true
}

// internField interns field f of the row (channel, campaign_id).
func (r *Reader) internField(f int, dst *string) *FieldError {
	s, ok := r.internStr(trim(r.vals[f]))
	if !ok {
		return r.fieldErr(f, r.vals[f], badUTF8(r.Encoding()))
	}
	*dst = s
	return nil
}

// decode fills r.row.Member or r.row.Event from r.vals, or sets r.row.Err.
func (r *Reader) decode() {
	row := &r.row
	// The GB18030 decoder only produces valid UTF-8, and UTF-8 input is
	// validated as it streams by (decoder.bad). Once something invalid went
	// by, rows are checked here, field by field, except for the interned
	// ones (see internStr).
	if r.bad() {
		for f := range r.vals {
			if v := r.vals[f]; len(v) > 0 && f != fChannel && f != fCampaignID && !utf8.ValidString(v) {
				row.Err = r.fieldErr(f, v, badUTF8(r.Encoding()))
				return
			}
		}
	}
	if r.kind == Events {
		row.Event = model.Event{}
		if err := r.decodeEvent(&row.Event); err != nil {
			row.Err, row.Event = err, model.Event{}
		}
		return
	}
	row.Member = model.Member{}
	if err := r.decodeMember(&row.Member); err != nil {
		row.Err, row.Member = err, model.Member{}
	}
}

func (r *Reader) decodeEvent(e *model.Event) *FieldError {
	v := &r.vals
	e.MemberID = trim(v[fMemberID])
	if e.MemberID == "" {
		return r.fieldErr(fMemberID, "", "required")
	}
	if err := r.checkID(fMemberID, e.MemberID); err != nil {
		return err
	}
	k, ok := kindOf(trim(v[fKind]))
	if !ok {
		if trim(v[fKind]) == "" {
			return r.fieldErr(fKind, "", "required")
		}
		return r.fieldErr(fKind, v[fKind], "unknown kind (want register, login, signin, browse, purchase, refund, invite, review, share, redeem or 注册, 登录, 签到, 浏览, 购买, 退款, 邀请, 评价, 分享, 兑换)")
	}
	e.Kind = k
	if trim(v[fAt]) == "" {
		return r.fieldErr(fAt, "", "required")
	}
	at, err := model.ParseTime(v[fAt], r.loc)
	if err != nil {
		return r.valueErr(fAt, v[fAt], err)
	}
	if err := r.checkTime(fAt, v[fAt], at, r.reject.maxEvent); err != nil {
		return err
	}
	e.At = at
	switch k {
	case model.KindPurchase, model.KindRefund:
		if trim(v[fAmount]) == "" {
			return r.fieldErr(fAmount, "", "required for "+k.String()+" (yuan)")
		}
		if e.Amount, err = model.ParseAmountFen(v[fAmount]); err != nil {
			return r.valueErr(fAmount, v[fAmount], err)
		}
		if e.Amount > r.reject.maxFen {
			return r.fieldErr(fAmount, v[fAmount], "above the ceiling of "+model.FormatFen(r.reject.maxFen)+
				" yuan per row (a shifted column? if the amount is real, raise the ceiling: --max-amount)")
		}
	case model.KindRedeem:
		if trim(v[fAmount]) == "" {
			return r.fieldErr(fAmount, "", "required for redeem (points)")
		}
		if e.Amount, err = model.ParsePoints(v[fAmount]); err != nil {
			return r.valueErr(fAmount, v[fAmount], err)
		}
		if e.Amount > r.reject.maxPts {
			return r.fieldErr(fAmount, v[fAmount], "above the ceiling of "+strconv.FormatInt(r.reject.maxPts, 10)+" points per row")
		}
	}
	e.OrderID = trim(v[fOrderID])
	if err := r.checkID(fOrderID, e.OrderID); err != nil {
		return err
	}
	if err := r.internField(fChannel, &e.Channel); err != nil {
		return err
	}
	if err := r.checkText(fChannel, e.Channel, MaxTextBytes); err != nil {
		return err
	}
	if err := r.internField(fCampaignID, &e.CampaignID); err != nil {
		return err
	}
	return r.checkID(fCampaignID, e.CampaignID)
}

// checkID rejects an id longer than MaxIDBytes or holding a control
// character (a NUL, a line break, a tab).
func (r *Reader) checkID(f int, s string) *FieldError {
	if len(s) > MaxIDBytes {
		return r.fieldErr(f, clip(s), fmt.Sprintf("%d bytes: ids are at most %d", len(s), MaxIDBytes))
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return r.fieldErr(f, s, fmt.Sprintf("control character %q at byte %d: ids hold no control characters", c, i+1))
		}
	}
	return nil
}

// checkText rejects a text longer than max bytes or holding a control
// character other than tab and line breaks (which a quoted CSV value may
// hold).
func (r *Reader) checkText(f int, s string, max int) *FieldError {
	if len(s) > max {
		return r.fieldErr(f, clip(s), fmt.Sprintf("%d bytes: at most %d", len(s), max))
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			return r.fieldErr(f, s, fmt.Sprintf("control character %q at byte %d", c, i+1))
		}
	}
	return nil
}

// clip shortens a long value for a message (the rejects file keeps it whole).
func clip(s string) string {
	if len(s) <= 64 {
		return s
	}
	return strings.ToValidUTF8(s[:64], "") + "…"
}

// checkTime rejects a timestamp before the earliest accepted or not before
// limit (zero: no limit).
func (r *Reader) checkTime(f int, v string, at, limit time.Time) *FieldError {
	if at.Before(r.reject.minAt) {
		return r.fieldErr(f, v, "before "+r.reject.minAt.Format("2006-01-02")+": earlier dates are not accepted (a wrong column or a placeholder date?)")
	}
	if !limit.IsZero() && !at.Before(limit) {
		if f == fAt {
			return r.fieldErr(f, v, "after the import day "+r.reject.day+": a future event (give --allow-future to import it)")
		}
		return r.fieldErr(f, v, "after "+limit.AddDate(0, 0, -1).Format("2006-01-02")+": a registration in the future (give --allow-future to import it)")
	}
	return nil
}

// kindOf maps a kind name to its Kind without allocating for the names as the
// contract spells them.
func kindOf(s string) (model.Kind, bool) {
	switch s {
	case "register", "注册":
		return model.KindRegister, true
	case "login", "登录":
		return model.KindLogin, true
	case "signin", "签到":
		return model.KindSignin, true
	case "browse", "浏览":
		return model.KindBrowse, true
	case "purchase", "购买":
		return model.KindPurchase, true
	case "refund", "退款":
		return model.KindRefund, true
	case "invite", "邀请":
		return model.KindInvite, true
	case "review", "评价":
		return model.KindReview, true
	case "share", "分享":
		return model.KindShare, true
	case "redeem", "兑换":
		return model.KindRedeem, true
	}
	if s == "" || len(s) > 8 {
		return 0, false
	}
	return model.ParseKind(strings.ToLower(s))
}

func (r *Reader) decodeMember(m *model.Member) *FieldError {
	v := &r.vals
	m.ID = trim(v[fMemberID])
	if m.ID == "" {
		return r.fieldErr(fMemberID, "", "required")
	}
	if err := r.checkID(fMemberID, m.ID); err != nil {
		return err
	}
	m.Name = trim(v[fName])
	if err := r.checkText(fName, m.Name, MaxNameBytes); err != nil {
		return err
	}
	m.Phone = trim(v[fPhone])
	if err := r.checkText(fPhone, m.Phone, MaxTextBytes); err != nil {
		return err
	}
	if err := r.internField(fChannel, &m.Channel); err != nil {
		return err
	}
	if err := r.checkText(fChannel, m.Channel, MaxTextBytes); err != nil {
		return err
	}
	if trim(v[fRegisteredAt]) == "" {
		return r.fieldErr(fRegisteredAt, "", "required")
	}
	at, err := model.ParseTime(v[fRegisteredAt], r.loc)
	if err != nil {
		return r.valueErr(fRegisteredAt, v[fRegisteredAt], err)
	}
	if err := r.checkTime(fRegisteredAt, v[fRegisteredAt], at, r.reject.maxReg); err != nil {
		return err
	}
	m.RegisteredAt = at
	if m.Birthday, err = model.ParseBirthday(v[fBirthday]); err != nil {
		return r.valueErr(fBirthday, v[fBirthday], err)
	}
	if m.Consent, err = model.ParseConsent(v[fConsent]); err != nil {
		return r.valueErr(fConsent, v[fConsent], err)
	}
	if r.hasArr {
		if len(r.tagsArr) > 0 {
			m.Tags = append([]string(nil), r.tagsArr...)
		}
	} else {
		if err := r.checkText(fTags, v[fTags], MaxTextBytes); err != nil {
			return err
		}
		m.Tags = splitTags(v[fTags])
	}
	n := 0
	for _, t := range m.Tags {
		n += len(t) + 1
	}
	if n > MaxTextBytes+1 {
		return r.fieldErr(fTags, "", fmt.Sprintf("%d bytes of tags: at most %d", n-1, MaxTextBytes))
	}
	if r.hasArr {
		for _, t := range m.Tags {
			if err := r.checkText(fTags, t, MaxTextBytes); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitTags splits a '|'-separated list, trimming each tag and dropping empty
// ones; nil when there is none.
func splitTags(s string) []string {
	if trim(s) == "" {
		return nil
	}
	var out []string
	for t := range strings.SplitSeq(s, "|") {
		if t = trim(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// HasColumn reports whether the file carries the field named (the English
// name, e.g. "phone"): for CSV, whether the header has that column; for JSON
// Lines, always (keys vary by line). An import that updates stored members
// changes only the fields the file carries.
func (r *Reader) HasColumn(field string) bool {
	f, ok := lookupField(field)
	if !ok {
		return false
	}
	return r.format == JSONL || r.col[f] >= 0
}
