package sample

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/memberops/cockpit/model"
)

// MembersHeader and EventsHeader are the header rows WriteCSV writes.
var (
	MembersHeader = []string{"member_id", "name", "phone", "channel", "registered_at", "birthday", "consent", "tags"}
	EventsHeader  = []string{"member_id", "kind", "at", "amount", "order_id", "channel", "campaign_id"}
)

// TimeLayout is the layout of timestamps in the sample's files.
const TimeLayout = "2006-01-02 15:04:05"

// WriteCSV writes members.csv and events.csv of the sample into dir (created
// if needed): UTF-8 without BOM, English headers (MembersHeader,
// EventsHeader), timestamps as TimeLayout in cfg.Loc, amounts in yuan with two
// decimals for purchase and refund, integer points for redeem, empty
// otherwise; consent true/false; tags joined with |. It returns the number of
// rows written (headers excluded).
func WriteCSV(dir string, cfg Config) (members, events int, err error) {
	return writeFiles(dir, cfg, WriteCSVTo)
}

// writeFiles creates dir and its members.csv and events.csv, and has write
// fill them; a file that fails to close is an error (the disk filled up).
func writeFiles(dir string, cfg Config, write func(m, e io.Writer, cfg Config) (int, int, error)) (members, events int, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	mf, err := os.Create(filepath.Join(dir, "members.csv"))
	if err != nil {
		return 0, 0, err
	}
	defer mf.Close()
	ef, err := os.Create(filepath.Join(dir, "events.csv"))
	if err != nil {
		return 0, 0, err
	}
	defer ef.Close()
	members, events, err = write(mf, ef, cfg)
	if err != nil {
		return members, events, err
	}
	if err := mf.Close(); err != nil {
		return members, events, err
	}
	return members, events, ef.Close()
}

// WriteCSVTo writes the members and the events of the sample as CSV (the
// format of WriteCSV) to two writers, buffering them itself.
func WriteCSVTo(membersOut, eventsOut io.Writer, cfg Config) (members, events int, err error) {
	cfg = cfg.norm()
	if cfg.Members > MaxMembers {
		return 0, 0, fmt.Errorf("sample: %d members: at most %d", cfg.Members, MaxMembers)
	}
	mb := bufio.NewWriterSize(membersOut, 1<<20)
	eb := bufio.NewWriterSize(eventsOut, 1<<20)
	mw := csv.NewWriter(mb)
	ew := csv.NewWriter(eb)
	if err := mw.Write(MembersHeader); err != nil {
		return 0, 0, err
	}
	if err := ew.Write(EventsHeader); err != nil {
		return 0, 0, err
	}
	g := newGen(cfg)
	mrec := make([]string, len(MembersHeader))
	erec := make([]string, len(EventsHeader))
	var tb []byte
	kinds := make([]string, model.NumKinds)
	for k := range kinds {
		kinds[k] = model.Kind(k).String()
	}
	membersDone := false
	err = g.run(func(m *model.Member) error {
		mrec[0], mrec[1], mrec[2], mrec[3] = m.ID, m.Name, m.Phone, m.Channel
		tb = m.RegisteredAt.AppendFormat(tb[:0], TimeLayout)
		mrec[4] = string(tb)
		mrec[5] = m.Birthday
		mrec[6] = strconv.FormatBool(m.Consent)
		mrec[7] = strings.Join(m.Tags, "|")
		members++
		return mw.Write(mrec)
	}, func(em *emitter) error {
		if !membersDone { // members are complete: flush them before the events
			membersDone = true
			if err := flushCSV(mw, mb); err != nil {
				return err
			}
		}
		e := &em.e
		erec[0] = e.MemberID
		erec[1] = kinds[e.Kind]
		erec[2] = em.timestamp(&tb)
		switch e.Kind {
		case model.KindPurchase, model.KindRefund:
			tb = appendYuan(tb[:0], e.Amount)
			erec[3] = string(tb)
		case model.KindRedeem:
			erec[3] = strconv.FormatInt(e.Amount, 10)
		default:
			erec[3] = ""
		}
		erec[4], erec[5], erec[6] = e.OrderID, e.Channel, e.CampaignID
		events++
		return ew.Write(erec)
	})
	if err != nil {
		return members, events, err
	}
	if err := flushCSV(mw, mb); err != nil {
		return members, events, err
	}
	return members, events, flushCSV(ew, eb)
}

func flushCSV(w *csv.Writer, b *bufio.Writer) error {
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return b.Flush()
}

// timestamp formats the current event's time as TimeLayout.
// On days without a clock change the wall clock is the second of the day,
// which formats without a time zone lookup.
func (em *emitter) timestamp(tb *[]byte) string {
	c := em.g.cal
	d, s := em.v.day(), em.v.sec()
	if c.midnight[d+1]-c.midnight[d] != 86400 {
		*tb = em.e.At.AppendFormat((*tb)[:0], TimeLayout)
		return string(*tb)
	}
	b := append((*tb)[:0], c.dayStr[d]...)
	h, m, x := s/3600, s/60%60, s%60
	b = append(b, ' ', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+x/10), byte('0'+x%10))
	*tb = b
	return string(b)
}

// appendYuan appends fen as yuan with two decimals.
func appendYuan(b []byte, fen int64) []byte {
	if fen < 0 {
		b = append(b, '-')
		fen = -fen
	}
	b = strconv.AppendInt(b, fen/100, 10)
	b = append(b, '.')
	c := fen % 100
	return append(b, byte('0'+c/10), byte('0'+c%10))
}
