package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"scitech/assets"
	"scitech/data"
	"scitech/reports/exchange"
	"scitech/usertext"
)

// runImport reads workbooks, shows per file what importing them would change, and writes them only when no
// file has a problem: all of them in one transaction, or none. The files are checked against each other as
// well as against the database (a record two files set differently is a problem). With --dry-run nothing is
// written, and the database is read as the read-only commands read it; with --errors a copy of each file with
// problems is written with the bad cells marked (or, where exchange.WriteErrorWorkbook finds the marked copy too
// large, a list of its problems) — never onto an input or the database. Of the problems, the first
// data.MaxImportIssues are listed and marked, the rest counted.
func runImport(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("import", stderr)
	dryRun := fs.Bool("dry-run", false, "show what would change, write nothing")
	errPath := fs.String("errors", "", "write the file with its problems marked to this .xlsx")
	files, err := parseFlags(tr, fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) == 0 || (*errPath != "" && !strings.HasSuffix(strings.ToLower(*errPath), ".xlsx")) {
		fmt.Fprintln(stderr, tr.T("apply.usage"))
		return exitUsage
	}
	// Before anything is read: the problems workbook must not land on a file the import reads or writes.
	if err := refuseErrorTargets(errorTargets(*errPath, files), files, *db); err != nil {
		fmt.Fprintln(stderr, usertext.Error(tr, err))
		return exitUsage
	}
	// A dry run writes nothing, so it reads the database as the read-only commands do: beside the window that
	// holds it, rather than stopping as an import that writes must.
	open := openStore
	if *dryRun {
		open = openStoreToRead
	}
	s, code := open(tr, *db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}
	ctx := context.Background()
	jobs, code := planImports(tr, ctx, s, files, stderr)
	if jobs == nil {
		return code
	}
	joined := exchange.JoinFiles(jobs) // what each file does beside the others, as it would be written
	printImportPlans(tr, stdout, joined)
	if n, atLeast := importIssueCount(joined); n > 0 || atLeast {
		if code := writeErrorWorkbooks(tr, joined, *errPath, files, *db, stdout, stderr); code != exitOK {
			return code
		}
		key := "apply.refused"
		if atLeast {
			key = "apply.refused_least"
		}
		fmt.Fprintln(stderr, tr.T(key, map[string]any{"N": n}))
		return exitRefused
	}
	if *dryRun {
		fmt.Fprintln(stdout, tr.T("apply.dry_run"))
		return exitOK
	}
	return applyImports(tr, ctx, s, jobs, stdout, stderr)
}

// importMemoryLimit is the heap the import asks Go's collector to stay under. It is a soft limit: the collector
// runs more often as the heap nears it, never fails for it. Collecting only when the heap had doubled, a
// workbook of a million rows reached 830 MB resident; at 384 MB a hostile file of a million bad rows in shared
// strings still peaked at 265-320 MB, over the 256 MB such a file may take (issue 14). At 224 MB it peaked at
// 241 MB in the same 6 s of processor time, and a real import of 100,000 companies took the same time as at
// 384 MB (10.0 and 10.3 s of processor time, 283 and 270 MB resident). A small import never comes near it.
const importMemoryLimit = 224 << 20

// applyImports writes every file in one transaction and says what each wrote. It is given the plans each made
// alone: ApplyImports joins them itself.
func applyImports(tr *assets.Translator, ctx context.Context, s *data.Store, jobs []exchange.FileImport, stdout, stderr io.Writer) int {
	plans, metas := make([]data.ImportPlan, len(jobs)), make([]data.ImportMeta, len(jobs))
	for i, j := range jobs {
		plans[i], metas[i] = j.Plan, j.Meta
	}
	results, err := s.ApplyImports(ctx, plans, metas)
	if err != nil {
		return refuse(tr, stderr, err) // nothing of any file was written
	}
	for i, res := range results {
		fmt.Fprintln(stdout, tr.T("apply.written", map[string]any{"File": filepath.Base(jobs[i].Read.File), "New": res.New,
			"Changed": res.Changed, "Unchanged": res.Unchanged, "ID": res.ImportID}))
	}
	return exitOK
}

// planImports reads and plans every file, each against the database. A file that cannot be read stops
// everything with exit status 2 (after every file has been tried, so that all unreadable files are named).
func planImports(tr *assets.Translator, ctx context.Context, s *data.Store, files []string, stderr io.Writer) ([]exchange.FileImport, int) {
	var jobs []exchange.FileImport
	unreadable := false
	for _, file := range files {
		job, err := exchange.PlanFile(ctx, s, file, nil)
		if err != nil {
			var e *data.Error
			if !errors.As(err, &e) || e.Field != "file" {
				return nil, refuse(tr, stderr, err) // the database, not the file, failed
			}
			fmt.Fprintln(stderr, usertext.Error(tr, err))
			unreadable = true
			continue
		}
		jobs = append(jobs, job)
	}
	if unreadable {
		return nil, exitUsage
	}
	return jobs, exitOK
}

