package model

// RetroData is everything a retro template is given: the retro's own fields,
// its narrative, and the figures filled from the store for its window. The
// built-in templates and every custom template get exactly this value as
// "." ({{.Title}}, {{range .KPIs}} …); the README lists it field by field.
//
// Units: money is int64 fen (format it with yuan), counts are int64 (num),
// rates are exact Fractions (pct; an undefined one prints "—"). Every Label is
// already in the retro's language. Days print as 2006-01-02.
//
// The figures are filled when the retro is made and when it is refreshed,
// and stored with it, so an exported retro reads the same until refreshed.
type RetroData struct {
	// Lang is "zh" or "en": the template's language and the labels'.
	Lang string
	// Kind is campaign, monthly or target.
	Kind RetroKind
	// ID is the retro's id (R1 …); Title its title.
	ID, Title string
	// Subject is the campaign id, the target id or the month (YYYY-MM);
	// SubjectName the campaign's or target's name (the month again for a
	// monthly retro).
	Subject, SubjectName string
	// Status is draft or final; Editor who saved it last.
	Status RetroStatus
	Editor string
	// From and To are the retro's window (the campaign's dates, the month,
	// the target's period); Days its length.
	From, To Day
	Days     int
	// Before is From−1: the flows compare each member's state at the end
	// of Before with the state at the end of To.
	Before Day
	// AsOf is the last day of data when the figures were filled: a window
	// that ends after it is not over yet.
	AsOf Day
	// Background, Analysis, Lessons and Playbook are the operator's
	// narrative sections (背景说明, notes for 各版块数据分析, 经验教训,
	// 可复用经验), as typed.
	Background, Analysis, Lessons, Playbook string

	// KPIs are the contract's KPIs over [From, min(To, AsOf)], each beside
	// the previous window of the same length; the figures are the ones
	// `cockpit kpi --from --to` prints for that window.
	KPIs []RetroKPI
	// KPIFrom and KPITo are the window the KPIs were computed over; PrevFrom
	// and PrevTo the previous window's.
	KPIFrom, KPITo, PrevFrom, PrevTo Day
	// Targets are target against actual: for a target retro its target; for a
	// monthly retro every target whose period overlaps the month (with the
	// month's row and its weeks); for a campaign retro its linked target.
	Targets []RetroTargetResult
	// Stages is the stage flow over the window: rows are the stage at
	// From−1 (and a last row for members registered inside the window),
	// columns the stage at To.
	Stages RetroFlow
	// Tiers is the tier flow over the window, rows and columns as Stages.
	Tiers RetroFlow
	// Channels break the window's figures down by acquisition channel
	// (members whose channel is empty are under the label for "none").
	Channels []RetroChannel
	// Campaigns are the campaign's results (campaign retro) or those of every
	// campaign that ran in the window (monthly and target retros).
	Campaigns []RetroCampaignResult
	// CampaignsAvailable is false when this build has no campaign figures
	// (the templates then say so instead of showing an empty table).
	CampaignsAvailable bool
	// Charts are daily trends over the window (GMV, new members, orders),
	// each already drawn with asciigraph for a code block.
	Charts []RetroChart
}

// RetroKPI is one KPI over the retro's window and the previous window.
type RetroKPI struct {
	// Key is the contract's KPI key (gmv …); Label its name.
	Key, Label string
	// Value and Prev are formatted as `cockpit kpi` prints them: counts,
	// "¥1234.56", "12.34%", "—" when undefined.
	Value, Prev string
	// Change is Value against Prev: "+12.30%" for counts and money (relative),
	// "+1.20pp" for rates (points), "—" when it cannot be said.
	Change string
	// Num and Den are the raw value: a count or fen in Num (Den 1), or a
	// rate's exact numerator and denominator (Den 0: undefined).
	Num, Den int64
	// PrevNum and PrevDen are Prev's raw value, in the same way (both 0 in
	// a retro filled before they were kept: Prev's text is then the value).
	PrevNum, PrevDen int64
}

