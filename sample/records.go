package sample

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/memberops/cockpit/model"
)

// Calibration of the generator (measured over the window at 20,000 members
// with End 2026-03-14; it scales with Members): what targets, goals and
// budgets are sized from. Purchases per day are proportional to the day's
// seasonal factor times the buying base (see memberDays).
const (
	newShare          = 0.7     // share of members registered inside the window
	gmvPerMemberDay   = 1.866   // yuan per unit of memberDays
	ordersPerMemberDy = 0.00647 // orders per unit of memberDays
)

// Staff of the sample's operating team (人员分工).
var (
	staffPlanner  = "王磊" // 活动策划
	staffContent  = "李娜" // 内容运营
	staffAnalyst  = "张伟" // 数据分析
	staffCommun   = "陈静" // 社群运营
	staffTech     = "刘洋" // 技术支持
	staffDesign   = "赵敏" // 视觉设计
	staffUserOps  = "周婷" // 用户运营
	staffChannel  = "孙浩" // 渠道投放
	staffDirector = "吴倩" // 会员运营负责人
)

func monthStart(d model.Day) model.Day {
	y, m, _ := d.Date()
	return model.CivilDay(y, m, 1)
}

func monthEnd(d model.Day) model.Day { return addMonths(d, 1) - 1 }

// addMonths returns the first day of the month k months after d's month.
func addMonths(d model.Day, k int) model.Day {
	y, m, _ := d.Date()
	t := time.Date(y, m+time.Month(k), 1, 12, 0, 0, 0, time.UTC) // normalises the month
	return model.CivilDay(t.Year(), t.Month(), 1)
}

// roundNice rounds x to three significant digits.
func roundNice(x float64) int64 {
	if x <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(x))-2)
	return int64(math.Round(x/p) * p)
}

// seasonSum is Σ salesMultiplier over [from, to].
func seasonSum(from, to model.Day) float64 {
	s := 0.0
	for d := from; d <= to; d++ {
		s += salesMultiplier(d)
	}
	return s
}

// memberDays is Σ over [from, to] of the day's seasonal factor times the
// buying base: Members × √(share of members registered by that day), since
// many new members never buy much (the registration curve up to End, then
// the window's pace carried on).

func memberDays(cfg Config, from, to model.Day) float64 {
	c := newCalendar(cfg)
	n := float64(cfg.Members)
	s := 0.0
	for d := from; d <= to; d++ {
		var share float64
		switch i := int(d - c.regFrom); {
		case i < 0:
			share = 0
		case d <= cfg.End:
			share = c.regCum[i+1]
		default:
			share = 1 + newShare*float64(d-cfg.End)/365
		}
		s += n * math.Sqrt(share) * salesMultiplier(d)
	}
	return s
}

// gmvEstimateFen estimates the members' GMV over [from, to] in fen.
func gmvEstimateFen(cfg Config, from, to model.Day) int64 {
	return roundNice(gmvPerMemberDay * memberDays(cfg, from, to) * 100)
}

// ordersEstimate estimates the members' purchases over [from, to].
func ordersEstimate(cfg Config, from, to model.Day) float64 {
	return ordersPerMemberDy * memberDays(cfg, from, to)
}

func (c Config) created(d model.Day, hour int) time.Time {
	return d.Time(c.Loc).Add(time.Duration(hour) * time.Hour)
}

// targetID names a promotion's GMV target.
func promoTargetID(c camp) string { return "T-" + strings.TrimPrefix(c.id, "C-") + "-GMV" }

