package i18n

// insightStrings are the strings of the insight features (issue 8):
// breakdowns, cohorts, points liability, tier risk, birthdays, member lists
// and saved segments, on the command line and in the cockpit.
var insightStrings = map[string]entry{
	// cockpit kpi --by
	"insight.by.title": {"KPIs by %s · as of %s · window %s … %s (change against %s … %s)",
		"核心指标按%s拆解 · 截至 %s · 统计区间 %s 至 %s（环比 %s 至 %s）"},
	"insight.dim.channel":    {"channel", "渠道"},
	"insight.dim.tier":       {"tier", "等级"},
	"insight.dim.stage":      {"stage", "生命周期阶段"},
	"insight.dim.new":        {"new/returning", "新老会员"},
	"insight.part.new":       {"New", "新会员"},
	"insight.part.returning": {"Returning", "老会员"},
	"insight.part.nochannel": {"(no channel)", "（无渠道）"},
	"insight.whole":          {"Whole", "合计"},
	"insight.share":          {"share", "占比"},
	"insight.vsprev":         {"vs previous", "环比"},

	// cockpit cohorts
	"insight.cohorts.title":  {"Cohorts by registration month · as of %s", "注册月份同期群 · 截至 %s"},
	"insight.cohorts.active": {"Share active (any event besides registering) in month M since registration", "注册后第 M 月的活跃占比（注册以外的任意行为）"},
	"insight.cohorts.gmv":    {"Cumulative GMV per member (yuan) to month M", "截至第 M 月的人均累计 GMV（元）"},
	"insight.cohort.month":   {"Month", "月份"},
	"insight.cohort.size":    {"Members", "人数"},
	"insight.second.title":   {"New-member second-purchase rate (second purchase within %d days of the first): %s", "新客二单率（首单后 %d 天内再次购买）：%s"},
	"insight.second.first":   {"First buyers", "首购人数"},
	"insight.second.rate":    {"Rate", "二单率"},
	"insight.second.pending": {"Too recent", "观察期内"},
}
