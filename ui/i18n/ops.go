package i18n

// opsStrings are the strings of issue 14's operating screens: the pacing
// rule of level metrics, the Overview's target lines, chart notes and pacing
// list, the status bar's as-of figures and the plan's milestone editing.
var opsStrings = map[string]entry{
	"pace.too_early":    {"too early to judge", "数据不足"},
	"ops.partial":       {"day in progress", "当日进行中"},
	"ops.status.dataat": {"data %s", "数据更新于 %s"},
	"ops.samehours":     {"same hrs", "同时段"},
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

	"ops.pace.title":        {"Pacing of %d active targets, worst first", "进行中目标 %d 个（最落后在前）"},
	"ops.pace.focus":        {"p: select", "p 选择"},
	"ops.pace.keys":         {"↑↓ select · enter open · esc back", "↑↓ 选择 · enter 打开 · esc 返回"},
	"ops.pace.none":         {"no target is active on the as-of day", "截至日没有进行中的目标"},
	"ops.pace.col.target":   {"Target", "目标"},
	"ops.pace.col.actual":   {"Actual / expected to date", "实际 / 应达成"},
	"ops.pace.col.gap":      {"Gap", "差距"},
	"ops.pace.col.runrate":  {"Needs/day", "日需"},
	"ops.pace.col.forecast": {"Forecast", "预计"},
	"ops.pace.col.status":   {"Pace", "进度"},
	"ops.pace.failed":       {"failed", "计算失败"},

	"ops.key.msprev":   {"previous milestone", "上一个里程碑"},
	"ops.key.msnext":   {"next milestone", "下一个里程碑"},
	"ops.key.mstoggle": {"tick milestone done / not done", "标记里程碑完成/未完成"},
	"ops.key.msadd":    {"add a milestone", "新增里程碑"},
	"ops.key.msmove":   {"move the milestone to another day", "里程碑改日期"},
	"ops.key.msdelete": {"delete the milestone", "删除里程碑"},

	"ops.hint.plan":        {"j/k phase · h/l milestone · x done · a add · m move · d delete · r rename · e dates · esc back", "j/k 阶段 · h/l 里程碑 · x 完成 · a 新增 · m 改期 · d 删除 · r 改名 · e 改日期 · g 生成计划 · esc 返回"},
	"ops.hint.confirm":     {"y delete · n/esc keep", "y 删除 · n/esc 保留"},
	"ops.plan.confirm":     {"Delete milestone %s %s? (y/n)", "删除里程碑 %s %s？（y/n）"},
	"ops.plan.name":        {"Milestone", "里程碑"},
	"ops.plan.day":         {"on", "日期"},
	"ops.plan.moveto":      {"Move to", "改到"},
	"ops.plan.exists":      {"The plan for %d exists already: shown.", "%d 年的计划已存在，已为你打开。"},
	"ops.plan.err.noname":  {"give the milestone a name", "请填写里程碑名称"},
	"ops.plan.err.outside": {"%s is outside the plan (%s ~ %s)", "%s 不在计划期内（%s ~ %s）"},
}
