package exchange

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// ReadOptions tune ReadWorkbook.
type ReadOptions struct {
	MaxBytes int64          // the largest file accepted; 0 is DefaultMaxBytes (50 MB)
	Progress func(rows int) // called every progressEvery rows read, and at the end; may be nil
	Parks    []string       // the parks the database knows, the values of the "park" field; none: any text
}

// WorkbookRead is what ReadWorkbook found in a workbook: its rows in canonical form and the problems of its
// cells, rows and sheets.
type WorkbookRead struct {
	File     string
	Checksum string // SHA-256 of the file, hex
	Rows     []data.ImportRow
	Issues   []data.ImportIssue // the first data.MaxImportIssues problems found, in the order found
	// MoreIssues counts the problems found beyond those kept: a million bad rows would otherwise hold millions
	// of issues (gigabytes). A file is judged on len(Issues)+MoreIssues, never on what was kept.
	MoreIssues int
	// Overflow: the workbook has more problems than are kept (MoreIssues > 0 once they were all counted). Its
	// rows were let go as soon as that was known and Rows is empty — a million bad rows would otherwise be
	// held whole (hundreds of MB) for a plan that can only refuse them. Such a file cannot be planned: it is
	// refused with the problems kept and the count of the rest, without being compared with the database.
	Overflow bool
	// Warnings are what was read but deserves a look (characters removed from a cell, a formula's cached value
	// imported): the first data.MaxImportIssues, the rest counted in MoreWarnings. They do not refuse the file.
	Warnings     []data.ImportIssue
	MoreWarnings int
	Ignored      []string          // sheets of no known kind, by name
	Meta         map[string]string // the key/value pairs of the template's hidden sheet, if there is one
	RowsRead     int               // rows read from all sheets, empty ones included
}

// MetaSheet is the name of the template's hidden sheet of key/value pairs (version, company, year).
const MetaSheet = "_meta"

const (
	progressEvery = 1000
	cancelEvery   = 256
	headRows      = 10 // the header row is looked for among the first rows
)

// rawCells reads cells as stored, without their number format: faster, and numbers keep their digits.
var rawCells = excelize.Options{RawCellValue: true}

// ReadWorkbook reads a workbook a company sent back (or an export) into rows and issues. An error means the
// whole file is refused (a *data.Error with Field "file" whose message names the file), or reading was
// cancelled through ctx (the error wraps ctx.Err()). Problems of single sheets, rows and cells come back as
// Issues beside the rows that could be read.
func ReadWorkbook(ctx context.Context, filePath string, opt ReadOptions) (read WorkbookRead, err error) {
	read.File = filePath
	defer func() {
		if p := recover(); p != nil {
			read, err = WorkbookRead{File: filePath}, panicError(filePath, p)
		}
	}()
	b, err := readCapped(filePath, opt.MaxBytes)
	if err != nil {
		return read, err
	}
	sum := sha256.Sum256(b)
	read.Checksum = hex.EncodeToString(sum[:])
	if err := sniff(filePath, b); err != nil {
		return read, err
	}
	plan, err := checkZip(filePath, b)
	if err != nil {
		return read, err
	}
	if err := ctx.Err(); err != nil {
		return read, cancelled(filePath, err)
	}
	r := &sheetReader{ctx: ctx, file: filePath, opt: opt, plan: plan, out: &read}
	r.sstCount = sync.OnceValues(r.sharedStrings)
	stop := r.startScan(ctx)
	defer stop()
	if err := r.readSheets(b); err != nil {
		// What the scan found (a row numbered -1) explains the file better than where excelize stumbled.
		if _, scanErr := r.scanned(); scanErr != nil {
			err = scanErr
		}
		return WorkbookRead{File: filePath, Checksum: read.Checksum}, err
	}
	if opt.Progress != nil {
		opt.Progress(read.RowsRead)
	}
	return read, nil
}

// readSheets opens the workbook with excelize and reads its sheets, each under guard. excelize opens the
// workbook while the scanner reads the first sheet; its verdict on the file comes first all the same.
func (r *sheetReader) readSheets(b []byte) (err error) {
	opened := make(chan error, 1)
	go func() {
		f, err := openExcelize(r.file, b)
		r.f = f // read only once opened has been received
		opened <- err
	}()
	r.opened = sync.OnceValue(func() error { return <-opened })
	defer func() {
		if r.opened() == nil {
			closeQuietly(r.f)
		}
	}()
	for _, ps := range r.plan.sheets {
		// One guard per sheet, not per row: a deferred recover on every row would cost more than the row.
		if err := guard(r.file, func() error { return r.readSheet(ps) }); err != nil {
			return err
		}
	}
	if err := r.opened(); err != nil {
		return err
	}
	if _, err := r.sstCount(); err != nil {
		return err // the shared strings parse whole too, whether a cell read them or not
	}
	_, err = r.scanned()
	return err
}

