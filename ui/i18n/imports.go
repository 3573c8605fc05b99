package i18n

// importStrings are the strings of `import`, `export`, `audit` and of opening
// a database (issue 11).
var importStrings = map[string]entry{
	"import.result": {"%s: %s (%s, %s), %s rows read: %s stored, %s updated, %s duplicates, %s rejected in %s (%s rows/s)\n",
		"%s：%s（%s，%s），读取 %s 行：写入 %s，更新 %s，重复 %s，拒绝 %s，用时 %s（%s 行/秒）\n"},
	"import.delim.comma":     {"comma-separated", "逗号分隔"},
	"import.delim.tab":       {"tab-separated", "制表符分隔"},
	"import.delim.semicolon": {"semicolon-separated", "分号分隔"},
	"import.delim.pipe":      {"pipe-separated", "竖线分隔"},
	"import.delim.jsonl":     {"JSON Lines", "JSON Lines"},
	"import.refused": {"the file was refused before anything was stored; fix it and import again (see the README, section File formats: column names 列名, encoding 编码, --encoding, --delimiter, or save as CSV UTF-8)",
		"文件在写入任何数据之前被拒绝；请修正后重新导入（见 README 的 File formats 一节：列名、编码、--encoding、--delimiter，或另存为 CSV UTF-8）"},

	"audit.none":   {"the audit log is empty\n", "审计日志为空\n"},
	"audit.at":     {"Time", "时间"},
	"audit.who":    {"Who", "操作人"},
	"audit.role":   {"Role", "角色"},
	"audit.from":   {"From", "来源"},
	"audit.action": {"Action", "操作"},
	"audit.object": {"Object", "对象"},
	"audit.detail": {"Detail", "详情"},

	"db.readonly.tag":  {" (read-only)", "（只读）"},
	"db.readonly.note": {"%s can be read but not written (%v): opened read-only; nothing can be changed in this session\n", "%s 可读但不可写（%v）：已以只读方式打开，本次会话中无法修改数据\n"},
	"db.empty":         {"%s is an empty file (0 bytes), not a cockpit database: delete it, or give another --db", "%s 是空文件（0 字节），不是驾驶舱数据库：请删除它，或用 --db 指定其他文件"},
	"db.nodir":         {"the directory of %s does not exist: create it or give another --db", "%s 所在的目录不存在：请先创建该目录，或用 --db 指定其他文件"},
}
