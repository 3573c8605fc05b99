package rows

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

// eventsCSV builds n realistic event rows: 100k members, the kinds in the
// proportions of a real programme, Chinese channels, order ids on purchases and
// refunds, a campaign on one row in five.
func eventsCSV(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := []struct {
		k model.Kind
		w int
	}{{model.KindLogin, 35}, {model.KindBrowse, 25}, {model.KindSignin, 12}, {model.KindPurchase, 10}, {model.KindShare, 5},
		{model.KindReview, 3}, {model.KindInvite, 2}, {model.KindRefund, 2}, {model.KindRedeem, 3}, {model.KindRegister, 3}}
	channels := []string{"公众号", "小程序", "APP", "门店", "社群"}
	var b bytes.Buffer
	b.WriteString("member_id,kind,at,amount,order_id,channel,campaign_id\n")
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		x := rng.IntN(100)
		k := kinds[0].k
		for _, kw := range kinds {
			if x < kw.w {
				k = kw.k
				break
			}
			x -= kw.w
		}
		at := t0.Add(time.Duration(i) * 315 * time.Second)
		amount, order, campaign := "", "", ""
		switch k {
		case model.KindPurchase, model.KindRefund:
			amount = model.FormatFen(int64(rng.IntN(100000) + 100))
			order = fmt.Sprintf("O%s%06d", at.Format("20060102"), i)
		case model.KindRedeem:
			amount = fmt.Sprint(rng.IntN(5000) + 100)
		}
		if rng.IntN(5) == 0 {
			campaign = fmt.Sprintf("C2024%02d", rng.IntN(30))
		}
		fmt.Fprintf(&b, "M%07d,%s,%s,%s,%s,%s,%s\n", rng.IntN(100000), k, at.Format(time.DateTime), amount, order, channels[rng.IntN(len(channels))], campaign)
	}
	return b.Bytes()
}

func benchRead(b *testing.B, data []byte, n int) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		loc = cst
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := NewReader(bytes.NewReader(data), "events.csv", Options{Loc: loc})
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if row.Err != nil {
				b.Fatal(row.Err)
			}
			rows++
		}
		if rows != n {
			b.Fatalf("%d rows", rows)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
}

// BenchmarkReadEvents reads 100,000 events from an in-memory UTF-8 CSV: the
// importer's hot loop without the database.
func BenchmarkReadEvents(b *testing.B) {
	const n = 100_000
	benchRead(b, eventsCSV(n), n)
}

// BenchmarkReadEventsGB18030 is the same file encoded as Excel in China writes it.
func BenchmarkReadEventsGB18030(b *testing.B) {
	const n = 100_000
	benchRead(b, gb(b, string(eventsCSV(n))), n)
}

// BenchmarkReadEventsJSONL is the same events as JSON Lines.
func BenchmarkReadEventsJSONL(b *testing.B) {
	const n = 100_000
	r, err := NewReader(bytes.NewReader(eventsCSV(n)), "events.csv", Options{Loc: time.UTC})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	w := NewEventsWriter(&buf, JSONL, time.UTC)
	for {
		row, err := r.Next()
		if err != nil {
			break
		}
		w.Write(row.Event)
	}
	w.Flush()
	benchRead(b, buf.Bytes(), n)
}

// BenchmarkWriteEvents writes 100,000 events as CSV.
func BenchmarkWriteEvents(b *testing.B) {
	const n = 100_000
	r, _ := NewReader(bytes.NewReader(eventsCSV(n)), "events.csv", Options{Loc: time.UTC})
	var evs []model.Event
	for {
		row, err := r.Next()
		if err != nil {
			break
		}
		evs = append(evs, row.Event)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := NewEventsWriter(io.Discard, CSV, time.UTC)
		for _, e := range evs {
			w.Write(e)
		}
		w.Flush()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
}
