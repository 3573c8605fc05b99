// Package rows reads and writes the cockpit's member and event files: CSV with
// a header row (UTF-8, UTF-8 with BOM, or GB18030/GBK as Excel in China writes
// it) and JSON Lines, with English or Chinese field names. It is pure code: it
// turns bytes into model.Member and model.Event values and back, and knows
// nothing of the database.
//
// A bad row never stops a Reader: it comes back from Next with Row.Err set to a
// *FieldError naming the file, the line and the field, and its original fields,
// which a RejectWriter writes unchanged to <input>.rejects.csv. Only an
// unreadable file or an unusable header is a fatal error.
//
// The writers (MembersWriter, EventsWriter) produce what a Reader reads back
// to the same values: timestamps by FormatTime, amounts by FormatAmount (yuan
// with two decimals, redeem as integer points, nothing for kinds without an
// amount), consent as true/false, tags joined with '|'. CSV output is UTF-8
// without a BOM (machine-friendly; rejects files carry one for Excel), "\n"
// line endings, the English header (MemberColumns, EventColumns) written even
// when there is no row. JSON Lines output is one object per line with the same
// English keys in the same order; amount is a string ("12.34", never a float),
// consent a JSON bool, tags a string joined with '|'. Round trips are exact for
// values a Reader produces (trimmed strings, tags without '|', years
// 0000-9999); a masked phone reads back masked.
//
// Encoding detection (EncAuto): a BOM decides (UTF-8, UTF-16 LE or BE,
// GB18030); zero bytes in every other position mean UTF-16 without a BOM;
// otherwise a 64 KiB window starting at the file's first non-ASCII byte is
// weighed line by line (see looksUTF8): the encoding under which fewer lines
// are invalid wins, a tie goes to UTF-8. So a UTF-8 file with a few damaged
// rows stays UTF-8 and those rows are rejected ("not valid UTF-8"), and a
// GBK file is GB18030. A file that switches encoding after that window is
// read in the window's encoding. A workbook, an archive, or a file with many
// zero bytes is refused as not text (ErrBinary).
//
// Records come from a Source: the CSV splitter of this package (delimiter
// given or detected from the first line: comma, tab, semicolon or '|'), or
// another one (a spreadsheet) through NewSourceReader. Every source gets the
// same header mapping and row checks.
//
// Rows are checked against limits that keep the store sane: ids (member_id,
// order_id, campaign_id) at most MaxIDBytes with no control character, names
// at most MaxNameBytes, other text at most MaxTextBytes with no control
// character but tab and line breaks; timestamps from Options.Earliest (1970)
// to the import day (events) or the day after (registrations) unless
// AllowFuture; amounts up to Options.MaxAmountFen / MaxPoints per row. A row
// beyond them is rejected, never the file.
//
// Decisions where DESIGN.md is silent:
//
//   - Amounts: purchase and refund need a yuan amount and redeem an integer
//     number of points; 0 is accepted for all three (a zero-yuan order is a real
//     order: free gifts, fully couponed orders), negative amounts are rejected
//     (a refund is a refund event with a positive amount). For every other kind
//     the amount column is ignored, whatever it holds.
//   - Kind names are matched case-insensitively in English ("Purchase"), and
//     exactly in Chinese (购买).
//   - A CSV row whose every field is blank (Excel writes ",,,,," for cleared
//     rows) is skipped silently, like a blank line. A row with fewer fields than
//     the header reads the missing trailing fields as empty; a row with more
//     fields than the header is rejected (an unquoted "1,234.50" would shift
//     every later value).
//   - CSV quoting is lenient (a stray quote in an unquoted field is kept as a
//     character). A quoted value may span lines, but an opening quote not
//     closed within 100 lines (or 1 MiB) rejects its row alone, and reading
//     resumes on the next line.
//   - A first row naming no known column is refused with the likely cause: a
//     title row above the header (the line of the real header is named), a
//     wrong delimiter or a wrong encoding.
//   - A header naming the same field twice (e.g. "channel" and "渠道") is a
//     fatal error, as is a header from which the kind cannot be told.
//   - Values are trimmed of surrounding white space (also the ideographic
//     space U+3000); tags are split on '|', trimmed, empty ones dropped.
//   - Birthdays, consent and timestamps accept a little more than the contract
//     lists (see model.ParseBirthday, model.ParseConsent, model.ParseTime),
//     e.g. Excel's zh-CN "2024/3/5 9:05"; FieldError names the first bad field
//     of a row only.
//   - JSON Lines values may be strings, numbers (their literal text is parsed,
//     so 12.5 is exact and 1e3 is rejected like "1e3"), bools or null (empty);
//     tags may be an array of strings. Keys are matched like CSV headers;
//     unknown keys are ignored; two keys for one field reject the row.
//   - Next reuses one Row; see Row.
package rows

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is what a file holds.
type Kind int

// Kinds of file. Auto means: tell from the header (or, for JSON Lines, from the
// first object's keys).
const (
	Auto Kind = iota
	Members
	Events
)

func (k Kind) String() string {
	switch k {
	case Members:
		return "members"
	case Events:
		return "events"
	}
	return "auto"
}

// ParseKind parses "members", "events" or "auto" (or empty), case-insensitive.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Auto, nil
	case "members", "member":
		return Members, nil
	case "events", "event":
		return Events, nil
	}
	return Auto, fmt.Errorf("kind %q: want members, events or auto", s)
}

// Format is a file format.
type Format int

// File formats. FormatAuto means: JSON Lines when the first non-space byte is
// '{', CSV otherwise.
const (
	FormatAuto Format = iota
	CSV
	JSONL
)

