package sample

import (
	"os"
	"testing"
	"time"

	"github.com/memberops/cockpit/model"
)

func TestCalib(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	s := collect(t, Config{Members: 20000, Seed: 1, End: calibEnd(), Loc: loc})
	t.Log(s.report())
	for _, e := range s.errs {
		t.Error(e)
	}
}

func calibEnd() model.Day {
	if s := os.Getenv("CALIB_END"); s != "" {
		d, _ := model.ParseDay(s)
		return d
	}
	return model.CivilDay(2026, 3, 14)
}