// Targets returns the sample's operating targets: yearly new members and GMV
// for End's calendar year (history method), orders and active rate for End's
// month, repurchase rate for End's quarter, a GMV target per promotion of the
// window (linked from the campaign), and the plan year's GMV split by custom
// monthly weights. Values are in each metric's smallest unit (members, orders,
// fen) or RatioScale for rates; sized from the generator's calibration so
// pacing shows both gains and gaps.
func Targets(cfg Config) []model.Target {
	cfg = cfg.norm()
	end := cfg.End
	y, m, _ := end.Date()
	n := float64(cfg.Members)
	yFrom, yTo := model.CivilDay(y, 1, 1), model.CivilDay(y, 12, 31)
	mFrom, mTo := monthStart(end), monthEnd(end)
	q := (int(m) - 1) / 3
	qFrom := model.CivilDay(y, time.Month(q*3+1), 1)
	qTo := addMonths(qFrom, 3) - 1
	made := cfg.created(model.CivilDay(y, 1, 1)-10, 10)
	var out []model.Target
	add := func(t model.Target) {
		if t.Created.IsZero() {
			t.Created = made
		}
		t.Updated = t.Created
		out = append(out, t)
	}
	add(model.Target{ID: fmt.Sprintf("T-%d-NEW", y), Name: fmt.Sprintf("%d 年度新会员", y), Owner: staffDirector,
		Metric: "new_members", From: yFrom, To: yTo, Value: roundNice(n * newShare * 1.2), Method: model.MethodHistory})
	add(model.Target{ID: fmt.Sprintf("T-%d-GMV", y), Name: fmt.Sprintf("%d 年度会员 GMV", y), Owner: staffDirector,
		Metric: "gmv", From: yFrom, To: yTo, Value: roundNice(float64(gmvEstimateFen(cfg, yFrom, yTo)) * 1.15), Method: model.MethodHistory})
	mc := cfg.created(mFrom-5, 15)
	add(model.Target{ID: fmt.Sprintf("T-%s-ORD", yyyymm(end)), Name: fmt.Sprintf("%d年%d月 订单量", y, int(m)), Owner: staffUserOps,
		Metric: "orders", From: mFrom, To: mTo, Value: roundNice(ordersEstimate(cfg, mFrom, mTo) * 1.12), Method: model.MethodEven, Created: mc})
	add(model.Target{ID: fmt.Sprintf("T-%s-ACT", yyyymm(end)), Name: fmt.Sprintf("%d年%d月 活跃率", y, int(m)), Owner: staffUserOps,
		Metric: "active_rate", From: mFrom, To: mTo, Value: 1400, Method: model.MethodEven, Created: mc})
	add(model.Target{ID: fmt.Sprintf("T-%dQ%d-REP", y, q+1), Name: fmt.Sprintf("%d Q%d 复购率", y, q+1), Owner: staffAnalyst,
		Metric: "repurchase_rate", From: qFrom, To: qTo, Value: 4500, Method: model.MethodEven, Created: cfg.created(qFrom-7, 11)})
	for _, c := range schedule(cfg) {
		if c.typ != model.CampaignPromotion || c.upcoming {
			continue
		}
		add(model.Target{ID: promoTargetID(c), Name: c.name + " GMV", Owner: staffPlanner, Metric: "gmv",
			From: c.start, To: c.end, Value: roundNice(float64(gmvEstimateFen(cfg, c.start, c.end)) * 1.1),
			Method: model.MethodHistory, Created: cfg.created(c.warm-10, 16)})
	}
	// The plan year, split by custom monthly weights (the season as planned).
	pFrom, pTo := addMonths(end, -11), monthEnd(end)
	var weights []int64
	for d := pFrom; d <= pTo; d = addMonths(d, 1) {
		weights = append(weights, int64(math.Round(seasonSum(d, monthEnd(d))*10)))
	}
	add(model.Target{ID: "T-PLAN-GMV", Name: "计划年度 GMV（按月权重）", Owner: staffDirector, Metric: "gmv",
		From: pFrom, To: pTo, Value: roundNice(float64(gmvEstimateFen(cfg, pFrom, pTo)) * 1.1), Method: model.MethodCustom,
		Weights: weights, Created: cfg.created(pFrom-12, 9)})
	return out
}

// budgetPerMember is each campaign type's budget in yuan per member of the
// programme.
func budgetPerMember(c camp) float64 {
	switch c.festival {
	case "618":
		return 3.5
	case "1111":
		return 4.5
	case "1212":
		return 1.2
	case "cny":
		return 3.5
	case "38":
		return 1.8
	}
	switch c.typ {
	case model.CampaignAcquisition:
		return 3
	case model.CampaignWinback:
		return 1.5
	case model.CampaignReactivation:
		return 1.5
	}
	return 1
}

