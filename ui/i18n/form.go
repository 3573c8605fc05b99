package i18n

// formStrings are the shared form component's strings (ui/form): its keys,
// the discard question and the summary of refused fields.
var formStrings = map[string]entry{
	"form.key.next":   {"next field", "下一项"},
	"form.key.prev":   {"previous field", "上一项"},
	"form.key.cycle":  {"change choice", "切换选项"},
	"form.key.toggle": {"tick / untick", "勾选/取消"},
	"form.key.save":   {"save", "保存"},
	"form.key.submit": {"next, or save on the last field", "下一项（最后一项时保存）"},
	"form.key.cancel": {"close the form", "关闭表单"},
	"form.key.yes":    {"discard", "放弃修改"},
	"form.key.no":     {"keep editing", "继续编辑"},
	"form.discard":    {"Discard your changes? y discards, n or esc goes back to the form", "放弃已填写的内容？按 y 放弃，按 n 或 esc 返回表单"},
	"form.fix.one":    {"%d field needs fixing: see the message beside it", "有 %d 项需要修改：请看旁边的提示"},
	"form.fix":        {"%d fields need fixing: see the messages beside them", "有 %d 项需要修改：请看旁边的提示"},
	"form.any":        {"any", "不限"},
	"form.sep":        {", ", "、"},
}