func panicError(filePath string, p any) *data.Error {
	return fileError(filePath, "err.import.panic", "the workbook could not be read (the reader failed on it)",
		fmt.Errorf("panic: %v", p))
}

// openExcelize opens the checked bytes with excelize's own unzip limits as a second line.
func openExcelize(filePath string, b []byte) (f *excelize.File, err error) {
	err = guard(filePath, func() error {
		var openErr error
		f, openErr = excelize.OpenReader(bytes.NewReader(b), excelize.Options{
			UnzipSizeLimit: maxUnzippedBytes, UnzipXMLSizeLimit: excelize.StreamChunkSize})
		return openErr
	})
	if err != nil {
		var de *data.Error
		if errors.As(err, &de) {
			return nil, err
		}
		return nil, fileError(filePath, "err.import.unreadable", "the workbook cannot be read: "+err.Error(), err, "Reason", err.Error())
	}
	return f, nil
}

// guard runs a call into excelize on a user's file, turning a panic into an error naming the file.
func guard(filePath string, fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError(filePath, p)
		}
	}()
	return fn()
}

func closeQuietly(f *excelize.File) {
	defer func() { _ = recover() }()
	_ = f.Close()
}

// sheetReader reads the sheets of one workbook.
type sheetReader struct {
	ctx      context.Context
	file     string
	f        *excelize.File
	opt      ReadOptions
	plan     workbookPlan
	out      *WorkbookRead
	scanned  func() ([]sheetScan, error) // waits for the scan of the sheets' XML
	opened   func() error                // waits for excelize to open the workbook (r.f)
	marks    func() (sheetMarks, error)  // the formula and logical cells of the sheet being read, once known
	sst      []string                    // the shared strings, for the scanner
	sstRead  bool
	sstErr   error
	sstCount func() (int, error) // r.sharedStrings, once
	sheet    string              // the sheet being read, and the rows read of it, for rowWithin
	rowNo    int
	overflow bool // more problems found than are kept: rows are no longer kept (WorkbookRead.Overflow)
}

// startScan scans the worksheets' XML for impossible row numbers and merged ranges while excelize opens and
// reads the workbook: the scan is done long before the first sheet is, and its verdict is awaited before any
// sheet's rows are kept. stop ends the scan early (when reading fails) and waits for it.
func (r *sheetReader) startScan(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	var scans []sheetScan
	var err error
	plan := r.plan // a copy: the reading side marks r.plan.sstOdd meanwhile
	go func() {
		defer close(done)
		defer func() {
			if p := recover(); p != nil {
				err = panicError(r.file, p)
			}
		}()
		scans, err = scanSheets(ctx, r.file, plan)
	}()
	r.scanned = sync.OnceValues(func() ([]sheetScan, error) {
		<-done
		return scans, err
	})
	return func() {
		cancel()
		<-done
	}
}

// sheetState is one sheet being read: its kind, its columns, and the rows and issues it gives (kept apart so
// that a problem found further down, such as a second header row, can still drop the sheet).
type sheetState struct {
	ps      planSheet
	kind    *kindLabels
	header  int // 1-based row of the header
	columns []importColumn
	layout  *data.ImportLayout // the columns' fields, shared by the sheet's rows
	slab    []string           // room for the values of the next rows
	rows    []data.ImportRow
	issues  []data.ImportIssue
	more    int // cell problems found beyond data.MaxImportIssues, only counted
	refused bool
	// warnings and moreWarnings are kept and counted as issues and more are.
	warnings     []data.ImportIssue
	moreWarnings int
	before       int // the workbook's problems found before this sheet
	// sure holds the first data.MaxImportIssues problems the planner is sure to find (sureProblem), sures
	// counts them all; sureOverflow: the sheet overflowed on them, and the reader reports them from then on.
	sure         []data.ImportIssue
	sures        int
	sureOverflow bool
	spare        []string // the values of a row read but not kept (scratch)
}

// warn keeps a warning, building its error only while there is room for it.
func (st *sheetState) warn(is data.ImportIssue, err func() *data.Error) {
	if len(st.warnings) >= data.MaxImportIssues {
		st.moreWarnings++
		return
	}
	is.Err = err()
	st.warnings = append(st.warnings, is)
}

