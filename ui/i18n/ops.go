package i18n

// opsStrings are the strings of issue 14's operating screens: the pacing
// rule of level metrics, the Overview's target lines, chart notes and pacing
// list, the status bar's as-of figures and the plan's milestone editing.
var opsStrings = map[string]entry{
	"pace.too_early": {"too early to judge", "数据不足"},
}
