package i18n

// segmentListStrings are the strings for saved segments used as campaign
// audiences and reopened in the Members pane.
var segmentListStrings = map[string]entry{
	"cp.aud.list":       {"segment %s", "分群 %s"},
	"cp.f.seglist":      {"Saved segment", "已存分群"},
	"cp.f.seglist.none": {"none (all members)", "不限(全部会员)"},
	"mb.seglists.title": {"Saved segments", "已存分群"},
	"mb.seglists.empty": {"No saved segments yet: press w on a list to save one.", "还没有已存分群:在列表上按 w 保存。"},
	"mb.seglists.help":  {"↑↓ choose · enter open as the list · d delete · esc back", "↑↓ 选择 · 回车 作为列表打开 · d 删除 · esc 返回"},
	"mb.seglists.row":   {"%s members · %s consenting · saved %s", "%s 人 · %s 人可触达 · 保存于 %s"},
	"mb.seglists.busy":  {"Loading saved segments…", "正在读取已存分群…"},
	"members.key.lists": {"saved segments", "已存分群"},
	"mb.seglists.open":  {"segment: %s", "分群:%s"},

	"seg.cli.none":        {"No saved segments: save one from a list in the Members pane (w).", "还没有已存分群:在会员页的列表上按 w 保存。"},
	"seg.cli.deleted":     {"deleted segment %s (%s)", "已删除分群 %s(%s)"},
	"seg.cli.inuse":       {"segment %s (%s) is the audience of %s: change their audience first, or delete with --force (they then reach nobody)", "分群 %s(%s)是 %s 的受众:请先修改它们的受众,或加 --force 删除(删除后它们不再触达任何人)"},
	"seg.cli.forced":      {"warning: the audience of %s now matches nobody", "注意:%s 的受众从此不匹配任何会员"},
	"seg.col.id":          {"ID", "编号"},
	"seg.col.name":        {"Name", "名称"},
	"seg.col.members":     {"Members", "人数"},
	"seg.col.consenting":  {"Consenting", "可触达"},
	"seg.col.saved":       {"Saved", "保存日期"},
	"seg.col.campaigns":   {"Campaigns", "活动"},
	"seg.col.filters":     {"Filters", "筛选条件"},
	"mb.seglists.confirm": {"press d again to delete %s", "再按 d 删除 %s"},
	"mb.seglists.deleted": {"deleted %s", "已删除 %s"},
	"mb.seglists.inuse":   {"%s is the audience of %s: not deleted (change their audience first)", "%s 是 %s 的受众:未删除(请先修改活动受众)"},
	"mb.seglists.delfail": {"not deleted: %v", "未删除:%v"},
}
