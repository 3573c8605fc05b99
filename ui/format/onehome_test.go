package format

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// floatVerb matches a printf verb that writes a figure on its own: a fixed
// number of decimals (%.2f, %.1f%%, %8.2f) or e-notation and %g (which
// turns 10980562.14 into 1.098056214e+07). %.0f (a whole measurement in a
// benchmark line) is not a figure format of the product and stays allowed.
var floatVerb = regexp.MustCompile(`%[-+# 0]*(\d+|\*)?(\.(\d+|\*)?)?[eEgG]|%[-+# 0]*(\d+|\*)?\.[1-9]\d*f`)

// floatCallAllowed lists the directories (relative to the module root)
// where strconv.FormatFloat/AppendFloat may be called outside this
// package: model writes JSON numbers with them, and store/rows turns a
// workbook's number cells into the text the rows reader parses (input, not
// text for people).
var floatCallAllowed = map[string]bool{
	"model":      true,
	"store/rows": true,
}

// TestOneHomeForFigures reads every non-test Go file of the module outside
// ui/format and fails on a string literal holding a float verb (%.2f, %e,
// %g …) and, outside model's JSON, on strconv.FormatFloat/AppendFloat: every
// figure a person reads is written by this package.
func TestOneHomeForFigures(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not at %s: %v", root, err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "ui/format" || d.Name() == "testdata" || d.Name() == "vendor" || (strings.HasPrefix(d.Name(), ".") && rel != ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		files++
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(rel))
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(n.Value)
				if err != nil {
					return true
				}
				if m := floatVerb.FindString(s); m != "" {
					t.Errorf("%s: %q formats a figure on its own (use ui/format)", fset.Position(n.Pos()), m)
				}
			case *ast.SelectorExpr:
				x, ok := n.X.(*ast.Ident)
				if !ok || x.Name != "strconv" || (n.Sel.Name != "FormatFloat" && n.Sel.Name != "AppendFloat") {
					return true
				}
				if !floatCallAllowed[dir] && !floatCallAllowed[strings.SplitN(dir, "/", 2)[0]] {
					t.Errorf("%s: strconv.%s formats a figure on its own (use ui/format)", fset.Position(n.Pos()), n.Sel.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("read only %d Go files: is the walk in the right place?", files)
	}
}

// TestFloatVerbPattern pins what the check above catches.
func TestFloatVerbPattern(t *testing.T) {
	for s, want := range map[string]bool{
		"%.2f%%": true, "%.1f%%": true, "%8.2f": true, "%e": true, "%g": true, "%.3g": true, "%E": true,
		"%.0f%%": false, "%d%%": false, "%s": false, "%q": false, "%v": false, "100%": false,
	} {
		if got := floatVerb.MatchString(s); got != want {
			t.Errorf("floatVerb(%q) = %v, want %v", s, got, want)
		}
	}
}
