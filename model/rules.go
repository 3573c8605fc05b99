package model

// Stage is a lifecycle stage (会员生命周期). The constant order is the order of
// the contract's JSON object and of the screens.
type Stage uint8

// Lifecycle stages.
const (
	StageIntroduction Stage = iota
	StageGrowth
	StageMaturity
	StageSilent
	StageChurned
	NumStages
)

var stageNames = [NumStages]string{"introduction", "growth", "maturity", "silent", "churned"}

// String returns the contract's English key of the stage.
func (s Stage) String() string { return stageNames[s] }

// Tier is a membership tier (会员等级) derived from growth value.
type Tier uint8

// Tiers, lowest first.
const (
	TierRegular Tier = iota
	TierSilver
	TierGold
	TierPlatinum
	TierDiamond
	NumTiers
)

var tierNames = [NumTiers]string{"regular", "silver", "gold", "platinum", "diamond"}

// TierThresholds is the growth value at which each tier starts.
var TierThresholds = [NumTiers]int64{0, 2000, 10000, 20000, 50000}

// String returns the contract's English key of the tier.
func (t Tier) String() string { return tierNames[t] }

// Segment is one of the eight RFM groups (八大人群).
type Segment uint8

// RFM segments in the contract's order.
const (
	ImportantValue Segment = iota
	ImportantDevelop
	ImportantKeep
	ImportantRetain
	GeneralValue
	GeneralDevelop
	GeneralKeep
	GeneralRetain
	NumSegments
)

var segmentNames = [NumSegments]string{"important_value", "important_develop", "important_keep", "important_retain",
	"general_value", "general_develop", "general_keep", "general_retain"}

// String returns the contract's English key of the segment.
func (s Segment) String() string { return segmentNames[s] }

// ParseStage, ParseTier and ParseSegment accept the English keys above.
func ParseStage(s string) (Stage, bool) {
	for i := Stage(0); i < NumStages; i++ {
		if stageNames[i] == s {
			return i, true
		}
	}
	return 0, false
}

// ParseTier accepts a tier's English key.
func ParseTier(s string) (Tier, bool) {
	for i := Tier(0); i < NumTiers; i++ {
		if tierNames[i] == s {
			return i, true
		}
	}
	return 0, false
}

// ParseSegment accepts a segment's English key.
func ParseSegment(s string) (Segment, bool) {
	for i := Segment(0); i < NumSegments; i++ {
		if segmentNames[i] == s {
			return i, true
		}
	}
	return 0, false
}

var stageNamesZh = [NumStages]string{"引入期", "成长期", "成熟期", "沉默期", "流失期"}
var tierNamesZh = [NumTiers]string{"普通会员", "银卡会员", "金卡会员", "白金会员", "钻石会员"}
var segmentNamesZh = [NumSegments]string{"重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户",
	"一般价值客户", "一般发展客户", "一般保持客户", "一般挽留客户"}

// Zh returns the contract's Chinese name of the stage (引入期 …).
func (s Stage) Zh() string { return stageNamesZh[s] }

// Zh returns the contract's Chinese name of the tier (普通会员 …).
func (t Tier) Zh() string { return tierNamesZh[t] }

// Zh returns the contract's Chinese name of the segment (重要价值客户 …).
func (s Segment) Zh() string { return segmentNamesZh[s] }
