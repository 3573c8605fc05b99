package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/memberops/cockpit/store"
)

// cmdAudit lists the audit log: `cockpit audit [--json]`. Reading it needs
// the admin role (the local user is admin); the database is opened read-only,
// so it runs beside a cockpit that owns the file only when none does.
func cmdAudit(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asJSON := fs.Bool("json", false, "print the entries as a JSON array")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("audit: unexpected argument %q", pos[0])
	}
	st, done, err := e.openStore(true)
	if err != nil {
		return err
	}
	defer done()
	log, err := st.AuditLog(e.actor())
	if err != nil {
		return err
	}
	if *asJSON {
		if log == nil {
			log = []store.AuditEntry{}
		}
		b, err := json.Marshal(log)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	}
	if len(log) == 0 {
		fmt.Fprint(e.stdout, e.cat.T("audit.none"))
		return nil
	}
	head := []string{e.cat.T("audit.at"), e.cat.T("audit.who"), e.cat.T("audit.role"), e.cat.T("audit.from"),
		e.cat.T("audit.action"), e.cat.T("audit.object"), e.cat.T("audit.detail")}
	table := [][]string{head}
	for _, a := range log {
		from := a.Host
		if a.UID != "" {
			from = "uid " + a.UID + "@" + a.Host
		}
		if a.KeyFingerprint != "" {
			from += " " + a.KeyFingerprint
			if a.KeyComment != "" {
				from += " (" + a.KeyComment + ")"
			}
		}
		table = append(table, []string{a.At.In(st.Location()).Format("2006-01-02 15:04:05"), a.Who, a.Role, from,
			a.Action, a.Object, a.Detail})
	}
	writeColumns(e, table)
	return nil
}

// writeColumns prints rows as columns aligned by display width (Chinese is
// two columns wide); the last column is not padded.
func writeColumns(e *env, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], runewidth.StringWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(c)+2))
			}
		}
		fmt.Fprintln(e.stdout, strings.TrimRight(b.String(), " "))
	}
}
