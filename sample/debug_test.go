package sample

import (
	"fmt"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

func TestDebugArch(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	cfg := Config{Members: 20000, Seed: 1, End: model.CivilDay(2026, 3, 14), Loc: loc}.norm()
	g := newGen(cfg)
	cnt := make([]int, cfg.Members)
	kinds := make([][model.NumKinds]int, cfg.Members)
	g.run(nil, func(em *emitter) error { cnt[em.v.idx()]++; kinds[em.v.idx()][em.v.kind]++; return nil })
	type grp struct {
		n, ev int
		k     [model.NumKinds]int
	}
	gs := map[string]*grp{}
	for i, st := range g.st {
		key := "in"
		if st.regT < 0 {
			key = "pre"
		}
		switch {
		case st.flags&fWhale != 0:
			key += "-whale"
		case st.stop < st.start:
			key += "-none"
		case st.stop >= int32(g.cal.n-1):
			key += "-alive"
		default:
			key += "-stopped"
		}
		if st.flags&fSigner != 0 {
			key += "-signer"
		}
		if gs[key] == nil {
			gs[key] = &grp{}
		}
		gs[key].n++
		gs[key].ev += cnt[i]
		for k := range kinds[i] {
			gs[key].k[k] += kinds[i][k]
		}
	}
	for k, v := range gs {
		fmt.Printf("%-22s n=%5d ev/m=%6.1f", k, v.n, float64(v.ev)/float64(v.n))
		for kk, c := range v.k {
			fmt.Printf(" %s=%.1f", model.Kind(kk), float64(c)/float64(v.n))
		}
		fmt.Println()
	}
}
