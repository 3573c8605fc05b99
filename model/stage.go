package model

import "strconv"

// Rules are the configurable thresholds of the lifecycle-stage rule. Use
// DefaultRules for the contract's defaults; the zero value is not useful
// (every member would be churned).
type Rules struct {
	ChurnDays         int   // inactive_days >= ChurnDays → churned (default 90)
	SilentDays        int   // inactive_days >= SilentDays → silent (default 30)
	MaturityPurchases int64 // purchases > MaturityPurchases → maturity (default 2)
	MaturitySpendFen  int64 // spend > MaturitySpendFen → maturity (default 50000 fen = 500 yuan)
}

// DefaultRules returns the contract's default thresholds: churned at 90
// inactive days, silent at 30, maturity above 2 purchases or above 500 yuan.
func DefaultRules() Rules {
	return Rules{ChurnDays: 90, SilentDays: 30, MaturityPurchases: 2, MaturitySpendFen: 50000}
}

// MemberStatus is one member evaluated at the end of day D.
type MemberStatus struct {
	LastActive   Day   // latest day with any event <= D, or the registration day if none
	InactiveDays int   // D - LastActive
	Purchases    int64 // purchase events up to D
	SpendFen     int64 // Σ purchase fen − Σ refund fen up to D
	LastPurchase Day   // valid when Purchases > 0
	Growth       int64 // growth value on the 365 days D-364..D, floored at 0
	Tier         Tier
	Points       int64 // Σ purchase points − Σ refund points − Σ redeemed, up to D
	Stage        Stage
}

// Stage applies the lifecycle rule (first match wins): churned, silent,
// maturity, growth, introduction.
func (r Rules) Stage(inactiveDays int, purchases, spendFen int64) Stage {
	switch {
	case inactiveDays >= r.ChurnDays:
		return StageChurned
	case inactiveDays >= r.SilentDays:
		return StageSilent
	case purchases > r.MaturityPurchases || spendFen > r.MaturitySpendFen:
		return StageMaturity
	case purchases >= 1:
		return StageGrowth
	}
	return StageIntroduction
}

// Evaluate returns the member's status at the end of day d, reading only the
// history's entries on or before d. The caller guarantees h.Reg <= d.
//
// An entry counts as activity when it holds at least one event; last_active is
// the latest such day on or before d, else the registration day (an event
// dated before registration still counts when it is the latest).
func (r Rules) Evaluate(h *MemberHistory, d Day) MemberStatus {
	var st MemberStatus
	active := false
	gLo := d - (growthWindow - 1)
	var growth int64
	for i := range h.Days {
		a := &h.Days[i]
		if a.Day > d {
			break
		}
		if a.Events() > 0 {
			st.LastActive = a.Day
			active = true
		}
		if n := a.Count[KindPurchase]; n > 0 {
			st.Purchases += int64(n)
			st.LastPurchase = a.Day
		}
		st.SpendFen += a.PurchaseFen - a.RefundFen
		st.Points += a.PurchasePoints - a.RefundPoints - a.Redeemed
		if a.Day >= gLo {
			growth += dayGrowth(a)
		}
	}
	if !active {
		st.LastActive = h.Reg
	}
	st.InactiveDays = int(d - st.LastActive)
	if h.Reg >= gLo && h.Reg <= d {
		growth += growthRegister
	}
	st.Growth = max(growth, 0)
	st.Tier = TierOf(st.Growth)
	st.Stage = r.Stage(st.InactiveDays, st.Purchases, st.SpendFen)
	return st
}

// StageReason explains in words the rule that put the member in st.Stage, e.g.
// "inactive 42 days ≥ 30 → silent" or, with lang "zh", "未活跃 42 天 ≥ 30 → 沉默期".
// Any lang other than "zh" gives English. For maturity the purchase-count
// condition is named when it holds, else the spend condition.
func (r Rules) StageReason(st MemberStatus, lang string) string {
	zh := lang == "zh"
	name := st.Stage.String()
	if zh {
		name = st.Stage.Zh()
	}
	var b []byte
	switch st.Stage {
	case StageChurned, StageSilent:
		limit := r.SilentDays
		if st.Stage == StageChurned {
			limit = r.ChurnDays
		}
		if zh {
			b = append(b, "未活跃 "...)
			b = strconv.AppendInt(b, int64(st.InactiveDays), 10)
			b = append(b, " 天 ≥ "...)
		} else {
			b = append(b, "inactive "...)
			b = strconv.AppendInt(b, int64(st.InactiveDays), 10)
			b = append(b, plural(int64(st.InactiveDays), " day", " days")...)
			b = append(b, " ≥ "...)
		}
		b = strconv.AppendInt(b, int64(limit), 10)
	case StageMaturity:
		if st.Purchases > r.MaturityPurchases {
			b = appendPurchases(b, st.Purchases, zh)
			b = append(b, " > "...)
			b = strconv.AppendInt(b, r.MaturityPurchases, 10)
		} else {
			if zh {
				b = append(b, "消费 "...)
			} else {
				b = append(b, "spend "...)
			}
			b = appendYuan(b, st.SpendFen)
			if zh {
				b = append(b, " 元"...)
			}
			b = append(b, " > "...)
			b = appendYuan(b, r.MaturitySpendFen)
		}
	case StageGrowth:
		b = appendPurchases(b, st.Purchases, zh)
		b = append(b, " ≥ 1"...)
	default:
		if zh {
			b = append(b, "未购买"...)
		} else {
			b = append(b, "no purchase"...)
		}
	}
	b = append(b, " → "...)
	b = append(b, name...)
	return string(b)
}

func appendPurchases(b []byte, n int64, zh bool) []byte {
	if zh {
		b = append(b, "购买 "...)
		b = strconv.AppendInt(b, n, 10)
		return append(b, " 次"...)
	}
	b = strconv.AppendInt(b, n, 10)
	return append(b, plural(n, " purchase", " purchases")...)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// appendYuan writes fen as yuan: whole yuan without decimals ("500"),
// otherwise with two ("500.01", "-0.50").
func appendYuan(b []byte, fen int64) []byte {
	u := uint64(fen)
	if fen < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/100, 10)
	if c := u % 100; c != 0 {
		b = append(b, '.', byte('0'+c/10), byte('0'+c%10))
	}
	return b
}
