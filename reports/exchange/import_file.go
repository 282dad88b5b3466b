package exchange

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"scitech/data"
)

// ImportPlanner is what planning a workbook's import asks of the database; *data.Store implements it.
type ImportPlanner interface {
	Parks(ctx context.Context) ([]data.Park, error)
	PlanImportTaking(ctx context.Context, rows []data.ImportRow) (data.ImportPlan, error)
}

// FileImport is one workbook on its way in: what was read of it and what importing it would do. Its plan's
// Issues hold the reader's problems (cells that could not be read, sheets refused) and the planner's (rules the
// records break), so one list says everything that keeps the file out: the first data.MaxImportIssues of them,
// the rest counted in MoreIssues. Its Warnings likewise hold the reader's and the planner's.
type FileImport struct {
	Read WorkbookRead // without its rows once planned: the plan holds what it needs
	Plan data.ImportPlan
	Meta data.ImportMeta
}

// PlanFile reads a workbook and plans its import; it writes nothing. A file refused as a whole (not an xlsx,
// encrypted, too large…) is the error; progress, if not nil, is told how many rows have been read. A file with
// more problems than are kept (WorkbookRead.Overflow) gets an Unplanned plan: its problems, never compared.
func PlanFile(ctx context.Context, p ImportPlanner, path string, progress func(rows int)) (FileImport, error) {
	parks, err := p.Parks(ctx)
	if err != nil {
		return FileImport{}, err
	}
	opt := ReadOptions{Progress: progress}
	for _, pk := range parks {
		opt.Parks = append(opt.Parks, pk.Name)
	}
	read, err := ReadWorkbook(ctx, path, opt)
	if err != nil {
		return FileImport{}, err
	}
	if read.Overflow {
		// Too many problems for the reader to keep the rows: nothing to compare, the file can only be refused.
		plan := data.UnplannedImport(read.Issues, read.MoreIssues, read.Warnings, read.MoreWarnings)
		return FileImport{Read: read, Plan: plan, Meta: ImportMetaOf(read)}, nil
	}
	plan, err := p.PlanImportTaking(ctx, read.Rows)
	if err != nil {
		return FileImport{}, err
	}
	// The reader's problems and warnings come first; of each the first data.MaxImportIssues are kept.
	plan.PrependIssues(read.Issues, read.MoreIssues)
	plan.PrependWarnings(read.Warnings, read.MoreWarnings)
	meta := ImportMetaOf(read)
	read.Rows = nil
	return FileImport{Read: read, Plan: plan, Meta: meta}, nil
}

// ImportMetaOf is what the import history keeps of a file: its name, checksum and the sheets it read.
func ImportMetaOf(read WorkbookRead) data.ImportMeta {
	m := data.ImportMeta{FileName: filepath.Base(read.File), Checksum: read.Checksum}
	seen := map[string]bool{}
	for _, r := range read.Rows {
		if !seen[r.Sheet] {
			seen[r.Sheet] = true
			m.Sheets = append(m.Sheets, r.Sheet)
		}
	}
	return m
}

// JoinFiles is the files of one import checked against each other (data.JoinImports): a record a later file
// sets otherwise than an earlier one is a problem of the later file, one it sets alike is left to the earlier
// file. The files given are not changed.
func JoinFiles(files []FileImport) []FileImport {
	plans := make([]data.ImportPlan, len(files))
	for i, f := range files {
		plans[i] = f.Plan
	}
	out := append([]FileImport(nil), files...)
	for i, p := range data.JoinImports(plans) {
		out[i].Plan = p
	}
	return out
}

// WriteProblemsWorkbook writes the problems workbook of a file to send back (WriteErrorWorkbook: a copy with
// the cells of its problems marked, or, for a file whose marked sheets are too big to load, a list of them):
// the first data.MaxImportIssues problems, with a note of how many more there are.
func WriteProblemsWorkbook(fi FileImport, w io.Writer, lang string) error {
	return WriteErrorWorkbook(fi.Read.File, MarkedIssues(fi.Plan), w, lang)
}

// MarkedIssues is what a file's problems workbook marks: the problems its plan kept (the first
// data.MaxImportIssues) and, when it found more, a note on A1 of the first problem's sheet saying how many are
// not marked.
func MarkedIssues(p data.ImportPlan) []data.ImportIssue {
	if p.MoreIssues == 0 || len(p.Issues) == 0 {
		return p.Issues
	}
	args := map[string]any{"Max": len(p.Issues), "N": p.MoreIssues}
	key := "apply.errors_marked"
	if p.Unplanned {
		key = "apply.errors_marked_least" // the reader stopped counting what the planner would have found
	}
	note := data.ImportIssue{File: p.Issues[0].File, Sheet: p.Issues[0].Sheet, Err: &data.Error{Code: data.Invalid,
		Key: key, Args: args,
		Message: fmt.Sprintf("only the first %d problems are marked; %d more are not", len(p.Issues), p.MoreIssues)}}
	return append([]data.ImportIssue{note}, p.Issues...)
}