// roomForIssue tells whether a cell problem is still kept whole; past the cap it is only counted.
func (st *sheetState) roomForIssue() bool {
	return len(st.issues) < data.MaxImportIssues
}

// drop forgets what the sheet gave so far: a problem of the whole sheet makes its rows and cells moot.
func (st *sheetState) drop() {
	st.rows, st.issues, st.more = nil, nil, 0
	st.sure, st.sures = nil, 0
	st.warnings, st.moreWarnings = nil, 0
}

// keepIssues adds a sheet's problems after the workbook's, keeping the first data.MaxImportIssues of them all.
func (r *sheetReader) keepIssues(st *sheetState) {
	room := max(data.MaxImportIssues-len(r.out.Issues), 0)
	if r.out.MoreIssues > 0 {
		room = 0 // once one is only counted, every later one is: the kept ones are the first
	}
	n := min(room, len(st.issues))
	r.out.Issues = append(r.out.Issues, st.issues[:n]...)
	r.out.MoreIssues += len(st.issues) - n + st.more

	room = max(data.MaxImportIssues-len(r.out.Warnings), 0)
	if r.out.MoreWarnings > 0 {
		room = 0
	}
	n = min(room, len(st.warnings))
	r.out.Warnings = append(r.out.Warnings, st.warnings[:n]...)
	r.out.MoreWarnings += len(st.warnings) - n + st.moreWarnings
}

// importColumn is a sheet column mapped to a field.
type importColumn struct {
	index  int    // 0-based column
	field  int    // index into the kind's fields
	unit   int    // the amount unit its header names
	letter string // "C"
}

// readSheet reads a sheet excelize knows, through the scanner when it is plain (import_read_fast.go), else
// through excelize's Rows.
func (r *sheetReader) readSheet(ps planSheet) error {
	before := *r.out
	var fastErr error
	fast := r.fastRows(ps)
	if fast != nil {
		fastErr = r.readFast(ps, fast)
	}
	if err := r.opened(); err != nil {
		return err // the file is refused, whatever the scanner read
	}
	rows, err := r.f.Rows(ps.name)
	if err != nil {
		*r.out = before
		var missing excelize.ErrSheetNotExist
		if !errors.As(err, &missing) {
			return fileError(r.file, "err.import.sheet_name", "the sheet name "+ps.name+" is not one Excel allows: "+err.Error(), err,
				"Sheet", ps.name)
		}
		if strings.Contains(strings.ToLower(ps.part.Name), "worksheets/") {
			// A worksheet the checks found and excelize does not (its part named in another case, say): what
			// was read of it cannot be checked against excelize, and its rows would be dropped unread.
			return fileError(r.file, "err.import.sheet_missing", "is damaged: sheet "+ps.name+" cannot be found in it", err,
				"Sheet", ps.name)
		}
		r.out.Ignored = append(r.out.Ignored, ps.name) // a chart sheet, or another excelize does not read
		return nil
	}
	defer rows.Close() //nolint:errcheck // reading is over; its error was seen by Next
	if fast != nil && !errors.Is(fastErr, errNotPlain) {
		return fastErr
	}
	*r.out = before // excelize reads the sheet, from the start
	return r.readWhole(ps, rows)
}

// readWhole reads a sheet through excelize while another goroutine decodes its XML whole (checkWhole): on two
// cores the check costs next to no time, and its verdict is awaited before the sheet's rows are kept. A break
// in the XML is the error, whatever excelize made of the rows before it.
func (r *sheetReader) readWhole(ps planSheet, rows sheetRows) error {
	ctx, cancel := context.WithCancel(r.ctx)
	defer cancel()
	type verdict struct {
		marks sheetMarks
		err   error
	}
	whole := make(chan verdict, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				whole <- verdict{err: panicError(r.file, p)}
			}
		}()
		marks, err := checkWhole(ctx, r.file, ps, r.f.CharsetReader, r.sstCount)
		whole <- verdict{marks, err}
	}()
	r.marks = sync.OnceValues(func() (sheetMarks, error) {
		v := <-whole
		return v.marks, v.err
	})
	if _, err := r.scanned(); err != nil {
		return err // a row too big for excelize to build, or numbered wrong: refused before excelize reads it
	}
	err := r.readRows(ps, rows)
	if err != nil {
		cancel() // the check's verdict is still awaited: it explains a break better than excelize
	}
	if _, werr := r.marks(); werr != nil && (err == nil || !errors.Is(werr, context.Canceled)) {
		return werr
	}
	return err
}

