package model

import "time"

// Birthday is a month and day of birth (a member's birthday privilege, 生日
// 特权, falls on it every year). The zero value means unknown.
type Birthday struct {
	Month time.Month
	Day   int
}

// Known reports whether the birthday is set.
func (b Birthday) Known() bool { return b.Month != 0 }

// BirthdayOf reads a stored birthday, as ParseBirthday normalises it:
// "MM-DD" or "YYYY-MM-DD" (also "YYYY/MM/DD" and "MM/DD"). Anything else, and
// days that no year has (04-31), are unknown.
func BirthdayOf(s string) (Birthday, bool) {
	if len(s) >= 10 && (s[4] == '-' || s[4] == '/') {
		s = s[5:10]
	}
	if len(s) != 5 || (s[2] != '-' && s[2] != '/') {
		return Birthday{}, false
	}
	num := func(a, b byte) int {
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return -1
		}
		return int(a-'0')*10 + int(b-'0')
	}
	m, d := num(s[0], s[1]), num(s[3], s[4])
	if m < 1 || m > 12 || d < 1 {
		return Birthday{}, false
	}
	if d > monthLen(time.Month(m), 2000) { // 2000 is a leap year: 02-29 is valid
		return Birthday{}, false
	}
	return Birthday{time.Month(m), d}, true
}

func monthLen(m time.Month, year int) int {
	return int(CivilDay(year, m+1, 1) - CivilDay(year, m, 1))
}

// On is the birthday's day in year y: 02-29 falls on 02-28 in other years.
func (b Birthday) On(y int) Day {
	d := b.Day
	if n := monthLen(b.Month, y); d > n {
		d = n
	}
	return CivilDay(y, b.Month, d)
}

// DaysUntil is how many days from d to the next birthday on or after d (0:
// today). It is −1 for an unknown birthday.
func (b Birthday) DaysUntil(d Day) int {
	if !b.Known() {
		return -1
	}
	y, _, _ := d.Date()
	next := b.On(y)
	if next < d {
		next = b.On(y + 1)
	}
	return int(next - d)
}
