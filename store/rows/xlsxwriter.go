package rows

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"

	"github.com/memberops/cockpit/model"
)

// ColumnType says how a workbook column shows its values: the cell style and
// the default width.
type ColumnType uint8

// Column types of a workbook sheet.
const (
	ColText     ColumnType = iota // text cells
	ColInt                        // whole numbers (counts, points), 0 format
	ColMoney                      // int64 fen written as yuan numbers with a ¥ format
	ColRate                       // model.Ratio written as a number with a percentage format
	ColDate                       // model.Day written as a date cell
	ColDateTime                   // time.Time written as a date-time cell in the workbook's zone
	ColDecimal                    // float64 shown with two decimals (a multiple such as a campaign's ROI)
)

// Column is one column of a workbook sheet: its header title (in the user's
// language), its type and, optionally, its width in characters (0: from the
// type and the title).
type Column struct {
	Title string
	Type  ColumnType
	Width float64
}

// Workbook writes tables to an Excel workbook (.xlsx), one sheet per table,
// with excelize's StreamWriter: a sheet's rows go to a temporary file as they
// come (not into memory), and WriteTo streams the zip to its writer, so memory
// does not grow with the number of rows.
//
// Every sheet gets a bold header row that stays frozen when scrolling, column
// widths from the column types, money as numbers with a ¥ format (so sums
// work), rates as percentages, dates and date-times as real date cells. Cells
// hold exact values: money below 10^13 yuan is a double whose shortest form is
// the decimal (larger sums are written as text, Excel keeps only 15 digits);
// a date-time is written as a date cell only when the reader gets the same
// instant back (whole milliseconds, a wall-clock time that is not ambiguous
// in the zone, 1900-03-01 to 9999), and as the writers' text form otherwise.
//
// A Workbook is not safe for concurrent use. Call Close to remove its
// temporary files (after WriteTo, or instead of it on an error path).
type Workbook struct {
	f      *excelize.File
	loc    *time.Location
	sheet  *Sheet
	names  map[string]bool
	styles [ColDecimal + 1]int
	header int
	closed bool
}

// Sheet is the sheet being written; see Workbook.AddSheet.
type Sheet struct {
	wb   *Workbook
	sw   *excelize.StreamWriter
	cols []Column
	row  int
	vals []any
	err  error
}

// Number formats of the workbook's cells.
const (
	fmtMoney    = `"¥"#,##0.00;-"¥"#,##0.00`
	fmtDate     = "yyyy-mm-dd"
	fmtDateTime = "yyyy-mm-dd hh:mm:ss"
	fmtRate     = 10 // built-in 0.00%
	fmtInt      = 1  // built-in 0
	fmtDecimal  = 2  // built-in 0.00
)

// NewWorkbook starts an empty workbook whose date-times are written as wall
// clock times in loc (nil: time.Local), the database's zone.
func NewWorkbook(loc *time.Location) (*Workbook, error) {
	if loc == nil {
		loc = time.Local
	}
	wb := &Workbook{f: excelize.NewFile(), loc: loc, names: make(map[string]bool)}
	mk := func(s *excelize.Style) (int, error) { return wb.f.NewStyle(s) }
	money, date, dateTime := fmtMoney, fmtDate, fmtDateTime
	var err error
	for _, st := range []struct {
		dst *int
		s   *excelize.Style
	}{
		{&wb.styles[ColInt], &excelize.Style{NumFmt: fmtInt}},
		{&wb.styles[ColMoney], &excelize.Style{CustomNumFmt: &money}},
		{&wb.styles[ColRate], &excelize.Style{NumFmt: fmtRate}},
		{&wb.styles[ColDate], &excelize.Style{CustomNumFmt: &date}},
		{&wb.styles[ColDateTime], &excelize.Style{CustomNumFmt: &dateTime}},
		{&wb.styles[ColDecimal], &excelize.Style{NumFmt: fmtDecimal}},
		{&wb.header, &excelize.Style{Font: &excelize.Font{Bold: true},
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Border: []excelize.Border{{Type: "bottom", Color: "9BC2E6", Style: 1}}}},
	} {
		if *st.dst, err = mk(st.s); err != nil {
			wb.f.Close()
			return nil, fmt.Errorf("workbook styles: %w", err)
		}
	}
	return wb, nil
}

