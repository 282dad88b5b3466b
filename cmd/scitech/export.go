package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"scitech/assets"
	"scitech/data"
	"scitech/reports/exchange"
)

// runExport writes every record of a kind to an XLSX file, with the headers and labels the window shows.
func runExport(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("export", stderr)
	pos, err := parseFlags(tr, fs, args)
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
	if code := refuseOutputs(tr, stderr, *db, []string{path}); code != exitOK {
		return code
	}
	s, code := openStoreToRead(tr, *db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	// The rows stream through, so the export holds little (under 50 MB of heap at 100,000 companies) and Go's
	// default would collect every few megabytes; a fourfold margin halves the collections and stays far below
	// 250 MB.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	rows := &exportRows{kind: kind, columns: columns}
	err = writeFileAtomic(path, func(w io.Writer) error {
		return exchange.WriteTableRows(w, exportHeader(tr, kind, columns), rows.start(tr, s))
	})
	rows.finish()
	if rows.readErr != nil {
		return refuse(tr, stderr, rows.readErr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", path, err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "%s\t%d\n", path, rows.n)
	return exitOK
}

// exportRows reads a kind's records from the database on one goroutine, with their codes' labels, while the
// workbook is written on another: at 100,000 companies reading them takes half as long as writing them, and
// the two overlap instead of adding up. The rows go over in batches, a few of them in flight at a time.
type exportRows struct {
	kind    string
	columns []data.ExportColumn
	batches chan [][]string
	stop    chan struct{}
	batch   [][]string
	n       int
	readErr error // set before batches is closed
}

// exportBatch is how many rows go over at a time.
const exportBatch = 512

// start begins reading and returns the function that hands the rows over one by one, for WriteTableRows.
func (e *exportRows) start(tr *assets.Translator, s *data.Store) func() ([]string, bool, error) {
	e.batches, e.stop = make(chan [][]string, 4), make(chan struct{})
	go func() {
		defer close(e.batches)
		send := func(b [][]string) error {
			select {
			case e.batches <- b:
				return nil
			case <-e.stop:
				return errExportStopped
			}
		}
		batch := make([][]string, 0, exportBatch)
		err := s.ExportEach(context.Background(), e.kind, func(row []string) error {
			batch = append(batch, labelRow(tr, e.columns, row))
			if len(batch) < exportBatch {
				return nil
			}
			b := batch
			batch = make([][]string, 0, exportBatch)
			return send(b)
		})
		if err == nil && len(batch) > 0 {
			err = send(batch)
		}
		if err != errExportStopped {
			e.readErr = err
		}
	}()
	return e.next
}

var errExportStopped = fmt.Errorf("the export was stopped")

// finish stops the reading when the workbook was not written to the end, and waits for it to be over.
func (e *exportRows) finish() {
	if e.stop == nil {
		return // never started
	}
	close(e.stop)
	for range e.batches {
	}
}

func (e *exportRows) next() ([]string, bool, error) {
	for len(e.batch) == 0 {
		b, ok := <-e.batches
		if !ok {
			return nil, false, e.readErr
		}
		e.batch = b
	}
	row := e.batch[0]
	e.batch = e.batch[1:]
	e.n++
	return row, true, nil
}

// exportHeader is the workbook's sheet name and headers in the user's language.
func exportHeader(tr *assets.Translator, kind string, columns []data.ExportColumn) exchange.Table {
	t := exchange.Table{Sheet: tr.T("export.kind." + kind)}
	for _, c := range columns {
		t.Headers = append(t.Headers, tr.T(c.Key))
		t.Numeric = append(t.Numeric, c.Number)
	}
	return t
}

// labelRow puts a row's codes into the user's language.
func labelRow(tr *assets.Translator, columns []data.ExportColumn, row []string) []string {
	for i, v := range row {
		if c := columns[i]; c.Codes != "" && v != "" {
			row[i] = tr.T(c.Codes + v)
		}
	}
	return row
}

// exportTable is a whole kind's table as `scitech export` writes it, in the command line's language (the
// benchmark's anchor writes these cells).
func exportTable(kind string, columns []data.ExportColumn, tbl data.Table) exchange.Table {
	tr := cliTranslator()
	t := exportHeader(tr, kind, columns)
	for _, row := range tbl.Rows {
		t.Rows = append(t.Rows, labelRow(tr, columns, append([]string(nil), row...)))
	}
	return t
}