// Campaigns returns the sample's campaigns, ordered by start: the latest
// occurrence of each festival promotion (年货节, 女神节, 618, 双11, 双12) that
// started in the window, one acquisition, win-back and reactivation campaign
// in the past months, a cultivation campaign live at End, and the next
// festival after End as an upcoming campaign (in warm-up or draft). IDs match
// the campaign_id of the events; budgets and spend are in fen.
func Campaigns(cfg Config) []model.Campaign {
	cfg = cfg.norm()
	end := cfg.End
	n := float64(cfg.Members)
	var out []model.Campaign
	reviewed := map[string]bool{}
	for _, c := range retroCamps(cfg) {
		reviewed[c.id] = true
	}
	for _, c := range schedule(cfg) {
		mc := model.Campaign{ID: c.id, Name: c.name, Type: c.typ, Coupon: c.coupon,
			WarmupStart: c.warm, Start: c.start, End: c.end}
		budget := roundNice(budgetPerMember(c) * n * 100)
		mc.BudgetFen = budget
		switch {
		case c.upcoming:
			mc.SpendFen = 0
		case c.end < end:
			mc.SpendFen = budget * int64(90+int(c.start)%9) / 100
		default: // live: spend so far, pro rata
			done := float64(end-c.warm+1) / float64(c.end-c.warm+1)
			mc.SpendFen = roundNice(float64(budget) * done * 0.9)
		}
		switch c.typ {
		case model.CampaignPromotion:
			mc.Channels = []string{"sms", "wechat", "push", "community"}
			switch c.festival {
			case "618", "1111":
				mc.Audience = model.Audience{Stages: []model.Stage{model.StageGrowth, model.StageMaturity, model.StageSilent}}
			case "1212":
				mc.Audience = model.Audience{Tiers: []model.Tier{model.TierSilver, model.TierGold, model.TierPlatinum, model.TierDiamond}}
				mc.Channels = []string{"push", "wechat"}
			case "38":
				mc.Audience = model.Audience{Tags: []string{TagOffice, TagMom}}
				mc.Channels = []string{"wechat", "push", "community"}
			case "cny":
				mc.Audience = model.Audience{Stages: []model.Stage{model.StageMaturity, model.StageGrowth}}
			}
			gmv := gmvEstimateFen(cfg, c.start, c.end)
			// goals on attributed figures: about two thirds of the period's purchases
			mc.Goals = map[string]int64{"gmv": roundNice(float64(gmv) * 0.7), "orders": roundNice(ordersEstimate(cfg, c.start, c.end) * 0.7)}
			if !c.upcoming {
				mc.TargetID = promoTargetID(c)
			}
		case model.CampaignAcquisition:
			mc.Audience = model.Audience{Stages: []model.Stage{model.StageMaturity}, Tags: []string{TagOld}}
			mc.Channels = []string{"wechat", "community"}
			mc.Goals = map[string]int64{"new_members": roundNice(n * 0.11)}
			ey, _, _ := end.Date()
			mc.TargetID = fmt.Sprintf("T-%d-NEW", ey)
		case model.CampaignCultivation:
			mc.Audience = model.Audience{Stages: []model.Stage{model.StageGrowth}}
			mc.Channels = []string{"push", "wechat"}
			mc.Goals = map[string]int64{"repurchase_rate": 4500}
			y, m, _ := end.Date()
			mc.TargetID = fmt.Sprintf("T-%dQ%d-REP", y, (int(m)-1)/3+1)
		case model.CampaignReactivation:
			mc.Audience = model.Audience{Stages: []model.Stage{model.StageSilent}}
			mc.Channels = []string{"sms", "push"}
			mc.Goals = map[string]int64{"active_rate": 1400}
		case model.CampaignWinback:
			mc.Audience = model.Audience{Stages: []model.Stage{model.StageChurned},
				Segments: []model.Segment{model.ImportantRetain, model.ImportantKeep}}
			mc.Channels = []string{"sms", "email"}
			mc.Goals = map[string]int64{"gmv": roundNice(n * 3 * 100)}
		}
		if c.typ == model.CampaignPromotion {
			// A festival touches through every channel: its own cap allows it.
			mc.FreqCap = len(mc.Channels)
		}
		mc.Reviewed = reviewed[c.id]
		mc.Tasks = campaignTasks(c, end)
		out = append(out, mc)
	}
	out = append(out, plannedCampaigns(cfg)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// plannedCampaigns are two campaigns the operator has just set up as of End,
// so the demo shows the launch step whatever the day: a points-doubling week
// for growth and mature members live from End (whose audience overlaps the
// live cultivation campaign's, so the fatigue guard trips), and an SMS for
// silent members in warm-up, three days before its start. They carry no
// events (they are not in the generator's schedule).
func plannedCampaigns(cfg Config) []model.Campaign {
	end := cfg.End
	n := float64(cfg.Members)
	pts := camp{typ: model.CampaignPromotion, warm: end - 2, start: end, end: end + 6,
		coupon: model.Coupon{MinSpendFen: 10000, SaveFen: 1000}}
	pts.id, pts.name = "C-PTS-"+yyyymm(end), "会员日 · 积分加倍周"
	sms := camp{typ: model.CampaignReactivation, warm: end - 1, start: end + 3, end: end + 16,
		coupon: model.Coupon{MinSpendFen: 6800, SaveFen: 1200}, upcoming: true}
	sms.id, sms.name = "C-SMS-"+yyyymm(end), "沉默会员短信唤醒"
	var out []model.Campaign
	for _, c := range []camp{pts, sms} {
		mc := model.Campaign{ID: c.id, Name: c.name, Type: c.typ, Coupon: c.coupon, WarmupStart: c.warm,
			Start: c.start, End: c.end, BudgetFen: roundNice(n * 100)}
		switch c.typ {
		case model.CampaignPromotion:
			mc.Audience = model.Audience{Stages: []model.Stage{model.StageGrowth, model.StageMaturity}}
			mc.Channels = []string{"push", "sms"}
			mc.SpendFen = mc.BudgetFen / 5
			mc.Goals = map[string]int64{"orders": roundNice(ordersEstimate(cfg, c.start, c.end) * 0.3)}
		default:
			mc.Audience = model.Audience{Stages: []model.Stage{model.StageSilent}}
			mc.Channels = []string{"sms"}
			mc.Goals = map[string]int64{"active_rate": 1400}
		}
		mc.Tasks = campaignTasks(c, end)
		for i := range mc.Tasks {
			mc.Tasks[i].Done = mc.Tasks[i].Due < end // on time: the one late task is the cultivation campaign's
		}
		out = append(out, mc)
	}
	return out
}

// campaignTasks staffs a campaign: plan, creative, audience and schedule,
// coupons, tracking, retro. Tasks due before End are done, except one
// deliberately overdue task on the live campaign.
func campaignTasks(c camp, end model.Day) []model.Task {
	lead := staffUserOps
	switch c.typ {
	case model.CampaignAcquisition:
		lead = staffCommun
	case model.CampaignPromotion:
		lead = staffPlanner
	}
	ts := []model.Task{
		{Title: "活动方案与预算拆分", Assignee: staffPlanner, Start: c.warm - 21, Due: c.warm - 10, Deliverable: "活动方案 v1（目标、人群、预算、排期）"},
		{Title: "主视觉与文案", Assignee: staffDesign, Start: c.warm - 12, Due: c.warm - 3, Deliverable: "主 KV、banner、短信与推送文案"},
		{Title: "人群圈选与触达排期", Assignee: lead, Start: c.warm - 7, Due: c.warm - 1, Deliverable: "人群包（已剔除未授权会员）+ 触达排期表"},
		{Title: "优惠券配置与压测", Assignee: staffTech, Start: c.warm - 7, Due: c.start - 2, Deliverable: fmt.Sprintf("满%d减%d 券模板上线、压测报告", c.coupon.MinSpendFen/100, c.coupon.SaveFen/100)},
		{Title: "实时看板与日报", Assignee: staffAnalyst, Start: c.start, Due: c.end, Deliverable: "活动看板、每日数据日报"},
		{Title: "活动复盘", Assignee: staffAnalyst, Start: c.end + 1, Due: c.end + 7, Deliverable: "复盘报告（目标对比、分版块分析、可复用经验）"},
	}
	switch c.typ {
	case model.CampaignAcquisition:
		ts = append(ts[:4], append([]model.Task{{Title: "社群裂变物料与群运营", Assignee: staffCommun, Start: c.warm - 5, Due: c.start + 7, Deliverable: "邀请海报、社群 SOP、群话术"}}, ts[4:]...)...)
	case model.CampaignPromotion:
		ts = append(ts[:4], append([]model.Task{{Title: "渠道投放与预热", Assignee: staffChannel, Start: c.warm, Due: c.start, Deliverable: "投放计划、预热期加购/收藏追踪"}}, ts[4:]...)...)
	}
	overdue := false
	for i := range ts {
		ts[i].Done = ts[i].Due < end
		if !c.upcoming && c.start <= end && end <= c.end && !overdue && ts[i].Due == c.start-2 {
			ts[i].Done = false // the live campaign's coupon stress test is still open
			overdue = true
		}
	}
	return ts
}

// Plan returns the operating plan over the twelve calendar months ending with
// End's month: 启动 launch (months 1–3), 增长 growth (4–6), 优化 optimise (7–9),
// 稳定 stabilise (10–12), with milestones (done when on or before End),
// including the start of every campaign that falls in the plan.
func Plan(cfg Config) model.Plan {
	cfg = cfg.norm()
	end := cfg.End
	from := addMonths(end, -11)
	p := model.Plan{ID: "P-" + yyyymm(from), Name: fmt.Sprintf("%s 会员运营年度计划（%s 至 %s）", Brand, from.String()[:7], end.String()[:7])}
	names := []string{"启动", "增长", "优化", "稳定"}
	stones := [][]string{
		{"会员等级与权益体系上线", "会员数据接入驾驶舱", "拉新渠道 A/B 测试完成"},
		{"首单转化链路优化上线", "社群分层运营 SOP 定稿", "季度目标达成复盘"},
		{"RFM 八大人群分层触达上线", "积分商城改版", "沉默会员唤醒策略迭代"},
		{"流失预警模型上线", "年度复盘", "下一年度目标与预算定稿"},
	}
	offsets := []int{7, 35, 80}
	camps := schedule(cfg)
	for i := range 4 {
		ph := model.Phase{Name: names[i], From: addMonths(from, 3*i), To: addMonths(from, 3*i+3) - 1}
		for k, s := range stones[i] {
			d := ph.From + model.Day(offsets[k])
			if d > ph.To {
				d = ph.To
			}
			ph.Milestones = append(ph.Milestones, model.Milestone{Name: s, Day: d})
		}
		for _, c := range camps {
			if c.start >= ph.From && c.start <= ph.To {
				ph.Milestones = append(ph.Milestones, model.Milestone{Name: c.name + " 上线", Day: c.start})
			}
		}
		// keep milestones in date order
		ms := ph.Milestones
		for a := 1; a < len(ms); a++ {
			for b := a; b > 0 && ms[b].Day < ms[b-1].Day; b-- {
				ms[b], ms[b-1] = ms[b-1], ms[b]
			}
		}
		for k := range ms {
			ms[k].Done = ms[k].Day <= end
		}
		p.Phases = append(p.Phases, ph)
	}
	return p
}

// retroCamps returns the campaigns the sample has retros for: the latest big
// promotion (618 or 双11) and the win-back campaign, when they ended at least
// a week before End.
func retroCamps(cfg Config) []camp {
	var promo, wb *camp
	for _, c := range schedule(cfg) {
		if c.upcoming || c.end >= cfg.End-7 {
			continue
		}
		switch {
		case c.festival == "618" || c.festival == "1111":
			if promo == nil || c.end > promo.end {
				cc := c
				promo = &cc
			}
		case c.typ == model.CampaignWinback:
			cc := c
			wb = &cc
		}
	}
	var out []camp
	if promo != nil {
		out = append(out, *promo)
	}
	if wb != nil {
		out = append(out, *wb)
	}
	return out
}

// Retros returns three filled retrospectives: the latest big promotion (618
// or 双11) that ended at least a week before End, the win-back campaign, and
// the month before End's month. The data sections are the
// store's to fill; the narrative sections are written here in Chinese.
func Retros(cfg Config) []model.Retro {
	cfg = cfg.norm()
	end := cfg.End
	var out []model.Retro
	for _, c := range retroCamps(cfg) {
		var r model.Retro
		if c.typ == model.CampaignWinback {
			r = winbackRetro(c)
		} else {
			r = promoRetro(c)
		}
		r.Kind, r.Subject, r.Window = model.RetroCampaign, c.id, model.Window{From: c.start, To: c.end}
		r.ID = "R-" + strings.TrimPrefix(c.id, "C-")
		r.Created = cfg.created(c.end+5, 17)
		r.Updated = r.Created.Add(26 * time.Hour)
		out = append(out, r)
	}
	mFrom := addMonths(end, -1)
	mTo := monthStart(end) - 1
	r := monthlyRetro(mFrom, mTo)
	r.ID = "R-M-" + yyyymm(mFrom)
	r.Created = cfg.created(monthStart(end)+2, 18)
	r.Updated = r.Created.Add(3 * time.Hour)
	out = append(out, r)
	return out
}

func promoRetro(c camp) model.Retro {
	peak := "6 月 18 日"
	pre := "5 月 20 日起的预售与加购"
	if c.festival == "1111" {
		peak = "11 月 11 日"
		pre = "10 月 20 日起的预售与加购"
	}
	coupon := fmt.Sprintf("满%d减%d", c.coupon.MinSpendFen/100, c.coupon.SaveFen/100)
	return model.Retro{
		Title: c.name + " 活动复盘",
		Background: fmt.Sprintf("%s 是年度两大流量节点之一。本次活动面向成长期、成熟期和沉默期的已授权会员，"+
			"通过短信、公众号、APP 推送和社群四个渠道触达，主力权益为 %s 店铺券叠加会员积分加倍；"+
			"预热期承接%s。活动目标与会员 GMV 年度目标联动（见关联目标）。", c.name, coupon, pre),
		Analysis: fmt.Sprintf("成交节奏：活动期内成交逐日爬坡，峰值出现在 %s 当天，当日成交远高于活动期日均；"+
			"周末成交高于工作日。\n人群：成熟期会员贡献了大部分 GMV，高价值会员客单价显著高于大盘；"+
			"成长期会员的二次购买是本次增量的主要来源。\n渠道：小程序与 APP 承接了绝大部分订单，门店会员到店核销偏低。\n"+
			"活动后：退款集中在活动结束后一周内，退款率与平日持平，未出现异常。", peak),
		Lessons: "1. 预热期加购人群的召回做得晚，峰值前 48 小时的推送打开率明显下滑，下次要提前分批触达。\n" +
			"2. " + coupon + " 门槛略高，客单价集中在门槛附近，部分低客单会员未被激活，可增加一档小额券。\n" +
			"3. 沉默会员的唤醒转化低于预期，单靠大促流量不够，需要在活动前两周先做一次唤醒。\n" +
			"4. 门店渠道信息同步滞后，门店会员的参与度偏低。",
		Playbook: "- 大促前 3 周完成人群圈选与频控校验（每人 7 天最多 2 次触达）。\n" +
			"- 预热期按「加购未付款 → 收藏 → 浏览」分三批召回，峰值日前一晚 20:00 集中提醒。\n" +
			"- 券梯度：主券 + 小额券，避免客单价被单一门槛锁死。\n" +
			"- 活动期每日 10:00 出数据日报，偏差超过 10% 当日调整投放。\n" +
			"- 活动后 7 天内完成复盘，沉淀人群包供下一次活动复用。",
	}
}

func winbackRetro(c camp) model.Retro {
	coupon := fmt.Sprintf("满%d减%d", c.coupon.MinSpendFen/100, c.coupon.SaveFen/100)
	return model.Retro{
		Title: c.name + " 活动复盘",
		Background: "流失期会员（90 天以上无任何行为）占比持续偏高，其中不乏历史高价值会员。本次挽回活动针对" +
			"重要保持与重要挽留人群中的已授权会员，以短信和邮件触达，发放 " + coupon + " 回归大额券，并配合回归后 14 天的专属权益。",
		Analysis: "回流：活动期间有一批流失会员重新登录并下单，回流会员集中在活动开始后的前两周。\n" +
			"转化：回流会员中约一半在回归当天即完成购买，大额券核销率高于常规券；回流后的二次购买率仍偏低。\n" +
			"成本：短信成本占活动花费的大头，邮件渠道打开率低但几乎零成本。",
		Lessons: "1. 回归券只解决了第一单，回流后缺少二单承接，部分会员再次沉默。\n" +
			"2. 流失时间越长召回越难，应把资源前移到沉默期（30–89 天）。\n" +
			"3. 未授权会员不可触达，挽回人群实际规模小于预估，预算可适当收缩。",
		Playbook: "- 流失会员按历史价值分层：高价值给大额券 + 人工回访，其余仅发券。\n" +
			"- 回归后 14 天内安排一次二单礼（接入培育活动）。\n" +
			"- 先用小样本测试文案与券面额，再全量发送。",
	}
}

func monthlyRetro(from, to model.Day) model.Retro {
	y, m, _ := from.Date()
	var notes []string
	if sf := springFestival(y); sf >= from && sf <= to {
		notes = append(notes, "本月经历春节假期，节前一周物流停运、节中成交明显回落，属季节性波动；节后一周逐步恢复。")
	}
	switch m {
	case time.June:
		notes = append(notes, "本月核心是 618 大促，成交在 18 日见顶，大促后一周进入平台期。")
	case time.November:
		notes = append(notes, "本月核心是双11，11 日单日成交为全年最高，之后有一波退款与售后高峰。")
	case time.December:
		notes = append(notes, "双12 带来一次小高峰，月底进入年货节预热。")
	case time.March:
		notes = append(notes, "女神节（3 月 8 日）带来一次小高峰，女性会员与白领人群响应明显。")
	case time.July, time.August:
		notes = append(notes, "暑期为传统淡季，成交略低于年均水平，适合做会员体系与内容建设。")
	}
	if len(notes) == 0 {
		notes = append(notes, "本月无大型促销节点，成交以日常复购为主，周末略高于工作日。")
	}
	return model.Retro{
		Kind:    model.RetroMonthly,
		Title:   fmt.Sprintf("%d 年 %d 月 会员运营月度复盘", y, int(m)),
		Subject: fmt.Sprintf("%04d-%02d", y, int(m)),
		Window:  model.Window{From: from, To: to},
		Background: "月度例行复盘：对照年度目标拆分到本月的部分，检查新会员、GMV、复购与活跃的完成情况，" +
			"并回顾本月上线的活动与渠道表现。" + strings.Join(notes, ""),
		Analysis: "生命周期：引入期会员的首单转化仍是最大缺口，成长期到成熟期的流转稳定。\n" +
			"等级：银卡及以上会员人数稳步增加，钻石会员贡献了不成比例的 GMV，需重点维护。\n" +
			"渠道：小程序新增占比继续提升，门店新增占比下降；社群渠道新会员的首月留存最好。\n" +
			"RFM：重要挽留客户规模偏大，需要在沉默期提前干预。",
		Lessons: "1. 新会员首周触达节奏过密，部分会员取消授权，下月起严格执行频控。\n" +
			"2. 活动排期与库存计划沟通不足，个别爆款断货影响转化。",
		Playbook: "- 每月第 2 个工作日完成月度复盘，结论同步到下月活动排期。\n" +
			"- 引入期会员：注册 7 天内完成「新人礼 → 首单券 → 首单后评价有礼」三步。\n" +
			"- 固定每周五复盘周数据，偏差超过 10% 的指标当周给出动作。",
	}
}
