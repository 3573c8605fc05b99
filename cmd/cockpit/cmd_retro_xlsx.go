package main

import (
	"errors"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store/rows"
	"github.com/memberops/cockpit/ui/i18n"
)

// writeRetroWorkbook writes a retro's stored figures (d) as a workbook, one
// sheet per table of the Markdown: target against actual (whole period,
// months, weeks), the key figures beside the previous window, the stage and
// tier flows, the channels, the campaigns' results and the daily trends.
// Money cells are yuan with the ¥ format, rates percentages, days dates.
// cat is the retro's own language: the labels stored with the figures are
// in it, so the headers are too. It returns the number of sheets written.
func writeRetroWorkbook(wb *rows.Workbook, cat i18n.Catalog, d *model.RetroData) (int, error) {
	if d == nil {
		return 0, errors.New("the retro has no figures")
	}
	steps := []func(*rows.Workbook, i18n.Catalog, *model.RetroData) (bool, error){
		retroTargetsSheet, retroKPISheet, retroStageSheet, retroTierSheet, retroChannelSheet, retroCampaignSheet, retroDailySheet,
	}
	n := 0
	for _, step := range steps {
		wrote, err := step(wb, cat, d)
		if err != nil {
			return n, err
		}
		if wrote {
			n++
		}
	}
	return n, nil
}

// retroValue is a value in metric's unit as a cell: fen as money, a rate
// scaled by model.RatioScale as a percentage, a count as a number.
func retroValue(metric string, v int64) any {
	info, _ := model.Metric(metric)
	switch {
	case info.Money:
		return rows.Fen(v)
	case info.Rate:
		return model.Ratio{Num: v, Den: model.RatioScale}
	}
	return v
}

// retroKPICell is a KPI's raw value (see model.RetroKPI) as a cell; text
// when there is no raw value (undefined, or a retro filled before the
// previous window's raw values were kept).
func retroKPICell(key string, num, den int64, text string) any {
	if den == 0 {
		return text
	}
	info, _ := model.Metric(key)
	switch {
	case key == "aov":
		return rows.Fen((num + den/2) / den) // to the fen, as the table prints it
	case info.Money:
		return rows.Fen(num)
	case info.Rate:
		return model.Ratio{Num: num, Den: den}
	}
	return num
}

func retroTargetsSheet(wb *rows.Workbook, cat i18n.Catalog, d *model.RetroData) (bool, error) {
	sh, err := wb.AddSheet(cat.T("xlsx.sheet.retro.targets"), []rows.Column{
		{Title: cat.T("xlsx.retro.id"), Type: rows.ColText, Width: 8}, {Title: cat.T("xlsx.retro.name"), Type: rows.ColText, Width: 20},
		{Title: cat.T("xlsx.retro.metric"), Type: rows.ColText, Width: 14}, {Title: cat.T("xlsx.retro.level"), Type: rows.ColText, Width: 8},
		{Title: cat.T("target.col.period"), Type: rows.ColText, Width: 24},
		{Title: cat.T("target.col.target"), Type: rows.ColInt, Width: 16}, {Title: cat.T("target.col.actual"), Type: rows.ColInt, Width: 16},
		{Title: cat.T("target.col.gap"), Type: rows.ColInt, Width: 16}, {Title: cat.T("target.col.expected"), Type: rows.ColInt, Width: 16},
		{Title: cat.T("xlsx.retro.expectedgap"), Type: rows.ColInt, Width: 16}, {Title: cat.T("xlsx.retro.reached"), Type: rows.ColRate},
		{Title: cat.T("target.col.status"), Type: rows.ColText, Width: 12}})
	if err != nil {
		return false, err
	}
	for _, t := range d.Targets {
		write := func(level string, p model.RetroPeriod) error {
			v := func(x int64) any { return retroValue(t.Metric, x) }
			return sh.Write(t.ID, t.Name, t.MetricLabel, cat.T("xlsx.retro.level."+level), p.Label,
				v(p.Target), v(p.Actual), v(p.Gap), v(p.Expected), v(p.ExpectedGap), p.Reached.Ratio(), p.Status)
		}
		if err := write("whole", t.Whole); err != nil {
			return false, err
		}
		for _, p := range t.Months {
			if err := write("month", p); err != nil {
				return false, err
			}
		}
		for _, p := range t.Weeks {
			if err := write("week", p); err != nil {
				return false, err
			}
		}
	}
	return true, nil
}

