package rows

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how much of a file the encoding detection looks at.
const sniffSize = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// gb18030BOM is U+FEFF encoded in GB18030.
var gb18030BOM = []byte{0x84, 0x31, 0x95, 0x33}

// looksUTF8 weighs the evidence of sample (the window the decision is taken
// on) for UTF-8 against GB18030, line by line: a line holding non-ASCII bytes
// counts against UTF-8 when it is not valid UTF-8, and against GB18030 when it
// is not valid GB18030. The encoding with fewer bad lines wins; a tie goes to
// UTF-8. So a UTF-8 file with a few damaged rows (a character cut by a
// byte-length column) stays UTF-8 and only those rows are rejected, while GBK
// text, which is rarely valid UTF-8 for a whole line, is GB18030. A rune (and
// a line) cut at the window's end is forgiven when more of the file follows.
func looksUTF8(sample []byte, more bool) bool {
	if more {
		if i := bytes.LastIndexByte(sample, '\n'); i >= 0 && firstNonASCII(sample[:i]) >= 0 {
			sample = sample[:i+1] // judge whole lines only
		}
	}
	if validUTF8Tail(sample, more) {
		return true
	}
	badUTF8, badGB := 0, 0
	for len(sample) > 0 {
		line := sample
		if i := bytes.IndexByte(sample, '\n'); i >= 0 {
			line, sample = sample[:i], sample[i+1:]
		} else {
			sample = nil
		}
		if firstNonASCII(line) < 0 {
			continue
		}
		if !validUTF8Tail(line, more && len(sample) == 0) && !onlyCutRunes(line) {
			badUTF8++
		}
		if !validGB18030(line) {
			badGB++
		}
	}
	return badUTF8 <= badGB
}

// onlyCutRunes reports whether every fault of line as UTF-8 is a rune cut
// short in front of an ASCII byte of the same line: a lead byte followed by
// fewer continuation bytes than it announces, then a delimiter or a quote.
// That is what a byte-length column leaves in a UTF-8 export ("小程\xe5\xba,");
// GBK text almost never has that shape, since its trail bytes are rarely UTF-8
// continuation bytes in the right number. Such a line is no evidence against
// UTF-8, so an otherwise ASCII file with one damaged row stays UTF-8 and only
// that row is rejected (it would otherwise decode as GB18030 and store a wrong
// character silently). A rune cut at the line's end is not forgiven here: it
// reads as GBK just as well.
func onlyCutRunes(line []byte) bool {
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if r, n := utf8.DecodeRune(line[i:]); r != utf8.RuneError || n > 1 {
			i += n
			continue
		}
		want := 0
		switch {
		case c >= 0xC2 && c <= 0xDF:
			want = 2
		case c >= 0xE0 && c <= 0xEF:
			want = 3
		case c >= 0xF0 && c <= 0xF4:
			want = 4
		default:
			return false // a stray continuation byte or an invalid lead
		}
		j := i + 1
		for j < len(line) && j-i < want && line[j]&0xC0 == 0x80 {
			j++
		}
		if j-i >= want || j >= len(line) || line[j] >= utf8.RuneSelf {
			return false // not cut short, or cut at the line's end, or not in front of ASCII
		}
		i = j
	}
	return true
}

// validGB18030 reports whether b is well-formed GB18030: every byte above
// 0x7F starts a two-byte sequence (lead 0x81–0xFE, trail 0x40–0x7E or
// 0x80–0xFE) or a four-byte one (0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39).
func validGB18030(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			continue
		}
		if c == 0x80 || c == 0xFF || i+1 >= len(b) {
			return false
		}
		t := b[i+1]
		switch {
		case (t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFE):
			i += 2
		case t >= 0x30 && t <= 0x39 && i+3 < len(b) && b[i+2] >= 0x81 && b[i+2] <= 0xFE && b[i+3] >= 0x30 && b[i+3] <= 0x39:
			i += 4
		default:
			return false
		}
	}
	return true
}

// validUTF8Tail is utf8.Valid, forgiving a rune cut at the end when more
// follows.
func validUTF8Tail(sample []byte, more bool) bool {
	if more {
		for i := 1; i <= utf8.UTFMax-1 && i <= len(sample); i++ {
			c := sample[len(sample)-i]
			if utf8.RuneStart(c) {
				if c >= utf8.RuneSelf && !utf8.FullRune(sample[len(sample)-i:]) {
					sample = sample[:len(sample)-i]
				}
				break
			}
		}
	}
	return utf8.Valid(sample)
}

