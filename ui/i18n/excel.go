package i18n

// excelStrings are the Excel workbooks' sheet names, column titles and the
// import's sheet line. Metric, stage, tier, segment and pace names come from
// domain.go and cli.go.
var excelStrings = map[string]entry{
	"xlsx.sheet.members":      {"Members", "会员"},
	"xlsx.sheet.events":       {"Events", "事件"},
	"xlsx.sheet.kpis":         {"KPIs", "核心指标"},
	"xlsx.sheet.stages":       {"Stages", "生命周期阶段"},
	"xlsx.sheet.tiers":        {"Tiers", "会员等级"},
	"xlsx.sheet.rfm":          {"RFM", "RFM八大人群"},
	"xlsx.sheet.months":       {"Months", "按月"},
	"xlsx.sheet.weeks":        {"Weeks", "按周"},
	"xlsx.sheet.days":         {"Days", "按日"},
	"xlsx.sheet.audience":     {"Audience", "目标人群"},
	"xlsx.audience.member_id": {"Member ID", "会员ID"},
	"xlsx.audience.name":      {"Name", "姓名"},
	"xlsx.audience.phone":     {"Phone", "手机号"},
	"xlsx.audience.stage":     {"Stage", "阶段"},
	"xlsx.audience.tier":      {"Tier", "等级"},
	"xlsx.audience.segment":   {"RFM group", "RFM人群"},
	"xlsx.audience.tags":      {"Tags", "标签"},
	"xlsx.col.key":            {"Key", "字段"},
	"xlsx.col.stage":          {"Stage", "阶段"},
	"xlsx.col.tier":           {"Tier", "等级"},
	"xlsx.col.segment":        {"Group", "人群"},
	"xlsx.asof":               {"As of", "截至"},
	"xlsx.from":               {"From", "开始日期"},
	"xlsx.to":                 {"To", "结束日期"},
	"xlsx.zone":               {"Time zone", "时区"},
	"xlsx.needout":            {"--format xlsx writes a workbook: give --out FILE.xlsx (or redirect the output to a file)", "--format xlsx 写出的是工作簿：请用 --out 文件.xlsx（或把输出重定向到文件）"},
	"xlsx.written":            {"workbook written to %s (%d sheets)\n", "工作簿已写出到 %s（%d 个工作表）\n"},
	"import.sheet":            {"sheet %q of %d", "工作表 %q，共 %d 个"},
}
