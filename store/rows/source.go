package rows

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"
)

// Source yields the records of a tabular file: a CSV text here, a spreadsheet
// elsewhere. A Reader built on a Source (NewSourceReader) takes the first
// non-blank record as the header and decodes every later record into a member
// or an event, with the same checks whatever the source.
type Source interface {
	// Next returns the next record: its fields and the 1-based line (or sheet
	// row) where it starts. At the end it returns io.EOF. A record that cannot
	// be split into fields (a quote never closed) comes back with a
	// *FieldError as err, Line set, and the fields as far as they could be
	// told apart; the Reader rejects that row and goes on. Any other error is
	// fatal. The fields are valid until the next call.
	Next() (fields []string, line int, err error)
}

// Limits of one CSV record spread over several lines by a quoted field. A
// quote that is not closed within them is taken as a mistake (a value such as
// `"Tom` with no closing quote), not as a field holding the rest of the file:
// the record is rejected at its first line and reading resumes on the line
// after it.
const (
	maxRecordLines = 100
	maxRecordBytes = 1 << 20
)

// csvSource splits CSV text (already decoded to UTF-8) into records. Quoting is
// RFC 4180 and lenient: a quote inside an unquoted field is a character, and
// so is a quote inside a quoted field that is not followed by the delimiter or
// the end of the line. Line endings are "\n" or "\r\n".
type csvSource struct {
	br     *bufio.Reader
	delim  byte
	lineNo int      // physical lines handed out so far
	replay [][]byte // lines to read again after an unclosed quote, in order
	long   []byte   // a line longer than the bufio buffer
	rec    []byte   // a multi-line record being assembled
	held   [][]byte // copies of the continuation lines of rec, for replay
	out    []byte   // unquoted field text of a quoted record
	ends   []int
	fields []string
	// openField is the field whose quote was left open (for the message).
	openField int
}

func newCSVSource(r io.Reader, delim byte) *csvSource {
	return &csvSource{br: bufio.NewReaderSize(r, 64<<10), delim: delim}
}

// sniffDelimiter picks the delimiter of a CSV text from its first non-blank
// line: the most frequent of comma, tab, semicolon and '|' outside quotes; a
// comma when there is none.
func sniffDelimiter(sample []byte) byte {
	for len(sample) > 0 {
		line := sample
		if i := bytes.IndexByte(sample, '\n'); i >= 0 {
			line, sample = sample[:i], sample[i+1:]
		} else {
			sample = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var n [4]int
		cands := [4]byte{',', '\t', ';', '|'}
		quoted := false
		for _, c := range line {
			if c == '"' {
				quoted = !quoted
			}
			if quoted {
				continue
			}
			for k, d := range cands {
				if c == d {
					n[k]++
				}
			}
		}
		best := 0
		for k := range cands {
			if n[k] > n[best] {
				best = k
			}
		}
		return cands[best]
	}
	return ','
}

// readLine returns the next physical line with its ending, valid until the
// next call, and counts it.
func (s *csvSource) readLine() ([]byte, error) {
	if len(s.replay) > 0 {
		l := s.replay[0]
		s.replay = s.replay[1:]
		s.lineNo++
		return l, nil
	}
	b, err := s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.long = append(s.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = s.br.ReadSlice('\n')
			s.long = append(s.long, b...)
		}
		b = s.long
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	if len(b) == 0 {
		return nil, io.EOF
	}
	s.lineNo++
	return b, nil
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}

// Next implements Source.
func (s *csvSource) Next() ([]string, int, error) {
	line, err := s.readLine()
	if err != nil {
		return nil, 0, err
	}
	start := s.lineNo
	if bytes.IndexByte(line, '"') < 0 {
		return s.split(string(trimEOL(line))), start, nil
	}
	s.rec = append(s.rec[:0], line...)
	s.held = s.held[:0]
	for {
		if s.parseQuoted(s.rec) {
			text := string(s.out)
			s.fields = s.fields[:0]
			prev := 0
			for _, e := range s.ends {
				s.fields = append(s.fields, text[prev:e])
				prev = e
			}
			return s.fields, start, nil
		}
		more, err := s.readLine()
		if err != nil && err != io.EOF {
			return nil, 0, err
		}
		if err == io.EOF || len(s.held) >= maxRecordLines-1 || len(s.rec)+len(more) > maxRecordBytes {
			// Give the lines after the first back, and reject the first.
			back := s.held
			if err == nil {
				back = append(back, bytes.Clone(more))
			}
			s.replay = append(back, s.replay...)
			s.held = nil
			s.lineNo = start
			first := s.rec
			if i := bytes.IndexByte(first, '\n'); i >= 0 {
				first = first[:i+1]
			}
			fields := s.split(string(trimEOL(first)))
			reason := "a quote (\") opened in field " + strconv.Itoa(s.openField+1) +
				" is not closed on this line or the next " + strconv.Itoa(maxRecordLines-1) +
				"; close it or double it (\"\") inside a value"
			return fields, start, &FieldError{Line: start, Reason: reason}
		}
		s.held = append(s.held, bytes.Clone(more))
		s.rec = append(s.rec, more...)
	}
}

// split cuts an unquoted line at the delimiter; the fields share text.
func (s *csvSource) split(text string) []string {
	s.fields = s.fields[:0]
	for {
		i := strings.IndexByte(text, s.delim)
		if i < 0 {
			return append(s.fields, text)
		}
		s.fields = append(s.fields, text[:i])
		text = text[i+1:]
	}
}

// parseQuoted parses a record that holds quotes into s.out and s.ends; it
// reports false when a quoted field is still open at the end of rec (the
// record goes on on the next line), noting the field in s.openField.
func (s *csvSource) parseQuoted(rec []byte) bool {
	s.out, s.ends = s.out[:0], s.ends[:0]
	n := len(trimEOL(rec))
	i := 0
	for field := 0; ; field++ {
		if i < n && rec[i] == '"' {
			i++
			for {
				j := bytes.IndexByte(rec[i:], '"')
				if j < 0 || i+j >= n {
					s.openField = field
					return false
				}
				if seg := rec[i : i+j]; bytes.IndexByte(seg, '\r') >= 0 {
					s.out = append(s.out, bytes.ReplaceAll(seg, []byte("\r\n"), []byte("\n"))...)
				} else {
					s.out = append(s.out, seg...)
				}
				i += j + 1
				if i < n && rec[i] == '"' { // "" is one quote
					s.out = append(s.out, '"')
					i++
					continue
				}
				if i >= n || rec[i] == s.delim {
					break
				}
				s.out = append(s.out, '"') // a stray quote: a character
			}
		}
		// Unquoted text (or what follows a closing quote) up to the delimiter.
		for i < n && rec[i] != s.delim {
			s.out = append(s.out, rec[i])
			i++
		}
		s.ends = append(s.ends, len(s.out))
		if i >= n {
			return true
		}
		i++ // the delimiter
	}
}
