package i18n

import "github.com/memberops/cockpit/model"

// campaignStrings are the campaigns pane's and the `campaign` command's
// strings. Type names (campaign.*) are in domain.go.
var campaignStrings = map[string]entry{
	"cp.status.draft":     {"draft", "草稿"},
	"cp.status.warmup":    {"warm-up", "预热中"},
	"cp.status.live":      {"live", "进行中"},
	"cp.status.ended":     {"ended", "已结束"},
	"cp.status.reviewed":  {"reviewed", "已复盘"},
	"cp.status.cancelled": {"cancelled", "已取消"},

	"cp.cd.warmup":    {"warm-up in %d d", "距预热 %d 天"},
	"cp.cd.startwarm": {"warm-up D-%d", "预热 D-%d"},
	"cp.cd.start":     {"starts in %d d", "距开始 %d 天"},
	"cp.cd.end":       {"%d d to end", "距结束 %d 天"},
	"cp.cd.today":     {"ends today", "今天结束"},

	"cp.col.id":        {"ID", "编号"},
	"cp.col.name":      {"Campaign", "活动"},
	"cp.col.type":      {"Type", "类型"},
	"cp.col.status":    {"Status", "状态"},
	"cp.col.countdown": {"Countdown", "倒计时"},
	"cp.col.dates":     {"Dates", "日期"},
	"cp.col.audience":  {"Audience", "人群"},
	"cp.col.budget":    {"Spend/Budget", "花费/预算"},
	"cp.col.used":      {"Used", "预算使用"},
	"cp.col.roi":       {"ROI", "ROI"},

	"cp.cap.short": {"cap", "频次"},
	"cp.fatigue.head": {"frequency cap: %d members would be touched more than the cap (at most 2 touches per member per 7 days)",
		"频次上限：%d 名会员的触达次数将超过频次上限（每人每 7 天最多 2 次）"},
	"cp.fatigue.line": {"  %d members through %s, %s … %s", "  %d 名会员，涉及 %s，%s 至 %s"},

	"cp.aud.all":      {"every member who consented", "所有已授权会员"},
	"cp.aud.birthday": {"birthday in the dates", "活动期间生日"},

	"cp.task.open": {"open", "进行中"},
	"cp.task.done": {"done", "已完成"},
	"cp.task.late": {"LATE", "已逾期"},

	"cp.cli.exists":   {"already exists (ids are unique)", "已存在（编号不能重复）"},
	"cp.cli.notfound": {"no such campaign", "没有这个活动"},
	"cp.cli.none":     {"no campaigns yet; add one with `cockpit campaign add`", "还没有活动；用 `cockpit campaign add` 添加"},
	"cp.cli.dates":    {"  warm-up %s · live %s … %s · as of %s\n", "  预热 %s · 活动 %s 至 %s · 截至 %s\n"},
	"cp.cli.audience": {"  audience %d members: %s\n", "  目标人群 %d 人：%s\n"},
	"cp.cli.money":    {"  budget %s · spend %s (%s) · channels %s · frequency cap %d per 7 days\n", "  预算 %s · 花费 %s（%s）· 渠道 %s · 频次上限 每 7 天 %d 次\n"},
	"cp.cli.coupon":   {"  coupon: spend %s save %s\n", "  优惠券：满 %s 减 %s\n"},
	"cp.cli.results": {"  results: reached %d · converted %d · registrations %d · orders %d · GMV %s · ROI %s · CAC %s\n",
		"  效果：触达 %d · 转化 %d · 注册 %d · 订单 %d · GMV %s · ROI %s · 获客成本 %s\n"},
	"cp.cli.goal":     {"  goal %s: %s of %s (%s)\n", "  目标 %s：%s / %s（%s）\n"},
	"cp.cli.exported": {"%d members written to %s\n", "已写出 %d 名会员到 %s\n"},
	"cp.cli.capped": {"%d members left out by the frequency cap (use --ignore-cap to keep them)\n",
		"%d 名会员因频次上限被剔除（用 --ignore-cap 保留）\n"},
}

// CampaignCountdown puts a campaign's countdown in words: "距预热 5 天"
// before the warm-up, "预热 D-3" in warm-up, "距开始 2 天" for a draft
// without warm-up, "距结束 2 天" while live, "" once it ended.
func CampaignCountdown(c Catalog, cd model.Countdown, warming bool) string {
	switch cd.Kind {
	case model.CountWarmup:
		return c.T("cp.cd.warmup", cd.Days)
	case model.CountStart:
		if warming {
			return c.T("cp.cd.startwarm", cd.Days)
		}
		return c.T("cp.cd.start", cd.Days)
	case model.CountEnd:
		if cd.Days == 0 {
			return c.T("cp.cd.today")
		}
		return c.T("cp.cd.end", cd.Days)
	}
	return ""
}
