package common

import (
	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store"
)

// ProfilesKey names the members' profile index in the Hub (tens of MB at a
// million members): it depends on the members stored, not on the events,
// so a live feed of events does not rebuild it. The Members pane and the
// Campaigns pane share it under this one key.
type ProfilesKey struct{ Members int64 }

// BirthdaysKey names the members' birthdays (campaign audiences filter on
// them) in the Hub, reloaded like the profiles when the member count
// changes.
type BirthdaysKey struct{ Members int64 }

// AudienceKey names the campaigns' audience index of one Dataset in the
// Hub: its analysis (data version, window) joined with the profiles of
// Members members. It is a VersionedKey: the index of a newer analysis of
// the same window drops the older at once (each holds ≈ 50 bytes a
// member, and every session used to build its own).
type AudienceKey struct {
	// Analysis is the analysis indexed: sessions on one shared Dataset
	// hold the same pointer, and a Dataset loaded without the Hub's
	// version (0) cannot be mistaken for another.
	Analysis *store.Analysis
	Version  uint64
	Window   model.Window
	Latest   bool
	Members  int64
}

// HubSlot is the window the index is for, whatever the version.
func (k AudienceKey) HubSlot() any {
	return struct {
		w      model.Window
		latest bool
	}{k.Window, k.Latest}
}

// HubVersion is the data version of the analysis indexed.
func (k AudienceKey) HubVersion() uint64 { return k.Version }

// InsightKey names the insight (cohorts, points, tier lists) of one as-of
// day and data version in the Hub: about a second of CPU at a million
// members, which every session's Lifecycle pane used to spend on its own
// after each change. A VersionedKey: a newer version drops the older.
type InsightKey struct {
	AsOf    model.Day
	Version uint64
}

// HubSlot is the as-of day, whatever the version.
func (k InsightKey) HubSlot() any { return k.AsOf }

// HubVersion is the data version the insight was computed from.
func (k InsightKey) HubVersion() uint64 { return k.Version }
