package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/store/rows"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
)

func cmdKPI(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("kpi", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asOf := fs.String("as-of", "", "as-of day (default: the day of the latest event, at most today)")
	from := fs.String("from", "", "first day of the window")
	to := fs.String("to", "", "last day of the window")
	asJSON := fs.Bool("json", false, "print the contract's JSON object")
	by := fs.String("by", "", "split the KPIs by channel, tier, stage or new (cmd_insight.go)")
	format := fs.String("format", "", "text, json or xlsx (default: text, or xlsx for an --out file ending in .xlsx)")
	out := fs.String("out", "", "output file (default: standard output)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("kpi: unexpected argument %q", pos[0])
	}
	switch *format {
	case "", "text", "xlsx":
	case "json":
		*asJSON = true
	default:
		return usagef("--format %q: want text, json or xlsx", *format)
	}
	xlsx := wantsXLSX(*format, *out)
	if xlsx {
		if err := e.checkXLSXOut(*out); err != nil {
			return err
		}
	}
	if (*from == "") != (*to == "") {
		return usagef("kpi: give both --from and --to, or neither")
	}
	var day, from0, to0 model.Day
	if *asOf != "" {
		if day, err = model.ParseDay(*asOf); err != nil {
			return usagef("--as-of: %v", err)
		}
	}
	if *from != "" {
		if from0, err = model.ParseDay(*from); err != nil {
			return usagef("--from: %v", err)
		}
		if to0, err = model.ParseDay(*to); err != nil {
			return usagef("--to: %v", err)
		}
		if to0 < from0 {
			return usagef("kpi: --to %s is before --from %s", to0, from0)
		}
	}
	// A snapshot from the KPI cache reads a few pages: the file is mapped
	// whole (MAP_POPULATE, a read of every page) only for a scan.
	populate := *by != ""
	st, done, err := e.openStoreWith(store.Options{ReadOnly: true, Populate: populate})
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if !closed {
			done()
		}
	}()
	info, err := st.Info()
	if err != nil {
		return err
	}
	if *asOf == "" {
		day = info.DefaultAsOf(model.DayOf(e.now(), st.Location()))
	}
	w := model.Window{From: day - 29, To: day}
	if *from != "" {
		w = model.Window{From: from0, To: to0}
	}
	if *by != "" {
		return kpiBy(e, st, day, w, *by, *asJSON)
	}
	rules := model.DefaultRules()
	snap, cached, err := st.CachedSnapshot(rules, w)
	if err != nil {
		return err
	}
	txid := 0
	if !cached {
		if !populate && e.shared == nil {
			done()
			if st, done, err = e.openStoreWith(store.Options{ReadOnly: true, Populate: true}); err != nil {
				closed = true
				return err
			}
		}
		if snap, txid, err = st.ComputeSnapshot(rules, w); err != nil {
			return err
		}
	}
	if !cached {
		// Keep it for the next `kpi` and the cockpit's first frame, once the
		// answer is out (remember runs after the output below).
		defer func() {
			if st.ReadOnly() {
				done()
				closed = true
			}
			e.rememberSnapshot(st, rules, txid, snap)
		}()
	}
	if xlsx {
		err := e.writeWorkbook(st.Location(), *out, func(wb *rows.Workbook) error {
			return writeKPIWorkbook(wb, e.cat, day, st.Location().String(), snap)
		})
		if err != nil {
			return fmt.Errorf("kpi: %w", err)
		}
		e.doneWorkbook(*out, 4)
		return nil
	}
	return e.toOut(*out, func(w io.Writer) error {
		if *asJSON {
			return writeKPIJSON(w, day, snap)
		}
		writeKPITable(w, e.cat, day, st.Location().String(), snap)
		return nil
	})
}

// kpiJSON is the contract's `cockpit kpi --json` object; field order is the
// contract's.
type kpiJSON struct {
	AsOf   string          `json:"as_of"`
	From   string          `json:"from"`
	To     string          `json:"to"`
	Stages json.RawMessage `json:"stages"`
	Tiers  json.RawMessage `json:"tiers"`
	RFM    json.RawMessage `json:"rfm"`
	KPIs   kpisJSON        `json:"kpis"`
}

type kpisJSON struct {
	MembersTotal         int64       `json:"members_total"`
	NewMembers           int64       `json:"new_members"`
	ActiveMembers        int64       `json:"active_members"`
	ActiveRate           model.Ratio `json:"active_rate"`
	Buyers               int64       `json:"buyers"`
	RepurchaseRate       model.Ratio `json:"repurchase_rate"`
	Orders               int64       `json:"orders"`
	GMV                  float64     `json:"gmv"`
	Refunds              float64     `json:"refunds"`
	AOV                  model.Ratio `json:"aov"`
	UpgradeRate          model.Ratio `json:"upgrade_rate"`
	RetentionD1          model.Ratio `json:"retention_d1"`
	RetentionD7          model.Ratio `json:"retention_d7"`
	RetentionD30         model.Ratio `json:"retention_d30"`
	PointsRedemptionRate model.Ratio `json:"points_redemption_rate"`
}

// yuan converts fen to a JSON number of yuan; both operands are exact in
// float64, so the division is correctly rounded and prints as the decimal.
func yuan(fen int64) float64 { return float64(fen) / 100 }

// orderedCounts writes {"k1":n1,…} in the given key order.
func orderedCounts(keys []string, counts []int64) json.RawMessage {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%d", k, counts[i])
	}
	b.WriteByte('}')
	return json.RawMessage(b.String())
}

func stageKeys() []string {
	out := make([]string, model.NumStages)
	for i := range out {
		out[i] = model.Stage(i).String()
	}
	return out
}

