package i18n

// lifecycleStrings are the lifecycle pane's strings. Stage, tier, segment,
// focus and campaign names come from domain.go.
var lifecycleStrings = map[string]entry{
	"lifecycle.title":   {"Lifecycle", "生命周期"},
	"lifecycle.loading": {"loading the lifecycle figures...", "正在加载生命周期数据..."},
	"lifecycle.empty":   {"no members yet: import members or run `cockpit demo`", "还没有会员：请导入会员或运行 `cockpit demo`"},

	"lifecycle.stages": {"Lifecycle stages", "生命周期阶段"},
	"lifecycle.total":  {"%s members", "共 %s 人"},
	"lifecycle.focus":  {"Focus", "运营重点"},
	"lifecycle.suits":  {"Campaigns", "适用活动"},

	"lifecycle.flow":     {"Stage flow %s > %s", "阶段流转 %s > %s"},
	"lifecycle.flow.new": {"New", "新增"},
	"lifecycle.flow.row": {"from", "期初"},

	// Short stage names for the flow matrix's narrow columns.
	"lifecycle.short.introduction": {"Intro", "引入"},
	"lifecycle.short.growth":       {"Growth", "成长"},
	"lifecycle.short.maturity":     {"Mature", "成熟"},
	"lifecycle.short.silent":       {"Silent", "沉默"},
	"lifecycle.short.churned":      {"Churn", "流失"},

	"lifecycle.tiers":     {"Tiers", "会员等级"},
	"lifecycle.tier.from": {"growth >= %s", "成长值 >= %s"},

	"lifecycle.rfm":           {"RFM groups: members, avg spend", "RFM 八大人群：人数、人均消费"},
	"lifecycle.rfm.buyers":    {"%s buyers", "%s 位购买会员"},
	"lifecycle.rfm.important": {"Important", "重要"},
	"lifecycle.rfm.general":   {"General", "一般"},
	"lifecycle.rfm.value":     {"Value", "价值"},
	"lifecycle.rfm.develop":   {"Develop", "发展"},
	"lifecycle.rfm.keep":      {"Keep", "保持"},
	"lifecycle.rfm.retain":    {"Retain", "挽留"},
	"lifecycle.rfm.avg":       {"avg %s", "人均 %s"},
	"lifecycle.rfm.profile":   {"R %s, F %s, M %s", "R%s F%s M%s"},
	"lifecycle.rfm.high":      {"high", "高"},
	"lifecycle.rfm.low":       {"low", "低"},

	"lifecycle.sel.members": {"%s members (%s)", "%s 人（%s）"},
	"lifecycle.hint":        {"j/k select  h/l block  enter members  i insight", "j/k 选择  h/l 切换区块  enter 查看会员  i 洞察"},

	"lifecycle.key.move":  {"move", "移动"},
	"lifecycle.key.block": {"switch block", "切换区块"},
	"lifecycle.key.open":  {"show members", "查看会员"},
}
