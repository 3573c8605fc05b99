package sample

import (
	"bufio"
	"encoding/csv"
	"errors"
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
	mb := bufio.NewWriterSize(mf, 1<<20)
	eb := bufio.NewWriterSize(ef, 1<<20)
	mw := csv.NewWriter(mb)
	ew := csv.NewWriter(eb)
	if err := mw.Write(MembersHeader); err != nil {
		return 0, 0, err
	}
	if err := ew.Write(EventsHeader); err != nil {
		return 0, 0, err
	}

	cfg = cfg.norm()
	if cfg.Members > MaxMembers {
		return 0, 0, errors.New("sample: too many members")
	}
	g := newGen(cfg)
	mrec := make([]string, len(MembersHeader))
	erec := make([]string, len(EventsHeader))
	var tb []byte
	kinds := make([]string, model.NumKinds)
	for k := range kinds {
		kinds[k] = model.Kind(k).String()
	}
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
	mw.Flush()
	ew.Flush()
	if err := mw.Error(); err != nil {
		return members, events, err
	}
	if err := ew.Error(); err != nil {
		return members, events, err
	}
	if err := mb.Flush(); err != nil {
		return members, events, err
	}
	if err := eb.Flush(); err != nil {
		return members, events, err
	}
	if err := mf.Close(); err != nil {
		return members, events, err
	}
	return members, events, ef.Close()
}

// timestamp formats the current event's time as TimeLayout.
func (em *emitter) timestamp(tb *[]byte) string {
	*tb = em.e.At.AppendFormat((*tb)[:0], TimeLayout)
	return string(*tb)
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