// SheetName makes name usable as a sheet name: at most 31 characters, none of
// : \ / ? * [ ], not empty.
func SheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	name = strings.Trim(name, "'")
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		name = "Sheet"
	}
	return name
}

// AddSheet finishes the sheet being written and starts a new one named name
// (made valid by SheetName; a repeated name gets a number) with the given
// columns, writing its header row.
func (wb *Workbook) AddSheet(name string, cols []Column) (*Sheet, error) {
	if wb.closed {
		return nil, errors.New("workbook: already written")
	}
	if err := wb.finishSheet(); err != nil {
		return nil, err
	}
	name = SheetName(name)
	for base, i := name, 2; wb.names[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(base)
		if len(r)+len(suffix) > 31 {
			r = r[:31-len(suffix)]
		}
		name = string(r) + suffix
	}
	first := len(wb.names) == 0
	wb.names[strings.ToLower(name)] = true
	var err error
	if first {
		err = wb.f.SetSheetName(wb.f.GetSheetName(0), name)
	} else {
		_, err = wb.f.NewSheet(name)
	}
	if err != nil {
		return nil, fmt.Errorf("workbook sheet %q: %w", name, err)
	}
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("workbook sheet %q: %w", name, err)
	}
	s := &Sheet{wb: wb, sw: sw, cols: cols, row: 1, vals: make([]any, len(cols))}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(c)); err != nil {
			return nil, fmt.Errorf("workbook sheet %q: %w", name, err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("workbook sheet %q: %w", name, err)
	}
	for i, c := range cols {
		s.vals[i] = excelize.Cell{StyleID: wb.header, Value: c.Title}
	}
	if err := sw.SetRow("A1", s.vals); err != nil {
		return nil, fmt.Errorf("workbook sheet %q: %w", name, err)
	}
	wb.sheet = s
	return s, nil
}

// columnWidth is a column's width in characters: given, or the type's default
// widened to fit the title (Chinese characters count two).
func columnWidth(c Column) float64 {
	if c.Width > 0 {
		return c.Width
	}
	w := map[ColumnType]float64{ColText: 16, ColInt: 10, ColMoney: 16, ColRate: 10, ColDate: 12, ColDateTime: 20, ColDecimal: 10}[c.Type]
	if t := float64(runewidth.StringWidth(c.Title)) + 3; t > w {
		w = t
	}
	return min(w, 60)
}

func (wb *Workbook) finishSheet() error {
	if wb.sheet == nil {
		return nil
	}
	s := wb.sheet
	wb.sheet = nil
	if s.err != nil {
		return s.err
	}
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("workbook sheet %q: %w", s.sw.Sheet, err)
	}
	return nil
}

// Write appends one row. Each value goes in the column at its position:
//
//	string            a text cell (also in a number column: "—", a label)
//	int, int64        a number; in a ColMoney column fen shown as yuan
//	Fen               fen shown as yuan, in any column
//	model.Ratio       a rate (Num/Den) with a percentage format; empty when Den is 0
//	float64           a number in the column's format
//	model.Day         a date cell
//	time.Time         a date-time cell (see Workbook)
//	bool              a TRUE/FALSE cell
//	nil               an empty cell
//
// Fewer values than columns leave the rest empty.
func (s *Sheet) Write(vals ...any) error {
	if s.err != nil {
		return s.err
	}
	if s.wb.sheet != s {
		return errors.New("workbook: sheet already finished")
	}
	if s.row >= excelize.TotalRows {
		s.err = fmt.Errorf("workbook sheet %q: more than %d rows, the most a sheet holds", s.sw.Sheet, excelize.TotalRows)
		return s.err
	}
	s.row++
	for i := range s.vals {
		s.vals[i] = nil
		if i < len(vals) {
			s.vals[i] = s.cell(s.cols[i].Type, vals[i])
		}
	}
	if err := s.sw.SetRow(cellRef(s.row), s.vals); err != nil {
		s.err = fmt.Errorf("workbook sheet %q row %d: %w", s.sw.Sheet, s.row, err)
	}
	return s.err
}

