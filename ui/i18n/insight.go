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
	"members.export.done":         {"exported %d members (%d consenting) to %s beside the database", "已导出 %d 人（%d 人已授权）到数据库旁的 %s"},
	"members.export.failed":       {"export failed: %v", "导出失败：%v"},
	"members.export.admin":        {"phones in full are for admins only", "完整手机号仅限管理员导出"},
	"members.list.birthdays":      {"birthdays in %d days", "%d 天内生日"},
	"members.list.in_days":        {"in %d d", "%d 天后"},
	"members.col.birthday":        {"Birthday", "生日"},
}

// insightViewStrings are the insight view's strings (Lifecycle pane, key i).
var insightViewStrings = map[string]entry{
	"insight.title":           {"Insight", "洞察"},
	"insight.loading":         {"computing the insight …", "正在计算洞察……"},
	"insight.section.cohorts": {"Cohorts", "同期群"},
	"insight.section.second":  {"2nd purchase", "新客二单"},
	"insight.section.points":  {"Points", "积分负债"},
	"insight.section.lists":   {"Lists", "运营名单"},
	"insight.hint.cohorts":    {"←/→ section  g share active / GMV per member  esc back", "←/→ 切换  g 活跃占比/人均GMV  esc 返回"},
	"insight.hint.second":     {"←/→ section  esc back", "←/→ 切换  esc 返回"},
	"insight.hint.points":     {"←/→ section  esc back", "←/→ 切换  esc 返回"},
	"insight.hint.lists":      {"←/→ section  j/k select  enter members  esc back", "←/→ 切换  j/k 选择  enter 查看名单  esc 返回"},
	"insight.key.section":     {"section", "切换页面"},
	"insight.key.move":        {"select", "选择"},
	"insight.key.toggle":      {"share active / GMV", "活跃占比/人均GMV"},
	"insight.key.open":        {"list members", "查看名单"},
	"insight.key.back":        {"back", "返回"},
	"insight.key.open_view":   {"insight", "洞察"},

	"insight.cohorts.active.short": {"Share active (%) by month since registration", "注册后各月活跃占比（%）"},
	"insight.cohorts.gmv.short":    {"Cumulative GMV per member (yuan)", "人均累计 GMV（元）"},
	"insight.cohorts.more":         {"%d more months to the right do not fit", "右侧还有 %d 个月未显示"},
	"insight.second.short":         {"Second purchase within %d days of the first: %s", "首单后 %d 天内复购（新客二单率）：%s"},
	"insight.second.pending.n":     {"+%s too recent", "另 %s 人观察期内"},

	"insight.points.title":        {"Points liability · expiry: %s", "积分负债 · 过期规则：%s"},
	"insight.points.outstanding":  {"Held now: %s points", "当前未兑付：%s 积分"},
	"insight.points.overdrawn":    {"overdrawn %s", "透支 %s"},
	"insight.points.expiring":     {"Expiring in %d days: %s points (%s members)", "%d 天内到期：%s 积分（%s 人）"},
	"insight.points.col.month":    {"Month", "月份"},
	"insight.points.col.issued":   {"Issued", "发放"},
	"insight.points.col.redeemed": {"Redeemed", "兑换"},
	"insight.points.col.refunded": {"Refunded", "退回"},
	"insight.points.col.expired":  {"Expired", "过期"},
	"insight.points.col.balance":  {"Balance", "期末余额"},
	"insight.points.col.rate":     {"Rate", "兑换率"},
	"insight.rule.yearend":        {"at the end of the year earned +%d", "获得当年 +%d 年的年底"},
	"insight.rule.days":           {"%d days after earning", "获得后 %d 天"},
	"insight.rule.never":          {"never", "永不过期"},

	"insight.lists.title":      {"Lists to act on (enter opens them in Members)", "运营名单（enter 在会员页打开）"},
	"insight.lists.risk":       {"Tier risk: drop within %d days if idle · %s", "降级风险：%d 天内不活跃将降级 · %s 人"},
	"insight.lists.near":       {"Near upgrade: within %d%% of the next tier · %s", "临近升级：距下一等级不足 %d%% · %s 人"},
	"insight.lists.birthdays":  {"Birthdays in the next %d days", "未来 %d 天生日"},
	"insight.lists.bytier":     {"By tier", "按等级"},
	"insight.col.risk":         {"At risk", "降级风险"},
	"insight.col.near":         {"Near up", "临近升级"},
	"insight.list.risk":        {"tier risk", "降级风险"},
	"insight.list.near":        {"near upgrade", "临近升级"},
	"insight.risk.col":         {"Keep: +growth", "保级需成长值"},
	"insight.risk.value":       {"+%s in %dd", "+%s/%d天"},
	"insight.near.col":         {"Lift: +growth", "升级需成长值"},
	"lifecycle.insight.counts": {"tier risk %s · near upgrade %s · i insight", "降级风险 %s · 临近升级 %s · i 洞察"},
	"lifecycle.flow.sel":       {"%s → %s  %s members  enter lists them", "%s → %s  %s 人  enter 查看名单"},

	"tier.short.regular":  {"Regular", "普通"},
	"tier.short.silver":   {"Silver", "银卡"},
	"tier.short.gold":     {"Gold", "金卡"},
	"tier.short.platinum": {"Platinum", "白金"},
	"tier.short.diamond":  {"Diamond", "钻石"},
}

// insightOverviewStrings are the Overview breakdown's strings.
var insightOverviewStrings = map[string]entry{
	"ov.key.breakdown": {"breakdown by channel/tier/stage/new", "按渠道/等级/阶段/新老拆解"},
	"ov.bd.title":      {"%s by %s", "%s · 按%s拆解"},
	"ov.bd.busy":       {"computing the breakdown …", "正在计算拆解……"},
	"ov.bd.window":     {"window %s … %s · change against %s … %s", "统计区间 %s 至 %s · 对比 %s 至 %s"},
	"ov.bd.hint":       {"b next dimension  esc back", "b 切换维度  esc 返回"},
	"ov.bd.value":      {"Value", "数值"},
	"ov.bd.share":      {"Share", "占比"},
	"ov.bd.change":     {"Change", "环比"},
}
