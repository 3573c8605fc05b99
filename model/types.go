package model

import "time"

// Kind is the kind of a member event. The order is the contract's order and is
// stored on disk as a byte: never reorder, only append.
type Kind uint8

// Event kinds of the contract.
const (
	KindRegister Kind = iota
	KindLogin
	KindSignin
	KindBrowse
	KindPurchase
	KindRefund
	KindInvite
	KindReview
	KindShare
	KindRedeem
	NumKinds // number of kinds; not a kind
)

var kindNames = [NumKinds]string{"register", "login", "signin", "browse", "purchase", "refund", "invite", "review", "share", "redeem"}
var kindNamesZh = [NumKinds]string{"注册", "登录", "签到", "浏览", "购买", "退款", "邀请", "评价", "分享", "兑换"}

// String returns the contract's English name of the kind.
func (k Kind) String() string {
	if k < NumKinds {
		return kindNames[k]
	}
	return "unknown"
}

// Zh returns the Chinese name of the kind, as files written in Chinese use it.
func (k Kind) Zh() string {
	if k < NumKinds {
		return kindNamesZh[k]
	}
	return "未知"
}

// ParseKind accepts the English or the Chinese name of a kind.
func ParseKind(s string) (Kind, bool) {
	for i := Kind(0); i < NumKinds; i++ {
		if s == kindNames[i] || s == kindNamesZh[i] {
			return i, true
		}
	}
	return 0, false
}

// HasAmount reports whether the kind carries an amount: yuan for purchase and
// refund, points for redeem.
func (k Kind) HasAmount() bool { return k == KindPurchase || k == KindRefund || k == KindRedeem }

// Member is one member's profile as imported. RegisteredAt is an instant; the
// rules use its day in the store's zone.
type Member struct {
	ID           string
	Name         string
	Phone        string
	Channel      string
	RegisteredAt time.Time
	Birthday     string // "MM-DD", a date, or empty
	Consent      bool
	Tags         []string
}

// Event is one member event. Amount is in fen for purchase and refund, in
// points for redeem, and zero otherwise.
type Event struct {
	MemberID   string
	Kind       Kind
	At         time.Time
	Amount     int64
	OrderID    string
	Channel    string
	CampaignID string
}

// DayActivity is everything one member did on one day, aggregated. It is the
// unit of the per-member summary: every rule that looks at a window (active
// members, retention, the 365-day growth window, stage as of any day) reads
// these instead of raw events.
type DayActivity struct {
	Day   Day
	Count [NumKinds]uint32 // events of each kind on the day
	// PurchaseFen and RefundFen are the day's summed amounts in fen.
	PurchaseFen, RefundFen int64
	// PurchasePoints and RefundPoints are Σ floor(yuan) over the day's purchase
	// and refund events (floored per event, as points and growth are).
	PurchasePoints, RefundPoints int64
	// Redeemed is the sum of the day's redeem amounts in points.
	Redeemed int64
}

// Events is the number of events of any kind on the day.
func (a *DayActivity) Events() uint32 {
	var n uint32
	for _, c := range a.Count {
		n += c
	}
	return n
}

// NonRegister is the number of events other than register on the day (what
// DAU and retention count).
func (a *DayActivity) NonRegister() uint32 { return a.Events() - a.Count[KindRegister] }

// Add folds one event into the day's activity. Amount is fen for purchase and
// refund, points for redeem.
func (a *DayActivity) Add(k Kind, amount int64) {
	a.Count[k]++
	switch k {
	case KindPurchase:
		a.PurchaseFen += amount
		a.PurchasePoints += amount / 100
	case KindRefund:
		a.RefundFen += amount
		a.RefundPoints += amount / 100
	case KindRedeem:
		a.Redeemed += amount
	}
}

// MemberHistory is the per-member summary the store keeps: the registration
// day, consent, and one DayActivity per day with any event, ascending by day.
// Rules evaluate it as of any day by ignoring entries after that day.
type MemberHistory struct {
	Reg     Day
	Consent bool
	Days    []DayActivity
}

// Activity returns a pointer to the entry for day d, inserting an empty one in
// order if there is none.
func (h *MemberHistory) Activity(d Day) *DayActivity {
	n := len(h.Days)
	i := n
	for i > 0 && h.Days[i-1].Day > d { // events mostly arrive in time order
		i--
	}
	if i > 0 && h.Days[i-1].Day == d {
		return &h.Days[i-1]
	}
	h.Days = append(h.Days, DayActivity{})
	copy(h.Days[i+1:], h.Days[i:n])
	h.Days[i] = DayActivity{Day: d}
	return &h.Days[i]
}
