package rows

import (
	"bufio"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// sniffSize is how much of a file the encoding detection looks at.
const sniffSize = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// gb18030BOM is U+FEFF encoded in GB18030.
var gb18030BOM = []byte{0x84, 0x31, 0x95, 0x33}

// looksUTF8 reports whether sample is valid UTF-8, forgiving a rune cut in two
// at its end when more of the file follows.
func looksUTF8(sample []byte, more bool) bool {
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

func newDecoder(r io.Reader, enc Encoding) (*decoder, []byte, error) {
	d := &decoder{raw: bufio.NewReaderSize(r, sniffSize), enc: EncUTF8}
	sample, err := d.raw.Peek(sniffSize)
	if err != nil && err != io.EOF {
		return nil, nil, err
	}
	switch {
	case len(sample) >= 3 && string(sample[:3]) == string(utf8BOM) && enc != EncGB18030:
		d.raw.Discard(3)
		sample = sample[3:]
		d.decide(EncUTF8)
	case len(sample) >= 4 && string(sample[:4]) == string(gb18030BOM) && enc != EncUTF8:
		d.raw.Discard(4)
		sample = sample[4:]
		d.decide(EncGB18030)
	case enc != EncAuto:
		d.decide(enc)
	default:
		if i := firstNonASCII(sample); i >= 0 {
			if looksUTF8(sample, len(sample) == sniffSize) {
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

func (d *decoder) decide(enc Encoding) {
	d.enc = enc
	if enc == EncGB18030 {
		d.dec = transform.NewReader(d.raw, simplifiedchinese.GB18030.NewDecoder())
	} else {
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
