package sample

import (
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

func TestCalib(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	s := collect(t, Config{Members: 20000, Seed: 1, End: model.CivilDay(2026, 3, 14), Loc: loc})
	t.Log(s.report())
	for _, e := range s.errs {
		t.Error(e)
	}
}
