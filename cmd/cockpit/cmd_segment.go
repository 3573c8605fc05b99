package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
	"github.com/memberops/cockpit/ui/format"
)

// cmdSegment is `cockpit segment list|delete`: the saved segments (分群)
// that the Members pane saves and campaigns take as their audience.
func cmdSegment(e *env, args []string, lang, tz string) error {
	return runVerb(e, "segment", args, lang, tz, []subcommand{
		{"list", segmentList}, {"delete", segmentDelete},
	})
}

// segmentJSON is one saved segment as `segment list --json` prints it: its
// members as a count (the ids stay in the file), and the campaigns whose
// audience it is.
type segmentJSON struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Filters    []string `json:"filters"`
	Query      []string `json:"query"`
	AsOf       string   `json:"as_of,omitempty"`
	From       string   `json:"from,omitempty"`
	To         string   `json:"to,omitempty"`
	Members    int      `json:"members"`
	Consenting int      `json:"consenting"`
	Owner      string   `json:"owner"`
	Created    string   `json:"created"`
	Campaigns  []string `json:"campaigns"`
}

// segmentList is `cockpit segment list [--json]`: the saved segments,
// newest first.
func segmentList(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("segment list", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	asJSON := fs.Bool("json", false, "print a JSON array, one object per segment")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("segment list: unexpected argument %q", pos[0])
	}
	st, done, err := e.openStore(true)
	if err != nil {
		return err
	}
	defer done()
	segs, err := st.Segments()
	if err != nil {
		return err
	}
	camps, err := st.Campaigns()
	if err != nil {
		return err
	}
	users := map[string][]string{}
	for _, c := range camps {
		if c.Audience.Segment != "" {
			users[c.Audience.Segment] = append(users[c.Audience.Segment], c.ID)
		}
	}
	objs := []segmentJSON{}
	for _, s := range segs {
		o := segmentJSON{ID: s.ID, Name: s.Name, Filters: s.Filters, Query: s.Query, Members: len(s.MemberIDs),
			Consenting: s.Consenting, Owner: s.Owner, Created: s.Created.In(st.Location()).Format("2006-01-02T15:04:05Z07:00"),
			Campaigns: users[s.ID]}
		if s.AsOf != 0 {
			o.AsOf = s.AsOf.String()
		}
		if s.Window != (model.Window{}) {
			o.From, o.To = s.Window.From.String(), s.Window.To.String()
		}
		if o.Filters == nil {
			o.Filters = []string{}
		}
		if o.Query == nil {
			o.Query = []string{}
		}
		if o.Campaigns == nil {
			o.Campaigns = []string{}
		}
		objs = append(objs, o)
	}
	if *asJSON {
		b, err := json.Marshal(objs)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s\n", b)
		return nil
	}
	if len(objs) == 0 {
		fmt.Fprintln(e.stdout, e.cat.T("seg.cli.none"))
		return nil
	}
	w, t := e.stdout, e.cat.T
	fmt.Fprintf(w, "%s %s %s %s %s %s %s\n", pad(t("seg.col.id"), 8), pad(t("seg.col.name"), 20),
		padLeft(t("seg.col.members"), 10), padLeft(t("seg.col.consenting"), 10), pad(t("seg.col.saved"), 10),
		pad(t("seg.col.campaigns"), 12), t("seg.col.filters"))
	for _, o := range objs {
		camp := strings.Join(o.Campaigns, ",")
		if camp == "" {
			camp = "—"
		}
		fmt.Fprintf(w, "%s %s %s %s %s %s %s\n", pad(o.ID, 8), pad(o.Name, 20), padLeft(format.Count(int64(o.Members)), 10),
			padLeft(format.Count(int64(o.Consenting)), 10), pad(o.Created[:10], 10), pad(camp, 12), strings.Join(o.Filters, "  "))
	}
	return nil
}

// segmentDelete is `cockpit segment delete ID|NAME [--force]`: it refuses a
// segment that a campaign's audience names (that audience would then match
// nobody), naming the campaigns, unless --force, which deletes it all the
// same with a warning.
func segmentDelete(e *env, args []string, lang, tz string) error {
	fs := flag.NewFlagSet("segment delete", flag.ContinueOnError)
	globalFlags(fs, e, &lang, &tz)
	force := fs.Bool("force", false, "delete even when a campaign's audience is the segment (it then reaches nobody)")
	pos, err := parse(e, fs, args, &lang, &tz)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("segment delete: want one segment id or name")
	}
	st, done, err := e.openStore(false)
	if err != nil {
		return err
	}
	defer done()
	seg, err := st.FindSegment(pos[0])
	if err != nil {
		return err
	}
	a := e.actor()
	err = st.DeleteUnusedSegment(a, seg.ID)
	var inUse *store.SegmentInUseError
	if errors.As(err, &inUse) {
		ids := make([]string, len(inUse.Campaigns))
		for i, c := range inUse.Campaigns {
			ids[i] = c.ID + " " + c.Name
		}
		if !*force {
			return fmt.Errorf("%s", e.cat.T("seg.cli.inuse", seg.Name, seg.ID, strings.Join(ids, ", ")))
		}
		fmt.Fprintln(e.stderr, e.cat.T("seg.cli.forced", strings.Join(ids, ", ")))
		err = st.DeleteSegment(a, seg.ID)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.cat.T("seg.cli.deleted", seg.Name, seg.ID))
	return nil
}
