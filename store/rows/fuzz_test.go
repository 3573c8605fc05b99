package rows

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReader feeds arbitrary bytes to the Reader: it must never panic, every
// row must be either decoded or carry a *FieldError with the file's name and a
// line within the file, lines must not go backwards, and a decoded event must
// write and read back to itself.
func FuzzReader(f *testing.F) {
	f.Add([]byte("member_id,kind,at,amount\nm1,purchase,2024-01-01 10:00:00,12.5\n"))
	f.Add([]byte("member_id,name,registered_at,tags\nm1,\"a\nb\",2024-01-01,x|y\n"))
	f.Add([]byte("{\"member_id\":\"m1\",\"kind\":\"redeem\",\"at\":\"2024-01-01\",\"amount\":5}\n"))
	f.Add([]byte("\xef\xbb\xbf\xbb\xe1\xd4\xb1ID,\xc0\xe0\xd0\xcd,\xca\xb1\xbc\xe4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data), "f.csv", Options{Loc: cst})
		if err != nil {
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		last := 0
		for {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("fatal error on in-memory data: %v", err)
			}
			if row.Line < last || row.Line < 1 || row.Line > lines {
				t.Fatalf("line %d after %d (file has %d)", row.Line, last, lines)
			}
			last = row.Line
			if row.Err != nil {
				fe, ok := row.Err.(*FieldError)
				if !ok || fe.File != "f.csv" || fe.Line != row.Line {
					t.Fatalf("row error %#v", row.Err)
				}
				_ = fe.Error()
				continue
			}
			if r.Kind() != Events {
				continue
			}
			var buf bytes.Buffer
			w := NewEventsWriter(&buf, r.Format(), cst)
			if err := w.Write(row.Event); err != nil {
				t.Fatal(err)
			}
			w.Flush()
			e := row.Event
			r2, err := NewReader(&buf, "back", Options{Loc: cst, Kind: Events})
			if err != nil {
				t.Fatalf("re-read: %v\n%s", err, buf.String())
			}
			row2, err := r2.Next()
			if err != nil || row2.Err != nil || !sameEvent(row2.Event, e) {
				t.Fatalf("round trip of %+v: %+v %v\n%s", e, row2, err, buf.String())
			}
		}
	})
}

// FuzzScanObject checks the JSON Lines scanner against encoding/json: the same
// lines are valid objects, and every key's value is the same.
func FuzzScanObject(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"b":"x","c":true,"d":null,"e":[1,"2"],"f":{"g":[]}}`, `{}`, ` { "k" : -0.5e+3 } `, `{"\u4f1a\u5458ID":"a\"b\\c\/"}`,
		`[1]`, `null`, `{"a":01}`, `{"a":1,}`, `{"a" 1}`, `{"a":"x`, `{"a":[1,]}`, `{"a":tru}`, `{"a":1}x`, "{\"a\":\"\t\"}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		pairs, msg := scanObject(line, nil)
		var m map[string]any
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		stdErr := dec.Decode(&m)
		if stdErr == nil && dec.More() {
			stdErr = errors.New("more")
		}
		if stdErr == nil {
			if _, err := dec.Token(); err != io.EOF {
				stdErr = errors.New("trailing")
			}
		}
		stdOK := stdErr == nil && m != nil
		if !utf8.ValidString(line) {
			return // encoding/json replaces bad bytes; the Reader rejects them before
		}
		if stdOK != (msg == "") {
			t.Fatalf("%q: scanner %q, encoding/json %v (map %v)", line, msg, stdErr, m != nil)
		}
		if !stdOK {
			return
		}
		count := map[string]int{}
		for _, p := range pairs {
			count[p.key]++
		}
		if len(count) != len(m) {
			t.Fatalf("%q: keys %v vs %v", line, pairs, m)
		}
		for _, p := range pairs {
			if count[p.key] > 1 {
				continue
			}
			want := m[p.key]
			var ok bool
			switch v := want.(type) {
			case string:
				ok = p.kind == jString && p.val == v
			case json.Number:
				ok = p.kind == jNumber && p.val == string(v)
			case bool:
				ok = p.kind == jBool && p.val == strconv.FormatBool(v)
			case nil:
				ok = p.kind == jNull && p.val == ""
			case []any:
				ok = p.kind == jArray
			case map[string]any:
				ok = p.kind == jObject
			}
			if !ok {
				t.Fatalf("%q key %q: scanner %q (%d), encoding/json %#v", line, p.key, p.val, p.kind, want)
			}
		}
	})
}