func retroKPISheet(wb *rows.Workbook, cat i18n.Catalog, d *model.RetroData) (bool, error) {
	sh, err := wb.AddSheet(cat.T("xlsx.sheet.retro.kpis"), []rows.Column{
		{Title: cat.T("kpi.metric"), Type: rows.ColText, Width: 18}, {Title: cat.T("xlsx.retro.this"), Type: rows.ColInt, Width: 16},
		{Title: cat.T("xlsx.retro.prev"), Type: rows.ColInt, Width: 16}, {Title: cat.T("xlsx.retro.change"), Type: rows.ColText, Width: 12},
		{Title: cat.T("xlsx.col.key"), Type: rows.ColText, Width: 24}})
	if err != nil {
		return false, err
	}
	// The two windows first, as dates, then the contract's KPIs.
	if err := sh.Write(cat.T("xlsx.from"), d.KPIFrom, d.PrevFrom, nil, "from"); err != nil {
		return false, err
	}
	if err := sh.Write(cat.T("xlsx.to"), d.KPITo, d.PrevTo, nil, "to"); err != nil {
		return false, err
	}
	for _, k := range d.KPIs {
		if err := sh.Write(k.Label, retroKPICell(k.Key, k.Num, k.Den, k.Value), retroKPICell(k.Key, k.PrevNum, k.PrevDen, k.Prev),
			k.Change, k.Key); err != nil {
			return false, err
		}
	}
	return true, nil
}

func retroStageSheet(wb *rows.Workbook, cat i18n.Catalog, d *model.RetroData) (bool, error) {
	return retroFlowSheet(wb, cat, "xlsx.sheet.retro.stages", d.Stages)
}

func retroTierSheet(wb *rows.Workbook, cat i18n.Catalog, d *model.RetroData) (bool, error) {
	return retroFlowSheet(wb, cat, "xlsx.sheet.retro.tiers", d.Tiers)
}

// retroFlowSheet writes a flow matrix: a row per state at From−1 (and the
// new members), a column per state at To, the totals, then the members who
// moved up, down or stayed.
func retroFlowSheet(wb *rows.Workbook, cat i18n.Catalog, sheet string, fl model.RetroFlow) (bool, error) {
	if len(fl.Columns) == 0 {
		return false, nil
	}
	cols := []rows.Column{{Title: cat.T("xlsx.retro.flowfrom"), Type: rows.ColText, Width: 14}}
	for _, c := range fl.Columns {
		cols = append(cols, rows.Column{Title: c, Type: rows.ColInt})
	}
	cols = append(cols, rows.Column{Title: cat.T("xlsx.retro.total"), Type: rows.ColInt})
	sh, err := wb.AddSheet(cat.T(sheet), cols)
	if err != nil {
		return false, err
	}
	vals := make([]any, 0, len(cols))
	for _, r := range fl.Rows {
		vals = append(vals[:0], r.Label)
		for _, n := range r.Cells {
			vals = append(vals, n)
		}
		if err := sh.Write(append(vals, r.Total)...); err != nil {
			return false, err
		}
	}
	vals = append(vals[:0], cat.T("xlsx.retro.total"))
	for _, n := range fl.ColTotals {
		vals = append(vals, n)
	}
	if err := sh.Write(append(vals, fl.Total)...); err != nil {
		return false, err
	}
	for _, m := range []struct {
		key string
		n   int64
	}{{"xlsx.retro.up", fl.Up}, {"xlsx.retro.down", fl.Down}, {"xlsx.retro.same", fl.Same}} {
		if err := sh.Write(cat.T(m.key), m.n); err != nil {
			return false, err
		}
	}
	return true, nil
}

func retroChannelSheet(wb *rows.Workbook, cat i18n.Catalog, d *model.RetroData) (bool, error) {
	sh, err := wb.AddSheet(cat.T("xlsx.sheet.retro.channels"), []rows.Column{
		{Title: cat.T("xlsx.retro.channel"), Type: rows.ColText}, {Title: cat.T("xlsx.retro.members"), Type: rows.ColInt},
		{Title: cat.T("xlsx.retro.new"), Type: rows.ColInt}, {Title: cat.T("xlsx.retro.active"), Type: rows.ColInt},
		{Title: cat.T("xlsx.retro.buyers"), Type: rows.ColInt}, {Title: cat.T("xlsx.retro.orders"), Type: rows.ColInt},
		{Title: cat.T("xlsx.retro.gmv"), Type: rows.ColMoney}, {Title: cat.T("xlsx.retro.gmvshare"), Type: rows.ColRate},
		{Title: cat.T("xlsx.retro.repurchase"), Type: rows.ColRate}})
	if err != nil {
		return false, err
	}
	for _, c := range d.Channels {
		if err := sh.Write(c.Channel, c.Members, c.New, c.Active, c.Buyers, c.Orders, c.GMV,
			c.GMVShare.Ratio(), c.RepurchaseRate.Ratio()); err != nil {
			return false, err
		}
	}
	return true, nil
}