func (f Format) String() string {
	switch f {
	case CSV:
		return "csv"
	case JSONL:
		return "jsonl"
	}
	return "auto"
}

// ParseFormat parses "csv", "jsonl" (also "json", "ndjson") or "auto" (or
// empty), case-insensitive.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return FormatAuto, nil
	case "csv":
		return CSV, nil
	case "jsonl", "json", "ndjson":
		return JSONL, nil
	}
	return FormatAuto, fmt.Errorf("format %q: want csv or jsonl", s)
}

// Encoding is a file's character encoding.
type Encoding int

// Encodings. EncGB18030 also reads GBK and GB2312, its subsets. The UTF-16
// encodings are what Excel writes as "Unicode text" (with a BOM, which decides
// on its own; without one the pattern of zero bytes does).
const (
	EncAuto Encoding = iota
	EncUTF8
	EncGB18030
	EncUTF16LE
	EncUTF16BE
)

func (e Encoding) String() string {
	switch e {
	case EncUTF8:
		return "utf8"
	case EncGB18030:
		return "gb18030"
	case EncUTF16LE:
		return "utf16le"
	case EncUTF16BE:
		return "utf16be"
	}
	return "auto"
}

// ParseEncoding parses the --encoding flag: "auto" (or empty), "utf8"
// ("utf-8"), "gb18030" ("gbk", "gb2312"), "utf16le" ("utf-16", "utf16",
// "unicode": Excel's Unicode text), "utf16be", case-insensitive.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return EncAuto, nil
	case "utf8", "utf-8":
		return EncUTF8, nil
	case "gb18030", "gbk", "gb2312", "cp936":
		return EncGB18030, nil
	case "utf16", "utf-16", "utf16le", "utf-16le", "unicode":
		return EncUTF16LE, nil
	case "utf16be", "utf-16be":
		return EncUTF16BE, nil
	}
	return EncAuto, fmt.Errorf("encoding %q: want auto, utf8, gb18030, utf16le or utf16be", s)
}

// ParseDelimiter parses the --delimiter flag: "auto" (or empty, 0), "comma"
// or ",", "tab" or "\t", "semicolon" or ";", "pipe" or "|".
func ParseDelimiter(s string) (byte, error) {
	if s == "\t" { // a literal tab, before trimming takes it for space
		return '\t', nil
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return 0, nil
	case ",", "comma":
		return ',', nil
	case "tab", "\\t":
		return '\t', nil
	case ";", "semicolon":
		return ';', nil
	case "|", "pipe":
		return '|', nil
	}
	return 0, fmt.Errorf("delimiter %q: want auto, comma, tab, semicolon or pipe", s)
}

// Fields of the contract, in the order of the export columns (members first,
// then the event-only ones).
const (
	fMemberID = iota
	fName
	fPhone
	fChannel
	fRegisteredAt
	fBirthday
	fConsent
	fTags
	fKind
	fAt
	fAmount
	fOrderID
	fCampaignID
	numFields
)

var fieldNames = [numFields]string{"member_id", "name", "phone", "channel", "registered_at", "birthday", "consent", "tags",
	"kind", "at", "amount", "order_id", "campaign_id"}

var fieldZh = [numFields]string{"会员ID", "姓名", "手机号", "渠道", "注册时间", "生日", "授权", "标签",
	"类型", "时间", "金额", "订单号", "活动ID"}

// MemberColumns and EventColumns are the columns (and JSON keys) the writers
// produce, in order; they are also Header() of a JSON Lines Reader.
var (
	MemberColumns = []string{"member_id", "name", "phone", "channel", "registered_at", "birthday", "consent", "tags"}
	EventColumns  = []string{"member_id", "kind", "at", "amount", "order_id", "channel", "campaign_id"}
)

var fieldByName = func() map[string]int {
	m := make(map[string]int, 2*numFields)
	for i := 0; i < numFields; i++ {
		m[fieldNames[i]] = i
		m[strings.ToLower(fieldZh[i])] = i
	}
	return m
}()

// normName trims a column name or JSON key (white space, a stray BOM) and
// lower-cases it.
func normName(s string) string {
	return strings.ToLower(strings.TrimFunc(s, func(r rune) bool {
		return r == '\ufeff' || r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\u3000' || r == '\u00a0'
	}))
}

// lookupField maps a column name or key to its field: the English name
// (case-insensitive) or the Chinese name, trimmed.
func lookupField(name string) (int, bool) {
	f, ok := fieldByName[normName(name)]
	return f, ok
}

// FieldError is why a row was rejected.
type FieldError struct {
	File   string // the name given to NewReader
	Line   int    // the row's first physical line, 1-based
	Field  string // the contract's English field name; empty for a row-level problem (bad JSON, bad CSV quoting)
	Column string // the column or key as named in the file when that differs from Field (e.g. 金额), else empty
	Value  string // the value as read, empty when it was missing
	Reason string
}

// Error reads `members.csv line 12 field amount: "1.234": at most two decimals`.
func (e *FieldError) Error() string {
	return e.File + " line " + strconv.Itoa(e.Line) + " " + e.Detail()
}

// Detail is the error without the file and line: `field amount: "1.234": at
// most two decimals`, `field amount (金额): "1.234": at most two decimals`,
// `field member_id: required`. It is the reason column of a rejects file.
func (e *FieldError) Detail() string {
	var b strings.Builder
	if e.Field != "" {
		b.WriteString("field ")
		b.WriteString(e.Field)
		if e.Column != "" {
			b.WriteString(" (")
			b.WriteString(e.Column)
			b.WriteString(")")
		}
		b.WriteString(": ")
	}
	if e.Value != "" {
		b.WriteString(strconv.Quote(e.Value))
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}
