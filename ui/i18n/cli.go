package i18n

// cliStrings are the command line's messages.
var cliStrings = map[string]entry{
	"cli.usage": {`cockpit — Member Ops Cockpit

  cockpit [--db FILE]                      open the cockpit (default FILE: $COCKPIT_DB or ./cockpit.db)
  cockpit demo [--members N] [--live]      sample data into a fresh file, then the cockpit
  cockpit sample --members N --out DIR     write members.csv and events.csv
  cockpit import FILE... [--kind members|events] [--encoding auto|utf8|gb18030|utf16le]
                 [--delimiter auto|comma|tab|semicolon] [--allow-future] [--max-amount YUAN] [--insert-only]
                 [--sheet NAME]                 (CSV, JSON Lines or an Excel workbook, .xlsx)
  cockpit export members|events [--format csv|jsonl|xlsx] [--unmask] [--out FILE]
  cockpit audit [--json]                   the audit log (admin)
  cockpit kpi [--as-of DATE] [--from DATE --to DATE] [--by channel|tier|stage|new] [--json] [--format text|json|xlsx] [--out FILE]
  cockpit cohorts [--as-of DATE] [--months N] [--within N] [--json]
  cockpit backup FILE
  cockpit target add|list|show …
  cockpit serve [--listen :23234] [--authorized-keys FILE] [--host-key FILE]
                                           the one owner, for a team over SSH
  cockpit campaign add|list|show|audience|task …   campaigns (list/show: --as-of DATE, --json)
  cockpit retro new|list|export|final|draft|refresh …   retrospectives (export ID [--format md|xlsx] [--out FILE])
  cockpit segment list [--json] | delete ID|NAME [--force]   saved segments (分群)

Global flags: --db FILE, --lang zh|en, --tz ZONE.
Exit codes: 0 ok, 1 fatal error, 2 bad usage, 3 some rows rejected.
`, `cockpit —— 会员运营驾驶舱

  cockpit [--db 文件]                      打开驾驶舱（默认文件：$COCKPIT_DB 或 ./cockpit.db）
  cockpit demo [--members N] [--live]      生成示例数据到新文件并打开驾驶舱
  cockpit sample --members N --out 目录    写出 members.csv 和 events.csv
  cockpit import 文件... [--kind members|events] [--encoding auto|utf8|gb18030|utf16le]
                 [--delimiter auto|comma|tab|semicolon] [--allow-future] [--max-amount 元] [--insert-only]
                 [--sheet 工作表]               （CSV、JSON Lines 或 Excel 工作簿 .xlsx）
  cockpit export members|events [--format csv|jsonl|xlsx] [--unmask] [--out 文件]
  cockpit audit [--json]                   审计日志（管理员）
  cockpit kpi [--as-of 日期] [--from 日期 --to 日期] [--by channel|tier|stage|new] [--json] [--format text|json|xlsx] [--out 文件]
  cockpit cohorts [--as-of 日期] [--months N] [--within N] [--json]
  cockpit backup 文件
  cockpit target add|list|show …
  cockpit serve [--listen :23234] [--authorized-keys 文件] [--host-key 文件]
                                           唯一的数据库主人，供团队通过 SSH 使用
  cockpit campaign add|list|show|audience|task …   运营活动（list/show：--as-of 日期、--json）
  cockpit retro new|list|export|final|draft|refresh …   复盘（export 编号 [--format md|xlsx] [--out 文件]）
  cockpit segment list [--json] | delete 编号|名称 [--force]   已存分群

通用参数：--db 文件、--lang zh|en、--tz 时区。
退出码：0 成功，1 致命错误，2 用法错误，3 有被拒绝的行。
`},
	"cli.usage.hint":  {"run `cockpit help` for the commands\n", "运行 `cockpit help` 查看命令\n"},
	"cli.sub.want":    {"%s: want %s", "%s：缺少子命令，可用 %s"},
	"cli.sub.unknown": {"%s %s: want %s", "%s %s：没有这个子命令，可用 %s"},
	"cli.sub.sep":     {", ", "、"},
	"cli.sub.or":      {" or ", " 或 "},
	"cli.notyet":      {"not available yet in this version", "此版本尚未提供"},
	"cli.nodb":        {"no database here; run `cockpit import FILE…` or `cockpit demo`", "这里没有数据库；请先运行 `cockpit import 文件…` 或 `cockpit demo`"},
	"cli.empty":       {"the database has no events yet; import some first", "数据库中还没有事件，请先导入"},

	"import.progress": {"%s: reading, %s rows (%s rows/s), %s of the file, %s left", "%s：读取中，%s 行（每秒 %s 行），已读文件 %s，约剩 %s"},
	"import.storing":  {"%s: storing, %s of %s events and order ids, %s, %s left", "%s：写入中，%s / %s 条事件与订单号，%s，约剩 %s"},
	"import.rejects":  {"  rejected rows with line and reason: %s\n", "  被拒绝的行（含行号和原因）：%s\n"},
	"import.members":  {"members", "会员"},
	"import.events":   {"events", "事件"},

	"export.done":   {"%s %s written to %s\n", "已写出 %s 条%s到 %s\n"},
	"backup.done":   {"backup written to %s (%s bytes)\n", "备份已写入 %s（%s 字节）\n"},
	"sample.done":   {"wrote %s members and %s events to %s in %s\n", "已写出 %s 个会员和 %s 条事件到 %s，用时 %s\n"},
	"kpi.title":     {"As of %s · window %s … %s · zone %s", "截至 %s · 统计区间 %s 至 %s · 时区 %s"},
	"kpi.stages":    {"Lifecycle stages", "生命周期阶段"},
	"kpi.tiers":     {"Tiers", "会员等级"},
	"kpi.rfm":       {"RFM groups", "RFM 八大人群"},
	"kpi.kpis":      {"KPIs", "核心指标"},
	"kpi.count":     {"Members", "人数"},
	"kpi.share":     {"Share", "占比"},
	"kpi.value":     {"Value", "数值"},
	"kpi.metric":    {"Metric", "指标"},
	"target.added":  {"%s\n", "%s\n"},
	"target.none":   {"no targets yet; add one with `cockpit target add`", "还没有目标；用 `cockpit target add` 添加"},
	"demo.creating": {"creating demo data: %d members …\n", "正在生成示例数据：%d 个会员……\n"},
}

// cliTargetStrings are the `target` command's strings.
var cliTargetStrings = map[string]entry{
	"target.notfound":        {"no such target", "没有这个目标"},
	"target.head":            {"  %s … %s  value %s  method %s  as of %s\n", "  %s 至 %s  目标值 %s  拆分方式 %s  截至 %s\n"},
	"target.source":          {"  history weights from: %s\n", "  历史权重来源：%s\n"},
	"target.source.year_ago": {"the same span a year earlier", "去年同期"},
	"target.source.recent":   {"the most recent span of the same length", "最近同长度区间"},
	"target.source.even":     {"no history: even", "无历史数据：平均拆分"},
	"target.col.period":      {"Period", "周期"},
	"target.col.target":      {"Target", "目标"},
	"target.col.actual":      {"Actual", "实际"},
	"target.col.expected":    {"Expected", "应达成"},
	"target.col.gap":         {"Gap", "差距"},
	"target.col.status":      {"Pace", "进度"},
	"target.forecast":        {"  forecast %s · run-rate needed %s a day\n", "  预计完成 %s · 剩余每日需达成 %s\n"},
	"pace.not_started":       {"not started", "未开始"},
	"pace.behind":            {"behind", "落后"},
	"pace.on_track":          {"on track", "正常"},
	"pace.ahead":             {"ahead", "领先"},
}
