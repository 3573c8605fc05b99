package i18n

// retrosStrings are the retrospectives' strings: the labels filled into a
// retro's figures (in the retro's own language), the command line's and the
// Retros pane's.
var retrosStrings = map[string]entry{
	// figures
	"retro.flow.new":                 {"New", "新增"},
	"retro.channel.none":             {"(none)", "（无渠道）"},
	"retro.chart.gmv":                {"Daily GMV (yuan), %s to %s", "每日 GMV（元），%s 至 %s"},
	"retro.chart.new_members":        {"Daily new members, %s to %s", "每日新增会员，%s 至 %s"},
	"retro.chart.orders":             {"Daily orders, %s to %s", "每日订单数，%s 至 %s"},
	"retro.chart.campaign_gmv":       {"Attributed GMV per day (yuan), %s to %s", "每日活动归因 GMV（元），%s 至 %s"},
	"retro.chart.campaign_converted": {"Members converted per day, %s to %s", "每日新转化会员，%s 至 %s"},
	"retro.title.campaign":           {"Campaign retro: %s", "%s 活动复盘"},
	"retro.title.monthly":            {"Monthly retro %s", "%s 月度运营复盘"},
	"retro.title.target":             {"Target retro: %s", "%s 目标复盘"},
	"retro.kind.campaign":            {"campaign", "活动"},
	"retro.kind.monthly":             {"monthly", "月度"},
	"retro.kind.target":              {"target", "目标"},
	"retro.status.draft":             {"draft", "草稿"},
	"retro.status.final":             {"final", "定稿"},

	// command line
	"retro.cli.notfound": {"no such retro, campaign or target", "找不到该复盘、活动或目标"},
	"retro.cli.none":     {"no retrospectives yet; `cockpit retro new --month YYYY-MM` makes one", "还没有复盘；可用 `cockpit retro new --month YYYY-MM` 新建"},
	"retro.cli.written":  {"retro %s written to %s\n", "复盘 %s 已写入 %s\n"},

	// the pane: list
	"rt.summary":        {"%d retrospectives", "共 %d 篇复盘"},
	"rt.templates":      {"templates: built-in + %d custom in %s", "模板：内置 + 自定义 %d 个，在 %s"},
	"rt.templates.none": {"templates: built-in; put your own (*.md.tmpl) in %s", "模板：内置；自定义模板（*.md.tmpl）放在 %s"},
	"rt.templates.dir":  {"%s/ beside %s", "%s/（与 %s 同目录）"},
	"rt.template.err":   {"template not loaded: %s", "模板未加载：%s"},
	"rt.empty":          {"No retrospectives yet. Press n to start one from a template.", "还没有复盘。按 n 从模板新建。"},
	"rt.loading":        {"loading...", "加载中..."},
	"rt.col.id":         {"ID", "编号"},
	"rt.col.kind":       {"Kind", "类型"},
	"rt.col.covers":     {"Covers", "复盘对象"},
	"rt.col.window":     {"Period", "期间"},
	"rt.col.status":     {"Status", "状态"},
	"rt.col.updated":    {"Last edit", "最后编辑"},
	"rt.col.editor":     {"Editor", "编辑人"},
	"rt.col.title":      {"Title", "标题"},
	"rt.hint.list":      {"n new · enter preview · e edit · f final/draft · r refresh figures · x export", "n 新建 · enter 预览 · e 编辑 · f 定稿/草稿 · r 刷新数据 · x 导出"},

	// new
	"rt.new.title":     {"New retrospective: choose what it covers", "新建复盘：选择复盘对象"},
	"rt.new.suggested": {"suggested", "建议"},
	"rt.new.ended":     {"ended %s, no retro yet", "已于 %s 结束，尚无复盘"},
	"rt.new.closed":    {"month closed, no retro yet", "月份已结束，尚无复盘"},
	"rt.new.none":      {"Nothing to cover: no campaign, target or closed month.", "没有可复盘的对象：无活动、目标或已结束的月份。"},
	"rt.new.hint":      {"enter create · ↑/↓ move · esc back", "enter 创建 · ↑/↓ 移动 · esc 返回"},
	"rt.new.creating":  {"filling the figures...", "正在填入数据..."},
	"rt.tmpl.title":    {"Template for %s", "为 %s 选择模板"},
	"rt.tmpl.builtin":  {"built-in (%s)", "内置模板（%s）"},
	"rt.tmpl.hint":     {"enter use · ↑/↓ move · esc back", "enter 使用 · ↑/↓ 移动 · esc 返回"},

	// editor
	"rt.sec.background": {"Background", "背景说明"},
	"rt.sec.analysis":   {"Analysis notes", "数据分析备注"},
	"rt.sec.lessons":    {"Lessons", "经验教训"},
	"rt.sec.playbook":   {"Reusable playbook", "可复用经验"},
	"rt.ph.background":  {"Why this campaign, month or target; what was planned.", "为什么做、计划是什么。"},
	"rt.ph.analysis":    {"What the figures say, section by section.", "逐版块解读数据。"},
	"rt.ph.lessons":     {"What went wrong or right, and why.", "做得好与不好的地方及原因。"},
	"rt.ph.playbook":    {"What the next campaign should repeat.", "下次可以直接复用的做法。"},
	"rt.saved":          {"saved", "已保存"},
	"rt.unsaved":        {"● unsaved", "● 未保存"},
	"rt.saveerr":        {"not saved: %s", "保存失败：%s"},
	"rt.hint.editor":    {"tab/shift+tab section · ctrl+s save · esc preview (saved as you type)", "tab/shift+tab 切换版块 · ctrl+s 保存 · esc 预览（输入即保存）"},
	"rt.readonly":       {"not allowed: your role (%s) can only view", "无权限：当前角色（%s）只能查看"},

	// preview
	"rt.hint.preview":    {"↑/↓ scroll · ←/→ wide tables · e edit · f final/draft · r refresh · x export · esc back", "↑/↓ 滚动 · ←/→ 宽表格 · e 编辑 · f 定稿/草稿 · r 刷新 · x 导出 · esc 返回"},
	"rt.rendering":       {"rendering...", "正在渲染..."},
	"rt.exported":        {"exported to %s", "已导出到 %s"},
	"rt.marked.final":    {"%s marked final", "%s 已定稿"},
	"rt.marked.reviewed": {"%s marked final; campaign %s marked reviewed", "%s 已定稿；活动 %s 已标记为已复盘"},
	"rt.marked.draft":    {"%s back to draft", "%s 已改回草稿"},
	"rt.refreshed":       {"%s: figures refreshed to %s", "%s：数据已刷新至 %s"},
	"rt.created":         {"%s created", "已创建 %s"},

	// keys (help)
	"rt.key.up":      {"up", "上移"},
	"rt.key.down":    {"down", "下移"},
	"rt.key.new":     {"new retro", "新建复盘"},
	"rt.key.open":    {"preview", "预览"},
	"rt.key.edit":    {"edit", "编辑"},
	"rt.key.final":   {"final / draft", "定稿 / 草稿"},
	"rt.key.refresh": {"refresh figures", "刷新数据"},
	"rt.key.export":  {"export Markdown", "导出 Markdown"},
	"rt.key.back":    {"back", "返回"},
	"rt.key.next":    {"next section", "下一版块"},
	"rt.key.prev":    {"previous section", "上一版块"},
	"rt.key.save":    {"save now", "立即保存"},
	"rt.key.choose":  {"choose", "选择"},
	"rt.key.scroll":  {"scroll sideways", "左右滚动"},
}