// sharedStrings is how many shared strings the workbook has, for checkWhole: what the scanner read, or
// counted apart when it did not read them.
func (r *sheetReader) sharedStrings() (int, error) {
	if r.sstRead && r.sstErr == nil && !r.plan.sstOdd {
		return len(r.sst), nil
	}
	return sharedStringsOf(r.file, r.plan.sst)
}

// fastRows is the scanner over a sheet's XML, or nil when excelize is to read it.
func (r *sheetReader) fastRows(ps planSheet) *fastRows {
	if r.plan.sstOdd {
		return nil
	}
	if !r.sstRead {
		r.sstRead = true
		if r.sst, r.sstErr = readSharedStrings(r.plan.sst); r.sstErr != nil {
			r.plan.sstOdd = true
			return nil
		}
	}
	rows, err := newFastRows(ps.part, r.sst)
	if err != nil {
		return nil
	}
	return rows
}

// readFast reads a sheet through the scanner; errNotPlain when it gave up, whatever it had read then.
func (r *sheetReader) readFast(ps planSheet, rows *fastRows) (err error) {
	r.marks = func() (sheetMarks, error) { return rows.marks, nil }
	defer func() {
		if p := recover(); p != nil {
			err = errNotPlain
		}
	}()
	defer rows.Close() //nolint:errcheck // it cannot fail
	return r.readRows(ps, rows)
}

func (r *sheetReader) readRows(ps planSheet, rows sheetRows) error {
	r.sheet, r.rowNo = ps.name, 0
	head, err := r.next(rows, headRows)
	if err != nil {
		return err
	}
	switch ps.name {
	case MetaSheet:
		return r.readMeta(rows, head)
	case TemplateListsSheet:
		return r.drain(rows) // the template's drop-down choices, not records
	}
	if !nonEmptySheet(head) {
		return r.drain(rows) // an empty sheet, such as Excel's Sheet2, is nothing to report
	}
	st := &sheetState{ps: ps, kind: kindByName(ps.name), before: len(r.out.Issues) + r.out.MoreIssues}
	if byHeaders := kindByHeaders(head); st.kind == nil {
		st.kind = byHeaders
	} else if byHeaders != nil && byHeaders != st.kind {
		// Headers that name another kind's fields better than the sheet name's kind overrule the name: a
		// company's older workbook may call its patents sheet 知识产权, the title of the IP rights sheet now.
		_, named := st.kind.headerRowIn(head)
		if _, other := byHeaders.headerRowIn(head); other > named {
			st.kind = byHeaders
		}
	}
	if st.kind == nil {
		r.out.Ignored = append(r.out.Ignored, ps.name)
		return r.drain(rows) // counted, not read
	}
	r.findHeader(st, head)
	if st.refused {
		if err := r.drain(rows); err != nil {
			return err
		}
	} else {
		for i := st.header; i < len(head); i++ { // header is 1-based: head[st.header] is the row below it
			r.dataRow(st, i+1, head[i])
		}
		if err := r.stream(rows, st); err != nil {
			return err
		}
	}
	marks, err := r.marks()
	if err != nil {
		return err
	}
	r.logicalProblems(st, marks.logicals)
	r.formulaWarnings(st, marks.formulas)
	scans, err := r.scanned()
	if err != nil {
		return err
	}
	if rng := mergedIn(scans[ps.index].merges, st.header); rng != "" {
		if !st.refused {
			st.drop()
		}
		st.sheetIssue(r.file, "", "err.import.merged_header", "the header row has merged cells ("+rng+")", "Row", st.header, "Range", rng)
	}
	r.keepIssues(st)
	if r.overflow {
		r.out.Rows, r.out.Overflow = nil, true
	} else if !st.refused {
		if len(r.out.Rows) == 0 {
			r.out.Rows = st.rows // a workbook of one big sheet: no copy of a million rows
		} else {
			r.out.Rows = append(r.out.Rows, st.rows...)
		}
	}
	return nil
}

// next reads up to n rows; fewer at the end of the sheet.
func (r *sheetReader) next(rows sheetRows, n int) ([][]string, error) {
	var out [][]string
	for len(out) < n {
		cells, ok, err := r.nextRow(rows)
		if err != nil || !ok {
			return out, err
		}
		out = append(out, cells)
	}
	return out, nil
}

