package i18n

// retrosStrings are the retrospectives' strings: the labels filled into a
// retro's figures (in the retro's own language), the command line's and the
// Retros pane's.
var retrosStrings = map[string]entry{
	// figures
	"retro.flow.new":                 {"New", "新增"},
	"retro.channel.none":             {"(none)", "（无渠道）"},
	"retro.chart.gmv":                {"Daily GMV (yuan), %s to %s", "每日 GMV（元），%s 至 %s"},
	"retro.chart.new_members":        {"Daily new members, %s to %s", "每日新增会员，%s 至 %s"},
	"retro.chart.orders":             {"Daily orders, %s to %s", "每日订单数，%s 至 %s"},
	"retro.chart.campaign_gmv":       {"Attributed GMV per day (yuan), %s to %s", "每日活动归因 GMV（元），%s 至 %s"},
	"retro.chart.campaign_converted": {"Members converted per day, %s to %s", "每日新转化会员，%s 至 %s"},
	"retro.cstatus.draft":            {"draft", "草稿"},
	"retro.cstatus.warmup":           {"warm-up", "预热中"},
	"retro.cstatus.live":             {"live", "进行中"},
	"retro.cstatus.ended":            {"ended", "已结束"},
	"retro.cstatus.reviewed":         {"reviewed", "已复盘"},
	"retro.cstatus.cancelled":        {"cancelled", "已取消"},
	"retro.title.campaign":           {"Campaign retro: %s", "%s 活动复盘"},
	"retro.title.monthly":            {"Monthly retro %s", "%s 月度运营复盘"},
	"retro.title.target":             {"Target retro: %s", "%s 目标复盘"},
	"retro.kind.campaign":            {"campaign", "活动"},
	"retro.kind.monthly":             {"monthly", "月度"},
	"retro.kind.target":              {"target", "目标"},
	"retro.status.draft":             {"draft", "草稿"},
	"retro.status.final":             {"final", "定稿"},

	// command line
	"retro.cli.notfound": {"no such retro, campaign or target", "找不到该复盘、活动或目标"},
	"retro.cli.none":     {"no retrospectives yet; `cockpit retro new --month YYYY-MM` makes one", "还没有复盘；可用 `cockpit retro new --month YYYY-MM` 新建"},
	"retro.cli.written":  {"retro %s written to %s\n", "复盘 %s 已写入 %s\n"},
}
