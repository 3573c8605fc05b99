package i18n

// opsStrings are the strings of issue 14's operating screens: the pacing
// rule of level metrics, the Overview's target lines, chart notes and pacing
// list, the status bar's as-of figures and the plan's milestone editing.
var opsStrings = map[string]entry{
	"pace.too_early":    {"too early to judge", "数据不足"},
	"ops.partial":       {"day in progress", "当日进行中"},
	"ops.status.dataat": {"data %s", "数据更新于 %s"},
	"ops.show.missing":  {"target %s no longer exists", "目标 %s 已不存在"},

	"ops.chart.target": {"target: %s", "目标：%s"},
	"ops.chart.follow": {"(f: %d of %d)", "（f 切换 %d/%d）"},
	"ops.chart.noline": {"no target line: not the KPI's measure", "不画目标线：非该指标口径"},
	"ops.chart.bucket": {"each column is the mean of %s days", "每列为 %s 天均值"},
	"ops.chart.peak":   {"peak %s on %s", "峰值 %s（%s）"},

	"ops.series.new_members":            {"registrations per day", "每日新增注册"},
	"ops.series.dau":                    {"members active per day", "每日活跃会员"},
	"ops.series.active_rate":            {"plots DAU ÷ members per day, not the window's active rate", "图为每日日活÷会员数，非窗口活跃率"},
	"ops.series.buyers":                 {"buyers per day, not the window's buyers", "图为每日购买会员，非窗口购买会员数"},
	"ops.series.repurchase_rate":        {"plots buyers per day, not the repurchase rate", "图为每日购买会员，非复购率"},
	"ops.series.orders":                 {"orders per day", "每日订单数"},
	"ops.series.gmv":                    {"GMV per day, ¥", "每日GMV（元）"},
	"ops.series.aov":                    {"GMV ÷ orders over rolling %d days, ¥", "滚动 %d 天 GMV÷订单（元）"},
	"ops.series.retention_d7":           {"plots registrations per day, not retention", "图为每日新增注册，非留存率"},
	"ops.series.points_redemption_rate": {"redeemed ÷ issued over rolling %d days", "滚动 %d 天积分兑换÷发放"},

	"ops.key.follow": {"target line: next target", "目标线：下一个目标"},
	"ops.key.pacing": {"pacing list: focus", "目标进度：选择"},
	"ops.key.open":   {"open the target", "打开目标"},
	"ops.key.back":   {"back to the cards", "返回指标卡"},

	"ops.pace.title":    {"Pacing of %d active targets, worst first", "进行中目标 %d 个（最落后在前）"},
	"ops.pace.focus":    {"p: select", "p 选择"},
	"ops.pace.keys":     {"↑↓ select · enter open · esc back", "↑↓ 选择 · enter 打开 · esc 返回"},
	"ops.pace.none":     {"no target is active on the as-of day", "截至日没有进行中的目标"},
	"ops.pace.actual":   {"actual %s / expected %s", "实际 %s / 应达成 %s"},
	"ops.pace.gap":      {"gap %s", "差距 %s"},
	"ops.pace.runrate":  {"needs %s/day", "日需 %s"},
	"ops.pace.forecast": {"forecast %s", "预计 %s"},
}