func retroCampaignSheet(wb *rows.Workbook, cat i18n.Catalog, d *model.RetroData) (bool, error) {
	if !d.CampaignsAvailable {
		return false, nil
	}
	sh, err := wb.AddSheet(cat.T("xlsx.sheet.retro.campaigns"), []rows.Column{
		{Title: cat.T("xlsx.retro.id"), Type: rows.ColText, Width: 10}, {Title: cat.T("xlsx.retro.name"), Type: rows.ColText, Width: 20},
		{Title: cat.T("xlsx.retro.type"), Type: rows.ColText, Width: 10}, {Title: cat.T("xlsx.retro.status"), Type: rows.ColText, Width: 10},
		{Title: cat.T("xlsx.retro.start"), Type: rows.ColDate}, {Title: cat.T("xlsx.retro.end"), Type: rows.ColDate},
		{Title: cat.T("xlsx.retro.reachedm"), Type: rows.ColInt}, {Title: cat.T("xlsx.retro.converted"), Type: rows.ColInt},
		{Title: cat.T("xlsx.retro.registrations"), Type: rows.ColInt}, {Title: cat.T("xlsx.retro.gmv"), Type: rows.ColMoney},
		{Title: cat.T("xlsx.retro.spend"), Type: rows.ColMoney}, {Title: cat.T("xlsx.retro.budget"), Type: rows.ColMoney},
		{Title: cat.T("xlsx.retro.roi"), Type: rows.ColDecimal}, {Title: cat.T("xlsx.retro.cac"), Type: rows.ColMoney},
		{Title: cat.T("xlsx.retro.tasks"), Type: rows.ColInt}, {Title: cat.T("xlsx.retro.tasksdone"), Type: rows.ColInt},
		{Title: cat.T("xlsx.retro.taskslate"), Type: rows.ColInt}})
	if err != nil {
		return false, err
	}
	for _, c := range d.Campaigns {
		var roi, cac any // empty when undefined, as a rate without a denominator
		if c.ROI.Den != 0 {
			roi = c.ROI.Ratio().Float()
		}
		if c.CAC.Den != 0 {
			cac = model.Ratio{Num: c.CAC.Num, Den: c.CAC.Den * 100}.Float() // yuan, as campaign show --json
		}
		if err := sh.Write(c.ID, c.Name, c.TypeLabel, c.StatusLabel, c.Start, c.End, c.Reached, c.Converted, c.Registrations,
			c.GMV, c.Spend, c.Budget, roi, cac, c.Tasks, c.TasksDone, c.TasksLate); err != nil {
			return false, err
		}
	}
	return true, nil
}

// retroDailySheet writes the daily series of the KPI window (GMV, new
// members, orders), a row per day.
func retroDailySheet(wb *rows.Workbook, cat i18n.Catalog, d *model.RetroData) (bool, error) {
	days := int(d.KPITo-d.KPIFrom) + 1
	var series []model.RetroChart
	for _, c := range d.Charts {
		switch c.Key {
		case "gmv", "new_members", "orders":
			if len(c.Values) == days {
				series = append(series, c)
			}
		}
	}
	if len(series) == 0 {
		return false, nil
	}
	cols := []rows.Column{{Title: cat.T("xlsx.retro.date"), Type: rows.ColDate}}
	for _, c := range series {
		typ := rows.ColInt
		if c.Key == "gmv" {
			typ = rows.ColMoney
		}
		cols = append(cols, rows.Column{Title: cat.T("kpi." + c.Key), Type: typ})
	}
	sh, err := wb.AddSheet(cat.T("xlsx.sheet.retro.daily"), cols)
	if err != nil {
		return false, err
	}
	vals := make([]any, 0, len(cols))
	for i := 0; i < days; i++ {
		vals = append(vals[:0], d.KPIFrom+model.Day(i))
		for _, c := range series {
			vals = append(vals, c.Values[i])
		}
		if err := sh.Write(vals...); err != nil {
			return false, err
		}
	}
	return true, nil
}
