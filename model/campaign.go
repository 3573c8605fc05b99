package model

import (
	"fmt"
	"slices"
	"strings"
)

// CampaignTypes lists the campaign types in the lifecycle's order.
var CampaignTypes = []CampaignType{CampaignAcquisition, CampaignCultivation, CampaignPromotion,
	CampaignReactivation, CampaignWinback}

// ParseCampaignType accepts a contract type key.
func ParseCampaignType(s string) (CampaignType, bool) {
	for _, t := range CampaignTypes {
		if string(t) == s {
			return t, true
		}
	}
	return "", false
}

// CampaignChannels are the touch channels of the contract, in display order.
var CampaignChannels = []string{"sms", "wechat", "push", "email", "community"}

// DefaultFreqCap is the contract's default frequency cap: at most 2 touches
// per member per 7 days across all campaigns.
const DefaultFreqCap = 2

// CapDays is the length of the frequency cap's sliding window.
const CapDays = 7

// CampaignStatus is where a campaign stands on a day (draft → warm-up → live →
// ended → reviewed), or cancelled.
type CampaignStatus uint8

// Campaign statuses, in lifecycle order.
const (
	StatusDraft CampaignStatus = iota
	StatusWarmup
	StatusLive
	StatusEnded
	StatusReviewed
	StatusCancelled
	NumCampaignStatuses
)

var statusNames = [NumCampaignStatuses]string{"draft", "warmup", "live", "ended", "reviewed", "cancelled"}

// String is the status's key as `campaign show --json` prints it.
func (s CampaignStatus) String() string {
	if s < NumCampaignStatuses {
		return statusNames[s]
	}
	return "unknown"
}

// ParseCampaignStatus reads a status key.
func ParseCampaignStatus(s string) (CampaignStatus, bool) {
	for i, n := range statusNames {
		if n == s {
			return CampaignStatus(i), true
		}
	}
	return 0, false
}

// HasWarmup reports whether the campaign has a warm-up day before its start
// (day 0, 1970-01-01, means none).
func (c *Campaign) HasWarmup() bool { return c.WarmupStart != 0 && c.WarmupStart < c.Start }

// TouchFrom is the first day the campaign touches members: the warm-up day
// when there is one, else the start.
func (c *Campaign) TouchFrom() Day {
	if c.HasWarmup() {
		return c.WarmupStart
	}
	return c.Start
}

// Status derives the campaign's status as of the end of day asOf from its
// dates: before the warm-up (or the start, without one) it is a draft; from
// the warm-up day it is in warm-up; from Start to End it is live; after End
// it is ended, or reviewed once a retrospective marked it. Cancelled wins
// over every date.
func (c *Campaign) Status(asOf Day) CampaignStatus {
	switch {
	case c.Cancelled:
		return StatusCancelled
	case asOf > c.End:
		if c.Reviewed {
			return StatusReviewed
		}
		return StatusEnded
	case asOf >= c.Start:
		return StatusLive
	case c.HasWarmup() && asOf >= c.WarmupStart:
		return StatusWarmup
	}
	return StatusDraft
}

// CountdownKind names the date a countdown runs to.
type CountdownKind uint8

// Countdown kinds.
const (
	CountNone   CountdownKind = iota // ended, reviewed or cancelled: nothing ahead
	CountWarmup                      // a draft: days to its warm-up
	CountStart                       // a draft without warm-up, or in warm-up: days to its start ("预热 D-3")
	CountEnd                         // live: days to its end ("距结束 2 天"); 0 on the last day
)

// Countdown is the next date that matters to a campaign and how many days
// away it is as of a day.
type Countdown struct {
	Kind CountdownKind
	Days int // ≥ 0 (≥ 1 for CountWarmup and CountStart)
}

// Countdown returns the countdown to the next date that matters as of asOf.
func (c *Campaign) Countdown(asOf Day) Countdown {
	switch c.Status(asOf) {
	case StatusDraft:
		if c.HasWarmup() {
			return Countdown{CountWarmup, int(c.WarmupStart - asOf)}
		}
		return Countdown{CountStart, int(c.Start - asOf)}
	case StatusWarmup:
		return Countdown{CountStart, int(c.Start - asOf)}
	case StatusLive:
		return Countdown{CountEnd, int(c.End - asOf)}
	}
	return Countdown{}
}

