package targets

// loadGate keeps at most one load of a view in flight: a request made while
// one runs is remembered (once) and started when it ends, so the last request
// always wins and loads never pile up. quick requests (only the day rollups
// changed) stay quick only if every coalesced request was quick.
type loadGate struct {
	seq          uint64 // newest request
	inFlight     bool
	pending      bool // a reload was asked for while one ran
	pendingQuick bool
}

// ask reports whether a load may start now; otherwise it is remembered.
func (g *loadGate) ask(quick bool) bool {
	if g.inFlight {
		if g.pending {
			g.pendingQuick = g.pendingQuick && quick
		} else {
			g.pending, g.pendingQuick = true, quick
		}
		return false
	}
	g.inFlight = true
	return true
}

// done ends the running load and reports whether a remembered request must
// start now, and whether it is quick.
func (g *loadGate) done() (again, quick bool) {
	g.inFlight = false
	if !g.pending {
		return false, false
	}
	g.pending = false
	return true, g.pendingQuick
}
