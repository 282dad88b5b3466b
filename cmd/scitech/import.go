package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"scitech/app"
	"scitech/data"
	"scitech/reports"
)

// importJob is one file of `scitech import`: what was read and what it would do.
type importJob struct {
	read reports.WorkbookRead // without its rows once planned: the plan holds what it needs
	plan data.ImportPlan
	meta data.ImportMeta
}

// runImport reads workbooks, shows per file what importing them would change, and writes them only when no
// file has a problem: each file in its own transaction, all of it or nothing. With --dry-run nothing is
// written; with --errors a copy of each file with problems is written with the bad cells marked.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs, db := newFlags("import", stderr)
	dryRun := fs.Bool("dry-run", false, "show what would change, write nothing")
	errPath := fs.String("errors", "", "write the file with its problems marked to this .xlsx")
	files, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) == 0 || (*errPath != "" && !strings.HasSuffix(strings.ToLower(*errPath), ".xlsx")) {
		fmt.Fprintln(stderr, app.T("apply.usage"))
		return exitUsage
	}
	s, code := openStore(*db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	jobs, code := planImports(ctx, s, files, stdout, stderr)
	if jobs == nil {
		return code
	}
	if n := importIssueCount(jobs); n > 0 {
		if code := writeErrorWorkbooks(jobs, *errPath, stdout, stderr); code != exitOK {
			return code
		}
		fmt.Fprintln(stderr, app.T("apply.refused", map[string]any{"N": n}))
		return exitRefused
	}
	if *dryRun {
		fmt.Fprintln(stdout, app.T("apply.dry_run"))
		return exitOK
	}
	for _, j := range jobs {
		res, err := s.ApplyImport(ctx, j.plan, j.meta)
		if err != nil {
			fmt.Fprintln(stderr, filepath.Base(j.read.File)+":")
			return refuse(stderr, err)
		}
		fmt.Fprintln(stdout, app.T("apply.written", map[string]any{"File": filepath.Base(j.read.File), "New": res.New,
			"Changed": res.Changed, "Unchanged": res.Unchanged, "ID": res.ImportID}))
	}
	return exitOK
}

// planImports reads and plans every file, printing each plan. A file that cannot be read stops everything
// with exit status 2 (after every file has been tried, so that all unreadable files are named).
func planImports(ctx context.Context, s *data.Store, files []string, stdout, stderr io.Writer) ([]importJob, int) {
	parks, err := s.Parks(ctx)
	if err != nil {
		return nil, refuse(stderr, err)
	}
	opt := reports.ReadOptions{}
	for _, p := range parks {
		opt.Parks = append(opt.Parks, p.Name)
	}
	var jobs []importJob
	unreadable := false
	for _, file := range files {
		read, err := reports.ReadWorkbook(ctx, file, opt)
		if err != nil {
			fmt.Fprintln(stderr, app.ErrorText(err))
			if data.ErrorCode(err) == data.Internal {
				fmt.Fprintln(stderr, err)
			}
			unreadable = true
			continue
		}
		plan, err := s.PlanImport(ctx, read.Rows)
		if err != nil {
			return nil, refuse(stderr, err)
		}
		plan.Issues = append(append([]data.ImportIssue{}, read.Issues...), plan.Issues...)
		meta := importMeta(read)
		read.Rows = nil
		jobs = append(jobs, importJob{read, plan, meta})
		printImportPlan(stdout, read, plan)
	}
	if unreadable {
		return nil, exitUsage
	}
	return jobs, exitOK
}

func importIssueCount(jobs []importJob) int {
	n := 0
	for _, j := range jobs {
		n += len(j.plan.Issues)
	}
	return n
}

