package sample

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// Shape selects the shape of the generated files.
type Shape uint8

// Shapes of the sample.
const (
	// ShapeDefault is the built-in sample: lifecycles, campaigns, channels,
	// ids like M00000001, times without a zone.
	ShapeDefault Shape = iota
	// ShapeUniform is shaped like a real shop's export, the shape the import
	// budgets are measured on (issue 9): events in time order, each event's
	// member drawn uniformly from all members, UniformEventsPerMember events
	// per member over the 365 days ending at End, numeric ids, RFC 3339 times
	// with the zone's offset, no channel or campaign columns.
	ShapeUniform
)

// ParseShape accepts "default" (or "") and "uniform".
func ParseShape(s string) (Shape, error) {
	switch s {
	case "", "default":
		return ShapeDefault, nil
	case "uniform":
		return ShapeUniform, nil
	}
	return 0, fmt.Errorf("unknown shape %q (want default or uniform)", s)
}

// UniformEventsPerMember is the number of events per member of ShapeUniform.
const UniformEventsPerMember = 10

// Headers of ShapeUniform's files.
var (
	UniformMembersHeader = []string{"member_id", "name", "registered_at"}
	UniformEventsHeader  = []string{"member_id", "kind", "at", "amount", "order_id"}
)

// WriteUniformCSV writes members.csv and events.csv of ShapeUniform into dir
// (created if needed). The same cfg gives the same bytes. It returns the
// number of rows written (headers excluded).
func WriteUniformCSV(dir string, cfg Config) (members, events int, err error) {
	return writeFiles(dir, cfg, WriteUniformCSVTo)
}

// WriteUniformCSVTo writes the members and the events of ShapeUniform as CSV
// to two writers, buffering them itself.
//
// Members are "1" … "N", registered in the two years before the window.
// Event i of E = 10·N falls at the window's start + i·365 days / E (so times
// never decrease) and belongs to a member drawn uniformly; kinds are 40 %
// purchase (amount 10.00–999.99 yuan, order id P<i>), 3 % refund (amount
// 1.00–99.99, order id R<i>), 5 % redeem (100–5,000 points), the rest login
// and browse. No field needs quoting, so the rows are written directly.
func WriteUniformCSVTo(membersOut, eventsOut io.Writer, cfg Config) (members, events int, err error) {
	cfg = cfg.norm()
	if cfg.Members > MaxMembers {
		return 0, 0, fmt.Errorf("sample: %d members: at most %d", cfg.Members, MaxMembers)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x756e69666f726d)) // "uniform"
	start := (cfg.End - WindowDays + 1).Time(cfg.Loc)
	end := (cfg.End + 1).Time(cfg.Loc)
	span := end.Unix() - start.Unix()

	mb := bufio.NewWriterSize(membersOut, 1<<20)
	eb := bufio.NewWriterSize(eventsOut, 1<<20)
	var b []byte
	b = appendRow(b[:0], UniformMembersHeader)
	mb.Write(b)
	const regSpan = 2 * 365 * 86400
	for m := 1; m <= cfg.Members; m++ {
		b = strconv.AppendInt(b[:0], int64(m), 10)
		b = append(b, ",Member "...)
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, ',')
		reg := time.Unix(start.Unix()-1-rng.Int64N(regSpan), 0).In(cfg.Loc)
		b = reg.AppendFormat(b, time.RFC3339)
		b = append(b, '\n')
		if _, err := mb.Write(b); err != nil {
			return members, 0, err
		}
		members++
	}
	if err := mb.Flush(); err != nil {
		return members, 0, err
	}

	b = appendRow(b[:0], UniformEventsHeader)
	eb.Write(b)
	n := int64(cfg.Members) * UniformEventsPerMember
	var lastSec int64 = -1
	var stamp []byte
	for i := int64(0); i < n; i++ {
		sec := start.Unix() + i*span/n
		if sec != lastSec { // format each second once
			lastSec = sec
			stamp = time.Unix(sec, 0).In(cfg.Loc).AppendFormat(stamp[:0], time.RFC3339)
		}
		b = strconv.AppendInt(b[:0], 1+rng.Int64N(int64(cfg.Members)), 10)
		r := rng.IntN(100)
		switch {
		case r < 40:
			b = append(b, ",purchase,"...)
			b = append(b, stamp...)
			b = append(b, ',')
			b = appendYuan(b, 1000+rng.Int64N(99_000))
			b = append(b, ",P"...)
			b = strconv.AppendInt(b, i+1, 10)
		case r < 43:
			b = append(b, ",refund,"...)
			b = append(b, stamp...)
			b = append(b, ',')
			b = appendYuan(b, 100+rng.Int64N(9_900))
			b = append(b, ",R"...)
			b = strconv.AppendInt(b, i+1, 10)
		case r < 48:
			b = append(b, ",redeem,"...)
			b = append(b, stamp...)
			b = append(b, ',')
			b = strconv.AppendInt(b, 100+rng.Int64N(4_901), 10)
			b = append(b, ',')
		case r < 78:
			b = append(b, ",login,"...)
			b = append(b, stamp...)
			b = append(b, ",,"...)
		default:
			b = append(b, ",browse,"...)
			b = append(b, stamp...)
			b = append(b, ",,"...)
		}
		b = append(b, '\n')
		if _, err := eb.Write(b); err != nil {
			return members, events, err
		}
		events++
	}
	return members, events, eb.Flush()
}

// appendRow appends fields joined by commas and a newline (fields that need
// no quoting).
func appendRow(b []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, f...)
	}
	return append(b, '\n')
}
