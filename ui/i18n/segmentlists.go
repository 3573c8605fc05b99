package i18n

// segmentListStrings are the strings for saved segments used as campaign
// audiences and reopened in the Members pane.
var segmentListStrings = map[string]entry{
	"cp.aud.list":       {"segment %s", "分群 %s"},
	"cp.f.seglist":      {"Saved segment", "已存分群"},
	"cp.f.seglist.none": {"none (all members)", "不限(全部会员)"},
	"mb.seglists.title": {"Saved segments", "已存分群"},
	"mb.seglists.empty": {"No saved segments yet: press w on a list to save one.", "还没有已存分群:在列表上按 w 保存。"},
	"mb.seglists.help":  {"↑↓ choose · enter open as the list · esc back", "↑↓ 选择 · 回车 作为列表打开 · esc 返回"},
	"mb.seglists.row":   {"%s members · %s consenting · saved %s", "%s 人 · %s 人可触达 · 保存于 %s"},
	"mb.seglists.busy":  {"Loading saved segments…", "正在读取已存分群…"},
	"members.key.lists": {"saved segments", "已存分群"},
	"mb.seglists.open":  {"segment: %s", "分群:%s"},
}
