package sample

import (
	"fmt"
	"sort"
	"time"

	"github.com/memberops/cockpit/model"
)

// camp is one campaign of the schedule as the generator sees it: the dates
// decide attribution, the coupon shapes the amounts.
type camp struct {
	id, name string
	typ      model.CampaignType
	festival string // "cny", "38", "618", "1111", "1212" or "" for the lifecycle campaigns
	year     int    // festival year
	warm     model.Day
	start    model.Day
	end      model.Day
	coupon   model.Coupon
	upcoming bool // starts after End: no events
}

// festivals are the shopping festivals the sample runs promotions for.
var festivals = []string{"cny", "38", "618", "1111", "1212"}

// festivalCamp returns the promotion of festival f in year y.
func festivalCamp(f string, y int) camp {
	c := camp{festival: f, year: y, typ: model.CampaignPromotion}
	switch f {
	case "cny":
		sf := springFestival(y)
		c.start, c.end = sf-24, sf-9
		c.warm = c.start - 7
		c.id, c.name = fmt.Sprintf("C-CNY-%d", y), fmt.Sprintf("%d 年货节 · 团圆好物", y)
		c.coupon = model.Coupon{MinSpendFen: 19900, SaveFen: 3000}
	case "38":
		c.start, c.end = model.CivilDay(y, time.March, 1), model.CivilDay(y, time.March, 8)
		c.warm = c.start - 5
		c.id, c.name = fmt.Sprintf("C-38-%d", y), fmt.Sprintf("%d 女神节 · 悦己好物", y)
		c.coupon = model.Coupon{MinSpendFen: 15800, SaveFen: 2000}
	case "618":
		c.start, c.end = model.CivilDay(y, time.June, 1), model.CivilDay(y, time.June, 18)
		c.warm = model.CivilDay(y, time.May, 20)
		c.id, c.name = fmt.Sprintf("C-618-%d", y), fmt.Sprintf("%d 618 年中大促", y)
		c.coupon = model.Coupon{MinSpendFen: 30000, SaveFen: 5000}
	case "1111":
		c.start, c.end = model.CivilDay(y, time.November, 1), model.CivilDay(y, time.November, 11)
		c.warm = model.CivilDay(y, time.October, 20)
		c.id, c.name = fmt.Sprintf("C-1111-%d", y), fmt.Sprintf("%d 双11 全年最低价", y)
		c.coupon = model.Coupon{MinSpendFen: 40000, SaveFen: 8000}
	case "1212":
		c.start, c.end = model.CivilDay(y, time.December, 10), model.CivilDay(y, time.December, 12)
		c.warm = model.CivilDay(y, time.December, 5)
		c.id, c.name = fmt.Sprintf("C-1212-%d", y), fmt.Sprintf("%d 双12 年终返场", y)
		c.coupon = model.Coupon{MinSpendFen: 20000, SaveFen: 2000}
	}
	return c
}

func yyyymm(d model.Day) string {
	y, m, _ := d.Date()
	return fmt.Sprintf("%04d%02d", y, int(m))
}

// schedule returns the campaigns of a config, ordered by start: the latest
// occurrence of every festival that started inside the window, the next
// festival after End (upcoming), and one campaign per lifecycle focus at
// fixed offsets from End (the cultivation campaign is live at End).
func schedule(cfg Config) []camp {
	end := cfg.End
	from := end - (WindowDays - 1)
	ey, _, _ := end.Date()
	var out []camp
	var next *camp
	for _, f := range festivals {
		var in *camp
		for y := ey - 2; y <= ey+1; y++ {
			c := festivalCamp(f, y)
			if c.start >= from && c.start <= end {
				if in == nil || c.start > in.start {
					cc := c
					in = &cc
				}
			}
			if c.start > end && (next == nil || c.start < next.start) {
				cc := c
				next = &cc
			}
		}
		if in != nil {
			out = append(out, *in)
		}
	}
	if next != nil {
		next.upcoming = true
		out = append(out, *next)
	}

	acq := camp{typ: model.CampaignAcquisition, start: end - 200, end: end - 111}
	acq.warm = acq.start - 7
	acq.id, acq.name = "C-ACQ-"+yyyymm(acq.start), "老带新 · 邀请有礼拉新季"
	acq.coupon = model.Coupon{MinSpendFen: 5900, SaveFen: 1000}

	wb := camp{typ: model.CampaignWinback, start: end - 170, end: end - 141}
	wb.warm = wb.start - 3
	wy, wm, _ := wb.start.Date()
	wb.id, wb.name = fmt.Sprintf("C-WB-%dQ%d", wy, (int(wm)-1)/3+1), "流失会员挽回 · 回归大额券"
	wb.coupon = model.Coupon{MinSpendFen: 8800, SaveFen: 3000}

	react := camp{typ: model.CampaignReactivation, start: end - 80, end: end - 51}
	react.warm = react.start - 3
	react.id, react.name = "C-REACT-"+yyyymm(react.start), "沉默会员唤醒 · 积分翻倍周"
	react.coupon = model.Coupon{MinSpendFen: 10000, SaveFen: 2000}

	cult := camp{typ: model.CampaignCultivation, start: end - 9, end: end + 20}
	cult.warm = cult.start - 5
	cult.id, cult.name = "C-CULT-"+yyyymm(cult.start), "新客二单礼 · 复购培育"
	cult.coupon = model.Coupon{MinSpendFen: 9900, SaveFen: 1500}

	out = append(out, acq, wb, react, cult)
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}
