package store

import "github.com/memberops/cockpit/model"

// fillCampaigns puts the campaign figures into d, from the campaigns' own
// model and store functions (model.Campaign.Status, Store.CampaignResults),
// so they are exactly what `cockpit campaign show --json` gives: the
// campaign's own results for a campaign retro (with its daily attributed GMV
// and conversions as charts), those of every campaign whose dates overlap
// the window for a monthly or target retro.
func (s *Store) fillCampaigns(ret *model.Retro, d *model.RetroData, w model.Window, asOf model.Day, label Labeler) error {
	d.CampaignsAvailable = true
	var cs []model.Campaign
	if ret.Kind == model.RetroCampaign {
		c, err := s.Campaign(ret.Subject)
		if err != nil {
			return err
		}
		cs = append(cs, c)
	} else {
		all, err := s.Campaigns()
		if err != nil {
			return err
		}
		for _, c := range all {
			if c.Start <= w.To && c.End >= w.From {
				cs = append(cs, c)
			}
		}
	}
	for i := range cs {
		c := &cs[i]
		res, days, err := s.CampaignResults(c)
		if err != nil {
			return err
		}
		st := c.Status(asOf)
		rc := model.RetroCampaignResult{ID: c.ID, Name: c.Name, Type: string(c.Type),
			TypeLabel: label("campaign." + string(c.Type)), Status: st.String(),
			StatusLabel: label("cp.status." + st.String()), Start: c.Start, End: c.End,
			Reached: res.Reached, Converted: res.Converted, Registrations: res.Registrations,
			GMV: res.GMVFen, Spend: res.SpendFen, Budget: res.BudgetFen,
			ROI: model.Frac(res.ROI), CAC: model.Frac(res.CAC), Tasks: len(c.Tasks)}
		for j := range c.Tasks {
			switch {
			case c.Tasks[j].Done:
				rc.TasksDone++
			case c.Tasks[j].Overdue(asOf):
				rc.TasksLate++
			}
		}
		d.Campaigns = append(d.Campaigns, rc)
		if ret.Kind == model.RetroCampaign && w.Len() >= 2 {
			series := model.DailySeries(days, w)
			gmv := make([]int64, len(series))
			conv := make([]int64, len(series))
			for k := range series {
				gmv[k], conv[k] = series[k].GMVFen, series[k].NewConverted
			}
			d.Charts = append([]model.RetroChart{
				{Key: "campaign_gmv", Title: label("retro.chart.campaign_gmv", w.From.String(), w.To.String()),
					Values: gmv, Plot: model.RetroPlot(gmv, 8, true)},
				{Key: "campaign_converted", Title: label("retro.chart.campaign_converted", w.From.String(), w.To.String()),
					Values: conv, Plot: model.RetroPlot(conv, 8, false)},
			}, d.Charts...)
		}
	}
	return nil
}