// firstNonASCII returns the index of the first byte ≥ 0x80 in b, or -1.
func firstNonASCII(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if (uint64(b[i])|uint64(b[i+1])|uint64(b[i+2])|uint64(b[i+3])|uint64(b[i+4])|
			uint64(b[i+5])|uint64(b[i+6])|uint64(b[i+7]))&0x80 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// decoder turns a raw byte stream into UTF-8.
//
// Detection (EncAuto): a UTF-8 BOM means UTF-8 (the BOM is dropped). Otherwise
// the decision is taken on a window of sniffSize (64 KiB) bytes starting at the
// file's first non-ASCII byte: valid UTF-8 there (a rune cut at the window's end
// is forgiven) means UTF-8, anything else GB18030. Because ASCII reads the same
// in both, a file whose first 64 KiB are plain ASCII (ids, dates, amounts) is
// not misjudged: the decision simply waits for the first Chinese character.
//
// Limits: the window is all that is looked at. A file that mixes encodings
// (say a UTF-8 file with GBK rows appended later) is read in the encoding of its
// first window; when that is UTF-8 the foreign rows are rejected as invalid
// UTF-8 (see Reader), when it is GB18030 they decode to wrong characters
// (GB18030 decodes nearly any byte sequence). A GB18030 window that happens to
// be valid UTF-8 would be misread; with real Chinese text this needs a
// contrived byte pattern, as GBK's lead bytes are mostly not valid UTF-8.
//
// UTF-8 input is validated as it streams by (chunks are cut at rune
// boundaries): as long as nothing invalid has gone by, bad is false and the
// Reader need not check each field.
type decoder struct {
	raw *bufio.Reader
	dec io.Reader // nil until decided
	enc Encoding  // decided encoding, EncUTF8 while undecided
	bad bool      // invalid UTF-8 has been passed on
}

// ErrBinary is returned (wrapped) by NewReader for a file that is not text in
// any encoding it reads: a spreadsheet workbook or an archive (by its magic
// number), or zero bytes in more than 1% of the first 64 KiB without the
// pattern of UTF-16. A stray zero byte in a text file only rejects its row.
var ErrBinary = errors.New("not a text file (a spreadsheet workbook or an archive?): save it as CSV UTF-8 (CSV UTF-8 (逗号分隔))")

func looksBinary(sample []byte) bool {
	for _, magic := range []string{"PK\x03\x04", "\xD0\xCF\x11\xE0", "\x1F\x8B", "%PDF"} {
		if bytes.HasPrefix(sample, []byte(magic)) {
			return true
		}
	}
	return bytes.Count(sample, []byte{0})*100 > len(sample)
}

func newDecoder(r io.Reader, enc Encoding) (*decoder, []byte, error) {
	d := &decoder{raw: bufio.NewReaderSize(r, sniffSize), enc: EncUTF8}
	sample, err := d.raw.Peek(sniffSize)
	if err != nil && err != io.EOF {
		return nil, nil, err
	}
	switch {
	case len(sample) >= 2 && sample[0] == 0xFF && sample[1] == 0xFE && (enc == EncAuto || enc == EncUTF16LE):
		d.raw.Discard(2)
		d.decide(EncUTF16LE)
		return d, decodeSample(sample[2:], EncUTF16LE), nil
	case len(sample) >= 2 && sample[0] == 0xFE && sample[1] == 0xFF && (enc == EncAuto || enc == EncUTF16BE):
		d.raw.Discard(2)
		d.decide(EncUTF16BE)
		return d, decodeSample(sample[2:], EncUTF16BE), nil
	case len(sample) >= 3 && string(sample[:3]) == string(utf8BOM) && (enc == EncAuto || enc == EncUTF8):
		d.raw.Discard(3)
		sample = sample[3:]
		d.decide(EncUTF8)
	case len(sample) >= 4 && string(sample[:4]) == string(gb18030BOM) && (enc == EncAuto || enc == EncGB18030):
		d.raw.Discard(4)
		sample = sample[4:]
		d.decide(EncGB18030)
	case enc == EncUTF16LE || enc == EncUTF16BE:
		d.decide(enc)
		return d, decodeSample(sample, enc), nil
	case enc != EncAuto:
		d.decide(enc)
	default:
		if u := utf16Order(sample); u != EncAuto {
			d.decide(u)
			return d, decodeSample(sample, u), nil
		}
		if looksBinary(sample) {
			return nil, nil, ErrBinary
		}
		if i := firstNonASCII(sample); i >= 0 {
			if looksUTF8(sample[i:], len(sample) == sniffSize) {
				d.decide(EncUTF8)
			} else {
				d.decide(EncGB18030)
			}
		} else if len(sample) < sniffSize {
			d.decide(EncUTF8) // the whole file is ASCII
		}
		// else: undecided, Read decides at the first non-ASCII byte.
	}
	return d, sample, nil
}

// utf16Order tells UTF-16 without a BOM by its zero bytes: text that is mostly
// ASCII has a zero in every other byte, odd positions for little-endian.
func utf16Order(sample []byte) Encoding {
	n := len(sample) &^ 1
	if n < 4 {
		return EncAuto
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if sample[i] == 0 {
			even++
		}
		if sample[i+1] == 0 {
			odd++
		}
	}
	switch half := n / 2; {
	case odd*10 >= half*6 && even*10 < half:
		return EncUTF16LE
	case even*10 >= half*6 && odd*10 < half:
		return EncUTF16BE
	}
	return EncAuto
}

// decodeSample decodes a sample of UTF-16 for format detection.
func decodeSample(b []byte, enc Encoding) []byte {
	out, _, _ := transform.Bytes(utf16Decoder(enc), b[:len(b)&^1])
	return out
}

func utf16Decoder(enc Encoding) transform.Transformer {
	order := unicode.LittleEndian
	if enc == EncUTF16BE {
		order = unicode.BigEndian
	}
	return unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()
}

func (d *decoder) decide(enc Encoding) {
	d.enc = enc
	switch enc {
	case EncGB18030:
		d.dec = transform.NewReader(d.raw, simplifiedchinese.GB18030.NewDecoder())
	case EncUTF16LE, EncUTF16BE:
		d.dec = transform.NewReader(d.raw, utf16Decoder(enc))
	default:
		d.dec = utf8Checker{d}
	}
}

// utf8Checker passes UTF-8 through, noting in d.bad whether it was valid.
type utf8Checker struct{ d *decoder }

func (c utf8Checker) Read(p []byte) (int, error) {
	d := c.d
	if len(p) == 0 {
		return 0, nil
	}
	if d.raw.Buffered() == 0 {
		if _, err := d.raw.Peek(1); err != nil {
			return 0, err
		}
	}
	n := min(d.raw.Buffered(), len(p))
	if n < utf8.UTFMax && len(p) >= utf8.UTFMax {
		// Too little buffered to be sure to hold a whole rune: fill (at the
		// end of the file Peek returns what there is).
		b, _ := d.raw.Peek(utf8.UTFMax)
		n = len(b)
	}
	b, _ := d.raw.Peek(n)
	if !d.bad {
		// Do not cut a rune in two: hand out whole runes only, unless the
		// chunk is too short to hold one.
		n := len(b)
		for i := 1; i < utf8.UTFMax && i <= n; i++ {
			if c := b[n-i]; utf8.RuneStart(c) {
				if c >= utf8.RuneSelf && !utf8.FullRune(b[n-i:]) && n-i > 0 {
					b = b[:n-i]
				}
				break
			}
		}
		if !utf8.Valid(b) {
			d.bad = true
		}
	}
	n = copy(p, b)
	d.raw.Discard(n)
	return n, nil
}

func (d *decoder) Read(p []byte) (int, error) {
	if d.dec != nil {
		return d.dec.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	if d.raw.Buffered() == 0 {
		if _, err := d.raw.Peek(1); err != nil {
			return 0, err
		}
	}
	n := min(d.raw.Buffered(), len(p))
	b, _ := d.raw.Peek(n)
	k := firstNonASCII(b)
	if k != 0 {
		if k > 0 {
			n = k
		}
		copy(p, b[:n])
		d.raw.Discard(n)
		return n, nil
	}
	sample, err := d.raw.Peek(sniffSize)
	if err != nil && err != io.EOF {
		return 0, err
	}
	if looksUTF8(sample, len(sample) == sniffSize) {
		d.decide(EncUTF8)
	} else {
		d.decide(EncGB18030)
	}
	return d.dec.Read(p)
}
