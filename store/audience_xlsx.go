package store

import (
	"strings"

	"github.com/memberops/cockpit/model"
	"github.com/memberops/cockpit/store/rows"
)

// WriteWorkbook writes the audience members seqs as a sheet of wb, the
// workbook form of WriteCSV: the same columns and values (ids, names, phones
// and tags as text cells, phones masked when mask is set), with the given
// column titles (the user's language; nil: WriteCSV's English header).
func (ix *AudienceIndex) WriteWorkbook(wb *rows.Workbook, sheet string, titles []string, seqs []uint32, mask bool) error {
	{
		if len(titles) != 7 {
			titles = []string{"member_id", "name", "phone", "stage", "tier", "segment", "tags"}
		}
		widths := []float64{14, 12, 14, 12, 10, 18, 24}
		cols := make([]rows.Column, len(titles))
		for i := range cols {
			cols[i] = rows.Column{Title: titles[i], Type: rows.ColText, Width: widths[i]}
		}
		sh, err := wb.AddSheet(sheet, cols)
		if err != nil {
			return err
		}
		p := ix.p
		for _, seq := range seqs {
			en := ix.Entry(seq)
			if en == nil {
				continue
			}
			phone := p.Phone(seq)
			if mask {
				phone = model.MaskPhone(phone)
			}
			seg := ""
			if en.HasSegment() {
				seg = model.Segment(en.Segment).String()
			}
			if err := sh.Write(p.ID(seq), p.Name(seq), phone, en.Stage.String(), en.Tier.String(), seg,
				strings.Join(p.MemberTags(seq), "|")); err != nil {
				return err
			}
		}
		return nil
	}
}
