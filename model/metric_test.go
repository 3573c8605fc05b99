package model

import "testing"

func TestMetric(t *testing.T) {
	// key → additive, money, rate, as the contract defines them.
	want := []struct {
		key                   string
		additive, money, rate bool
	}{
		{"members_total", false, false, false},
		{"new_members", true, false, false},
		{"active_members", false, false, false},
		{"active_rate", false, false, true},
		{"buyers", false, false, false},
		{"repurchase_rate", false, false, true},
		{"orders", true, false, false},
		{"gmv", true, true, false},
		{"refunds", true, true, false},
		{"aov", false, true, false},
		{"upgrade_rate", false, false, true},
		{"retention_d1", false, false, true},
		{"retention_d7", false, false, true},
		{"retention_d30", false, false, true},
		{"points_redemption_rate", false, false, true},
	}
	all := TargetMetrics()
	if len(all) != len(want) {
		t.Fatalf("%d metrics, want %d", len(all), len(want))
	}
	for i, w := range want {
		m, ok := Metric(w.key)
		if !ok {
			t.Fatalf("Metric(%q) not found", w.key)
		}
		if m != (MetricInfo{Key: w.key, Additive: w.additive, Money: w.money, Rate: w.rate}) {
			t.Errorf("Metric(%q) = %+v", w.key, m)
		}
		if all[i] != m {
			t.Errorf("TargetMetrics()[%d] = %+v, want %+v (contract order)", i, all[i], m)
		}
		if m.LowerIsBetter() != (w.key == "refunds") {
			t.Errorf("%s: LowerIsBetter %v", w.key, m.LowerIsBetter())
		}
	}
	for _, bad := range []string{"", "GMV", "dau", "nps"} {
		if _, ok := Metric(bad); ok {
			t.Errorf("Metric(%q) found", bad)
		}
	}
	all[0].Key = "changed"
	if m, _ := Metric("members_total"); m.Key != "members_total" {
		t.Error("TargetMetrics shares the table")
	}
}
