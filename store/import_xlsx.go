package store

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/memberops/cockpit/store/rows"
)

// openTable prepares the rows reader of an input file: an Excel workbook (told
// by its first bytes, whatever its name) is read through a rows.SheetSource,
// the sheet given or the first; anything else as CSV or JSON Lines text from
// r (the file, possibly wrapped to count bytes). src is nil for text; the
// caller closes it when done.
func openTable(f *os.File, r io.Reader, path, sheet string, opt rows.Options) (*rows.Reader, *rows.SheetSource, error) {
	var head [8]byte
	n, _ := f.ReadAt(head[:], 0)
	if !rows.IsWorkbook(head[:n]) {
		if sheet != "" {
			return nil, nil, fmt.Errorf("%s: %w", path, errSheetNotWorkbook)
		}
		rd, err := rows.NewReader(bufio.NewReaderSize(r, 1<<20), path, opt)
		return rd, nil, err
	}
	src, err := rows.OpenSheet(path, sheet)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err) // as the reader's errors, named by the file
	}
	rd, err := rows.NewSourceReader(src, path, opt)
	if err != nil {
		src.Close()
		return nil, nil, err
	}
	return rd, src, nil
}

// errSheetNotWorkbook is the error for --sheet on a text file.
var errSheetNotWorkbook = sheetError("--sheet is for Excel workbooks (.xlsx); this file is text (CSV or JSON Lines)")

type sheetError string

func (e sheetError) Error() string { return string(e) }