// nextRow reads one row (readSheet runs under guard), counting it, reporting progress and watching for cancellation.
func (r *sheetReader) nextRow(rows sheetRows) (cells []string, ok bool, err error) {
	if ok = rows.Next(); ok {
		cells, err = rows.Columns(rawCells)
	} else {
		err = rows.Error()
	}
	if err != nil {
		if errors.Is(err, errNotPlain) {
			return nil, false, err // the scanner gave up: excelize reads the sheet
		}
		if errors.Is(err, excelize.ErrMaxRows) {
			return nil, false, fileError(r.file, "err.import.rows_max", "a sheet claims more than 1,048,576 rows", err, "Row", "> 1048576")
		}
		return nil, false, fileError(r.file, "err.import.unreadable", "the workbook cannot be read: "+err.Error(), err, "Reason", err.Error())
	}
	if !ok {
		return nil, false, nil
	}
	if err := r.rowWithin(cells); err != nil {
		return nil, false, err
	}
	r.out.RowsRead++
	r.rowNo++
	if r.out.RowsRead%cancelEvery == 0 {
		if e := r.ctx.Err(); e != nil {
			return nil, false, cancelled(r.file, e)
		}
	}
	if r.opt.Progress != nil && r.out.RowsRead%progressEvery == 0 {
		r.opt.Progress(r.out.RowsRead)
	}
	return cells, true, nil
}

// drain reads the rest of a sheet that is not imported, so the rows read and cancellation stay right.
func (r *sheetReader) drain(rows sheetRows) error {
	for {
		_, ok, err := r.nextRow(rows)
		if err != nil || !ok {
			return err
		}
	}
}

// stream reads the data rows after the first ones. The scanner (or excelize) reads rows in this goroutine while
// another turns them into ImportRows, batch by batch: on a machine with two cores the normalising costs next to no time.
func (r *sheetReader) stream(rows sheetRows, st *sheetState) (err error) {
	batches := make(chan [][]string, 4)
	done := make(chan any)
	go func() {
		var p any
		func() {
			defer func() { p = recover() }()
			rowNo := headRows
			for batch := range batches {
				for _, cells := range batch {
					rowNo++
					switch {
					case st.refused:
					case st.kind.looksLikeHeader(cells, true):
						r.twoHeaders(st, rowNo)
					default:
						r.dataRow(st, rowNo, cells)
					}
				}
			}
		}()
		for range batches { // after a panic, keep taking batches so that the reading side is never stuck
		}
		done <- p
	}()
	defer func() {
		close(batches)
		if p := <-done; p != nil {
			panic(p) // the sheet's guard turns it into an error naming the file
		}
	}()
	const batchRows, batchBytes = 256, 4 << 20 // a batch of big rows goes early: memory stays bounded
	batch, size := make([][]string, 0, batchRows), 0
	for {
		cells, ok, err := r.nextRow(rows)
		if err != nil || !ok {
			if len(batch) > 0 {
				batches <- batch
			}
			return err
		}
		batch, size = append(batch, cells), size+cellBytes(cells)
		if len(batch) == batchRows || size > batchBytes {
			batches <- batch
			batch, size = make([][]string, 0, batchRows), 0
		}
	}
}

func (r *sheetReader) readMeta(rows sheetRows, head [][]string) error {
	rest, err := r.next(rows, 1000)
	if err != nil {
		return err
	}
	clean := func(s string) string {
		s, _ = data.StripHidden(s) // the template's own sheet: what it says, without a warning
		return trimCell(s)
	}
	for _, cells := range append(head, rest...) {
		if len(cells) >= 2 && clean(cells[0]) != "" {
			if r.out.Meta == nil {
				r.out.Meta = map[string]string{}
			}
			r.out.Meta[clean(cells[0])] = clean(cells[1])
		}
	}
	return r.drain(rows)
}

func nonEmptySheet(rows [][]string) bool {
	for _, r := range rows {
		if !emptyRow(r) {
			return true
		}
	}
	return false
}

func emptyRow(cells []string) bool {
	for _, c := range cells {
		if trimCell(c) != "" {
			return false
		}
	}
	return true
}

// sheetIssue records a problem of the whole sheet; the sheet is not imported.
func (st *sheetState) sheetIssue(file, field, key, msg string, args ...any) {
	a := map[string]any{"File": fileBase(file), "Sheet": st.ps.name}
	for i := 0; i+1 < len(args); i += 2 {
		a[args[i].(string)] = args[i+1]
	}
	st.refused = true
	st.issues = append(st.issues, data.ImportIssue{File: file, Sheet: st.ps.name, Field: field,
		Err: &data.Error{Code: data.Invalid, Field: field, Key: key, Args: a, Message: fmt.Sprintf("%s, sheet %s: %s", fileBase(file), st.ps.name, msg)}})
}