// printImportPlans prints the plan of each file, saying first that several files go in together.
func printImportPlans(tr *assets.Translator, w io.Writer, jobs []exchange.FileImport) {
	if len(jobs) > 1 {
		fmt.Fprintln(w, tr.T("apply.together"))
	}
	for _, j := range jobs {
		printImportPlan(tr, w, j.Read, j.Plan)
	}
}

// importIssueCount is how many problems the files have; atLeast when a file had too many to be compared with
// the database (data.ImportPlan.Unplanned), whose count is then the reader's alone.
func importIssueCount(jobs []exchange.FileImport) (n int, atLeast bool) {
	for _, j := range jobs {
		n += j.Plan.IssueCount()
		atLeast = atLeast || j.Plan.Unplanned
	}
	return n, atLeast
}

// printImportPlan prints one file's plan: counts, ignored sheets, each new record, each changed one with its
// fields old → new, each warning to check (not refused) and each problem with sheet, row, cell, column, value
// and reason — of the warnings and of the problems the first data.MaxImportIssues, then how many more.
func printImportPlan(tr *assets.Translator, w io.Writer, read exchange.WorkbookRead, plan data.ImportPlan) {
	fmt.Fprintln(w, tr.T("apply.file", map[string]any{"File": read.File}))
	fmt.Fprintln(w, "  "+usertext.ImportSummary(tr, plan))
	if len(read.Ignored) > 0 {
		fmt.Fprintln(w, "  "+tr.T("apply.ignored", map[string]any{"Sheets": strings.Join(read.Ignored, "、")}))
	}
	for _, c := range plan.New {
		fmt.Fprintf(w, "  %s\t%s\n", tr.T("apply.new"), usertext.ImportChange(tr, c))
	}
	for _, c := range plan.Changed {
		fmt.Fprintf(w, "  %s\t%s\n", tr.T("apply.changed"), usertext.ImportChange(tr, c))
		for _, f := range c.Fields {
			fmt.Fprintf(w, "    %s\n", usertext.ImportFieldChange(tr, f))
		}
	}
	for _, is := range plan.Warnings {
		fmt.Fprintf(w, "  %s\t%s\n", tr.T("apply.warning"), usertext.ImportIssue(tr, is))
	}
	if plan.MoreWarnings > 0 {
		fmt.Fprintln(w, "  "+tr.T("apply.more_warnings", map[string]any{"N": plan.MoreWarnings, "Max": data.MaxImportIssues}))
	}
	for _, is := range plan.Issues {
		fmt.Fprintf(w, "  %s\t%s\n", tr.T("apply.problem"), usertext.ImportIssue(tr, is))
	}
	if plan.MoreIssues > 0 {
		fmt.Fprintln(w, "  "+usertext.ImportMoreIssues(tr, plan))
	}
}

// errorTargets is where the problems workbook of each file goes (by the file's index in files): path itself
// when one file is imported, else path-<file>.xlsx, numbered when two files have one name.
func errorTargets(path string, files []string) []string {
	if path == "" {
		return nil
	}
	if len(files) == 1 {
		return []string{path}
	}
	out := make([]string, len(files))
	used := map[string]bool{}
	stem := strings.TrimSuffix(path, filepath.Ext(path))
	for i, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		name := stem + "-" + base + ".xlsx"
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = stem + "-" + base + "-" + strconv.Itoa(n) + ".xlsx"
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// refuseErrorTargets refuses a problems workbook that would be written onto one of the files read, onto the
// database or its side files, under any spelling of their paths.
func refuseErrorTargets(targets, files []string, db string) error {
	protected := append(append([]string{}, files...), dbFile(db))
	for _, t := range targets {
		if err := data.RefuseOverwrite(t, protected...); err != nil {
			return err
		}
	}
	return nil
}

// writeErrorWorkbooks writes the problems workbook of each file with problems (exchange.WriteProblemsWorkbook:
// its bad cells marked — the first data.MaxImportIssues, and a note saying how many more there are — or for a
// large file a list of them), each to its target of errorTargets. Each target is checked again just before it
// is written.
func writeErrorWorkbooks(tr *assets.Translator, jobs []exchange.FileImport, path string, files []string, db string, stdout, stderr io.Writer) int {
	if path == "" {
		return exitOK
	}
	targets := errorTargets(path, files)
	for i, j := range jobs {
		if j.Plan.IssueCount() == 0 {
			continue
		}
		out := targets[i]
		if err := refuseErrorTargets([]string{out}, files, db); err != nil {
			fmt.Fprintln(stderr, usertext.Error(tr, err))
			return exitUsage
		}
		err := writeFileAtomic(out, func(w io.Writer) error {
			return exchange.WriteProblemsWorkbook(j, w, tr.Lang)
		})
		if err != nil {
			fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", out, err)
			return exitUsage
		}
		fmt.Fprintln(stdout, tr.T("apply.errors_written", map[string]any{"File": out}))
	}
	return exitOK
}
