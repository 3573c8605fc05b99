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
	"tg.form.fix.one": {"1 field needs fixing; nothing was saved", "有 1 项需要修改，尚未保存"},
}
