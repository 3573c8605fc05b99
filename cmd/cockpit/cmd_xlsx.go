package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/store/rows"
	"github.com/memberops/cockpit/ui/i18n"
)

// wantsXLSX reports whether a command's output is a workbook: --format xlsx,
// or no --format and an --out file ending in .xlsx.
func wantsXLSX(format, out string) bool {
	if format != "" {
		return strings.EqualFold(format, "xlsx")
	}
	return strings.HasSuffix(strings.ToLower(out), ".xlsx")
}

// checkXLSXOut refuses to write a workbook's bytes to a terminal.
func (e *env) checkXLSXOut(out string) error {
	if out != "" {
		return nil
	}
	if f, ok := e.stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		return usagef("%s", e.cat.T("xlsx.needout"))
	}
	return nil
}

// writeWorkbook builds a workbook with fill (dates in loc) and writes it to
// out, or to standard output when out is empty. A file left half-written by
// an error is removed.
func (e *env) writeWorkbook(loc *time.Location, out string, fill func(wb *rows.Workbook) error) (err error) {
	wb, err := rows.NewWorkbook(loc)
	if err != nil {
		return err
	}
	defer wb.Close()
	if err := fill(wb); err != nil {
		return err
	}
	if out == "" {
		_, err = wb.WriteTo(e.stdout)
		return err
	}
	f, err := os.OpenFile(out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
		}
	}()
	_, err = wb.WriteTo(f)
	return err
}

// exportWorkbook is `export members|events --format xlsx`.
func (e *env) exportWorkbook(st *store.Store, actor store.Actor, what, out string, opt store.ExportOptions) (int, error) {
	zh := e.cat.Lang == i18n.Zh
	var n int
	err := e.writeWorkbook(st.Location(), out, func(wb *rows.Workbook) error {
		var err error
		if what == "members" {
			n, err = st.ExportMembersWorkbook(actor, wb, e.cat.T("xlsx.sheet.members"), zh, opt)
		} else {
			n, err = st.ExportEventsWorkbook(actor, wb, e.cat.T("xlsx.sheet.events"), zh)
		}
		return err
	})
	return n, err
}

// writeKPIWorkbook writes `kpi`'s figures as four sheets: the KPIs (with the
// window), the lifecycle stages, the tiers and the RFM groups, each with
// counts and shares.
func writeKPIWorkbook(wb *rows.Workbook, cat i18n.Catalog, asOf model.Day, zone string, s model.Snapshot) error {
	sh, err := wb.AddSheet(cat.T("xlsx.sheet.kpis"), []rows.Column{{Title: cat.T("kpi.metric"), Type: rows.ColText, Width: 18},
		{Title: cat.T("kpi.value"), Type: rows.ColInt, Width: 18}, {Title: cat.T("xlsx.col.key"), Type: rows.ColText, Width: 24}})
	if err != nil {
		return err
	}
	k := s.KPIs
	var aov any = "—"
	if k.Orders > 0 {
		aov = rows.Fen((k.GMVFen + k.Orders/2) / k.Orders) // to the fen, as the table prints it
	}
	lines := []struct {
		key string
		val any
	}{
		{"as_of", asOf}, {"from", s.Window.From}, {"to", s.Window.To}, {"zone", zone},
		{"members_total", k.MembersTotal}, {"new_members", k.NewMembers}, {"active_members", k.ActiveMembers},
		{"active_rate", k.ActiveRate}, {"buyers", k.Buyers}, {"repurchase_rate", k.RepurchaseRate},
		{"orders", k.Orders}, {"gmv", rows.Fen(k.GMVFen)}, {"refunds", rows.Fen(k.RefundsFen)}, {"aov", aov},
		{"upgrade_rate", k.UpgradeRate}, {"retention_d1", k.RetentionD1}, {"retention_d7", k.RetentionD7},
		{"retention_d30", k.RetentionD30}, {"points_redemption_rate", k.PointsRedemptionRate},
	}
	for _, l := range lines {
		title := cat.T("kpi." + l.key)
		switch l.key {
		case "as_of", "from", "to", "zone":
			title = cat.T("xlsx." + strings.ReplaceAll(l.key, "_", ""))
		}
		if err := sh.Write(title, l.val, l.key); err != nil {
			return err
		}
	}
	counts := func(sheet, col, prefix string, keys []string, n []int64) error {
		sh, err := wb.AddSheet(cat.T(sheet), []rows.Column{{Title: cat.T(col), Type: rows.ColText, Width: 18},
			{Title: cat.T("kpi.count"), Type: rows.ColInt, Width: 12}, {Title: cat.T("kpi.share"), Type: rows.ColRate},
			{Title: cat.T("xlsx.col.key"), Type: rows.ColText, Width: 20}})
		if err != nil {
			return err
		}
		var total int64
		for _, c := range n {
			total += c
		}
		for i, key := range keys {
			if err := sh.Write(cat.T(prefix+key), n[i], model.Ratio{Num: n[i], Den: total}, key); err != nil {
				return err
			}
		}
		return nil
	}
	if err := counts("xlsx.sheet.stages", "xlsx.col.stage", "stage.", stageKeys(), s.Stages[:]); err != nil {
		return err
	}
	if err := counts("xlsx.sheet.tiers", "xlsx.col.tier", "tier.", tierKeys(), s.Tiers[:]); err != nil {
		return err
	}
	return counts("xlsx.sheet.rfm", "xlsx.col.segment", "segment.", segmentKeys(), s.RFM[:])
}

