package rows

import (
	"encoding/json"
	"strconv"
)

// A small JSON object scanner for JSON Lines rows. encoding/json into a map
// costs ~6 µs and ~45 allocations a row; this walks the line once, validates
// it as JSON (nested arrays and objects, which only unknown keys and tags
// carry, are checked with json.Valid), and hands out keys and values as
// substrings of the line, allocating only for strings with escapes.

// jsonKind is the kind of a scanned value.
type jsonKind uint8

const (
	jString jsonKind = iota
	jNumber
	jBool
	jNull
	jArray
	jObject
)

type jsonScanner struct {
	s   string
	i   int
	err string
}

func (p *jsonScanner) fail(what string) {
	if p.err == "" {
		p.err = "invalid JSON at column " + strconv.Itoa(p.i+1) + ": " + what
	}
}

func (p *jsonScanner) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

// str scans a string starting at the opening quote and returns its value.
func (p *jsonScanner) str() string {
	start := p.i
	p.i++
	escaped := false
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			if !escaped {
				return p.s[start+1 : p.i-1]
			}
			var v string
			if err := json.Unmarshal([]byte(p.s[start:p.i]), &v); err != nil {
				p.i = start
				p.fail("bad escape in string")
				return ""
			}
			return v
		case c == '\\':
			escaped = true
			p.i += 2
		case c < 0x20:
			p.fail("control character in string")
			return ""
		default:
			p.i++
		}
	}
	p.fail("unterminated string")
	return ""
}

func (p *jsonScanner) digits() int {
	n := 0
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}

// num scans a number and returns its literal text.
func (p *jsonScanner) num() string {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if p.digits() == 0 {
		p.fail("bad number")
		return ""
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			p.fail("bad number")
			return ""
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			p.fail("bad number")
			return ""
		}
	}
	return p.s[start:p.i]
}

// nested scans an array or object starting at its bracket and returns its
// text, validated.
func (p *jsonScanner) nested() string {
	start := p.i
	depth := 0
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				p.i++
				v := p.s[start:p.i]
				if !json.Valid([]byte(v)) {
					p.i = start
					p.fail("bad array or object")
					return ""
				}
				return v
			}
		case '"':
			p.str()
			if p.err != "" {
				return ""
			}
			continue
		}
		p.i++
	}
	p.fail("unterminated array or object")
	return ""
}

func (p *jsonScanner) lit(word string) bool {
	if len(p.s)-p.i >= len(word) && p.s[p.i:p.i+len(word)] == word {
		p.i += len(word)
		return true
	}
	p.fail("bad literal")
	return false
}

// value scans any value: strings come back unquoted, numbers, true and false as
// their literal text, null as "", arrays and objects as their JSON text.
func (p *jsonScanner) value() (string, jsonKind) {
	if p.i >= len(p.s) {
		p.fail("value expected")
		return "", jNull
	}
	switch c := p.s[p.i]; {
	case c == '"':
		return p.str(), jString
	case c == '-' || (c >= '0' && c <= '9'):
		return p.num(), jNumber
	case c == 't':
		p.lit("true")
		return "true", jBool
	case c == 'f':
		p.lit("false")
		return "false", jBool
	case c == 'n':
		p.lit("null")
		return "", jNull
	case c == '[':
		return p.nested(), jArray
	case c == '{':
		return p.nested(), jObject
	}
	p.fail("value expected")
	return "", jNull
}

// jsonPair is one key and value of an object.
type jsonPair struct {
	key, val string
	kind     jsonKind
}

// scanObject walks a JSON object, appending its keys and values to out; it
// stops at the first syntax error and returns it ("" when the line is a valid
// object).
func scanObject(line string, out []jsonPair) ([]jsonPair, string) {
	p := jsonScanner{s: line}
	p.ws()
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		if p.i < len(p.s) && json.Valid([]byte(line)) {
			return out, "not a JSON object"
		}
		p.fail("object expected")
		return out, p.err
	}
	p.i++
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
	} else {
		for {
			p.ws()
			if p.i >= len(p.s) || p.s[p.i] != '"' {
				p.fail("key expected")
				return out, p.err
			}
			key := p.str()
			p.ws()
			if p.err == "" && (p.i >= len(p.s) || p.s[p.i] != ':') {
				p.fail("':' expected")
			}
			if p.err != "" {
				return out, p.err
			}
			p.i++
			p.ws()
			val, k := p.value()
			if p.err != "" {
				return out, p.err
			}
			out = append(out, jsonPair{key, val, k})
			p.ws()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.s) && p.s[p.i] == '}' {
				p.i++
				break
			}
			p.fail("',' or '}' expected")
			return out, p.err
		}
	}
	p.ws()
	if p.i != len(p.s) {
		p.fail("text after the object")
		return out, p.err
	}
	return out, ""
}
