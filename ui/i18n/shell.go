package i18n

// shellStrings are the shell's strings: tabs, status bar, help overlay, the
// placeholder panes and the messages of `cockpit` and `cockpit demo`.
var shellStrings = map[string]entry{
	"app.title": {"Member Ops Cockpit", "会员运营驾驶舱"},

	"tab.overview":  {"Overview", "总览"},
	"tab.lifecycle": {"Lifecycle", "生命周期"},
	"tab.members":   {"Members", "会员"},
	"tab.targets":   {"Targets", "目标"},
	"tab.campaigns": {"Campaigns", "活动"},
	"tab.retros":    {"Retros", "复盘"},

	"shell.toosmall":   {"Terminal too small: need %d×%d, have %d×%d. Enlarge the window.", "终端窗口太小：至少需要 %d×%d，当前 %d×%d。请放大窗口。"},
	"shell.emptytui":   {"No members yet. Import data with `cockpit import FILE…`, or try `cockpit demo`.", "还没有会员。请用 `cockpit import 文件…` 导入数据，或运行 `cockpit demo` 体验演示。"},
	"shell.loadfailed": {"Could not load the data", "无法加载数据"},

	"status.asof":    {"as of %s", "截至 %s"},
	"status.pinned":  {" (pinned)", "（已固定）"},
	"status.window":  {"%d-day window", "近%d天"},
	"status.members": {"%s members", "会员 %s"},
	"status.live":    {"LIVE %s/min", "实时 %s/分"},
	"status.idle":    {"idle", "空闲"},
	"status.loading": {"loading…", "加载中…"},
	"status.error":   {"error: %s", "错误：%s"},
	"status.help":    {"help", "帮助"},

	"help.pane":   {"Keys of %s", "%s 按键"},
	"help.global": {"Everywhere", "全局按键"},
	"help.close":  {"? or esc closes this help", "按 ? 或 esc 关闭帮助"},

	"key.tabs":      {"switch pane", "切换页面"},
	"key.next":      {"next pane", "下一个页面"},
	"key.prev":      {"previous pane", "上一个页面"},
	"key.help":      {"show/hide all keys", "显示/隐藏按键帮助"},
	"key.close":     {"close help", "关闭帮助"},
	"key.quit":      {"quit", "退出"},
	"key.forcequit": {"quit (also while typing)", "退出（输入时也可用）"},

	"ph.soon":    {"%s — coming soon", "%s —— 即将推出"},
	"ph.loading": {"loading…", "加载中…"},
	"ph.more":    {"… and %d more", "……另有 %d 项"},

	"ph.lifecycle.coming":    {"Stage counts and shares, the flow between stages, tiers, the RFM grid and the focus of each stage, with drill-down to members.", "各生命周期阶段的人数与占比、阶段流转、会员等级、RFM 八大人群，以及每个阶段的运营重点，可下钻到会员。"},
	"ph.lifecycle.meanwhile": {"Meanwhile: `cockpit kpi` prints stages, tiers and RFM groups.", "在此之前：`cockpit kpi` 可输出阶段、等级和 RFM 人群。"},
	"ph.lifecycle.summary":   {"Stages as of %s:", "截至 %s 的阶段分布："},
	"ph.members.coming":      {"Search, filter and sort every member; open one for the profile, stage rule, tier, points, RFM and event timeline.", "搜索、筛选、排序全部会员；打开会员查看档案、阶段判定规则、等级、积分、RFM 和事件时间线。"},
	"ph.members.meanwhile":   {"Meanwhile: `cockpit export members` writes them all (phones masked).", "在此之前：`cockpit export members` 可导出全部会员（手机号已脱敏）。"},
	"ph.members.summary":     {"%s members, %s events stored.", "已存储 %s 个会员、%s 条事件。"},

	"ph.targets.coming":    {"A decomposition tree year → month → week → day with target, actual and pace for each period; create and edit targets here.", "目标拆分树：年 → 月 → 周 → 日，每个周期显示目标、实际与进度；在这里新建和编辑目标。"},
	"ph.targets.meanwhile": {"Meanwhile: `cockpit target add|list|show` on the command line.", "在此之前：可在命令行使用 `cockpit target add|list|show`。"},
	"ph.targets.summary":   {"%d targets stored, %d running on %s:", "已有 %d 个目标，其中 %d 个在 %s 进行中："},

	"ph.campaigns.coming":    {"Campaigns with status and countdown; audience size, tasks, budget, results and frequency-cap conflicts for each.", "活动列表（状态与倒计时）；每个活动的受众规模、任务分工、预算、效果和频次冲突。"},
	"ph.campaigns.meanwhile": {"These figures are read from the stored campaigns.", "以上数据来自已存储的活动。"},
	"ph.campaigns.summary":   {"%d campaigns stored; status on %s:", "已有 %d 个活动，截至 %s 的状态："},

	"ph.retros.coming":    {"Retrospectives from templates (campaign, monthly, target): target vs actual and per-section figures filled from data, your notes, Markdown preview and export.", "复盘模板（活动、月度、目标）：自动填入目标对比与各版块数据，编写经验教训，预览并导出 Markdown。"},
	"ph.retros.meanwhile": {"This list is read from the stored retrospectives.", "以上列表来自已存储的复盘。"},
	"ph.retros.summary":   {"%d retrospectives stored, latest first:", "已有 %d 份复盘（最新在前）："},

	"ph.status.live":      {"live", "进行中"},
	"ph.status.warmup":    {"warm-up", "预热中"},
	"ph.status.draft":     {"planned", "筹备中"},
	"ph.status.ended":     {"ended", "已结束"},
	"ph.status.reviewed":  {"reviewed", "已复盘"},
	"ph.status.cancelled": {"cancelled", "已取消"},

	"ph.retro.campaign": {"campaign", "活动复盘"},
	"ph.retro.monthly":  {"monthly", "月度复盘"},
	"ph.retro.target":   {"target", "目标复盘"},

	"shell.empty": {`The database %s holds no members yet.

  Import your data:   cockpit import members.csv events.csv --db %s
  Or try the demo:    cockpit demo
`, `数据库 %s 里还没有会员。

  导入数据：    cockpit import members.csv events.csv --db %s
  或体验演示：  cockpit demo
`},
	"demo.progress":  {"\rloading the demo: %s members, %s events", "\r正在载入示例数据：%s 个会员，%s 条事件"},
	"demo.done":      {"\rdemo ready: %s members, %s events in %s; database %s\n", "\r示例数据就绪：%s 个会员，%s 条事件，用时 %s；数据库 %s\n"},
	"demo.existing":  {"%s already holds %s members: opening it as it is\n", "%s 中已有 %s 个会员，直接打开\n"},
	"demo.live":      {"live: simulated events every 250 ms through the import path\n", "实时模式：每 250 毫秒通过导入通道写入模拟事件\n"},
	"demo.liveerror": {"live feed stopped: %v\n", "实时数据已停止：%v\n"},
}
