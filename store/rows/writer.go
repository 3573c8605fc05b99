package rows

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/memberops/cockpit/model"
)

// FormatTime formats a timestamp as the writers do: "2006-01-02 15:04:05" in
// loc (nil: time.Local) when that reads back to the same instant (no
// sub-second part, and not an hour made ambiguous by a DST change), else
// RFC 3339 with nanoseconds and loc's offset.
func FormatTime(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	tl := t.In(loc)
	if tl.Nanosecond() == 0 {
		s := tl.Format(time.DateTime)
		if back, err := model.ParseTime(s, loc); err == nil && back.Equal(t) {
			return s
		}
	}
	return tl.Format(time.RFC3339Nano)
}

// MembersWriter writes members as CSV or JSON Lines.
type MembersWriter struct {
	loc    *time.Location
	mask   bool
	bw     *bufio.Writer
	cw     *csv.Writer
	je     *json.Encoder
	header bool
	rec    []string
}

// NewMembersWriter writes members to w in format f (FormatAuto means CSV),
// timestamps in loc (nil: time.Local), phones masked with model.MaskPhone when
// mask is set. Call Flush at the end.
func NewMembersWriter(w io.Writer, f Format, loc *time.Location, mask bool) *MembersWriter {
	if loc == nil {
		loc = time.Local
	}
	mw := &MembersWriter{loc: loc, mask: mask, bw: bufio.NewWriterSize(w, 64<<10), rec: make([]string, len(MemberColumns))}
	if f == JSONL {
		mw.je = json.NewEncoder(mw.bw)
		mw.je.SetEscapeHTML(false)
	} else {
		mw.cw = csv.NewWriter(mw.bw)
	}
	return mw
}

type memberJSON struct {
	MemberID     string `json:"member_id"`
	Name         string `json:"name"`
	Phone        string `json:"phone"`
	Channel      string `json:"channel"`
	RegisteredAt string `json:"registered_at"`
	Birthday     string `json:"birthday"`
	Consent      bool   `json:"consent"`
	Tags         string `json:"tags"`
}

func (w *MembersWriter) writeHeader() error {
	if w.cw == nil || w.header {
		return nil
	}
	w.header = true
	return w.cw.Write(MemberColumns)
}

// Write writes one member.
func (w *MembersWriter) Write(m model.Member) error {
	phone := m.Phone
	if w.mask {
		phone = model.MaskPhone(phone)
	}
	at := FormatTime(m.RegisteredAt, w.loc)
	tags := strings.Join(m.Tags, "|")
	if w.je != nil {
		return w.je.Encode(memberJSON{m.ID, m.Name, phone, m.Channel, at, m.Birthday, m.Consent, tags})
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	r := w.rec
	r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] = m.ID, m.Name, phone, m.Channel, at, m.Birthday, strconv.FormatBool(m.Consent), tags
	return w.cw.Write(r)
}

// Flush writes out what is buffered (and the CSV header if no member was
// written).
func (w *MembersWriter) Flush() error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	if w.cw != nil {
		w.cw.Flush()
		if err := w.cw.Error(); err != nil {
			return err
		}
	}
	return w.bw.Flush()
}

// EventsWriter writes events as CSV or JSON Lines.
type EventsWriter struct {
	loc    *time.Location
	bw     *bufio.Writer
	cw     *csv.Writer
	je     *json.Encoder
	header bool
	rec    []string
}

// NewEventsWriter writes events to w in format f (FormatAuto means CSV),
// timestamps in loc (nil: time.Local). Call Flush at the end.
func NewEventsWriter(w io.Writer, f Format, loc *time.Location) *EventsWriter {
	if loc == nil {
		loc = time.Local
	}
	ew := &EventsWriter{loc: loc, bw: bufio.NewWriterSize(w, 64<<10), rec: make([]string, len(EventColumns))}
	if f == JSONL {
		ew.je = json.NewEncoder(ew.bw)
		ew.je.SetEscapeHTML(false)
	} else {
		ew.cw = csv.NewWriter(ew.bw)
	}
	return ew
}

type eventJSON struct {
	MemberID   string `json:"member_id"`
	Kind       string `json:"kind"`
	At         string `json:"at"`
	Amount     string `json:"amount"`
	OrderID    string `json:"order_id"`
	Channel    string `json:"channel"`
	CampaignID string `json:"campaign_id"`
}

// FormatAmount formats an event's amount as the files carry it: yuan with two
// decimals for purchase and refund, integer points for redeem, empty for the
// other kinds.
func FormatAmount(k model.Kind, amount int64) string {
	switch k {
	case model.KindPurchase, model.KindRefund:
		return model.FormatFen(amount)
	case model.KindRedeem:
		return strconv.FormatInt(amount, 10)
	}
	return ""
}

func (w *EventsWriter) writeHeader() error {
	if w.cw == nil || w.header {
		return nil
	}
	w.header = true
	return w.cw.Write(EventColumns)
}

// Write writes one event.
func (w *EventsWriter) Write(e model.Event) error {
	at := FormatTime(e.At, w.loc)
	amount := FormatAmount(e.Kind, e.Amount)
	if w.je != nil {
		return w.je.Encode(eventJSON{e.MemberID, e.Kind.String(), at, amount, e.OrderID, e.Channel, e.CampaignID})
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	r := w.rec
	r[0], r[1], r[2], r[3], r[4], r[5], r[6] = e.MemberID, e.Kind.String(), at, amount, e.OrderID, e.Channel, e.CampaignID
	return w.cw.Write(r)
}

// Flush writes out what is buffered (and the CSV header if no event was
// written).
func (w *EventsWriter) Flush() error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	if w.cw != nil {
		w.cw.Flush()
		if err := w.cw.Error(); err != nil {
			return err
		}
	}
	return w.bw.Flush()
}

// RejectWriter writes a rejects file (<input>.rejects.csv): UTF-8 with a BOM
// so Excel opens it right, header `line,reason,<original header…>`, then each
// rejected row with its line number, its reason (FieldError.Detail) and its
// original fields unchanged (decoded to UTF-8). For JSON Lines input the
// original header is {"raw"} (Reader.RejectHeader) and the row is the line.
type RejectWriter struct {
	bw  *bufio.Writer
	cw  *csv.Writer
	rec []string
}

// NewRejectWriter starts a rejects file on w with the given original header
// (use Reader.RejectHeader). The BOM and header are written with the first
// Flush even when no row is.
func NewRejectWriter(w io.Writer, header []string) *RejectWriter {
	rw := &RejectWriter{bw: bufio.NewWriter(w)}
	rw.bw.Write(utf8BOM)
	rw.cw = csv.NewWriter(rw.bw)
	rw.rec = append(append(rw.rec, "line", "reason"), header...)
	rw.cw.Write(rw.rec)
	return rw
}

// Write writes one rejected row.
func (w *RejectWriter) Write(row *Row) error {
	reason := ""
	if fe, ok := row.Err.(*FieldError); ok {
		reason = fe.Detail()
	} else if row.Err != nil {
		reason = row.Err.Error()
	}
	w.rec = append(append(w.rec[:0], strconv.Itoa(row.Line), reason), row.Raw...)
	return w.cw.Write(w.rec)
}

// Flush writes out what is buffered.
func (w *RejectWriter) Flush() error {
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return err
	}
	return w.bw.Flush()
}
