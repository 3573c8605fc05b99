package model

import "time"

// Method is how a target is split over its days.
type Method string

// Decomposition methods of the contract.
const (
	MethodEven    Method = "even"
	MethodHistory Method = "history"
	MethodCustom  Method = "custom"
)

// Target is an operating target (运营目标): a KPI, a period, a value and how to
// split it. Value is in the metric's smallest unit for additive metrics (members,
// orders, fen) and a ratio scaled by RatioScale for level metrics that are rates.
type Target struct {
	ID      string
	Name    string
	Owner   string
	Metric  string // a KPI key of the contract, e.g. "gmv", "new_members", "repurchase_rate"
	From    Day
	To      Day
	Value   int64
	Method  Method
	Weights []int64 // custom: one weight per calendar month of the period
	Created time.Time
	Updated time.Time
}

// RatioScale is the fixed-point scale of rate targets: 0.2500 is stored as 2500.
const RatioScale = 10000

// Phase is one phase of an operating plan (启动, 增长, 优化, 稳定 …).
type Phase struct {
	Name       string
	From, To   Day
	Milestones []Milestone
}

// Milestone is a dated checkpoint inside a phase.
type Milestone struct {
	Name string
	Day  Day
	Done bool
}

// Plan is a named sequence of phases over a period, usually a year.
type Plan struct {
	ID     string
	Name   string
	Phases []Phase
}

// CampaignType matches a lifecycle focus.
type CampaignType string

// Campaign types of the contract.
const (
	CampaignAcquisition  CampaignType = "acquisition"  // 拉新
	CampaignCultivation  CampaignType = "cultivation"  // 培育
	CampaignPromotion    CampaignType = "promotion"    // 促销
	CampaignReactivation CampaignType = "reactivation" // 唤醒
	CampaignWinback      CampaignType = "winback"      // 挽回
)

// Audience selects the members a campaign aims at. Empty fields do not filter;
// a member must match every field given (any one value of each field); members
// without consent are never in an audience (see AudienceMatcher).
type Audience struct {
	Stages   []Stage
	Tiers    []Tier
	Segments []Segment
	Tags     []string
	Channels []string `json:",omitempty"` // acquisition channels (the member's channel field)
	Birthday bool     `json:",omitempty"` // only members whose birthday falls in the campaign's [Start, End]
	// Segment is the id of a saved segment (SavedSegment.ID): only its
	// members, as saved, combined with the other fields. A segment that no
	// longer exists matches nobody, so a deleted list never widens a send.
	Segment string `json:",omitempty"`
}

// Coupon is a spend-X-save-Y offer (满X减Y), both in fen.
type Coupon struct {
	MinSpendFen int64
	SaveFen     int64
}

// Task is one piece of staffing work (人员分工) on a campaign.
type Task struct {
	Title       string
	Assignee    string
	Start, Due  Day
	Deliverable string
	Done        bool
}

// Campaign is an operating campaign (运营活动). Status is derived from the dates
// (see CampaignStatus) unless Cancelled.
type Campaign struct {
	ID          string
	Name        string
	Type        CampaignType
	Audience    Audience
	Channels    []string // sms, wechat, push, email, community
	BudgetFen   int64
	SpendFen    int64
	Coupon      Coupon
	FreqCap     int // touches per member per 7 days across campaigns; 0 means the default 2
	WarmupStart Day
	Start, End  Day
	Cancelled   bool
	Reviewed    bool
	Goals       map[string]int64 // metric → target value, units as Target.Value
	Tasks       []Task
	TargetID    string // linked target
}

// RetroKind is the template a retrospective was made from.
type RetroKind string

// Retro templates of the contract.
const (
	RetroCampaign RetroKind = "campaign"
	RetroMonthly  RetroKind = "monthly"
	RetroTarget   RetroKind = "target"
)

// Retro is a retrospective (复盘). The data sections are filled from the store
// when it is made; the narrative sections are the operator's words.
type Retro struct {
	ID         string
	Kind       RetroKind
	Title      string
	Subject    string // campaign id, target id or YYYY-MM
	Window     Window
	Background string // 背景说明
	Analysis   string // 各版块数据分析 (operator's notes beside the figures)
	Lessons    string // 经验教训
	Playbook   string // 可复用经验
	Created    time.Time
	Updated    time.Time
	// Status is draft or final ("" reads as draft: records made before
	// retros had a status). See retro.go.
	Status RetroStatus `json:",omitempty"`
	// Editor is who saved the retro last (the actor's name).
	Editor string `json:",omitempty"`
	// Lang is the language of the template, "zh" or "en" ("" reads as zh).
	Lang string `json:",omitempty"`
	// Template names a custom template file; "" is the built-in template of
	// Kind in Lang.
	Template string `json:",omitempty"`
	// Data holds the figures filled from the store when the retro was made
	// or last refreshed (nil: not filled yet; export fills it).
	Data *RetroData `json:",omitempty"`
}
