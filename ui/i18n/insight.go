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

// insightMemberStrings are the Members pane's strings for lists, segments
// and exports.
var insightMemberStrings = map[string]entry{
	"members.key.save":            {"save as segment", "存为分群"},
	"members.key.export":          {"export CSV", "导出 CSV"},
	"members.key.export_unmasked": {"export CSV, phones in full (admin)", "导出 CSV（完整手机号，仅管理员）"},
	"members.filter.flow":         {"flow", "流转"},
	"members.filter.list":         {"list", "名单"},
	"members.flow.any":            {"any", "任意"},
	"members.consenting":          {"%s consenting", "其中 %s 人已授权营销"},
	"members.save.prompt":         {"segment name: ", "分群名称："},
	"members.save.hint":           {"enter saves, esc cancels", "enter 保存，esc 取消"},
	"members.save.done":           {"saved segment %s (%s, %d members)", "已保存分群「%s」（%s，%d 人）"},
	"members.save.failed":         {"not saved: %v", "未保存：%v"},
	"members.export.name":         {"members", "会员名单"},
	"members.export.busy":         {"exporting …", "正在导出……"},
	"members.export.done":         {"exported %d members (%d consenting) to %s", "已导出 %d 人（%d 人已授权）到 %s"},
	"members.export.failed":       {"export failed: %v", "导出失败：%v"},
	"members.export.admin":        {"phones in full are for admins only", "完整手机号仅限管理员导出"},
	"members.list.birthdays":      {"birthdays in %d days", "%d 天内生日"},
	"members.list.in_days":        {"in %d d", "%d 天后"},
	"members.col.birthday":        {"Birthday", "生日"},
}
