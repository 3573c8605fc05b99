package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
)

// kpiBy is `cockpit kpi --by DIM`: the KPIs of the window w split by dim.
// The whole and every part have the shape of `kpi --json`'s "kpis"; the
// whole equals it. Tier and stage are the member's at w.To (where `kpi`
// evaluates its stages and tiers); new means registered in the window.
func kpiBy(e *env, st *store.Store, asOf model.Day, w model.Window, by string, asJSON bool) error {
	dim, ok := model.ParseDimension(by)
	if !ok {
		return usagef("--by %q: want channel, tier, stage or new", by)
	}
	var channel func(uint32) int
	var channels []string
	if dim == model.ByChannel {
		p, err := st.LoadProfiles()
		if err != nil {
			return err
		}
		channel, channels = p.ChannelID, p.Channels()
	}
	r := model.DefaultRules()
	b, err := st.Breakdown(r, w, dim, channel)
	if err != nil {
		return err
	}
	keys, idx := breakdownParts(&b, channels)
	if asJSON {
		return writeBreakdownJSON(e.stdout, asOf, &b, keys, idx)
	}
	prevW := model.Window{From: w.From - model.Day(w.Len()), To: w.From - 1}
	prev, err := st.Breakdown(r, prevW, dim, channel)
	if err != nil {
		return err
	}
	writeBreakdownTable(e.stdout, e.cat, asOf, &b, &prev, keys, idx)
	return nil
}

// breakdownParts lists the parts to print, in the dimension's order: every
// tier, stage and new/returning; channels in order of first appearance, the
// members without a channel last and only when there are any.
func breakdownParts(b *model.Breakdown, channels []string) (keys []string, idx []int) {
	for i := range b.Parts {
		if b.Dim == model.ByChannel && i == 0 {
			continue
		}
		keys, idx = append(keys, b.PartKey(i, channels)), append(idx, i)
	}
	if b.Dim == model.ByChannel && len(b.Parts) > 0 && b.Parts[0].KPIs.MembersTotal > 0 {
		keys, idx = append(keys, model.PartNoChannel), append(idx, 0)
	}
	return keys, idx
}

// kpisObject is one KPIs value in the exact shape of `kpi --json`'s "kpis".
func kpisObject(k model.KPIs) kpisJSON {
	return kpiObject(0, model.Snapshot{KPIs: k}).KPIs
}

func writeBreakdownJSON(w io.Writer, asOf model.Day, b *model.Breakdown, keys []string, idx []int) error {
	var sb strings.Builder
	field := func(name string, v any) error {
		j, err := json.Marshal(v)
		if err != nil {
			return err
		}
		n, _ := json.Marshal(name)
		sb.Write(n)
		sb.WriteByte(':')
		sb.Write(j)
		return nil
	}
	sb.WriteByte('{')
	field("by", b.Dim.String())
	sb.WriteByte(',')
	field("as_of", asOf.String())
	sb.WriteByte(',')
	field("from", b.Window.From.String())
	sb.WriteByte(',')
	field("to", b.Window.To.String())
	sb.WriteByte(',')
	if err := field("whole", kpisObject(b.Whole)); err != nil {
		return err
	}
	sb.WriteString(`,"parts":{`)
	for n, i := range idx {
		if n > 0 {
			sb.WriteByte(',')
		}
		if err := field(keys[n], kpisObject(b.Parts[i].KPIs)); err != nil {
			return err
		}
	}
	sb.WriteString("}}\n")
	_, err := io.WriteString(w, sb.String())
	return err
}

// breakdownValue formats one KPI as the `kpi` table does (ui/format).
func breakdownValue(k model.KPIs, key string) string {
	switch key {
	case "members_total":
		return format.Count(k.MembersTotal)
	case "new_members":
		return format.Count(k.NewMembers)
	case "active_members":
		return format.Count(k.ActiveMembers)
	case "active_rate":
		return pct(k.ActiveRate)
	case "buyers":
		return format.Count(k.Buyers)
	case "repurchase_rate":
		return pct(k.RepurchaseRate)
	case "orders":
		return format.Count(k.Orders)
	case "gmv":
		return format.Money(k.GMVFen)
	case "refunds":
		return format.Money(k.RefundsFen)
	case "aov":
		if k.Orders == 0 {
			return format.Dash
		}
		return format.Money(roundDiv(k.GMVFen, k.Orders))
	case "upgrade_rate":
		return pct(k.UpgradeRate)
	case "retention_d1":
		return pct(k.RetentionD1)
	case "retention_d7":
		return pct(k.RetentionD7)
	case "retention_d30":
		return pct(k.RetentionD30)
	case "points_redemption_rate":
		return pct(k.PointsRedemptionRate)
	}
	return ""
}

