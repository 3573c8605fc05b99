package i18n

// screenStrings are the strings of issue 14 ("screens an operator can
// trust"): the words ui/format writes beside numbers, and the questions the
// forms ask before anything typed is lost.
//
// The compact magnitude symbols (k/M/B, 万/亿) are not here: they are not
// one word in two languages but two ways of grouping digits, so ui/format
// chooses them by language together with the divisor.
var screenStrings = map[string]entry{
	"fmt.pt": {"pt", "个百分点"},

	"tg.form.discard": {"Discard the changes to this target? y discards, n keeps editing", "放弃对这个目标的修改？按 y 放弃，按 n 继续编辑"},
	"tg.hint.discard": {"y discard · n/esc keep editing", "y 放弃 · n/esc 继续编辑"},

	// Singular forms, looked up by Catalog.N when the count is 1.
	"tg.form.fix.one":           {"%d field needs fixing; nothing was saved", "有 %d 项需要修改，尚未保存"},
	"tg.list.count.one":         {"%d target", "共 %d 个"},
	"tg.form.hint.weights.one":  {"%d month: one weight, comma-separated", "共 %d 个月：每月一个，逗号分隔"},
	"ph.targets.summary.one":    {"%d target stored, %d running on %s:", "已有 %d 个目标，其中 %d 个在 %s 进行中："},
	"ph.campaigns.summary.one":  {"%d campaign stored; status on %s:", "已有 %d 个活动，截至 %s 的状态："},
	"ph.retros.summary.one":     {"%d retrospective stored, latest first:", "已有 %d 份复盘（最新在前）："},
	"lifecycle.total.one":       {"%s member", "共 %s 人"},
	"lifecycle.rfm.buyers.one":  {"%s buyer", "%s 位购买会员"},
	"lifecycle.sel.members.one": {"%s member (%s)", "%s 人（%s）"},
	"members.count.one":         {"%s of %s member", "%s / %s 人"},
}
