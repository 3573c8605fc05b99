package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"github.com/memberops/cockpit/model"
)

func profilePopulation(t *testing.T) *Store {
	t.Helper()
	s, _ := openTemp(t)
	mk := func(id, name, phone, channel, tags string, consent bool) model.Member {
		m := model.Member{ID: id, Name: name, Phone: phone, Channel: channel, RegisteredAt: at("2026-03-0" + id[len(id)-1:] + " 10:30:15"), Consent: consent}
		if tags != "" {
			m.Tags = splitTags(tags)
		}
		return m
	}
	ms := []model.Member{
		mk("M001", "张伟", "13812341234", "小程序", "高价值|宝妈", true),     // seq 0
		mk("M002", "李娜", "139-0000-5678", "门店", "", true),          // seq 1
		mk("VIP3", "Zhang Wei", "15011111234", "APP", "宝妈", false), // seq 2
		mk("M004", "王芳", "12", "", "学生|高价值|学生", true),              // seq 3: short phone, no channel
		mk("m005", "张小凡", "+86 186 0000 9999", "小程序", "学生", true),  // seq 4
	}
	if _, err := s.IngestMembers(ms); err != nil {
		t.Fatal(err)
	}
	return s
}

func splitTags(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '|' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func TestProfilesFields(t *testing.T) {
	s := profilePopulation(t)
	p, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	if p.Len() != 5 || p.Count() != 5 || !p.Has(4) || p.Has(5) {
		t.Fatalf("len %d count %d", p.Len(), p.Count())
	}
	if got := p.Channels(); !reflect.DeepEqual(got, []string{"小程序", "门店", "APP"}) {
		t.Errorf("channels %q", got)
	}
	if got := p.Tags(); !reflect.DeepEqual(got, []string{"高价值", "宝妈", "学生"}) {
		t.Errorf("tags %q", got)
	}
	type row struct {
		id, name, phone, channel string
		chID                     int
		tags                     []string
		consent                  bool
	}
	want := []row{
		{"M001", "张伟", "13812341234", "小程序", 1, []string{"高价值", "宝妈"}, true},
		{"M002", "李娜", "139-0000-5678", "门店", 2, []string{}, true},
		{"VIP3", "Zhang Wei", "15011111234", "APP", 3, []string{"宝妈"}, false},
		{"M004", "王芳", "12", "", 0, []string{"学生", "高价值", "学生"}, true},
		{"m005", "张小凡", "+86 186 0000 9999", "小程序", 1, []string{"学生"}, true},
	}
	for i, w := range want {
		seq := uint32(i)
		got := row{p.ID(seq), p.Name(seq), p.Phone(seq), p.Channel(seq), p.ChannelID(seq), p.MemberTags(seq), p.Consent(seq)}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("seq %d: %+v, want %+v", i, got, w)
		}
	}
	if got := p.RegisteredAt(1); !got.Equal(at("2026-03-02 10:30:15")) || got.Location().String() != "Asia/Shanghai" {
		t.Errorf("registered %v", got)
	}
	// Out of range: empty answers, no panic.
	if p.ID(99) != "" || p.Name(99) != "" || p.Phone(99) != "" || p.Channel(99) != "" || len(p.TagIDs(99)) != 0 || !p.RegisteredAt(99).IsZero() {
		t.Error("seq 99 answered")
	}
}

func TestProfilesSearchAndFilter(t *testing.T) {
	s := profilePopulation(t)
	p, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		f    ProfileFilter
		want []uint32
	}{
		{ProfileFilter{}, []uint32{0, 1, 2, 3, 4}},
		{ProfileFilter{Text: "张"}, []uint32{0, 4}},                  // name, Chinese
		{ProfileFilter{Text: " 张小 "}, []uint32{4}},                  // trimmed
		{ProfileFilter{Text: "zhang"}, []uint32{2}},                 // name, ASCII case ignored
		{ProfileFilter{Text: "m00"}, []uint32{0, 1, 3, 4}},          // id, case ignored
		{ProfileFilter{Text: "M00"}, []uint32{0, 1, 3, 4}},          //
		{ProfileFilter{Text: "002"}, []uint32{1}},                   // id digits
		{ProfileFilter{Text: "1234"}, []uint32{0, 2}},               // phone's last four
		{ProfileFilter{Text: "5678"}, []uint32{1}},                  // last four past the dashes
		{ProfileFilter{Text: "9999"}, []uint32{4}},                  //
		{ProfileFilter{Text: "0000"}, nil},                          // inside the phone, not its end
		{ProfileFilter{Text: "1381"}, nil},                          // the phone's start is not searched
		{ProfileFilter{Text: "伟M"}, nil},                            // never across fields
		{ProfileFilter{Text: "1伟"}, nil},                            //
		{ProfileFilter{Text: "nobody"}, nil},                        //
		{ProfileFilter{Channel: 1}, []uint32{0, 4}},                 // 小程序
		{ProfileFilter{Channel: 3}, []uint32{2}},                    // APP
		{ProfileFilter{Tag: 2}, []uint32{0, 2}},                     // 宝妈
		{ProfileFilter{Tag: 3}, []uint32{3, 4}},                     // 学生
		{ProfileFilter{Tag: 3, Channel: 1}, []uint32{4}},            //
		{ProfileFilter{Text: "张", Tag: 1}, []uint32{0}},             //
		{ProfileFilter{Text: "M", Channel: 2, Tag: 0}, []uint32{1}}, //
		// Phones, whole and masked (customer service reads them out).
		{ProfileFilter{Text: "13812341234"}, []uint32{0}},     // full phone
		{ProfileFilter{Text: "138 1234 1234"}, []uint32{0}},   // as spoken, with spaces
		{ProfileFilter{Text: "13900005678"}, []uint32{1}},     // stored with dashes
		{ProfileFilter{Text: "138****1234"}, []uint32{0}},     // masked as the screens show it
		{ProfileFilter{Text: "1****1234"}, nil},               // masked, but too short for the phones
		{ProfileFilter{Text: "150****1234"}, []uint32{2}},     //
		{ProfileFilter{Text: "18600009999"}, []uint32{4}},     // the end of "+86 186 0000 9999"
		{ProfileFilter{Text: "+86 186****9999"}, []uint32{4}}, //
		{ProfileFilter{Text: "1381234"}, nil},                 // seven digits: the whole phone only
		{ProfileFilter{Text: "13812341235"}, nil},             //
		{ProfileFilter{Text: "138****1234", Channel: 2}, nil}, // with the other filters
		{ProfileFilter{Text: "*******"}, nil},                 // no real digits: not a phone search
	}
	for _, c := range cases {
		if got := p.Search(c.f); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Search(%+v) = %v, want %v", c.f, got, c.want)
		}
	}
	if !p.Matcher(ProfileFilter{}).Match(77) || p.Matcher(ProfileFilter{Tag: 1}).Match(77) {
		t.Error("a seq beyond the index: the empty filter passes it, others do not")
	}
}

