package model

// RFMMeans holds what the RFM means are made of, over the buyers (members with
// at least one purchase up to D): their number and the sums of R (days since
// the last purchase), F (purchases) and M (spend in fen). The means are never
// divided out: Segment compares x·N against Σx exactly.
type RFMMeans struct{ N, SumR, SumF, SumM int64 }

// Add folds one buyer's R, F and M into the sums.
func (m *RFMMeans) Add(r, f, mFen int64) {
	m.N++
	m.SumR += r
	m.SumF += f
	m.SumM += mFen
}

// High reports the three RFM comparisons of the contract, each against the
// mean and ties counting high: R is high when R ≤ R̄ (recent), F when F ≥ F̄,
// M when M ≥ M̄. The products x·N are computed in 128 bits, so nothing
// overflows and nothing is rounded; M may be negative (refunds).
func (m RFMMeans) High(r, f, mFen int64) (rHigh, fHigh, mHigh bool) {
	n := m.N
	rHigh = mul128(r, n).cmp(int128Of(m.SumR)) <= 0
	fHigh = mul128(f, n).cmp(int128Of(m.SumF)) >= 0
	mHigh = mul128(mFen, n).cmp(int128Of(m.SumM)) >= 0
	return
}

// Segment classifies one buyer into the eight RFM groups (八大人群):
//
//	R F M  segment
//	H H H  important_value      H H L  general_value
//	H L H  important_develop    H L L  general_develop
//	L H H  important_keep       L H L  general_keep
//	L L H  important_retain     L L L  general_retain
func (m RFMMeans) Segment(r, f, mFen int64) Segment {
	rh, fh, mh := m.High(r, f, mFen)
	// The segment constants are ordered so that M low adds 4, R low adds 2
	// and F low adds 1.
	var s Segment
	if !mh {
		s += 4
	}
	if !rh {
		s += 2
	}
	if !fh {
		s++
	}
	return s
}
