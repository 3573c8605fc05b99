package format

import (
	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/i18n"
)

// Retro is the formatter a retrospective's figures are written with (its
// templates' yuan, num, pct, value and signed, and its KPI rows), so an
// exported retro reads its figures as `cockpit kpi`, `target show` and the
// screens do.
func Retro(lang i18n.Lang) model.RetroFormat {
	return model.RetroFormat{
		Money: Money,
		Count: Count,
		Rate:  func(r model.Ratio) string { return Rate(r, Dash) },
		Value: Value,
		Gap:   func(metric string, v int64) string { return Gap(metric, v, false, lang) },
		Change: func(p float64) string {
			s := Percent(p, Dash)
			if p > 0 {
				s = "+" + s
			}
			return s
		},
		Points: func(pp float64) string {
			s := Points(pp, lang)
			if pp > 0 && s[0] != '+' {
				s = "+" + s
			}
			return s
		},
	}
}