// writeTargetWorkbook writes a target's decomposition as three sheets
// (months, weeks, days): period, target, actual, expected, gap and pace, in
// the metric's unit (¥ for money, percentages for rates, counts).
func writeTargetWorkbook(wb *rows.Workbook, cat i18n.Catalog, rep *store.TargetReport) error {
	info, ok := model.Metric(rep.Target.Metric)
	if !ok {
		return errors.New("target: unknown metric " + rep.Target.Metric)
	}
	typ := rows.ColInt
	val := func(v int64) any { return v }
	switch {
	case info.Money:
		typ = rows.ColMoney
	case info.Rate:
		typ = rows.ColRate
		val = func(v int64) any { return model.Ratio{Num: v, Den: model.RatioScale} }
	}
	figures := []rows.Column{{Title: cat.T("target.col.target"), Type: typ}, {Title: cat.T("target.col.actual"), Type: typ},
		{Title: cat.T("target.col.expected"), Type: typ}, {Title: cat.T("target.col.gap"), Type: typ},
		{Title: cat.T("target.col.status"), Type: rows.ColText, Width: 12}}
	for _, part := range []struct {
		sheet string
		rows  []model.PeriodRow
	}{{"xlsx.sheet.months", rep.Months}, {"xlsx.sheet.weeks", rep.Weeks}, {"xlsx.sheet.days", rep.Days}} {
		days := part.sheet == "xlsx.sheet.days"
		// Months and weeks: the label and the days it covers (clipped to the
		// target's period); days: the day as a date.
		cols := []rows.Column{{Title: cat.T("target.col.period"), Type: rows.ColText, Width: 12},
			{Title: cat.T("xlsx.from"), Type: rows.ColDate}, {Title: cat.T("xlsx.to"), Type: rows.ColDate}}
		if days {
			cols = []rows.Column{{Title: cat.T("target.col.period"), Type: rows.ColDate}}
		}
		sh, err := wb.AddSheet(cat.T(part.sheet), append(cols, figures...))
		if err != nil {
			return err
		}
		vals := make([]any, 0, 8)
		for _, r := range part.rows {
			vals = append(vals[:0], r.Label, r.Window.From, r.Window.To)
			if days {
				vals = append(vals[:0], r.Window.From)
			}
			vals = append(vals, val(r.Target), val(r.Actual), val(r.Expected), val(r.Gap), cat.T("pace."+r.Status.String()))
			if err := sh.Write(vals...); err != nil {
				return err
			}
		}
	}
	return nil
}

// doneWorkbook reports a workbook written to a file on standard error.
func (e *env) doneWorkbook(out string, sheets int) {
	if out != "" {
		fmt.Fprintf(e.stderr, e.cat.T("xlsx.written"), out, sheets)
	}
}

// toOut runs write on out (created with mode 0600), or on standard output
// when out is empty: --out for the text and JSON forms of kpi and target show.
func (e *env) toOut(out string, write func(w io.Writer) error) (err error) {
	if out == "" {
		return write(e.stdout)
	}
	f, err := os.OpenFile(out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}