// RetroTargetResult is a target against its actual.
type RetroTargetResult struct {
	// ID, Name and Metric identify the target; MetricLabel names the metric.
	ID, Name, Metric, MetricLabel string
	// From and To are the target's period; Method its split (even,
	// history, custom; empty for a level metric, which is not split).
	From, To Day
	Method   string
	// Whole is the period, or for a monthly retro the month's row of the
	// target (clipped to the month).
	Whole RetroPeriod
	// Months and Weeks are the rows inside Whole: the months of the period
	// (target retro) and the ISO weeks (target retros of up to 92 days, and
	// monthly retros). Level metrics are not split: each row carries the
	// whole value, and its actual is the KPI over the row's own days.
	Months, Weeks []RetroPeriod
}

// RetroPeriod is one period of a target: target, actual to the as-of day,
// the gap and the share reached. Values are in the metric's unit (value).
type RetroPeriod struct {
	// Label is "2026-06", "2026-W23" or "2026-01-01..2026-12-31".
	Label string
	// Target, Actual and Gap (Actual − Target) in the metric's unit.
	Target, Actual, Gap int64
	// Expected is the plan up to the as-of day (= Target once the period is
	// over); ExpectedGap is Actual − Expected.
	Expected, ExpectedGap int64
	// Reached is Actual / Target (undefined for a zero target).
	Reached Fraction
	// Status is the pace label (ahead, on track, behind, not started) in the
	// retro's language.
	Status string
}

// RetroFlow is a movement matrix between two days: counts of members by
// their state at From−1 (rows) and at To (columns).
type RetroFlow struct {
	// Columns are the states' labels at To.
	Columns []string
	// Rows are the states at From−1 and, last, the members new in the window.
	Rows []RetroFlowRow
	// ColTotals are the column sums (members in each state at To); Total
	// their sum, the members at To.
	ColTotals []int64
	Total     int64
	// Up and Down count members who moved to a higher or lower state (for
	// tiers: upgrades and downgrades; for stages, a later or earlier stage);
	// Same those who stayed. Members new in the window are in none.
	Up, Down, Same int64
}

// RetroFlowRow is one row of a flow matrix.
type RetroFlowRow struct {
	// Label is the state at From−1 ("new" for the last row).
	Label string
	// Cells are the members of the row by state at To, in Columns order;
	// Total their sum.
	Cells []int64
	Total int64
}

// RetroChannel is one acquisition channel's share of the window.
type RetroChannel struct {
	// Channel is the channel's name (a label for members without one).
	Channel string
	// Members registered by To; New registered in the window; Active and
	// Buyers as the KPIs define them; Orders and GMV (fen) in the window.
	Members, New, Active, Buyers, Orders, GMV int64
	// GMVShare is the channel's GMV over the window's GMV; RepurchaseRate
	// the channel's buyers with ≥2 purchases over its buyers.
	GMVShare, RepurchaseRate Fraction
}

// RetroCampaignResult is one campaign's results, as `cockpit campaign show --json`
// gives them (money in fen here, yuan there).
type RetroCampaignResult struct {
	// ID, Name, Type (key) and TypeLabel; Status (key) and StatusLabel.
	ID, Name, Type, TypeLabel, Status, StatusLabel string
	// Start and End are the campaign's dates.
	Start, End Day
	// Reached: distinct members with an event carrying the campaign's id;
	// Converted: distinct members with such a purchase; Registrations: such
	// register events.
	Reached, Converted, Registrations int64
	// GMV, Spend and Budget in fen.
	GMV, Spend, Budget int64
	// ROI is GMV / Spend; CAC is Spend / Registrations in fen (undefined when
	// the denominator is zero).
	ROI, CAC Fraction
	// Tasks, TasksDone and TasksLate (not done and due before AsOf).
	Tasks, TasksDone, TasksLate int
}

// RetroChart is one daily trend drawn for a code block.
type RetroChart struct {
	// Key names the series (gmv, new_members, orders); Title is its label
	// with the unit.
	Key, Title string
	// Values are the daily values over the window (fen for GMV).
	Values []int64
	// Plot is the asciigraph drawing (plain text, several lines).
	Plot string
}

// Fraction is an exact ratio stored with a retro: Num over Den, undefined
// when Den is 0. It is Ratio with its parts kept in JSON (a Ratio is
// written as a rounded number), so a stored retro reads back exactly.
type Fraction struct{ Num, Den int64 }

// Ratio returns the fraction as a Ratio.
func (f Fraction) Ratio() Ratio { return Ratio{Num: f.Num, Den: f.Den} }

// Frac returns r as a Fraction.
func Frac(r Ratio) Fraction { return Fraction{Num: r.Num, Den: r.Den} }
