package model

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// TargetError names the field of a target that is wrong, so a form can put
// the message beside the field and a command can name the flag.
type TargetError struct {
	Field  string // metric, name, from, to, value, method, weights
	Reason string
}

func (e *TargetError) Error() string { return e.Field + ": " + e.Reason }

// ParseTargetValue reads a target value as an operator types it: yuan with up
// to two decimals for money metrics, a fraction ("0.25") or a percentage
// ("25%") for rates, a whole number for counts. It returns the value in the
// metric's unit (fen, RatioScale, count).
func ParseTargetValue(metric, s string) (int64, error) {
	info, ok := Metric(metric)
	if !ok {
		return 0, &TargetError{"metric", fmt.Sprintf("unknown metric %q", metric)}
	}
	s = strings.TrimSpace(s)
	switch {
	case info.Money:
		v, err := ParseAmountFen(s)
		if err != nil {
			return 0, &TargetError{"value", err.Error()}
		}
		return v, nil
	case info.Rate:
		pct := strings.HasSuffix(s, "%")
		r, ok := new(big.Rat).SetString(strings.TrimSuffix(s, "%"))
		if !ok || r.Sign() < 0 {
			return 0, &TargetError{"value", fmt.Sprintf("%q: want a rate such as 0.25 or 25%%", s)}
		}
		if pct {
			r.Quo(r, big.NewRat(100, 1))
		}
		if r.Cmp(big.NewRat(1, 1)) > 0 {
			return 0, &TargetError{"value", fmt.Sprintf("%q: a rate cannot exceed 100%%", s)}
		}
		r.Mul(r, big.NewRat(RatioScale, 1))
		if !r.IsInt() {
			return 0, &TargetError{"value", fmt.Sprintf("%q: at most two decimals of a percent", s)}
		}
		return r.Num().Int64(), nil
	default:
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < 0 {
			return 0, &TargetError{"value", fmt.Sprintf("%q: want a whole number ≥ 0", s)}
		}
		return v, nil
	}
}

// TargetJSONValue is the value as a JSON number: yuan for money, a fraction for
// rates, a count otherwise.
func TargetJSONValue(metric string, v int64) any {
	info, _ := Metric(metric)
	switch {
	case info.Money:
		return float64(v) / 100
	case info.Rate:
		return float64(v) / RatioScale
	default:
		return v
	}
}

// Validate checks a target before it is stored: a known metric, a period that
// does not end before it starts (and at most ten years), a non-negative value,
// a known method and, for custom, one non-negative weight per calendar month.
func (t Target) Validate() error {
	if _, ok := Metric(t.Metric); !ok {
		return &TargetError{"metric", fmt.Sprintf("unknown metric %q", t.Metric)}
	}
	if t.To < t.From {
		return &TargetError{"to", fmt.Sprintf("%s is before the start %s", t.To, t.From)}
	}
	if t.To-t.From > 3660 {
		return &TargetError{"to", "a target period is at most ten years"}
	}
	if t.Value < 0 {
		return &TargetError{"value", "must not be negative"}
	}
	switch t.Method {
	case MethodEven, MethodHistory:
		if len(t.Weights) > 0 {
			return &TargetError{"weights", "only the custom method takes weights"}
		}
	case MethodCustom:
		months := len(Months(Window{From: t.From, To: t.To}))
		if len(t.Weights) != months {
			return &TargetError{"weights", fmt.Sprintf("custom needs one weight per month: %d months, %d weights", months, len(t.Weights))}
		}
		for _, w := range t.Weights {
			if w < 0 {
				return &TargetError{"weights", "weights must not be negative"}
			}
		}
	default:
		return &TargetError{"method", fmt.Sprintf("unknown method %q: want even, history or custom", t.Method)}
	}
	return nil
}
