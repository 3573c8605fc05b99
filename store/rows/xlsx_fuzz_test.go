package rows

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rawWorkbook is a minimal .xlsx put together by hand around the given sheet
// data (the inside of <sheetData>) and shared strings (the <si> items; none
// when sst is empty), so tests can say anything a hostile file could.
func rawWorkbook(t testing.TB, sheetData, sst string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook `+ns+`><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != "" {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
		put("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst `+ns+`>`+sst+`</sst>`)
	}
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`)
	put("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet `+ns+`><sheetData>`+sheetData+`</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readWorkbookBytes opens b as a workbook and reads every row; it reports the
// rows read and rejected, or the error that refused the file.
func readWorkbookBytes(t testing.TB, b []byte) (read, rejected int, err error) {
	p := filepath.Join(t.TempDir(), "w.xlsx")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	src, err := OpenSheet(p, "")
	if err != nil {
		return 0, 0, err
	}
	defer src.Close()
	rd, err := NewSourceReader(src, "w.xlsx", Options{Loc: time.UTC, Now: testNow})
	if err != nil {
		return 0, 0, err
	}
	for {
		r, err := rd.Next()
		if err != nil {
			if err.Error() == "EOF" {
				return read, rejected, nil
			}
			return read, rejected, err
		}
		read++
		if r.Err != nil {
			rejected++
		}
	}
}

const eventsHeaderCells = `<c r="A1" t="inlineStr"><is><t>member_id</t></is></c><c r="B1" t="inlineStr"><is><t>kind</t></is></c><c r="C1" t="inlineStr"><is><t>at</t></is></c><c r="D1" t="inlineStr"><is><t>amount</t></is></c>`

func TestHandMadeWorkbooks(t *testing.T) {
	header := `<row r="1">` + eventsHeaderCells + `</row>`
	cases := []struct {
		name           string
		data, sst      string
		read, rejected int
		fatal          string
	}{
		{"shared strings, ISO date cell, error cell",
			header + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="d"><v>2025-08-27T17:54:03</v></c><c r="D2"><v>12.3</v></c></row>` +
				`<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3"><v>45896.5</v></c><c r="D3" t="e"><v>#DIV/0!</v></c></row>`,
			`<si><t>M1</t></si><si><r><t>purch</t></r><r><t>ase</t></r></si>`, 2, 1, ""},
		{"a shared string index out of range rejects the row, not the file",
			header + `<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2" t="inlineStr"><is><t>login</t></is></c><c r="C2"><v>45896.5</v></c></row>` +
				`<row r="3"><c r="A3" t="inlineStr"><is><t>M1</t></is></c><c r="B3" t="inlineStr"><is><t>login</t></is></c><c r="C3"><v>45896.5</v></c></row>`,
			`<si><t>only one</t></si>`, 2, 1, ""},
		{"rows without r, cells without r, sparse rows",
			`<row>` + eventsHeaderCells + `</row><row><c t="inlineStr"><is><t>M1</t></is></c><c t="inlineStr"><is><t>login</t></is></c><c><v>45896.5</v></c></row>` +
				`<row r="9"><c r="A9" t="inlineStr"><is><t>M1</t></is></c><c r="B9" t="inlineStr"><is><t>login</t></is></c><c r="C9"><v>45896.5</v></c></row>`,
			"", 2, 0, ""},
		{"a bad cell reference", header + `<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>`, "", 1, 1, ""},
		{"a row beyond Excel's limit", header + `<row r="1048577"><c r="A1048577"><v>1</v></c></row>`, "", 0, 0, "row"},
		{"no rows", ``, "", 0, 0, "no header"},
		{"broken XML", header + `<row r="2"><c r="A2"><v>1</v>`, "", 0, 0, ""},
		{"a sheet of 20,000 empty rows", header + strings.Repeat(`<row><c><v></v></c></row>`, 20000), "", 0, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			read, rejected, err := readWorkbookBytes(t, rawWorkbook(t, c.data, c.sst))
			if c.fatal != "" {
				if err == nil || !strings.Contains(err.Error(), c.fatal) {
					t.Fatalf("error %v; want one mentioning %q", err, c.fatal)
				}
				return
			}
			if c.name == "broken XML" {
				return // refused or read as far as it goes: only no panic matters
			}
			if err != nil {
				t.Fatal(err)
			}
			if read != c.read || rejected != c.rejected {
				t.Errorf("read %d rejected %d; want %d and %d", read, rejected, c.read, c.rejected)
			}
		})
	}
}

