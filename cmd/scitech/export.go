package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"scitech/app"
	"scitech/data"
	"scitech/reports"
)

// runExport writes every record of a kind to an XLSX file, with the headers and labels the window shows.
func runExport(args []string, stdout, stderr io.Writer) int {
	fs, db := newFlags("export", stderr)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 2 {
		fmt.Fprintf(stderr, "用法 / usage: scitech export KIND FILE.xlsx\nKIND: %s\n", strings.Join(data.ExportKinds(), ", "))
		return exitUsage
	}
	kind, path := pos[0], pos[1]
	columns, ok := data.ExportColumns(kind)
	if !ok {
		fmt.Fprintf(stderr, "未知的记录种类 / unknown record kind: %s (known: %s)\n", kind, strings.Join(data.ExportKinds(), ", "))
		return exitUsage
	}
	if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
		fmt.Fprintf(stderr, "文件名应以 .xlsx 结尾 / the file name must end in .xlsx: %s\n", path)
		return exitUsage
	}
	s, code := openStoreToRead(*db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	tbl, err := s.Export(context.Background(), kind)
	if err != nil {
		return refuse(stderr, err)
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { return reports.WriteTable(w, exportTable(kind, columns, tbl)) }); err != nil {
		fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", path, err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "%s\t%d\n", path, len(tbl.Rows))
	return exitOK
}

// exportTable puts the headers and the codes' labels into the user's language.
func exportTable(kind string, columns []data.ExportColumn, tbl data.Table) reports.Table {
	t := reports.Table{Sheet: app.T("export.kind." + kind)}
	for _, c := range columns {
		t.Headers = append(t.Headers, app.T(c.Key))
		t.Numeric = append(t.Numeric, c.Number)
	}
	for _, row := range tbl.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = v
			if c := columns[i]; c.Codes != "" && v != "" {
				cells[i] = app.T(c.Codes + v)
			}
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}