// findHeader finds and maps the header row among the first rows, refusing the sheet if it has none, merged
// header cells, a field named twice or a required field missing.
func (r *sheetReader) findHeader(st *sheetState, head [][]string) {
	k := st.kind
	idx, _ := k.headerRowIn(head)
	if idx < 0 {
		st.sheetIssue(r.file, "", "err.import.no_header", fmt.Sprintf("no header row in the first %d rows", headRows), "Rows", headRows)
		return
	}
	st.header = idx + 1
	for i := idx + 1; i < len(head); i++ {
		if k.looksLikeHeader(head[i], false) {
			r.twoHeaders(st, i+1)
			return
		}
	}
	seen := map[int]string{}
	for i, cell := range head[idx] {
		field, unit := k.headerField(cell)
		if field < 0 {
			if f, u := k.unknownUnit(cell); f >= 0 {
				letter, _ := excelize.ColumnNumberToName(i + 1)
				u = data.ShownValue(u)
				st.sheetIssue(r.file, k.sheet.Fields[f].Key, "err.import.unit",
					fmt.Sprintf("the column %s (%s%d) is in a unit the reader does not know: %s", k.labelEn[f], letter, st.header, u),
					"Column", k.labelZh[f], "ColumnEn", k.labelEn[f], "Cell", fmt.Sprintf("%s%d", letter, st.header), "Unit", u)
			} else if head := trimCell(cell); head != "" {
				r.ignoredColumn(st, i, head)
			}
			continue
		}
		letter, _ := excelize.ColumnNumberToName(i + 1)
		if prev, dup := seen[field]; dup {
			st.sheetIssue(r.file, k.sheet.Fields[field].Key, "err.import.header_twice",
				fmt.Sprintf("column %s is in the header twice (%s%d and %s%d)", k.labelEn[field], prev, st.header, letter, st.header),
				"Column", k.labelZh[field], "ColumnEn", k.labelEn[field], "Cells", fmt.Sprintf("%s%d, %s%d", prev, st.header, letter, st.header))
			continue
		}
		seen[field] = letter
		st.columns = append(st.columns, importColumn{index: i, field: field, unit: unit, letter: letter})
	}
	for i, f := range k.sheet.Fields {
		if _, ok := seen[i]; !ok && f.Required {
			st.sheetIssue(r.file, f.Key, "err.import.missing_column", "the column "+k.labelEn[i]+" is missing",
				"Column", k.labelZh[i], "ColumnEn", k.labelEn[i])
		}
	}
}

// ignoredColumn warns of a header the reader does not import, so that a column meant as a field and named
// otherwise is seen, as an ignored sheet is.
func (r *sheetReader) ignoredColumn(st *sheetState, index int, head string) {
	letter, _ := excelize.ColumnNumberToName(index + 1)
	cell := fmt.Sprintf("%s%d", letter, st.header)
	head, _ = data.StripHidden(head)
	head = data.ShownValue(head)
	st.warn(data.ImportIssue{File: r.file, Sheet: st.ps.name, Row: st.header, Cell: cell, Value: head}, func() *data.Error {
		return &data.Error{Code: data.Invalid, Key: "warn.import.column_ignored",
			Args:    map[string]any{"File": fileBase(r.file), "Sheet": st.ps.name, "Cell": cell, "Header": head},
			Message: fmt.Sprintf("%s, sheet %s: the column %s (%s) is not imported", fileBase(r.file), st.ps.name, head, cell)}
	})
}

func (r *sheetReader) twoHeaders(st *sheetState, second int) {
	st.drop()
	st.sheetIssue(r.file, "", "err.import.two_headers",
		fmt.Sprintf("has two header rows (rows %d and %d); keep one table per sheet", st.header, second),
		"First", st.header, "Second", second)
}

// mergedIn returns the first merged range that touches the row, or "".
func mergedIn(ranges []string, row int) string {
	for _, rng := range ranges {
		from, to, ok := strings.Cut(rng, ":")
		if !ok {
			continue
		}
		_, r1, err1 := excelize.CellNameToCoordinates(from)
		_, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 == nil && err2 == nil && min(r1, r2) <= row && row <= max(r1, r2) {
			return rng
		}
	}
	return ""
}

func fileBase(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
