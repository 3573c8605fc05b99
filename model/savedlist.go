package model

import "time"

// SavedSegment is a named list of members saved from a Members list (分群):
// the filters that made it, as they were shown, and the members it held
// when saved. A campaign can take it as its audience.
type SavedSegment struct {
	ID   string
	Name string
	// Filters are the list's filters as the screen showed them (e.g.
	// "成熟期 → 沉默期", "channel: APP"), for people; Query is the same in
	// machine form (key=value, e.g. "flow=maturity>silent"), for tools.
	Filters []string
	Query   []string
	// AsOf and Window are the as-of day and KPI window the list was taken
	// at (stages, tiers and flows depend on them).
	AsOf   Day
	Window Window
	// MemberIDs are the members of the list when saved, in list order;
	// Consenting counts those who may be contacted.
	MemberIDs  []string
	Consenting int
	Owner      string
	Created    time.Time
}
