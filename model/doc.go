// Package model is the pure domain of the cockpit: members, events, lifecycle
// stages, tiers, RFM segments, KPI maths, target decomposition and the records
// (targets, campaigns, retrospectives) the operator edits.
//
// It does no I/O and knows nothing of bbolt or Bubble Tea: the store hands it
// snapshots (MemberHistory values) and it answers with numbers. Every rule of
// the domain contract in DESIGN.md lives here as a function with table tests.
package model