// importMeta is what the import history keeps of a file: its name, checksum and the sheets it read.
func importMeta(read reports.WorkbookRead) data.ImportMeta {
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

// printImportPlan prints one file's plan: counts, ignored sheets, each new record, each changed one with its
// fields old → new, each warning to check (not refused) and each problem with sheet, row, cell, column, value
// and reason.
func printImportPlan(w io.Writer, read reports.WorkbookRead, plan data.ImportPlan) {
	fmt.Fprintln(w, app.T("apply.file", map[string]any{"File": read.File}))
	fmt.Fprintln(w, "  "+app.T("apply.summary", map[string]any{"New": len(plan.New), "Changed": len(plan.Changed),
		"Unchanged": plan.Unchanged, "Issues": len(plan.Issues)}))
	if len(read.Ignored) > 0 {
		fmt.Fprintln(w, "  "+app.T("apply.ignored", map[string]any{"Sheets": strings.Join(read.Ignored, "、")}))
	}
	for _, c := range plan.New {
		fmt.Fprintf(w, "  %s\t%s\n", app.T("apply.new"), changeLine(c))
	}
	for _, c := range plan.Changed {
		fmt.Fprintf(w, "  %s\t%s\n", app.T("apply.changed"), changeLine(c))
		for _, f := range c.Fields {
			fmt.Fprintf(w, "    %s: %s → %s\n", columnLabel(f.Field), changeValue(f, f.Old), changeValue(f, f.New))
		}
	}
	for _, is := range plan.Warnings {
		fmt.Fprintf(w, "  %s\t%s\n", app.T("apply.warning"), issueLine(is))
	}
	for _, is := range plan.Issues {
		fmt.Fprintf(w, "  %s\t%s\n", app.T("apply.problem"), issueLine(is))
	}
}

func changeLine(c data.ImportChange) string {
	where := app.T("apply.at_row", map[string]any{"Sheet": c.Sheet, "Row": c.Row})
	return fmt.Sprintf("%s\t%s\t%s\t(%s)", app.T("export.kind."+c.Kind), c.Key, c.Label, where)
}

// issueLine is one problem: where it is, the column, the value as typed, and the reason.
func issueLine(is data.ImportIssue) string {
	var b strings.Builder
	if is.Row > 0 {
		b.WriteString(app.T("apply.at_row", map[string]any{"Sheet": is.Sheet, "Row": is.Row}))
	} else {
		b.WriteString(app.T("apply.at_sheet", map[string]any{"Sheet": is.Sheet}))
	}
	if is.Cell != "" {
		b.WriteString(" " + is.Cell)
	}
	if is.Field != "" {
		b.WriteString(" " + columnLabel(is.Field))
	}
	if is.Value != "" {
		b.WriteString(" “" + is.Value + "”")
	}
	b.WriteString(": " + reasonText(is.Err))
	return b.String()
}

// reasonText is an issue's reason without the field's name, which the line names already.
func reasonText(err error) string {
	var e *data.Error
	if errors.As(err, &e) && e.Code != data.Internal {
		c := *e
		c.Field = ""
		return app.ErrorText(&c)
	}
	return app.ErrorText(err)
}

// columnLabel is the header a field has in a template and an export.
func columnLabel(field string) string {
	if l := app.T("col." + field); l != "col."+field {
		return l
	}
	return app.FieldLabel(field)
}

// changeValue shows a value of a field change: a code as its label, nothing as a dash.
func changeValue(f data.FieldChange, v string) string {
	switch {
	case v == "":
		return "—"
	case f.Codes != "":
		return app.T(f.Codes + v)
	}
	return v
}

// writeErrorWorkbooks writes the files with problems with their bad cells marked: to path itself when one
// file has problems, else one per file, named path-<file>.xlsx.
func writeErrorWorkbooks(jobs []importJob, path string, stdout, stderr io.Writer) int {
	if path == "" {
		return exitOK
	}
	var bad []importJob
	for _, j := range jobs {
		if len(j.plan.Issues) > 0 {
			bad = append(bad, j)
		}
	}
	for _, j := range bad {
		out := path
		if len(bad) > 1 {
			base := strings.TrimSuffix(filepath.Base(j.read.File), filepath.Ext(j.read.File))
			out = strings.TrimSuffix(path, filepath.Ext(path)) + "-" + base + ".xlsx"
		}
		err := writeFileAtomic(out, func(w io.Writer) error {
			return reports.WriteErrorWorkbook(j.read.File, j.plan.Issues, w, app.Language())
		})
		if err != nil {
			fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", out, err)
			return exitUsage
		}
		fmt.Fprintln(stdout, app.T("apply.errors_written", map[string]any{"File": out}))
	}
	return exitOK
}
