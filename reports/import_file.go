package reports

import (
	"context"
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
// records break), so one list says everything that keeps the file out.
type FileImport struct {
	Read WorkbookRead // without its rows once planned: the plan holds what it needs
	Plan data.ImportPlan
	Meta data.ImportMeta
}

// PlanFile reads a workbook and plans its import; it writes nothing. A file refused as a whole (not an xlsx,
// encrypted, too large…) is the error; progress, if not nil, is told how many rows have been read.
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
	plan, err := p.PlanImportTaking(ctx, read.Rows)
	if err != nil {
		return FileImport{}, err
	}
	plan.Issues = append(append([]data.ImportIssue{}, read.Issues...), plan.Issues...)
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
