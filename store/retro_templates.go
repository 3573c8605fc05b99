package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/memberops/cockpit/model"
)

// RetroTemplateDirName is the folder, beside the database file, that holds a
// team's own retro templates (*.md.tmpl, Go text/template, given the same
// model.RetroData as the built-in ones).
const RetroTemplateDirName = "retro-templates"

// RetroTemplateDir is the custom template folder of the database at dbPath.
func RetroTemplateDir(dbPath string) string {
	if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs
	}
	return filepath.Join(filepath.Dir(dbPath), RetroTemplateDirName)
}

// maxTemplateSize bounds a template file (a template is a page of text).
const maxTemplateSize = 1 << 20

// CustomRetroTemplates parses every *.md.tmpl file in dir, by name. A
// missing folder holds no templates. A file that does not parse is left
// out and its error (naming the file and the line) returned beside the
// good ones, so one broken file does not hide the others.
func CustomRetroTemplates(dir string) ([]*model.RetroTemplate, []error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []error{fmt.Errorf("retro templates %s: %w", dir, err)}
	}
	var out []*model.RetroTemplate
	var errs []error
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), model.RetroTemplateExt) {
			continue
		}
		t, err := loadTemplate(dir, e.Name())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, errs
}

func loadTemplate(dir, name string) (*model.RetroTemplate, error) {
	path := filepath.Join(dir, name)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("retro template %s: %w", path, err)
	}
	if fi.Size() > maxTemplateSize {
		return nil, fmt.Errorf("retro template %s: larger than %d bytes", path, maxTemplateSize)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("retro template %s: %w", path, err)
	}
	return model.ParseRetroTemplate(path, string(src))
}

// RetroTemplateFor returns the template a retro is rendered with: its
// custom file from dir, or the built-in template of its kind and language.
func RetroTemplateFor(r *model.Retro, dir string) (*model.RetroTemplate, error) {
	if r.Template == "" {
		return model.BuiltinRetroTemplate(r.Kind, r.LangOrDefault())
	}
	name := filepath.Base(r.Template)
	if name != r.Template || !strings.HasSuffix(name, model.RetroTemplateExt) {
		return nil, fmt.Errorf("retro template %q: want a *%s file name in %s", r.Template, model.RetroTemplateExt, dir)
	}
	return loadTemplate(dir, name)
}

// RenderRetro renders a filled retro (r.Data set) with its template from
// dir as Markdown, figures written with f.
func RenderRetro(r *model.Retro, dir string, f model.RetroFormat) (string, error) {
	if r.Data == nil {
		return "", fmt.Errorf("retro %s: figures not filled", r.ID)
	}
	t, err := RetroTemplateFor(r, dir)
	if err != nil {
		return "", err
	}
	// The narrative and the status are the record's, newer than the data's
	// copy when the data was filled before the last edit.
	d := *r.Data
	d.ID, d.Title, d.Editor = r.ID, r.Title, r.Editor
	d.Status = r.Status
	if d.Status == "" {
		d.Status = model.RetroDraft
	}
	d.Background, d.Analysis, d.Lessons, d.Playbook = r.Background, r.Analysis, r.Lessons, r.Playbook
	return t.Render(&d, f)
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder and a rename, so a reader never sees half a file (exports).
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
