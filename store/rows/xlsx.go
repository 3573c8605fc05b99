package rows

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Workbook input. An Excel workbook (.xlsx) is one more source of records
// for the Reader, beside CSV and JSON Lines: the sheet's rows are read one at
// a time with excelize's streaming iterator (Rows), each cell as the workbook
// holds it (RawCellValue) and converted by its column's field (see
// convertCell), and from there on a row goes through the same header mapping,
// kinds, checks, limits and rejects as a CSV record. A row's line is its row
// number in the sheet.
//
// Limits that keep a hostile file from exhausting memory or disk (checked on
// the zip's directory before excelize reads anything): the workbook may
// unpack to at most maxWorkbookUnzip bytes, the shared strings part to at most
// maxSharedStrings, and every other part (styles, workbook, rels …) apart from
// the worksheets to at most maxWorkbookPart. Worksheets and shared strings
// larger than 16 MiB are unpacked by excelize to temporary files, not memory.

const (
	maxWorkbookUnzip = 4 << 30
	maxSharedStrings = 256 << 20
	maxWorkbookPart  = 64 << 20
)

// zipMagic and oleMagic are how a workbook file begins: an .xlsx is a zip; an
// .xls (Excel 97-2003) or an encrypted .xlsx is an OLE compound file.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// IsWorkbook reports whether a file beginning with head (its first bytes, 8 are
// enough) is a zip or OLE file, i.e. an Excel workbook rather than text: such
// a file is opened with OpenWorkbook, not read as CSV.
func IsWorkbook(head []byte) bool {
	return bytes.HasPrefix(head, zipMagic) || bytes.HasPrefix(head, oleMagic)
}

// notXLSXHint is the advice for a file that is not an .xlsx workbook.
const notXLSXHint = "save it as an Excel workbook (.xlsx) or as CSV UTF-8"

// SheetSource is one sheet of an .xlsx workbook as a Source for
// NewSourceReader. The first row with a value is the header (as the Reader
// takes it); it tells the source which field each column holds, so that the
// cells of the following rows are converted by their column's field (see
// convertCell). Call Close to release the workbook's temporary files.
type SheetSource struct {
	f        *excelize.File
	rows     *excelize.Rows
	sheet    string
	sheets   []string
	date1904 bool
	header   bool       // the header row has been read
	kinds    []cellKind // by column of the header
	rowNo    int        // row number of the last row read (1-based)
	rec      []string
	opts     excelize.Options
}

// OpenSheet opens the workbook at path and positions a source on the named
// sheet: the first sheet when sheet is empty, else the sheet of that name
// (compared case-insensitively when no name matches exactly, as Excel does).
// A file that is not an .xlsx workbook (an .xls, an encrypted workbook, not a
// zip, a zip without a workbook), a missing sheet, or parts that would unpack
// beyond the limits are errors that say what to do.
func OpenSheet(path, sheet string) (*SheetSource, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var head [8]byte
	n, _ := io.ReadFull(fh, head[:])
	if bytes.HasPrefix(head[:n], oleMagic) {
		return nil, fmt.Errorf("an Excel 97-2003 (.xls) or password-protected workbook, which cannot be read: %s", notXLSXHint)
	}
	if err := checkZip(fh); err != nil {
		return nil, err
	}
	f, err := openExcelize(path)
	if err != nil {
		return nil, fmt.Errorf("not a readable Excel workbook (%v): %s", err, notXLSXHint)
	}
	src, err := newSheetSource(f, sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	return src, nil
}

// openExcelize opens a workbook with excelize, turning a panic inside it (a
// malformed part it does not expect) into an error.
func openExcelize(path string) (f *excelize.File, err error) {
	defer func() {
		if p := recover(); p != nil {
			if f != nil {
				f.Close()
			}
			f, err = nil, fmt.Errorf("malformed workbook: %v", p)
		}
	}()
	f, err = excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: maxWorkbookUnzip})
	if err != nil && f != nil {
		f.Close()
		f = nil
	}
	return f, err
}