// EffectiveCap is the campaign's frequency cap, the default when unset.
func (c *Campaign) EffectiveCap() int {
	if c.FreqCap > 0 {
		return c.FreqCap
	}
	return DefaultFreqCap
}

// Touches is how often the campaign touches each member of its audience: once
// per channel (at least once).
func (c *Campaign) Touches() int { return max(len(c.Channels), 1) }

// FieldError is a refused field of a record, for a form to show beside it.
type FieldError struct {
	Field  string // e.g. "start", "coupon"
	Reason string // English; the UI translates by Field and Key
	Key    string // catalogue key of the reason
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Validate checks what the contract requires of a campaign: an id, a name, a
// known type, Start ≤ End, a warm-up day not after the start, money not
// negative, a coupon with 0 < save < min spend (or none), known channels and
// a cap not negative. It returns the first *FieldError.
func (c *Campaign) Validate() error {
	bad := func(field, key, reason string) error { return &FieldError{Field: field, Key: key, Reason: reason} }
	switch {
	case strings.TrimSpace(c.ID) == "":
		return bad("id", "required", "an id is required")
	case strings.ContainsAny(c.ID, " \t\r\n"):
		return bad("id", "nospace", "an id has no spaces")
	case strings.TrimSpace(c.Name) == "":
		return bad("name", "required", "a name is required")
	}
	if _, ok := ParseCampaignType(string(c.Type)); !ok {
		return bad("type", "type", fmt.Sprintf("unknown type %q", c.Type))
	}
	switch {
	case c.End < c.Start:
		return bad("end", "endbefore", "the end is before the start")
	case c.WarmupStart != 0 && c.WarmupStart > c.Start:
		return bad("warmup", "warmupafter", "the warm-up is after the start")
	case c.BudgetFen < 0:
		return bad("budget", "negative", "must not be negative")
	case c.SpendFen < 0:
		return bad("spend", "negative", "must not be negative")
	case c.FreqCap < 0:
		return bad("cap", "negative", "must not be negative")
	}
	if cp := c.Coupon; cp != (Coupon{}) && !(cp.SaveFen > 0 && cp.SaveFen < cp.MinSpendFen) {
		return bad("coupon", "coupon", "a coupon needs 0 < save < spend")
	}
	for _, ch := range c.Channels {
		if !slices.Contains(CampaignChannels, ch) {
			return bad("channels", "channel", fmt.Sprintf("unknown channel %q", ch))
		}
	}
	for _, t := range c.Tasks {
		if t.Due < t.Start {
			return bad("tasks", "duebefore", "a task is due before it starts")
		}
	}
	return nil
}

// Overdue reports whether the task is not done and its due day has passed as
// of asOf.
func (t *Task) Overdue(asOf Day) bool { return !t.Done && t.Due < asOf }

// TaskRef is a task with the campaign it belongs to.
type TaskRef struct {
	Campaign string // campaign id
	Index    int    // index in Campaign.Tasks
	Task     Task
}

// PersonTasks is one assignee's open tasks due in a week (or overdue).
type PersonTasks struct {
	Assignee string
	Tasks    []TaskRef
}

// TasksDueThisWeek groups, per assignee, the open tasks due by the end of the
// ISO week (Monday to Sunday) holding asOf, overdue ones included, across all
// campaigns that are not cancelled. Assignees and tasks are sorted by name
// and by due day.
func TasksDueThisWeek(cs []Campaign, asOf Day) []PersonTasks {
	sunday := asOf + Day((7-int(asOf.Weekday()))%7)
	by := map[string][]TaskRef{}
	for _, c := range cs {
		if c.Cancelled {
			continue
		}
		for i, t := range c.Tasks {
			if !t.Done && t.Due <= sunday {
				by[t.Assignee] = append(by[t.Assignee], TaskRef{Campaign: c.ID, Index: i, Task: t})
			}
		}
	}
	out := make([]PersonTasks, 0, len(by))
	for a, ts := range by {
		slices.SortStableFunc(ts, func(x, y TaskRef) int { return int(x.Task.Due - y.Task.Due) })
		out = append(out, PersonTasks{Assignee: a, Tasks: ts})
	}
	slices.SortFunc(out, func(x, y PersonTasks) int { return strings.Compare(x.Assignee, y.Assignee) })
	return out
}
