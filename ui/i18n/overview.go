package i18n

// overviewStrings are the overview pane's strings.
var overviewStrings = map[string]entry{
	"ov.loading":   {"loading the figures…", "正在加载数据…"},
	"ov.window":    {"Window: %d days, %s … %s · changes vs the previous %d days", "统计窗口：近 %d 天（%s 至 %s）· 变化对比前 %d 天"},
	"ov.following": {"follows the latest day", "跟随最新数据"},
	"ov.pinned":    {"day pinned (t: back to latest)", "已固定日期（t 回到最新）"},
	"ov.points":    {"pt", "个百分点"},
	"ov.dod":       {"d/d", "日环比"},
	"ov.today":     {"Today %s", "今日 %s"},
	"ov.day":       {"Day %s", "当日 %s"},
	"ov.t.new":     {"new", "新增"},
	"ov.t.dau":     {"DAU", "日活"},
	"ov.t.orders":  {"orders", "订单"},
	"ov.t.gmv":     {"GMV", "GMV"},
	"ov.t.buyers":  {"buyers", "购买人数"},
	"ov.nodata":    {"no data for this range", "该区间没有数据"},
	"ov.range":     {"last %d days (r)", "近 %d 天（r 切换）"},
	"ov.target":    {"target", "目标"},

	// Card labels: short enough for a 14-column card.
	"ov.card.new_members":            {"New members", "新增会员"},
	"ov.card.dau":                    {"DAU", "日活会员"},
	"ov.card.active_rate":            {"Active rate", "活跃率"},
	"ov.card.buyers":                 {"Buyers", "购买会员"},
	"ov.card.repurchase_rate":        {"Repurchase", "复购率"},
	"ov.card.orders":                 {"Orders", "订单数"},
	"ov.card.gmv":                    {"GMV", "会员GMV"},
	"ov.card.aov":                    {"AOV", "客单价"},
	"ov.card.retention_d7":           {"Retention D7", "7日留存"},
	"ov.card.points_redemption_rate": {"Redemption", "积分兑换率"},

	// What each chart draws per day. For the window rates the daily series is
	// a related measure, and says so.
	"ov.series.new_members":            {"registrations per day", "每日新增注册"},
	"ov.series.dau":                    {"members active per day", "每日活跃会员"},
	"ov.series.active_rate":            {"DAU ÷ members per day (the KPI is over the window)", "每日日活÷会员总数（指标按窗口计算）"},
	"ov.series.buyers":                 {"buyers per day", "每日购买会员"},
	"ov.series.repurchase_rate":        {"buyers per day (the rate is over the window)", "每日购买会员（复购率按窗口计算）"},
	"ov.series.orders":                 {"orders per day", "每日订单数"},
	"ov.series.gmv":                    {"GMV per day, ¥", "每日GMV（元）"},
	"ov.series.aov":                    {"GMV ÷ orders per day, ¥", "每日客单价（元）"},
	"ov.series.retention_d7":           {"registrations per day (retention is over the window)", "每日新增注册（留存按窗口计算）"},
	"ov.series.points_redemption_rate": {"points redeemed ÷ issued per day", "每日积分兑换÷发放"},

	"ov.key.left":    {"previous card", "上一个指标"},
	"ov.key.right":   {"next card", "下一个指标"},
	"ov.key.up":      {"card above", "上一行指标"},
	"ov.key.down":    {"card below", "下一行指标"},
	"ov.key.range":   {"chart range 7/30/90/365 days", "图表区间 7/30/90/365 天"},
	"ov.key.window":  {"KPI window 7/30/90 days", "统计窗口 7/30/90 天"},
	"ov.key.prevday": {"as-of one day earlier", "截至日期前移一天"},
	"ov.key.nextday": {"as-of one day later", "截至日期后移一天"},
	"ov.key.latest":  {"back to the latest day", "回到最新日期"},
}