// checkZip looks at the zip's directory: a file that is not a zip, or whose
// parts would unpack beyond the limits, is refused before excelize reads it.
func checkZip(fh *os.File) error {
	st, err := fh.Stat()
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(fh, st.Size())
	if err != nil {
		return fmt.Errorf("not a readable Excel workbook (%v): %s", err, notXLSXHint)
	}
	var total uint64
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		total += size
		name := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		switch {
		case total > maxWorkbookUnzip:
			return fmt.Errorf("the workbook unpacks to more than %d GiB: %s", maxWorkbookUnzip>>30, notXLSXHint)
		case strings.HasPrefix(name, "xl/worksheets/"):
		case name == "xl/sharedstrings.xml":
			if size > maxSharedStrings {
				return fmt.Errorf("the workbook's shared strings unpack to %d MiB, more than %d MiB: %s", size>>20, maxSharedStrings>>20, notXLSXHint)
			}
		case size > maxWorkbookPart:
			return fmt.Errorf("part %s of the workbook unpacks to %d MiB, more than %d MiB: %s", zf.Name, size>>20, maxWorkbookPart>>20, notXLSXHint)
		}
	}
	return nil
}

func newSheetSource(f *excelize.File, sheet string) (src *SheetSource, err error) {
	defer func() {
		if p := recover(); p != nil {
			src, err = nil, fmt.Errorf("malformed workbook: %v: %s", p, notXLSXHint)
		}
	}()
	list := f.GetSheetList()
	if len(list) == 0 {
		return nil, fmt.Errorf("the workbook has no sheet: %s", notXLSXHint)
	}
	if sheet == "" {
		sheet = list[0]
	} else {
		found := false
		for _, s := range list {
			if s == sheet {
				found = true
				break
			}
		}
		if !found {
			for _, s := range list {
				if strings.EqualFold(s, sheet) {
					sheet, found = s, true
					break
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("no sheet %q in the workbook (its sheets: %s); give --sheet NAME", sheet, quoteList(list))
		}
	}
	src = &SheetSource{f: f, sheet: sheet, sheets: list, opts: excelize.Options{RawCellValue: true}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		src.date1904 = *props.Date1904
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %v: %s", sheet, err, notXLSXHint)
	}
	src.rows = rows
	return src, nil
}

// Sheet is the name of the sheet being read.
func (s *SheetSource) Sheet() string { return s.sheet }

// Sheets are the names of the workbook's sheets, in order.
func (s *SheetSource) Sheets() []string { return s.sheets }

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// Next implements Source: the next row that has a cell, with its row number.
// Trailing empty cells are absent (the Reader reads missing fields as empty).
// A row whose cells the workbook cannot give (a shared string index out of
// range), or with a value in a column after the header's last, comes back
// with a *FieldError: the Reader rejects it and reads on. At the end it
// returns io.EOF; a sheet beyond Excel's 1,048,576 rows is a fatal error.
func (s *SheetSource) Next() (fields []string, line int, err error) {
	defer func() {
		if p := recover(); p != nil {
			fields, line, err = nil, 0, fmt.Errorf("sheet %q near row %d: malformed: %v", s.sheet, s.rowNo, p)
		}
	}()
	for s.rows.Next() {
		s.rowNo++
		cells, cerr := s.rows.Columns(s.opts)
		if cerr != nil {
			if errors.Is(cerr, excelize.ErrMaxRows) {
				return nil, 0, fmt.Errorf("sheet %q: %w", s.sheet, cerr)
			}
			return cells, s.rowNo, &FieldError{Line: s.rowNo, Reason: "a cell cannot be read: " + cerr.Error()}
		}
		if blank(cells) {
			continue
		}
		if !s.header {
			s.header = true
			s.kinds = make([]cellKind, len(cells))
			for i, h := range cells {
				if f, ok := lookupField(h); ok {
					s.kinds[i] = cellKindOf(f)
				}
			}
			return cells, s.rowNo, nil
		}
		if len(cells) > len(s.kinds) {
			for i := len(s.kinds); i < len(cells); i++ {
				if trim(cells[i]) != "" {
					return cells, s.rowNo, &FieldError{Line: s.rowNo, Reason: fmt.Sprintf(
						"a value in column %s, which has no header: give the column a header or clear it", columnName(i))}
				}
			}
			cells = cells[:len(s.kinds)]
		}
		s.rec = s.rec[:0]
		for i, c := range cells {
			if c != "" {
				c = convertCell(c, s.kinds[i], s.date1904)
			}
			s.rec = append(s.rec, c)
		}
		return s.rec, s.rowNo, nil
	}
	if err := s.rows.Error(); err != nil {
		return nil, 0, fmt.Errorf("sheet %q: %w", s.sheet, err)
	}
	return nil, 0, io.EOF
}

// columnName is a 0-based column's letters: 0 is A, 26 is AA.
func columnName(i int) string {
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}

// Close releases the workbook's temporary files.
func (s *SheetSource) Close() error {
	var err error
	if s.rows != nil {
		err = s.rows.Close()
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}