// additiveValue is an additive KPI's integer value (members, orders, fen).
func additiveValue(k model.KPIs, key string) int64 {
	switch key {
	case "members_total":
		return k.MembersTotal
	case "new_members":
		return k.NewMembers
	case "active_members":
		return k.ActiveMembers
	case "buyers":
		return k.Buyers
	case "orders":
		return k.Orders
	case "gmv":
		return k.GMVFen
	case "refunds":
		return k.RefundsFen
	}
	return 0
}

// change formats the relative change from prev to cur ("+12.5%"; the dash
// when prev is zero).
func change(cur, prev int64) string {
	if prev == 0 {
		return format.Dash
	}
	p := 100 * float64(cur-prev) / float64(prev)
	s := format.Percent(p, format.Dash)
	if p > 0 {
		s = "+" + s
	}
	return s
}

// partLabel is a part's name for people.
func partLabel(cat i18n.Catalog, dim model.Dimension, key string) string {
	switch dim {
	case model.ByTier:
		return cat.T("tier." + key)
	case model.ByStage:
		return cat.T("stage." + key)
	case model.ByNew:
		return cat.T("insight.part." + key)
	}
	if key == model.PartNoChannel {
		return cat.T("insight.part.nochannel")
	}
	return key
}

// writeBreakdownTable prints one column per part and the whole; under
// each additive KPI its share of the whole and its change against the
// previous window of the same length.
func writeBreakdownTable(w io.Writer, cat i18n.Catalog, asOf model.Day, b, prev *model.Breakdown, keys []string, idx []int) {
	fmt.Fprintln(w, cat.T("insight.by.title", cat.T("insight.dim."+b.Dim.String()), asOf, b.Window.From, b.Window.To, prev.Window.From, prev.Window.To))
	const labelW = 20
	colW := 12
	heads := make([]string, 0, len(idx)+1)
	for _, k := range keys {
		heads = append(heads, partLabel(cat, b.Dim, k))
	}
	heads = append(heads, cat.T("insight.whole"))
	type row struct {
		label string
		cells []string
	}
	var table []row
	line := func(label string, cells []string) { table = append(table, row{label, cells}) }
	line("", heads)
	prevPart := func(i int) model.KPIs {
		if i < len(prev.Parts) {
			return prev.Parts[i].KPIs
		}
		return model.KPIs{}
	}
	for _, key := range model.KPIKeys {
		cells := make([]string, 0, len(idx)+1)
		for _, i := range idx {
			cells = append(cells, breakdownValue(b.Parts[i].KPIs, key))
		}
		cells = append(cells, breakdownValue(b.Whole, key))
		line("  "+cat.T("kpi."+key), cells)
		if !model.IsAdditiveKPI(key) {
			continue
		}
		whole := additiveValue(b.Whole, key)
		shares, changes := make([]string, 0, len(idx)+1), make([]string, 0, len(idx)+1)
		for _, i := range idx {
			v := additiveValue(b.Parts[i].KPIs, key)
			shares = append(shares, pct(model.Ratio{Num: v, Den: whole}))
			changes = append(changes, change(v, additiveValue(prevPart(i), key)))
		}
		shares = append(shares, pct(model.Ratio{Num: whole, Den: whole}))
		changes = append(changes, change(whole, additiveValue(prev.Whole, key)))
		line("    "+cat.T("insight.share"), shares)
		line("    "+cat.T("insight.vsprev"), changes)
	}
	for _, r := range table {
		for _, c := range r.cells {
			colW = max(colW, runewidth.StringWidth(c)+2)
		}
	}
	fmt.Fprintln(w)
	for _, r := range table {
		fmt.Fprint(w, pad(r.label, labelW))
		for _, c := range r.cells {
			fmt.Fprint(w, padLeft(c, colW))
		}
		fmt.Fprintln(w)
	}
}

// cmdCohorts is `cockpit cohorts`: registration-month cohorts with the share
// active and the cumulative GMV per member month by month since
// registration, and the new-member second-purchase rate by month.
func cmdCohorts(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("cohorts", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asOf := fs.String("as-of", "", "as-of day (default: the day of the latest event)")
	months := fs.Int("months", 12, "cohorts: registration months ending with the as-of month")
	within := fs.Int("within", 30, "second purchase within N days of the first")
	asJSON := fs.Bool("json", false, "print one JSON object")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("cohorts: unexpected argument %q", pos[0])
	}
	if *months < 1 || *months > 120 {
		return usagef("--months %d: want 1 … 120", *months)
	}
	if *within < 1 || *within > 3650 {
		return usagef("--within %d: want 1 … 3650", *within)
	}
	var day model.Day
	if *asOf != "" {
		if day, err = model.ParseDay(*asOf); err != nil {
			return usagef("--as-of: %v", err)
		}
	}
	st, done, err := e.openStoreWith(store.Options{ReadOnly: true, Populate: true})
	if err != nil {
		return err
	}
	defer done()
	if *asOf == "" {
		info, err := st.Info()
		if err != nil {
			return err
		}
		day = info.DefaultAsOf(model.DayOf(e.now(), st.Location())) // as `kpi` chooses it
	}
	cfg := model.DefaultInsightConfig(day)
	cfg.Months, cfg.SecondWithin = *months, *within
	in, err := st.Insight(cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeCohortsJSON(e.stdout, in)
	}
	writeCohortsTable(e.stdout, e.cat, in)
	return nil
}

