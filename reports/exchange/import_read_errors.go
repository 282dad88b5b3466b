package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

// errorFill is the light red of a bad cell in the error workbook.
const errorFill = "FFC7CE"

// WriteErrorWorkbook writes a copy of the workbook at srcPath with each cell an issue names filled light red
// (its value and number format kept) and commented with the reason in lang, to send back to the company. An
// issue of a whole row is put on the row's first cell, one of a whole sheet on A1. A workbook whose marked
// sheets are too big to load gets a list of its problems instead (writeProblemList).
func WriteErrorWorkbook(srcPath string, issues []data.ImportIssue, w io.Writer, lang string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError(srcPath, p)
		}
	}()
	b, err := readCapped(srcPath, 0)
	if err != nil {
		return err
	}
	if err := sniff(srcPath, b); err != nil {
		return err
	}
	plan, err := checkZip(srcPath, b)
	if err != nil {
		return err
	}
	if markedSheetBytes(plan, issues) > maxMarkedSheetBytes {
		return writeProblemList(srcPath, issues, w, lang) // import_read_problems.go
	}
	f, err := openExcelize(srcPath, b)
	if err != nil {
		return err
	}
	defer closeQuietly(f)
	if err := checkAllWhole(srcPath, plan, f.CharsetReader); err != nil {
		return err // the copy would keep only what excelize read of a broken sheet
	}
	var copyBuf bytes.Buffer
	if err := guard(srcPath, func() error { return markCopy(f, issues, &copyBuf, lang) }); err != nil {
		// A workbook the reader accepted and excelize cannot mark (one without a styles part panicked in
		// excelize): its problems are written as a list, not lost.
		return writeProblemList(srcPath, issues, w, lang)
	}
	if _, err := copyBuf.WriteTo(w); err != nil {
		return fmt.Errorf("write the error workbook of %s: %w", fileBase(srcPath), err)
	}
	return nil
}

// markCopy marks the issues' cells on the open workbook and writes it, whole, to w.
func markCopy(f *excelize.File, issues []data.ImportIssue, w io.Writer, lang string) error {
	m := &errorMarker{f: f, tr: assets.NewTranslator(lang), styles: map[int]int{}}
	for _, note := range groupIssues(issues, m.tr) {
		if err := m.mark(note); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// cellNote is everything to say about one cell.
type cellNote struct {
	sheet, cell string
	lines       []string
}

// groupIssues puts the issues of one cell into one comment, in sheet and cell order.
func groupIssues(issues []data.ImportIssue, tr *assets.Translator) []cellNote {
	byCell := map[[2]string]*cellNote{}
	var order [][2]string
	for _, is := range issues {
		cell := is.Cell
		if cell == "" {
			cell = "A1"
			if is.Row > 0 {
				cell = fmt.Sprintf("A%d", is.Row)
			}
		}
		key := [2]string{is.Sheet, cell}
		n, ok := byCell[key]
		if !ok {
			n = &cellNote{sheet: is.Sheet, cell: cell}
			byCell[key] = n
			order = append(order, key)
		}
		n.lines = append(n.lines, issueText(is.Err, tr))
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i][0] < order[j][0] })
	out := make([]cellNote, len(order))
	for i, k := range order {
		out[i] = *byCell[k]
	}
	return out
}

// issueText is an issue's reason in the translator's language.
func issueText(err error, tr *assets.Translator) string {
	var de *data.Error
	if errors.As(err, &de) && de.Key != "" && tr.Has(de.Key) {
		return tr.T(de.Key, de.Args)
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// errorMarker fills and comments cells, reusing one red style per original style.
type errorMarker struct {
	f        *excelize.File
	tr       *assets.Translator
	styles   map[int]int // original style → its red copy
	comments map[string]map[string]string
}

func (m *errorMarker) mark(n cellNote) error {
	if idx, err := m.f.GetSheetIndex(n.sheet); err != nil || idx < 0 {
		return nil // a sheet the workbook does not have: nothing to mark
	}
	orig, err := m.f.GetCellStyle(n.sheet, n.cell)
	if err != nil {
		return err
	}
	red, ok := m.styles[orig]
	if !ok {
		st, err := m.f.GetStyle(orig)
		if err != nil || st == nil {
			st = &excelize.Style{}
		}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{errorFill}}
		if red, err = m.f.NewStyle(st); err != nil {
			return err
		}
		m.styles[orig] = red
	}
	if err := m.f.SetCellStyle(n.sheet, n.cell, n.cell, red); err != nil {
		return err
	}
	text := strings.Join(n.lines, "\n")
	if old := m.existingComment(n.sheet, n.cell); old != "" {
		text = old + "\n" + text
		if err := m.f.DeleteComment(n.sheet, n.cell); err != nil {
			return err
		}
	}
	author := m.tr.T("import.comment.author")
	return m.f.AddComment(n.sheet, excelize.Comment{Cell: n.cell, Author: author, Width: 300, Height: 40 + 20*uint(len(n.lines)),
		Paragraph: []excelize.RichTextRun{{Text: author + ":\n", Font: &excelize.Font{Bold: true}}, {Text: text}}})
}

// existingComment is the text of a comment the cell already has (the company's own note is kept).
func (m *errorMarker) existingComment(sheet, cell string) string {
	if m.comments == nil {
		m.comments = map[string]map[string]string{}
	}
	cs, ok := m.comments[sheet]
	if !ok {
		cs = map[string]string{}
		list, _ := m.f.GetComments(sheet)
		for _, c := range list {
			text := c.Text
			for _, p := range c.Paragraph {
				text += p.Text
			}
			cs[c.Cell] = text
		}
		m.comments[sheet] = cs
	}
	return cs[cell]
}
