package i18n

// segmentListStrings are the strings for saved segments used as campaign
// audiences and reopened in the Members pane.
var segmentListStrings = map[string]entry{
	"cp.aud.list":       {"segment %s", "分群 %s"},
	"cp.f.seglist":      {"Saved segment", "已存分群"},
	"cp.f.seglist.none": {"none (all members)", "不限(全部会员)"},
	"mb.seglists.title": {"Saved segments", "已存分群"},
	"mb.seglists.empty": {"No saved segments yet: press w on a list to save one.", "还没有已存分群:在列表上按 w 保存。"},
	"mb.seglists.help":  {"enter open · d delete · esc back", "回车 打开 · d 删除 · esc 返回"},
	"mb.seglists.open":  {"segment: %s", "分群:%s"},
}
