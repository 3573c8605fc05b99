// Package sample generates deterministic demo data for a fictional brand
// (「栖木生活」, a lifestyle and home-goods label selling online and in stores):
// members, twelve months of member events, targets, campaigns, an operating
// plan and filled retrospectives.
//
// Everything is a pure function of a Config: the same Seed, End, Members and
// zone give the same members, events and records, byte for byte, on any
// machine and with any number of cores. The generator scales to a million members and ten
// million events without holding the events in memory: every member carries a
// small state and draws its events month by month from its own random stream,
// so one month of events is in memory at a time.
//
// The data is shaped for the cockpit's charts: registrations grow through the
// year, the Spring Festival dips, 618 and Double 11 peak (strongest on the 18th
// and the 11th), 12.12 bumps, weekends run a little higher; spend is Pareto
// (most buyers spend little, a handful of whales a lot), and at End every
// lifecycle stage and every tier up to diamond is well represented.
package sample
