package overview_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/ui/format"
	"github.com/memberops/cockpit/ui/i18n"
	"github.com/memberops/cockpit/ui/overview"
)

// pressB sends b and feeds the breakdown's result back.
func pressB(t *testing.T, o *overview.Overview) {
	t.Helper()
	_, cmd := o.Update(key("b"))
	if cmd == nil {
		t.Fatal("b gave no command")
	}
	o.Update(cmd())
}

// TestBreakdownOfSelectedKPI: b splits the selected KPI (GMV here) by
// channel, then tier, stage and new/returning; the parts' values add up to
// the card's whole, which is the snapshot's; esc closes.
func TestBreakdownOfSelectedKPI(t *testing.T) {
	o, d := fixture(t, i18n.En, 100, 28)
	for o.Selected() != "gmv" {
		o.Update(key("right"))
	}
	gmv := d.Analysis.Snapshot.KPIs.GMVFen
	for i, dim := range []model.Dimension{model.ByChannel, model.ByTier, model.ByStage, model.ByNew} {
		pressB(t, o)
		if got, ok := o.BreakdownOpen(); !ok || got != dim {
			t.Fatalf("step %d: breakdown %v %v", i, got, ok)
		}
		v := o.View()
		checkFits(t, dim.String(), v, 100, 28)
		var sum int64
		var whole string
		for _, line := range strings.Split(v, "\n") {
			f := strings.Fields(line)
			if len(f) < 3 || !strings.HasPrefix(f[1], "¥") && !(len(f) > 2 && strings.HasPrefix(f[2], "¥")) {
				continue
			}
			for _, x := range f {
				if strings.HasPrefix(x, "¥") {
					if f[0] == "Whole" {
						whole = x
					} else {
						sum += parseYuan(t, x)
					}
					break
				}
			}
		}
		if whole != format.Money(gmv) || sum != gmv {
			t.Fatalf("by %v: parts sum to %d, whole %q, snapshot %d\n%s", dim, sum, whole, gmv, v)
		}
		if dim == model.ByChannel {
			golden.RequireEqual(t, []byte(v))
		}
	}
	o.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if _, ok := o.BreakdownOpen(); ok || !strings.Contains(o.View(), "GMV") {
		t.Fatal("esc did not close the breakdown")
	}
}

func parseYuan(t *testing.T, s string) int64 {
	t.Helper()
	s = strings.NewReplacer("¥", "", ",", "").Replace(s)
	whole, frac, _ := strings.Cut(s, ".")
	var n int64
	for _, c := range whole + (frac + "00")[:2] {
		if c < '0' || c > '9' {
			t.Fatalf("not money: %q", s)
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

func TestBreakdownGoldenZh(t *testing.T) {
	o, _ := fixture(t, i18n.Zh, 80, 22)
	o.Update(key("right")) // DAU: read as the window's active members
	pressB(t, o)
	pressB(t, o) // by tier
	v := o.View()
	checkFits(t, "zh", v, 80, 22)
	if !strings.Contains(v, "活跃会员") {
		t.Fatalf("%s", v)
	}
	golden.RequireEqual(t, []byte(v))
}
