package model

// CampaignDay is one day of a campaign's attributed activity, as the store's
// per-campaign daily rollup keeps it: the events that carry the campaign's id
// on that day. NewReached and NewConverted count members reached (any event)
// or converted (a purchase) by the campaign for the first time on that day,
// so that their sums over all days are distinct members.
type CampaignDay struct {
	Day           Day
	Events        int64
	Purchases     int64
	GMVFen        int64 // Σ attributed purchase amounts
	RefundFen     int64 // Σ attributed refund amounts (shown, not netted: the contract's gmv is purchases)
	Registrations int64
	NewReached    int64
	NewConverted  int64
}

// Add folds o into d (the day is kept).
func (d *CampaignDay) Add(o *CampaignDay) {
	d.Events += o.Events
	d.Purchases += o.Purchases
	d.GMVFen += o.GMVFen
	d.RefundFen += o.RefundFen
	d.Registrations += o.Registrations
	d.NewReached += o.NewReached
	d.NewConverted += o.NewConverted
}

// CampaignResults are a campaign's figures from attribution (DESIGN.md,
// `campaign show --json`): reached = distinct members with any event carrying
// its id, converted = distinct members with such a purchase, gmv = Σ such
// purchases, registrations = such register events; ROI = GMV / spend and CAC =
// spend / registrations (fen per registration), undefined on a zero
// denominator.
type CampaignResults struct {
	Reached, Converted  int64
	Registrations       int64
	Orders              int64 // attributed purchase events
	Events              int64
	GMVFen, RefundFen   int64
	SpendFen, BudgetFen int64
	ROI                 Ratio // GMV fen / spend fen
	CAC                 Ratio // spend fen / registrations
	ConversionRate      Ratio // converted / reached
	BudgetUsed          Ratio // spend / budget
	FirstDay, LastDay   Day   // of attributed activity (valid when Events > 0)
}

// ResultsOf sums a campaign's attributed days (in any order; any span) into
// its results, with its spend and budget.
func ResultsOf(c *Campaign, days []CampaignDay) CampaignResults {
	r := CampaignResults{SpendFen: c.SpendFen, BudgetFen: c.BudgetFen}
	for i := range days {
		d := &days[i]
		r.Reached += d.NewReached
		r.Converted += d.NewConverted
		r.Registrations += d.Registrations
		r.Orders += d.Purchases
		r.Events += d.Events
		r.GMVFen += d.GMVFen
		r.RefundFen += d.RefundFen
		if d.Events > 0 {
			if r.FirstDay == 0 || d.Day < r.FirstDay {
				r.FirstDay = d.Day
			}
			if d.Day > r.LastDay {
				r.LastDay = d.Day
			}
		}
	}
	r.ROI = Ratio{r.GMVFen, r.SpendFen}
	r.CAC = Ratio{r.SpendFen, r.Registrations}
	r.ConversionRate = Ratio{r.Converted, r.Reached}
	r.BudgetUsed = Ratio{r.SpendFen, r.BudgetFen}
	return r
}

// DailySeries lays a campaign's attributed days out over w, one entry per day
// (days without activity are zero), for the daily chart.
func DailySeries(days []CampaignDay, w Window) []CampaignDay {
	out := make([]CampaignDay, w.Len())
	for i := range out {
		out[i].Day = w.From + Day(i)
	}
	for i := range days {
		if w.Contains(days[i].Day) {
			o := &out[days[i].Day-w.From]
			o.Add(&days[i])
		}
	}
	return out
}

// GoalRow is one goal of a campaign against what it reached.
type GoalRow struct {
	Metric   string
	Goal     int64 // units as Target.Value
	Actual   int64
	Known    bool  // Actual could be measured
	Progress Ratio // Actual / Goal
}

// GoalProgress compares a campaign's goals with its attributed results:
// gmv, orders and new_members (registrations) from attribution; other
// metrics from actual (the caller's KPI over the campaign's window), when it
// knows them. Rows are in metric order.
func GoalProgress(c *Campaign, r CampaignResults, actual func(metric string) (int64, bool)) []GoalRow {
	var keys []string
	for k := range c.Goals {
		keys = append(keys, k)
	}
	sortStrings(keys)
	var out []GoalRow
	for _, k := range keys {
		g := GoalRow{Metric: k, Goal: c.Goals[k], Known: true}
		switch k {
		case "gmv":
			g.Actual = r.GMVFen
		case "orders":
			g.Actual = r.Orders
		case "new_members":
			g.Actual = r.Registrations
		default:
			if actual != nil {
				g.Actual, g.Known = actual(k)
			} else {
				g.Known = false
			}
		}
		if g.Known {
			g.Progress = Ratio{g.Actual, g.Goal}
		}
		out = append(out, g)
	}
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// MovementWindows returns the windows the audience's movement compares: the
// campaign's own [Start, End] cut at asOf, and the same number of days just
// before Start. ok is false when the campaign has not started as of asOf.
func MovementWindows(c *Campaign, asOf Day) (before, during Window, ok bool) {
	during = Window{From: c.Start, To: min(c.End, asOf)}
	if during.To < during.From {
		return Window{}, Window{}, false
	}
	n := Day(during.Len())
	before = Window{From: c.Start - n, To: c.Start - 1}
	return before, during, true
}

// PeriodActivity is an audience's purchases over one window.
type PeriodActivity struct {
	Buyers int64 // members with at least one purchase in the window
	GMVFen int64 // Σ their purchases in the window
}

// Movement is how a campaign's audience bought during the campaign against
// the same length of time just before it: purchase rate = buyers / members,
// GMV per member = GMV / members.
type Movement struct {
	Before, During Window
	Members        int64
	BeforeAct      PeriodActivity
	DuringAct      PeriodActivity
}

// NewMovement starts a movement over the given windows.
func NewMovement(before, during Window) Movement { return Movement{Before: before, During: during} }

// Add counts one audience member from its history.
func (m *Movement) Add(h *MemberHistory) {
	m.Members++
	var bBuy, dBuy bool
	for i := range h.Days {
		a := &h.Days[i]
		if a.Count[KindPurchase] == 0 {
			continue
		}
		switch {
		case m.Before.Contains(a.Day):
			bBuy = true
			m.BeforeAct.GMVFen += a.PurchaseFen
		case m.During.Contains(a.Day):
			dBuy = true
			m.DuringAct.GMVFen += a.PurchaseFen
		}
	}
	if bBuy {
		m.BeforeAct.Buyers++
	}
	if dBuy {
		m.DuringAct.Buyers++
	}
}

// Rates returns the purchase rate and GMV per member (fen) before and during.
func (m *Movement) Rates() (rateBefore, rateDuring, gmvBefore, gmvDuring Ratio) {
	return Ratio{m.BeforeAct.Buyers, m.Members}, Ratio{m.DuringAct.Buyers, m.Members},
		Ratio{m.BeforeAct.GMVFen, m.Members}, Ratio{m.DuringAct.GMVFen, m.Members}
}

// CompareRatios compares two defined ratios with positive denominators
// exactly (no floats): −1, 0 or 1. The campaign list sorts by ROI with it.
func CompareRatios(a, b Ratio) int { return mul128(a.Num, b.Den).cmp(mul128(b.Num, a.Den)) }