// cellRef is the reference of column A of a row ("A2").
func cellRef(row int) string {
	var b [12]byte
	n := len(b)
	for row > 0 {
		n--
		b[n] = byte('0' + row%10)
		row /= 10
	}
	n--
	b[n] = 'A'
	return string(b[n:])
}

// Fen is an amount of money in fen, written as yuan with the ¥ format in any
// column (a column that mixes counts, rates and money, like a KPI list).
type Fen int64

// plainInt is a whole number in a column of another type (redeem points in
// the amount column).
type plainInt int64

// maxExactFen is the bound below which fen/100 as a double prints back as the
// decimal (15 significant digits).
const maxExactFen = 1_000_000_000_000_000

func (s *Sheet) cell(t ColumnType, v any) any {
	st := s.wb.styles
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		return v
	case int:
		return s.cell(t, int64(v))
	case int64:
		if t == ColMoney {
			if v >= maxExactFen || v <= -maxExactFen {
				return model.FormatFen(v)
			}
			return excelize.Cell{StyleID: st[ColMoney], Value: float64(v) / 100}
		}
		return excelize.Cell{StyleID: st[ColInt], Value: v}
	case float64:
		return excelize.Cell{StyleID: st[t], Value: v}
	case plainInt:
		return excelize.Cell{StyleID: st[ColInt], Value: int64(v)}
	case Fen:
		return s.cell(ColMoney, int64(v))
	case model.Ratio:
		if !v.Valid() {
			return nil
		}
		return excelize.Cell{StyleID: st[ColRate], Value: v.Float()}
	case model.Day:
		if serial, ok := excelSerial(v.Time(time.UTC)); ok {
			return excelize.Cell{StyleID: st[ColDate], Value: serial}
		}
		return v.String()
	case time.Time:
		if serial, ok := s.wb.serialOf(v); ok {
			return excelize.Cell{StyleID: st[ColDateTime], Value: serial}
		}
		return FormatTime(v, s.wb.loc)
	case bool:
		return v
	}
	return fmt.Sprint(v)
}

// serialOf is the serial of t as a wall-clock time in the workbook's zone,
// when that reads back to the same instant (see Workbook): whole
// milliseconds, and not the second of two equal wall-clock times at a DST
// change (the reader, like time.Date, takes the first).
func (wb *Workbook) serialOf(t time.Time) (float64, bool) {
	if t.Nanosecond()%1e6 != 0 {
		return 0, false
	}
	tl := t.In(wb.loc)
	back := time.Date(tl.Year(), tl.Month(), tl.Day(), tl.Hour(), tl.Minute(), tl.Second(), tl.Nanosecond(), wb.loc)
	if !back.Equal(t) {
		return 0, false
	}
	return excelSerial(tl)
}

// WriteTo finishes the last sheet and writes the workbook to w as an .xlsx
// zip, streaming (nothing of the size of the sheets is held in memory). The
// Workbook cannot be written to afterwards; call Close.
func (wb *Workbook) WriteTo(w io.Writer) (int64, error) {
	if wb.closed {
		return 0, errors.New("workbook: already written")
	}
	if err := wb.finishSheet(); err != nil {
		return 0, err
	}
	wb.closed = true
	if len(wb.names) == 0 {
		return 0, errors.New("workbook: no sheet")
	}
	// (No SetActiveSheet: the first sheet is active already, and it would
	// read every streamed sheet back into memory.)
	cw := &countWriter{w: w}
	// excelize builds the zip in a buffer unless given a zip writer: hand it
	// one that writes straight to w (the buffer it passes stays empty).
	var zw *zip.Writer
	wb.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw = zip.NewWriter(cw)
		return zw
	})
	if _, err := wb.f.WriteToBuffer(); err != nil {
		return cw.n, fmt.Errorf("workbook: %w", err)
	}
	return cw.n, nil
}