// A shared strings part above excelize's 16 MiB in-memory limit is read from
// a temporary file: the rows still read.
func TestWorkbookLargeSharedStrings(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 17 MiB part")
	}
	var sst strings.Builder
	sst.WriteString("<si><t>M1</t></si><si><t>login</t></si>")
	n := 2
	pad := strings.Repeat("x", 1000) // few long strings: excelize indexes each one slowly
	for sst.Len() < 17<<20 {
		fmt.Fprintf(&sst, "<si><t>%s%07d</t></si>", pad, n)
		n++
	}
	data := `<row r="1">` + eventsHeaderCells + `</row>` +
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>45896.5</v></c></row>`
	read, rejected, err := readWorkbookBytes(t, rawWorkbook(t, data, sst.String()))
	if err != nil || read != 1 || rejected != 0 {
		t.Fatalf("read %d rejected %d err %v; want one good row", read, rejected, err)
	}
}

// FuzzWorkbook feeds arbitrary sheet data and shared strings through the
// workbook reader: it may refuse the file or reject rows, never panic.
func FuzzWorkbook(f *testing.F) {
	f.Add(`<row r="1">`+eventsHeaderCells+`</row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>login</t></is></c><c r="C2"><v>45896.5</v></c></row>`, `<si><t>M1</t></si>`)
	f.Add(`<row r="1"><c r="A1" t="s"><v>-1</v></c></row>`, `<si/>`)
	f.Add(`<row r="2"><c r="B2" t="d"><v>x</v></c><c r="A2" t="b"><v>1</v></c></row>`, ``)
	f.Add(`<row r="0"><c r="A0"><v>1e308</v></c></row>`, `<si><t>`+strings.Repeat("x", 100)+`</t></si>`)
	f.Fuzz(func(t *testing.T, data, sst string) {
		readWorkbookBytes(t, rawWorkbook(t, data, sst))
	})
}

// Mutations of a good workbook's XML (bytes dropped, doubled, replaced with
// markup characters), with a fixed seed so a failure reproduces: every one
// is read or refused, none panics.
func TestWorkbookMutationsNeverPanic(t *testing.T) {
	good := `<row r="1">` + eventsHeaderCells + `</row>` +
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>purchase</t></is></c><c r="C2" s="1"><v>45896.7458680556</v></c><c r="D2"><v>12.299999999999999</v></c></row>` +
		`<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="d"><v>2025-08-27T17:54:03</v></c><c r="D3" t="e"><v>#N/A</v></c></row>`
	sst := `<si><t>M1</t></si><si><r><t>M</t></r><r><t>2</t></r></si>`
	marks := []byte(`<>/="&;0123456789.-ErstvcA `)
	rng := uint64(20261202)
	next := func(n int) int { // xorshift: no package state, same sequence every run
		rng ^= rng << 13
		rng ^= rng >> 7
		rng ^= rng << 17
		return int(rng % uint64(n))
	}
	mutate := func(s string) string {
		b := []byte(s)
		for k := 1 + next(4); k > 0 && len(b) > 0; k-- {
			i := next(len(b))
			switch next(3) {
			case 0:
				b = append(b[:i], b[i+1:]...)
			case 1:
				b = append(b[:i], append([]byte{b[i]}, b[i:]...)...)
			default:
				b[i] = marks[next(len(marks))]
			}
		}
		return string(b)
	}
	n := 300
	if testing.Short() {
		n = 50
	}
	for i := 0; i < n; i++ {
		data, strs := good, sst
		if next(2) == 0 {
			data = mutate(data)
		} else {
			strs = mutate(strs)
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("mutation %d panicked: %v\ndata %q\nsst %q", i, p, data, strs)
				}
			}()
			readWorkbookBytes(t, rawWorkbook(t, data, strs))
		}()
	}
}