type cohortJSON struct {
	Month           string        `json:"month"`
	Size            int64         `json:"size"`
	Active          []model.Ratio `json:"active"`
	CumGMVPerMember []*float64    `json:"cum_gmv_per_member"`
}

type secondMonthJSON struct {
	Month       string      `json:"month"`
	FirstBuyers int64       `json:"first_buyers"`
	Rate        model.Ratio `json:"rate"`
	Pending     int64       `json:"pending"`
}

type cohortsJSON struct {
	AsOf           string       `json:"as_of"`
	Cohorts        []cohortJSON `json:"cohorts"`
	SecondPurchase struct {
		Within  int               `json:"within_days"`
		Overall model.Ratio       `json:"overall"`
		Months  []secondMonthJSON `json:"months"`
	} `json:"second_purchase"`
}

// perMemberYuan is fen per member in yuan rounded to the fen (nil: an
// empty cohort).
func perMemberYuan(r model.Ratio) *float64 {
	if !r.Valid() {
		return nil
	}
	fen := (2*r.Num + r.Den) / (2 * r.Den) // round half up; Num ≥ 0
	v := yuan(fen)
	return &v
}

func writeCohortsJSON(w io.Writer, in *model.Insight) error {
	var out cohortsJSON
	out.AsOf = in.Config.AsOf.String()
	out.Cohorts = []cohortJSON{}
	for i := range in.Cohorts.Rows {
		r := &in.Cohorts.Rows[i]
		c := cohortJSON{Month: r.Month.String(), Size: r.Size, Active: []model.Ratio{}, CumGMVPerMember: []*float64{}}
		for k := range r.Active {
			c.Active = append(c.Active, r.ActiveShare(k))
			c.CumGMVPerMember = append(c.CumGMVPerMember, perMemberYuan(r.CumGMVPerMember(k)))
		}
		out.Cohorts = append(out.Cohorts, c)
	}
	sp := &in.SecondPurchase
	out.SecondPurchase.Within = sp.Within
	out.SecondPurchase.Overall = sp.Overall()
	out.SecondPurchase.Months = []secondMonthJSON{}
	for _, m := range sp.Months {
		out.SecondPurchase.Months = append(out.SecondPurchase.Months,
			secondMonthJSON{Month: m.Month.String(), FirstBuyers: m.FirstBuyer, Rate: m.Rate, Pending: m.Pending})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

func writeCohortsTable(w io.Writer, cat i18n.Catalog, in *model.Insight) {
	rows := in.Cohorts.Rows
	n := 0
	for _, r := range rows {
		n = max(n, len(r.Active))
	}
	head := func(title string) {
		fmt.Fprintf(w, "\n%s\n%s%s", title, pad(cat.T("insight.cohort.month"), 9), padLeft(cat.T("insight.cohort.size"), 8))
		for k := 0; k < n; k++ {
			fmt.Fprint(w, padLeft(fmt.Sprintf("M%d", k), 9))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, cat.T("insight.cohorts.title", in.Config.AsOf))
	head(cat.T("insight.cohorts.active"))
	for i := range rows {
		r := &rows[i]
		fmt.Fprintf(w, "%s%s", pad(r.Month.String(), 9), padLeft(format.Count(r.Size), 8))
		for k := range r.Active {
			s := pct(r.ActiveShare(k))
			fmt.Fprint(w, padLeft(s, 9))
		}
		fmt.Fprintln(w)
	}
	head(cat.T("insight.cohorts.gmv"))
	for i := range rows {
		r := &rows[i]
		fmt.Fprintf(w, "%s%s", pad(r.Month.String(), 9), padLeft(format.Count(r.Size), 8))
		for k := range r.Active {
			s := format.Dash
			if v := perMemberYuan(r.CumGMVPerMember(k)); v != nil {
				s = format.Decimal(*v, 2)
			}
			fmt.Fprint(w, padLeft(s, 9))
		}
		fmt.Fprintln(w)
	}
	sp := &in.SecondPurchase
	fmt.Fprintf(w, "\n%s\n", cat.T("insight.second.title", sp.Within, pct(sp.Overall())))
	fmt.Fprintf(w, "%s%s%s%s\n", pad(cat.T("insight.cohort.month"), 9), padLeft(cat.T("insight.second.first"), 12),
		padLeft(cat.T("insight.second.rate"), 12), padLeft(cat.T("insight.second.pending"), 12))
	for _, m := range sp.Months {
		fmt.Fprintf(w, "%s%s%s%s\n", pad(m.Month.String(), 9), padLeft(format.Count(m.FirstBuyer), 12),
			padLeft(pct(m.Rate), 12), padLeft(format.Count(m.Pending), 12))
	}
}
