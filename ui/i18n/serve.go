package i18n

// serveStrings are the messages of `cockpit serve`, of the owner of a
// database answering other cockpit processes, and of a viewer's refused keys.
var serveStrings = map[string]entry{
	"owner.busy": {"%s is in use by %q (pid %d on %s since %s); %s",
		"%s 正被 %q 使用（进程 %d，主机 %s，自 %s 起）；%s"},
	"owner.connect": {"connect with: %s", "请这样连接：%s"},
	"owner.close":   {"close that cockpit first (only one process may own the file)", "请先关闭那个驾驶舱（同一时间只有一个进程能打开该文件）"},
	"owner.unknown": {"%s is in use by another cockpit process (the lock was not released within a second)",
		"%s 正被另一个 cockpit 进程使用（一秒内未释放文件锁）"},
	"owner.gone": {"the cockpit that owns %s closed the connection: %v", "打开 %s 的驾驶舱断开了连接：%v"},

	"serve.nofiles": {"%s: over SSH a command reads standard input and writes standard output: give - instead of a file name",
		"%s：通过 SSH 运行的命令只能读标准输入、写标准输出，请用 - 代替文件名"},
	"serve.nocommand": {"%q cannot run through the cockpit server; commands: kpi, import, export, backup, target, audit, campaign, retro, help",
		"%q 不能通过驾驶舱服务器运行；可用命令：kpi、import、export、backup、target、audit、campaign、retro、help"},
	"serve.started": {"cockpit serve: %s (%s members, %s events)\nhost key %s\n  %s\nauthorized keys: %s (%d keys)\nconnect with:\n  %s\n",
		"cockpit serve：%s（会员 %s，事件 %s）\n主机密钥 %s\n  %s\n授权密钥文件：%s（%d 个密钥）\n连接方式：\n  %s\n"},
	"serve.nokeys": {"authorized keys file %s: %v; create it with one OpenSSH public key a line, optionally led by role=viewer|editor|admin",
		"授权密钥文件 %s：%v；请创建它，每行一个 OpenSSH 公钥，可在行首加 role=viewer|editor|admin"},
	"serve.stopping": {"cockpit serve: shutting down, ending %d sessions\n", "cockpit serve：正在关闭，结束 %d 个会话\n"},
	"serve.stopped":  {"cockpit serve: stopped, database closed\n", "cockpit serve：已停止，数据库已关闭\n"},
	"serve.full":     {"the cockpit is already serving its maximum of %d sessions; try again later", "驾驶舱已达到最多 %d 个会话，请稍后再试"},
	"serve.idle":     {"session closed after %s without input", "%s 无输入，会话已关闭"},
	"serve.closing":  {"the cockpit server is shutting down; your session ends now", "驾驶舱服务器正在关闭，你的会话现在结束"},
	"serve.overflow": {"session closed: your connection could not keep up (more than %d KiB of output waiting)",
		"会话已关闭：你的连接跟不上输出（超过 %d KiB 的输出在排队）"},
	"serve.noterm": {"no terminal: use `ssh -t` to open the cockpit, or give a command such as `kpi --json`",
		"没有终端：请用 `ssh -t` 打开驾驶舱，或者给出命令，例如 `kpi --json`"},
	"serve.denied": {"access denied: this key is no longer authorised", "拒绝访问：该密钥已不再被授权"},

	"cli.forbidden": {"not allowed: %s is a %s here; the attempt is recorded in the audit log",
		"无权限：%s 在这里的角色是 %s；这次尝试已记入审计日志"},

	"tg.key.viewonly": {"%s (viewer: unavailable)", "%s（查看者：不可用）"},
}