func TestProfilesReload(t *testing.T) {
	s := profilePopulation(t)
	p1, _ := s.LoadProfiles()
	if _, err := s.IngestMembers([]model.Member{member("N6", "2026-04-01 08:00:00")}); err != nil {
		t.Fatal(err)
	}
	p2, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	if p1.Count() != 5 || p2.Count() != 6 || p2.ID(5) != "N6" || p2.Name(5) != "会员N6" {
		t.Errorf("reload: %d then %d, seq 5 = %q %q", p1.Count(), p2.Count(), p2.ID(5), p2.Name(5))
	}
	if got := p2.Search(ProfileFilter{Text: "会员"}); !reflect.DeepEqual(got, []uint32{5}) {
		t.Errorf("search after reload %v", got)
	}
}

func TestLastFour(t *testing.T) {
	for in, want := range map[string]uint16{"13812341234": 1234, "139-0000-5678": 5678, "0001": 1, "123": noLast4, "": noLast4, "12 34": 1234} {
		if got := lastFour([]byte(in)); got != want {
			t.Errorf("lastFour(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestProfilesBirthdays(t *testing.T) {
	s, _ := openTemp(t)
	mk := func(id, bday string) model.Member {
		m := member(id, "2026-01-01 10:00:00")
		m.Birthday = bday
		return m
	}
	if _, err := s.IngestMembers([]model.Member{mk("A", "07-01"), mk("B", "1990-06-30"), mk("C", ""),
		mk("D", "07-07"), mk("E", "07-08"), mk("F", "02-29")}); err != nil {
		t.Fatal(err)
	}
	p, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	if b := p.Birthday(1); b.Month != 6 || b.Day != 30 || p.Birthday(2).Known() || p.Birthday(99).Known() {
		t.Fatalf("birthday %+v", b)
	}
	d := model.CivilDay(2026, 6, 30)
	got := p.Birthdays(d, 8) // 06-30 … 07-07
	want := []BirthdayEntry{{Seq: 1, In: 0, Date: d}, {Seq: 0, In: 1, Date: d + 1}, {Seq: 3, In: 7, Date: d + 7}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("birthdays\n got %+v\nwant %+v", got, want)
	}
	if got := p.Birthdays(model.CivilDay(2026, 2, 28), 1); len(got) != 1 || got[0].Seq != 5 {
		t.Fatalf("02-29 in a common year falls on 02-28: %+v", got)
	}
}

// TestProfilesBirthdaysAgainstReference: on random birthdays (unknown ones,
// 02-29 and every horizon up to past a year), Birthdays lists exactly the
// members whose birthday comes within the horizon, soonest first, then by
// seq, as a direct filter and stable sort gives them.
func TestProfilesBirthdaysAgainstReference(t *testing.T) {
	s, _ := openTemp(t)
	rng := rand.New(rand.NewPCG(5, 8))
	var ms []model.Member
	for i := range 400 {
		m := member(fmt.Sprintf("B%03d", i), "2026-01-01 10:00:00")
		switch x := rng.IntN(10); {
		case x == 0:
		case x == 1:
			m.Birthday = "02-29"
		default:
			m.Birthday = fmt.Sprintf("%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
		}
		ms = append(ms, m)
	}
	if _, err := s.IngestMembers(ms); err != nil {
		t.Fatal(err)
	}
	p, err := s.LoadProfiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []model.Day{model.CivilDay(2026, 6, 30), model.CivilDay(2028, 2, 28), model.CivilDay(2026, 12, 31)} {
		for _, n := range []int{0, 1, 7, 30, 365, 366, 400} {
			var want []BirthdayEntry
			for seq := range uint32(p.Len()) {
				if b := p.Birthday(seq); b.Known() && p.Has(seq) {
					if in := b.DaysUntil(d); in < n {
						want = append(want, BirthdayEntry{Seq: seq, In: in, Date: d + model.Day(in)})
					}
				}
			}
			sort.SliceStable(want, func(i, j int) bool { return want[i].In < want[j].In })
			if got := p.Birthdays(d, n); !reflect.DeepEqual(got, want) {
				t.Fatalf("%v +%d: got %d entries, want %d\n got %+v\nwant %+v", d, n, len(got), len(want), got, want)
			}
		}
	}
}
