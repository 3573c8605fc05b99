package model

import (
	"fmt"
	"time"
)

// Day is a calendar day in the store's time zone, counted from 1970-01-01.
// Days are what every rule of the contract compares, so they are plain integers:
// "D − day(last_active)" is a subtraction.
type Day int32

// DayOf returns the calendar day of t in loc (the store's zone).
func DayOf(t time.Time, loc *time.Location) Day {
	y, m, d := t.In(loc).Date()
	return CivilDay(y, m, d)
}

// CivilDay returns the Day of a calendar date (proleptic Gregorian).
func CivilDay(y int, m time.Month, d int) Day {
	// Howard Hinnant's days_from_civil.
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era = (yy - 399) / 400
	}
	yoe := yy - era*400
	mm := int64(m)
	var mp int64
	if mm > 2 {
		mp = mm - 3
	} else {
		mp = mm + 9
	}
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// Date returns the calendar date of the day.
func (d Day) Date() (int, time.Month, int) {
	z := int64(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	var mm int64
	if mp < 10 {
		mm = mp + 3
	} else {
		mm = mp - 9
	}
	if mm <= 2 {
		y++
	}
	return int(y), time.Month(mm), int(dd)
}

// Time returns midnight of the day in loc.
func (d Day) Time(loc *time.Location) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// String formats the day as 2006-01-02.
func (d Day) String() string {
	y, m, dd := d.Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd)
}

// Weekday returns the day of the week (1970-01-01 was a Thursday).
func (d Day) Weekday() time.Weekday {
	w := (int64(d) + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// ISOWeek returns the ISO 8601 year and week number of the day.
func (d Day) ISOWeek() (year, week int) {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 12, 0, 0, 0, time.UTC).ISOWeek()
}

// ParseDay parses a 2006-01-02 date into a Day.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return CivilDay(t.Year(), t.Month(), t.Day()), nil
}

// Window is an inclusive range of days [From, To], the unit every KPI is
// computed over.
type Window struct {
	From, To Day
}

// Contains reports whether d lies in the window.
func (w Window) Contains(d Day) bool { return d >= w.From && d <= w.To }

// Len is the number of days in the window (0 when To < From).
func (w Window) Len() int {
	if w.To < w.From {
		return 0
	}
	return int(w.To-w.From) + 1
}
