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
		res, err := s.ApplyImport(ctx, j.Plan, j.Meta)
		if err != nil {
			fmt.Fprintln(stderr, filepath.Base(j.Read.File)+":")
			return refuse(stderr, err)
		}
		fmt.Fprintln(stdout, app.T("apply.written", map[string]any{"File": filepath.Base(j.Read.File), "New": res.New,
			"Changed": res.Changed, "Unchanged": res.Unchanged, "ID": res.ImportID}))
	}
	return exitOK
}

// planImports reads and plans every file, printing each plan. A file that cannot be read stops everything
// with exit status 2 (after every file has been tried, so that all unreadable files are named).
func planImports(ctx context.Context, s *data.Store, files []string, stdout, stderr io.Writer) ([]reports.FileImport, int) {
	var jobs []reports.FileImport
	unreadable := false
	for _, file := range files {
		job, err := reports.PlanFile(ctx, s, file, nil)
		if err != nil {
			var e *data.Error
			if !errors.As(err, &e) || e.Field != "file" {
				return nil, refuse(stderr, err) // the database, not the file, failed
			}
			fmt.Fprintln(stderr, app.ErrorText(err))
			unreadable = true
			continue
		}
		jobs = append(jobs, job)
		printImportPlan(stdout, job.Read, job.Plan)
	}
	if unreadable {
		return nil, exitUsage
	}
	return jobs, exitOK
}

func importIssueCount(jobs []reports.FileImport) int {
	n := 0
	for _, j := range jobs {
		n += len(j.Plan.Issues)
	}
	return n
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
		fmt.Fprintf(w, "  %s\t%s\n", app.T("apply.new"), app.ImportChangeText(c))
	}
	for _, c := range plan.Changed {
		fmt.Fprintf(w, "  %s\t%s\n", app.T("apply.changed"), app.ImportChangeText(c))
		for _, f := range c.Fields {
			fmt.Fprintf(w, "    %s\n", app.ImportFieldChangeText(f))
		}
	}
	for _, is := range plan.Warnings {
		fmt.Fprintf(w, "  %s\t%s\n", app.T("apply.warning"), app.ImportIssueText(is))
	}
	for _, is := range plan.Issues {
		fmt.Fprintf(w, "  %s\t%s\n", app.T("apply.problem"), app.ImportIssueText(is))
	}
}

// writeErrorWorkbooks writes the files with problems with their bad cells marked: to path itself when one
// file has problems, else one per file, named path-<file>.xlsx.
func writeErrorWorkbooks(jobs []reports.FileImport, path string, stdout, stderr io.Writer) int {
	if path == "" {
		return exitOK
	}
	var bad []reports.FileImport
	for _, j := range jobs {
		if len(j.Plan.Issues) > 0 {
			bad = append(bad, j)
		}
	}
	for _, j := range bad {
		out := path
		if len(bad) > 1 {
			base := strings.TrimSuffix(filepath.Base(j.Read.File), filepath.Ext(j.Read.File))
			out = strings.TrimSuffix(path, filepath.Ext(path)) + "-" + base + ".xlsx"
		}
		err := writeFileAtomic(out, func(w io.Writer) error {
			return reports.WriteErrorWorkbook(j.Read.File, j.Plan.Issues, w, app.Language())
		})
		if err != nil {
			fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", out, err)
			return exitUsage
		}
		fmt.Fprintln(stdout, app.T("apply.errors_written", map[string]any{"File": out}))
	}
	return exitOK
}