// Close removes the workbook's temporary files.
func (wb *Workbook) Close() error {
	wb.closed = true
	return wb.f.Close()
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// memberTitles and eventTitles are the members and events sheets' headers:
// the contract's English field names or their Chinese names, both of which
// the reader takes.
func memberTitles(zh bool) []string {
	if !zh {
		return MemberColumns
	}
	out := make([]string, len(MemberColumns))
	for i, c := range MemberColumns {
		f, _ := lookupField(c)
		out[i] = fieldZh[f]
	}
	return out
}

func eventTitles(zh bool) []string {
	if !zh {
		return EventColumns
	}
	out := make([]string, len(EventColumns))
	for i, c := range EventColumns {
		f, _ := lookupField(c)
		out[i] = fieldZh[f]
	}
	return out
}

// kindZh are the contract's Chinese kind names, by model.Kind.
var kindZh = map[model.Kind]string{model.KindRegister: "注册", model.KindLogin: "登录", model.KindSignin: "签到",
	model.KindBrowse: "浏览", model.KindPurchase: "购买", model.KindRefund: "退款", model.KindInvite: "邀请",
	model.KindReview: "评价", model.KindShare: "分享", model.KindRedeem: "兑换"}

// MembersSheet writes members to a sheet of a workbook, in the columns and
// with the values an import reads back to the same members: ids, names,
// phones, channels and tags as text (phones masked when mask is set),
// registered_at as a date-time cell, a birthday with a year as a date cell
// (a month and day as text), consent as a TRUE/FALSE cell.
type MembersSheet struct {
	s    *Sheet
	mask bool
}

// NewMembersSheet adds a sheet named name to wb with the members header in
// Chinese (zh) or English.
func NewMembersSheet(wb *Workbook, name string, zh, mask bool) (*MembersSheet, error) {
	titles := memberTitles(zh)
	types := []ColumnType{ColText, ColText, ColText, ColText, ColDateTime, ColDate, ColText, ColText}
	widths := []float64{14, 12, 14, 12, 0, 12, 8, 24}
	cols := make([]Column, len(titles))
	for i := range cols {
		cols[i] = Column{Title: titles[i], Type: types[i], Width: widths[i]}
	}
	s, err := wb.AddSheet(name, cols)
	if err != nil {
		return nil, err
	}
	return &MembersSheet{s: s, mask: mask}, nil
}

// Write writes one member.
func (w *MembersSheet) Write(m model.Member) error {
	phone := m.Phone
	if w.mask {
		phone = model.MaskPhone(phone)
	}
	var birthday any
	if m.Birthday != "" {
		birthday = m.Birthday
		if d, err := model.ParseDay(m.Birthday); err == nil && len(m.Birthday) == 10 {
			birthday = d
		}
	}
	return w.s.Write(m.ID, m.Name, phone, m.Channel, m.RegisteredAt, birthday, m.Consent, strings.Join(m.Tags, "|"))
}

// EventsSheet writes events to a sheet of a workbook: kinds by name (Chinese
// or English, as the header), at as a date-time cell, purchase and refund
// amounts as money, redeem points as a whole number.
type EventsSheet struct {
	s  *Sheet
	zh bool
}

// NewEventsSheet adds a sheet named name to wb with the events header in
// Chinese (zh) or English.
func NewEventsSheet(wb *Workbook, name string, zh bool) (*EventsSheet, error) {
	titles := eventTitles(zh)
	types := []ColumnType{ColText, ColText, ColDateTime, ColMoney, ColText, ColText, ColText}
	widths := []float64{14, 8, 0, 0, 20, 12, 12}
	cols := make([]Column, len(titles))
	for i := range cols {
		cols[i] = Column{Title: titles[i], Type: types[i], Width: widths[i]}
	}
	s, err := wb.AddSheet(name, cols)
	if err != nil {
		return nil, err
	}
	return &EventsSheet{s: s, zh: zh}, nil
}

// Write writes one event.
func (w *EventsSheet) Write(e model.Event) error {
	kind := e.Kind.String()
	if w.zh {
		if k, ok := kindZh[e.Kind]; ok {
			kind = k
		}
	}
	var amount any
	switch e.Kind {
	case model.KindPurchase, model.KindRefund:
		amount = e.Amount
	case model.KindRedeem:
		amount = plainInt(e.Amount) // points: a whole number, not money
	}
	return w.s.Write(e.MemberID, kind, e.At, amount, e.OrderID, e.Channel, e.CampaignID)
}
