package main

import (
	"encoding/csv"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The oracle recomputes `cockpit kpi --json` straight from the CSV files and
// the contract's words, with its own parsing and plain loops over raw events,
// sharing no code with model or store. It is slow and obvious on purpose.

type oMember struct {
	reg    int // day number
	events []oEvent
}

type oEvent struct {
	day    int
	kind   string
	amount int64 // fen for purchase/refund, points for redeem
}

type oracle struct {
	members map[string]*oMember
	loc     *time.Location
}

func oDay(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func oParseDay(s string) int {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return int(t.Unix() / 86400)
}

func oDayString(d int) string { return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02") }

func oFen(s string) int64 {
	whole, frac, _ := strings.Cut(s, ".")
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		panic(s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		panic(s)
	}
	return w*100 + f
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func newOracle(t *testing.T, membersCSV, eventsCSV string, loc *time.Location) *oracle {
	o := &oracle{members: map[string]*oMember{}, loc: loc}
	for _, r := range readCSV(t, membersCSV) {
		if _, ok := o.members[r["member_id"]]; ok {
			continue // the first import of a member wins
		}
		reg, err := time.ParseInLocation("2006-01-02 15:04:05", r["registered_at"], loc)
		if err != nil {
			t.Fatal(err)
		}
		o.members[r["member_id"]] = &oMember{reg: oDay(reg, loc)}
	}
	seenOrder := map[string]bool{}
	seenFull := map[string]bool{}
	for _, r := range readCSV(t, eventsCSV) {
		m := o.members[r["member_id"]]
		if m == nil {
			continue // rejected
		}
		if r["order_id"] != "" {
			k := r["kind"] + "\x00" + r["order_id"]
			if seenOrder[k] {
				continue
			}
			seenOrder[k] = true
		} else {
			k := strings.Join([]string{r["member_id"], r["kind"], r["at"], r["amount"], r["channel"], r["campaign_id"]}, "\x00")
			if seenFull[k] {
				continue
			}
			seenFull[k] = true
		}
		at, err := time.ParseInLocation("2006-01-02 15:04:05", r["at"], loc)
		if err != nil {
			t.Fatal(err)
		}
		e := oEvent{day: oDay(at, loc), kind: r["kind"]}
		switch r["kind"] {
		case "purchase", "refund":
			e.amount = oFen(r["amount"])
		case "redeem":
			e.amount, _ = strconv.ParseInt(r["amount"], 10, 64)
		}
		m.events = append(m.events, e)
	}
	return o
}

func (m *oMember) growth(d int) int64 {
	var g int64
	if m.reg >= d-364 && m.reg <= d {
		g += 100
	}
	signDays := map[int]bool{}
	for _, e := range m.events {
		if e.day < d-364 || e.day > d {
			continue
		}
		switch e.kind {
		case "signin":
			signDays[e.day] = true
		case "invite":
			g += 200
		case "review":
			g += 20
		case "share":
			g += 10
		case "purchase":
			g += e.amount / 100
		case "refund":
			g -= e.amount / 100
		}
	}
	g += int64(5 * len(signDays))
	if g < 0 {
		g = 0
	}
	return g
}

func oTier(g int64) int {
	switch {
	case g >= 50000:
		return 4
	case g >= 20000:
		return 3
	case g >= 10000:
		return 2
	case g >= 2000:
		return 1
	}
	return 0
}

// ratio renders num/den as the JSON value the contract asks for: null for a
// zero denominator, else the value (compared with a tolerance by the caller).
func oRatio(num, den int64) any {
	if den == 0 {
		return nil
	}
	f, _ := new(big.Rat).SetFrac64(num, den).Float64()
	return f
}

// kpi computes the whole contract object for [from, to] with as_of.
func (o *oracle) kpi(asOf, from, to int) map[string]any {
	D := to
	stages := map[string]int64{"introduction": 0, "growth": 0, "maturity": 0, "silent": 0, "churned": 0}
	tierNames := []string{"regular", "silver", "gold", "platinum", "diamond"}
	tiers := map[string]int64{}
	for _, n := range tierNames {
		tiers[n] = 0
	}
	type buyer struct{ r, f, m int64 }
	var buyers []buyer
	var total, newM, active, nBuyers, repeat, orders, gmv, refunds, redeemed, issued int64
	var upNum, upDen int64
	ret := map[int][2]int64{1: {}, 7: {}, 30: {}}
	for _, m := range o.members {
		if m.reg > D {
			continue
		}
		total++
		if m.reg >= from {
			newM++
		}
		last := -1
		lastPurchase := -1
		var purchases, spend int64
		var wPurch, wLogins int64
		for _, e := range m.events {
			if e.day > D {
				continue
			}
			if e.day > last {
				last = e.day
			}
			switch e.kind {
			case "purchase":
				purchases++
				spend += e.amount
				if e.day > lastPurchase {
					lastPurchase = e.day
				}
			case "refund":
				spend -= e.amount
			}
			if e.day >= from {
				switch e.kind {
				case "purchase":
					wPurch++
					orders++
					gmv += e.amount
					issued += e.amount / 100
				case "refund":
					refunds += e.amount
				case "redeem":
					redeemed += e.amount
				case "login", "signin":
					wLogins++
				}
			}
		}
		if last < 0 {
			last = m.reg
		}
		inactive := D - last
		switch {
		case inactive >= 90:
			stages["churned"]++
		case inactive >= 30:
			stages["silent"]++
		case purchases > 2 || spend > 50000:
			stages["maturity"]++
		case purchases >= 1:
			stages["growth"]++
		default:
			stages["introduction"]++
		}
		tiers[tierNames[oTier(m.growth(D))]]++
		if purchases > 0 {
			buyers = append(buyers, buyer{int64(D - lastPurchase), purchases, spend})
		}
		if wPurch >= 1 || wLogins >= 3 {
			active++
		}
		if wPurch >= 1 {
			nBuyers++
		}
		if wPurch >= 2 {
			repeat++
		}
		if m.reg <= from-1 {
			upDen++
			if oTier(m.growth(to)) > oTier(m.growth(from-1)) {
				upNum++
			}
		}
		for n := range ret {
			if m.reg >= from && m.reg <= to-n {
				v := ret[n]
				v[1]++
				for _, e := range m.events {
					if e.day == m.reg+n && e.kind != "register" {
						v[0]++
						break
					}
				}
				ret[n] = v
			}
		}
	}
	segs := map[string]int64{}
	for _, s := range []string{"important_value", "important_develop", "important_keep", "important_retain",
		"general_value", "general_develop", "general_keep", "general_retain"} {
		segs[s] = 0
	}
	sum := [3]*big.Int{big.NewInt(0), big.NewInt(0), big.NewInt(0)}
	for _, b := range buyers {
		sum[0].Add(sum[0], big.NewInt(b.r))
		sum[1].Add(sum[1], big.NewInt(b.f))
		sum[2].Add(sum[2], big.NewInt(b.m))
	}
	n := big.NewInt(int64(len(buyers)))
	cmp := func(x int64, i int) int { return new(big.Int).Mul(big.NewInt(x), n).Cmp(sum[i]) }
	for _, b := range buyers {
		rh, fh, mh := cmp(b.r, 0) <= 0, cmp(b.f, 1) >= 0, cmp(b.m, 2) >= 0
		name := map[[3]bool]string{
			{true, true, true}: "important_value", {true, false, true}: "important_develop",
			{false, true, true}: "important_keep", {false, false, true}: "important_retain",
			{true, true, false}: "general_value", {true, false, false}: "general_develop",
			{false, true, false}: "general_keep", {false, false, false}: "general_retain",
		}[[3]bool{rh, fh, mh}]
		segs[name]++
	}
	var aov any
	if orders > 0 {
		aov = oRatio(gmv, orders*100)
	}
	kpis := map[string]any{
		"members_total": total, "new_members": newM, "active_members": active,
		"active_rate": oRatio(active, total), "buyers": nBuyers, "repurchase_rate": oRatio(repeat, nBuyers),
		"orders": orders, "gmv": float64(gmv) / 100, "refunds": float64(refunds) / 100, "aov": aov,
		"upgrade_rate":           oRatio(upNum, upDen),
		"retention_d1":           oRatio(ret[1][0], ret[1][1]),
		"retention_d7":           oRatio(ret[7][0], ret[7][1]),
		"retention_d30":          oRatio(ret[30][0], ret[30][1]),
		"points_redemption_rate": oRatio(redeemed, issued),
	}
	return map[string]any{"as_of": oDayString(asOf), "from": oDayString(from), "to": oDayString(to),
		"stages": stages, "tiers": tiers, "rfm": segs, "kpis": kpis}
}