func tierKeys() []string {
	out := make([]string, model.NumTiers)
	for i := range out {
		out[i] = model.Tier(i).String()
	}
	return out
}

func segmentKeys() []string {
	out := make([]string, model.NumSegments)
	for i := range out {
		out[i] = model.Segment(i).String()
	}
	return out
}

func kpiObject(asOf model.Day, s model.Snapshot) kpiJSON {
	k := s.KPIs
	return kpiJSON{
		AsOf: asOf.String(), From: s.Window.From.String(), To: s.Window.To.String(),
		Stages: orderedCounts(stageKeys(), s.Stages[:]),
		Tiers:  orderedCounts(tierKeys(), s.Tiers[:]),
		RFM:    orderedCounts(segmentKeys(), s.RFM[:]),
		KPIs: kpisJSON{
			MembersTotal: k.MembersTotal, NewMembers: k.NewMembers, ActiveMembers: k.ActiveMembers,
			ActiveRate: k.ActiveRate, Buyers: k.Buyers, RepurchaseRate: k.RepurchaseRate, Orders: k.Orders,
			GMV: yuan(k.GMVFen), Refunds: yuan(k.RefundsFen),
			AOV:         model.Ratio{Num: k.GMVFen, Den: k.Orders * 100},
			UpgradeRate: k.UpgradeRate, RetentionD1: k.RetentionD1, RetentionD7: k.RetentionD7,
			RetentionD30: k.RetentionD30, PointsRedemptionRate: k.PointsRedemptionRate,
		},
	}
}

func writeKPIJSON(w io.Writer, asOf model.Day, s model.Snapshot) error {
	b, err := json.Marshal(kpiObject(asOf, s))
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// pad pads s with spaces to display width n (Chinese characters count two).
func pad(s string, n int) string {
	if w := runewidth.StringWidth(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

func padLeft(s string, n int) string {
	if w := runewidth.StringWidth(s); w < n {
		return strings.Repeat(" ", n-w) + s
	}
	return s
}

// pct writes a ratio the way every screen does (format.Rate): "12.3%", or
// the dash when it is undefined.
func pct(r model.Ratio) string { return format.Rate(r, format.Dash) }

func writeKPITable(w io.Writer, cat i18n.Catalog, asOf model.Day, zone string, s model.Snapshot) {
	fmt.Fprintln(w, cat.T("kpi.title", asOf, s.Window.From, s.Window.To, zone))
	section := func(title string, keys []string, prefix string, counts []int64) {
		var total int64
		for _, c := range counts {
			total += c
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for i, k := range keys {
			share := model.Ratio{Num: counts[i], Den: total}
			fmt.Fprintf(w, "  %s %s %s\n", pad(cat.T(prefix+k), 18), padLeft(format.Count(counts[i]), 10), padLeft(pct(share), 8))
		}
	}
	section(cat.T("kpi.stages"), stageKeys(), "stage.", s.Stages[:])
	section(cat.T("kpi.tiers"), tierKeys(), "tier.", s.Tiers[:])
	section(cat.T("kpi.rfm"), segmentKeys(), "segment.", s.RFM[:])
	k := s.KPIs
	fmt.Fprintf(w, "\n%s\n", cat.T("kpi.kpis"))
	row := func(key, val string) { fmt.Fprintf(w, "  %s %s\n", pad(cat.T("kpi."+key), 18), padLeft(val, 16)) }
	row("members_total", format.Count(k.MembersTotal))
	row("new_members", format.Count(k.NewMembers))
	row("active_members", format.Count(k.ActiveMembers))
	row("active_rate", pct(k.ActiveRate))
	row("buyers", format.Count(k.Buyers))
	row("repurchase_rate", pct(k.RepurchaseRate))
	row("orders", format.Count(k.Orders))
	row("gmv", format.Money(k.GMVFen))
	row("refunds", format.Money(k.RefundsFen))
	aov := format.Dash
	if k.Orders > 0 {
		aov = format.Money(roundDiv(k.GMVFen, k.Orders))
	}
	row("aov", aov)
	row("upgrade_rate", pct(k.UpgradeRate))
	row("retention_d1", pct(k.RetentionD1))
	row("retention_d7", pct(k.RetentionD7))
	row("retention_d30", pct(k.RetentionD30))
	row("points_redemption_rate", pct(k.PointsRedemptionRate))
}

// roundDiv is num/den rounded half away from zero (den > 0): an average in
// fen, as the Overview's AOV card rounds it.
func roundDiv(num, den int64) int64 {
	if num >= 0 {
		return (2*num + den) / (2 * den)
	}
	return -((-2*num + den) / (2 * den))
}

// rememberSnapshot stores a computed snapshot in the KPI cache
// (store/kpicache.go) so that the next `kpi` of the same window, or the
// cockpit's first frame, needs no scan. The process that owns the file
// stores it at once; a read-only `kpi` (st already closed) takes the file
// for the one small write only if nobody holds it, without waiting. It is
// a cache: any failure leaves the file as it was and is not reported, and
// a write that committed after the scan makes the store skip it.
func (e *env) rememberSnapshot(st *store.Store, rules model.Rules, txid int, snap model.Snapshot) {
	if !st.ReadOnly() {
		_ = st.RememberSnapshots(rules, txid, snap)
		return
	}
	if e.shared != nil {
		return
	}
	rw, err := store.Open(e.db, store.Options{Timeout: time.Millisecond,
		Owner: store.OwnerInfo{Command: "cockpit " + strings.Join(os.Args[1:], " ")}})
	if err != nil {
		return
	}
	defer rw.Close()
	_ = rw.RememberSnapshots(rules, txid, snap)
}
