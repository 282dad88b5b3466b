package data

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// importItem is one record of a plan with what it points at by natural key, resolved to ids only when it
// is written (a company created by the same import has no id before).
type importItem struct {
	kind     string
	key      string // natural key, as in importDB
	company  *Company
	inst     *Institution
	output   *AnnualOutput
	patent   *Patent
	coop     *Cooperation
	outcome  *CoopOutcome
	ipRight  *IPRight
	declared *DeclaredFigures
	fact     *CompanyFact
	uscc     string // the company an output, patent, cooperation or outcome belongs to
	instName string // the institution of a cooperation or outcome
	coopKey  string // the cooperation of an outcome
	old      any    // the record as the database holds it, for the audit row; nil when new
	row      *ImportRow
}

// importCheck is what a record looked like in the database when the plan was made; ApplyImport refuses the
// plan when it looks otherwise then.
type importCheck struct {
	kind, key string
	exists    bool
	sum       uint64 // sumShown of the record's fields then
}

// importPlanner makes one plan.
type importPlanner struct {
	now    time.Time
	rows   map[string][]*ImportRow // by kind, in file order
	keys   importKeys
	db     *importDB
	plan   ImportPlan
	seen   map[string]seenRow       // kind + natural key → the first row with it
	fileCo map[string]string        // USCCs of the file's company rows → name
	fileCp map[string]bool          // cooperations of the file's cooperation rows
	insts  map[string]bool          // institutions the plan creates
	outs   map[string]*AnnualOutput // outputs of the file by natural key, for the comparison with the year before
	take   bool                     // drop each row's values once planned (PlanImportTaking)
	warns  map[string]*Error        // the errors of the warnings of a name beside a code, by field and name
	warnMu sync.Mutex               // guards warns, which rows prepared at once share
	// workers is how many goroutines prepare the rows of a kind in importRowsAlone, chunk rows at a time: the
	// processors Go runs on, up to four; one prepares and settles them all on the caller's goroutine.
	workers, chunk int
}

// seenRow is the first row that named a record, and what it set the record to.
type seenRow struct {
	file, sheet string
	row         int
	layout      *ImportLayout // the row's columns, to find the cell of the record's key
	sum         uint64        // sumShown of the record's fields; 0 when the first row had problems
}

func seenAt(row *ImportRow, sum uint64) seenRow {
	return seenRow{file: row.File, sheet: row.Sheet, row: row.Row, layout: row.Layout, sum: sum}
}

func newImportPlanner(now time.Time) *importPlanner {
	return &importPlanner{now: now, rows: map[string][]*ImportRow{}, seen: map[string]seenRow{},
		fileCo: map[string]string{}, fileCp: map[string]bool{}, insts: map[string]bool{}, outs: map[string]*AnnualOutput{},
		warns: map[string]*Error{}, plan: ImportPlan{unchanged: map[string]int{}, made: now},
		workers: min(runtime.GOMAXPROCS(0), 4), chunk: planChunk}
}

// presizeRows bounds what collect sizes for ahead of the rows: most files are far smaller, and a larger one
// grows its map and list as its good rows come.
const presizeRows = 1 << 17

// collect sorts the rows by kind and gathers the keys to read from the database.
func (p *importPlanner) collect(rows []ImportRow) {
	// One entry per row at most: sized once rather than grown (and copied) a row at a time — up to a size a
	// good file of the usual kind reaches, so that a million bad rows, which add nothing, do not hold ~130 MB.
	p.seen = make(map[string]seenRow, min(len(rows), presizeRows))
	p.plan.checks = make([]importCheck, 0, min(len(rows), presizeRows))
	usccs, appNos, insts, regNos := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	p.keys.Kinds = map[string]bool{}
	for i := range rows {
		r := &rows[i]
		if _, ok := ExchangeSheetOf(r.Kind); !ok {
			continue
		}
		p.rows[r.Kind] = append(p.rows[r.Kind], r)
		p.keys.Kinds[r.Kind] = true
		if v, _ := r.Value("uscc"); v != "" {
			// Only a valid code can match a record; the planner refuses the others. A million bad codes
			// would otherwise be gathered, sorted and sent to the database for nothing.
			if code := NormalizeUSCC(v); usccValid(code) {
				usccs[code] = true
			}
		}
		if v, _ := r.Value("app_no"); v != "" && r.Kind == "patents" {
			if v = NormalizePatentAppNo(v); v != "" {
				appNos[v] = true
			}
		}
		if v, _ := r.Value("reg_no"); v != "" && r.Kind == "ip_rights" {
			// As typed (trimmed) and as a software copyright's number is kept: another kind's number is
			// stored as typed, and the kind column may be wrong.
			regNos[strings.TrimSpace(v)] = true
			if v = NormalizeSoftwareCopyrightNo(v); v != "" {
				regNos[v] = true
			}
		}
		if v, _ := r.Value("institution"); strings.TrimSpace(v) != "" {
			insts[strings.TrimSpace(v)] = true
		}
	}
	p.keys.USCCs, p.keys.AppNos, p.keys.Institutions = sortedKeys(usccs), sortedKeys(appNos), sortedKeys(insts)
	p.keys.RegNos = sortedKeys(regNos)
}

// importKindOrder is the order rows are planned in: a record before the rows that point at it.
var importKindOrder = []string{"companies", "outputs", "declared", "patents", "ip_rights", "facts", "cooperations", "outcomes"}

func (p *importPlanner) build(ctx context.Context, db *importDB) (ImportPlan, error) {
	p.db = db
	planners := map[string]func(*rowCtx) *importItem{
		"companies": p.company, "outputs": p.output, "patents": p.patent, "ip_rights": p.ipRight, "declared": p.declared, "facts": p.fact, "cooperations": p.cooperation,
		"outcomes": p.outcome,
	}
	for _, kind := range importKindOrder {
		rows := p.rows[kind]
		// A large file most often brings new records (a year's figures): New is sized for the kind's rows
		// (as far as collect sizes for rows) rather than grown a quarter at a time, which copies it five times
		// over, and cut to size at the end if much of it is left.
		p.plan.New = slices.Grow(p.plan.New, min(len(rows), presizeRows))
		if kind == "outputs" {
			p.outs = make(map[string]*AnnualOutput, min(len(rows), presizeRows))
		}
		if err := p.planRows(ctx, rows, planners[kind], importRowsAlone[kind]); err != nil {
			return ImportPlan{}, err
		}
	}
	p.plan.New = fitted(p.plan.New)
	p.warnOutputs()
	p.plan.sets = p.seen // the records the file sets, for JoinImports to compare the files of one import
	for _, list := range [][]ImportChange{p.plan.New, p.plan.Changed} {
		for _, ch := range list {
			ch.item.row = nil // the plan does not keep the reader's rows alive
		}
	}
	p.plan.keys = p.keys
	return p.plan, nil
}

// fitted is list, copied to a list of its size when much of it is unused; nil when empty.
func fitted(list []ImportChange) []ImportChange {
	switch unused := cap(list) - len(list); {
	case len(list) == 0:
		return nil
	case unused > 1024 && unused > len(list)/4:
		return slices.Clone(list)
	}
	return list
}

// importRowsAlone are the kinds whose rows the planner makes into records each on its own: it reads the
// database, the file's companies and the kinds planned before, all settled by then, and writes nothing the
// next row reads (but the shared warnings, under warnMu). Their rows are prepared on several goroutines.
// A company row notes its name for the rows after; a cooperation row notes itself and its new institution for
// the outcome rows: those are planned a row after the other.
var importRowsAlone = map[string]bool{"outputs": true, "declared": true, "patents": true, "ip_rights": true, "facts": true}

// planChunk is how many rows a goroutine prepares at a time, and planAhead how many chunks may wait, prepared,
// to be settled: enough to keep the goroutines busy, few enough that a large file's prepared records (each
// with its fields shown as text) are never all held at once.
const planChunk, planAhead = 512, 8

// planRows plans the rows of one kind in file order. Each row is prepared (made into its record and compared
// with the database), then settled among the rows before it. When the kind's rows are prepared each on its
// own (alone) and there are enough of them, other goroutines prepare them a chunk at a time while this one
// settles the chunks in order: the plan is the same as when one goroutine does both.
func (p *importPlanner) planRows(ctx context.Context, rows []*ImportRow, plan func(*rowCtx) *importItem, alone bool) error {
	n := (len(rows) + p.chunk - 1) / p.chunk
	workers := min(p.workers, n)
	if !alone || workers < 2 {
		var bufs showBufs
		for i, row := range rows {
			if i%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			p.settle(p.prepare(row, plan, &bufs))
		}
		return nil
	}
	w := &chunkPreparer{p: p, rows: rows, plan: plan, chunks: make([]chan []preparedRow, n),
		ahead: make(chan struct{}, planAhead), free: make(chan []preparedRow, planAhead+workers), stop: make(chan struct{})}
	for i := range w.chunks {
		w.chunks[i] = make(chan []preparedRow, 1)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(w.stop)
	for range workers {
		wg.Go(w.work)
	}
	for _, chunk := range w.chunks {
		if err := ctx.Err(); err != nil {
			return err // a chunk ready is not taken before it
		}
		var out []preparedRow
		select {
		case out = <-chunk:
		case <-ctx.Done():
			return ctx.Err()
		}
		for _, pr := range out {
			p.settle(pr)
		}
		clear(out) // the buffer is used again: it must not keep the settled rows alive
		w.free <- out
		<-w.ahead
	}
	return nil
}

// chunkPreparer prepares the rows of one kind a chunk at a time on several goroutines (work), each chunk
// handed over in a channel of its own, so that planRows settles them in file order whichever is done first.
type chunkPreparer struct {
	p      *importPlanner
	rows   []*ImportRow
	plan   func(*rowCtx) *importItem
	chunks []chan []preparedRow // the prepared rows of each chunk, in file order
	next   atomic.Int64         // the next chunk to prepare
	ahead  chan struct{}        // a place per chunk prepared and not yet settled: planAhead at most
	free   chan []preparedRow   // buffers of chunks settled, to use again
	stop   chan struct{}        // closed when planRows returns
}

func (w *chunkPreparer) work() {
	size := w.p.chunk
	var bufs showBufs
	for {
		select {
		case w.ahead <- struct{}{}:
		case <-w.stop:
			return
		}
		c := int(w.next.Add(1) - 1)
		if c >= len(w.chunks) {
			return
		}
		var out []preparedRow
		select {
		case out = <-w.free:
		default:
			out = make([]preparedRow, size)
		}
		part := w.rows[c*size : min((c+1)*size, len(w.rows))]
		out = out[:len(part)]
		for i, row := range part {
			out[i] = w.p.prepare(row, w.plan, &bufs)
		}
		w.chunks[c] <- out
	}
}

// preparedRow is a row made into its record and compared with the database, not yet settled among the others.
type preparedRow struct {
	r     *rowCtx
	item  *importItem // nil when the row names no record
	id    string      // the record's kind + keySep + natural key
	sum   uint64      // sumShown of the record's fields; 0 when the row has problems
	check importCheck
	same  bool         // the database holds the record as the row shows it
	ch    ImportChange // the record to create or change, when not same
}

// showBufs are the buffers a goroutine shows a row's record and the database's into (import_show.go).
type showBufs struct{ cur, old []shownField }

// prepare makes a row into its record and compares it with the database. It reads the planner and writes
// only what it returns, bufs (its goroutine's) and the shared warnings: rows of a kind in importRowsAlone are
// prepared on several goroutines at once.
func (p *importPlanner) prepare(row *ImportRow, plan func(*rowCtx) *importItem, bufs *showBufs) preparedRow {
	r := &rowCtx{row: row}
	item := plan(r)
	pr := preparedRow{r: r, item: item}
	if item == nil {
		return pr
	}
	item.row = row
	pr.id = item.kind + keySep + item.key
	if len(r.issues) > 0 || r.dropped() {
		return pr
	}
	bufs.cur = item.showInto(bufs.cur)
	shown := bufs.cur
	pr.sum = sumShown(shown)
	old, exists := p.db.currentInto(bufs.old, item.kind, item.key)
	if exists {
		bufs.old = old
	}
	pr.check = importCheck{kind: item.kind, key: item.key, exists: exists, sum: sumShown(old)}
	if exists && sameShown(old, shown) {
		pr.same = true
		return pr
	}
	pr.ch = ImportChange{Kind: item.kind, Key: p.keyText(item), Label: p.label(item), File: row.File, Sheet: row.Sheet,
		Row: row.Row, item: item}
	if exists {
		pr.ch.Fields = diffShown(old, shown)
	}
	return pr
}

// settle files a prepared row's record as new, changed or unchanged, or its problems as issues, in the light
// of the rows settled before it.
func (p *importPlanner) settle(pr preparedRow) {
	r, item := pr.r, pr.item
	defer p.release(r.row)
	p.plan.addWarnings(r.warnings...)
	if r.dropped() {
		p.plan.unread++ // the reader reported the cell; the row is not written, and neither is the plan
	}
	if item == nil || len(r.issues) > 0 || r.dropped() {
		p.plan.addIssues(r.issues...)
		if item != nil {
			if _, dup := p.seen[pr.id]; !dup {
				p.seen[pr.id] = seenAt(r.row, 0)
			}
		}
		return
	}
	if first, dup := p.seen[pr.id]; dup {
		if first.sum == 0 || first.sum != pr.sum {
			field := importKeyField[item.kind]
			r.fail(field, &Error{Code: Invalid, Key: "err.apply.duplicate", Args: map[string]any{"Row": first.row, "Sheet": first.sheet},
				Message: fill("repeats the record of row {{.Row}} of {{.Sheet}} with other values", map[string]any{"Row": first.row, "Sheet": first.sheet})})
			p.plan.addIssues(r.issues...)
			return
		}
		p.unchanged(item.kind)
		return
	}
	p.seen[pr.id] = seenAt(r.row, pr.sum)
	if item.kind == "outputs" {
		p.outs[item.key] = item.output
	}
	p.plan.checks = append(p.plan.checks, pr.check)
	switch {
	case pr.same:
		p.unchanged(item.kind)
	case pr.check.exists:
		p.plan.Changed = append(p.plan.Changed, pr.ch)
	default:
		p.plan.New = append(p.plan.New, pr.ch)
	}
}

// release drops a planned row's values when the planner took the rows (PlanImportTaking).
func (p *importPlanner) release(row *ImportRow) {
	if p.take {
		row.Vals = nil
	}
}

func (p *importPlanner) unchanged(kind string) {
	p.plan.Unchanged++
	p.plan.unchanged[kind]++
}

// importKeyField is the field a duplicate row is marked on: the last part of the kind's key.
var importKeyField = map[string]string{"companies": "uscc", "outputs": "year", "patents": "app_no",
	"cooperations": "started", "outcomes": "title", "institutions": "institution", "ip_rights": "reg_no", "declared": "year", "facts": "number"}

func (it *importItem) show() []shownField { return it.showInto(nil) }

// showInto is show into buf (import_show.go).
func (it *importItem) showInto(buf []shownField) []shownField {
	switch it.kind {
	case "companies":
		return showCompany(buf, it.company)
	case "institutions":
		return showInstitution(buf, it.inst)
	case "outputs":
		return showOutput(buf, it.uscc, it.output)
	case "patents":
		return showPatent(buf, it.uscc, it.patent)
	case "cooperations":
		return showCoop(buf, it.uscc, it.coop)
	case "outcomes":
		return showOutcome(buf, it.uscc, strings.Split(it.coopKey, keySep)[2], it.outcome)
	case "ip_rights":
		return showIPRight(buf, it.uscc, it.ipRight)
	case "declared":
		return showDeclared(buf, it.uscc, it.declared)
	case "facts":
		return showFact(buf, it.uscc, it.fact)
	}
	return nil
}

// keyText is the natural key as a person reads it.
func (p *importPlanner) keyText(it *importItem) string {
	return strings.ReplaceAll(it.key, keySep, " ")
}

// label is what a person calls the record.
func (p *importPlanner) label(it *importItem) string {
	switch it.kind {
	case "companies":
		return it.company.Name
	case "institutions":
		return it.inst.Name
	case "patents":
		return it.patent.Title
	case "outcomes":
		return it.outcome.Title
	case "ip_rights":
		return it.ipRight.Title
	}
	return p.companyName(it.uscc)
}

func (p *importPlanner) companyName(uscc string) string {
	if name, ok := p.fileCo[uscc]; ok && name != "" {
		return name
	}
	if c, ok := p.db.companies[uscc]; ok {
		return c.Name
	}
	return ""
}

// companyKnown tells whether a company is in the database or on the file's company sheet.
func (p *importPlanner) companyKnown(uscc string) bool {
	if _, ok := p.db.companies[uscc]; ok {
		return true
	}
	_, ok := p.fileCo[uscc]
	return ok
}

// rowCtx reads the values of one row and collects its problems.
type rowCtx struct {
	row      *ImportRow
	issues   []ImportIssue
	warnings []ImportIssue
}

// dropped tells whether the reader left out a cell of the row it could not read; the reader has reported it
// already.
func (r *rowCtx) dropped() bool {
	return r.row.Refused() != ""
}

func (r *rowCtx) isDropped(field string) bool {
	return r.row.refused(field)
}

func (r *rowCtx) value(field string) (string, bool) {
	return r.row.Value(field)
}

// fail records a problem of a field of the row, the first reason only: one cell, one comment.
func (r *rowCtx) fail(field string, err error) {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Code: Invalid, Key: "err.invalid", Message: err.Error()}
	}
	if r.isDropped(field) {
		return // the reader has said what is wrong with the cell
	}
	if e.Field != field {
		c := *e
		c.Field = field
		e = &c
	}
	for _, is := range r.issues {
		if is.Field == field {
			return
		}
	}
	r.issues = append(r.issues, ImportIssue{File: r.row.File, Sheet: r.row.Sheet, Row: r.row.Row,
		Cell: r.row.Cell(field), Field: field, Value: r.shownValue(field), Err: e})
}

// shownValue is a cell's value as the user typed it, as near as the canonical form allows, cut to
// MaxShownRunes characters (ShownValue).
func (r *rowCtx) shownValue(field string) string {
	v, _ := r.row.Value(field)
	if f, ok := exchangeField(r.row.Kind, field); ok && (f.Type == ExWan || f.Type == ExSignedWan) && v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return Yuan(n).WanInput()
		}
	}
	return ShownValue(v)
}

func exchangeField(kind, field string) (ExchangeField, bool) {
	sheet, _ := ExchangeSheetOf(kind)
	for _, f := range sheet.Fields {
		if f.Key == field {
			return f, true
		}
	}
	return ExchangeField{}, false
}

// failAll files a record's validation errors on the fields of the sheet; errors about a link are left out,
// as the planner checks links itself by natural key. A problem of a field the sheet does not have (a value
// kept from the database, or derived like a status date) is reported only when the row has no other problem:
// then it is the only explanation, otherwise it is most likely a consequence.
// In a row with a cell the reader refused, the record's own rules are not checked: the refused value is
// missing, and what they would say (added value above an output of zero) is most likely its consequence.
func (r *rowCtx) failAll(err error, fields map[string]string) {
	if err == nil || r.dropped() {
		return
	}
	var list Errors
	if !errors.As(err, &list) {
		var e *Error
		if errors.As(err, &e) {
			list = Errors{e}
		} else {
			r.fail("", err)
			return
		}
	}
	var absent []*Error
	for _, e := range list {
		field := e.Field
		if to, ok := fields[field]; ok {
			if to == "" {
				continue
			}
			field = to
		}
		if _, ok := r.value(field); !ok {
			c := *e
			c.Field = field
			absent = append(absent, &c)
			continue
		}
		r.fail(field, e)
	}
	if len(r.issues) == 0 {
		for _, e := range absent {
			r.fail(e.Field, e)
		}
	}
}

// required checks the sheet's required fields: an empty cell always fails, an absent column only for a record
// the database does not hold yet.
func (r *rowCtx) required(isNew bool) {
	sheet, _ := ExchangeSheetOf(r.row.Kind)
	for _, f := range sheet.Fields {
		if !f.Required || f.Info {
			continue
		}
		v, ok := r.value(f.Key)
		if (ok && strings.TrimSpace(v) == "") || (!ok && isNew) {
			r.fail(f.Key, invalid("err.required", "is required", nil))
		}
	}
}

func (r *rowCtx) text(field string, dst *string) {
	if v, ok := r.value(field); ok {
		*dst = strings.TrimSpace(v)
	}
}

func (r *rowCtx) date(field string, dst *time.Time) {
	v, ok := r.value(field)
	if !ok {
		return
	}
	t, err := ParseDate(v)
	if err != nil {
		r.fail(field, err)
		return
	}
	*dst = t
}

func (r *rowCtx) wan(field string, dst *Yuan) {
	v, ok := r.value(field)
	switch {
	case !ok:
	case v == "":
		*dst = 0
	case strings.HasPrefix(v, "-"):
		r.fail(field, invalid("err.amount.negative", "must not be negative", nil))
	case !allDigits(v) || len(v) > 16:
		r.fail(field, invalid("err.amount.number", "{{.Value}} is not a number", map[string]any{"Value": v}))
	default:
		n, _ := strconv.ParseInt(v, 10, 64)
		*dst = Yuan(n)
	}
}

// optWan reads an amount that may be not recorded: an empty cell clears it (nil), an absent column keeps it.
func (r *rowCtx) optWan(field string, dst **Yuan) {
	v, ok := r.value(field)
	if !ok {
		return
	}
	if v == "" {
		*dst = nil
		return
	}
	var y Yuan
	r.wan(field, &y)
	*dst = &y
}

// optSignedWan reads an amount that may be not recorded and may be negative (net assets): as optWan, a "-"
// before the digits taken as a sign.
func (r *rowCtx) optSignedWan(field string, dst **Yuan) {
	v, ok := r.value(field)
	if !ok {
		return
	}
	if v == "" {
		*dst = nil
		return
	}
	digits := strings.TrimPrefix(v, "-")
	if !allDigits(digits) || digits == "" || len(digits) > 16 {
		r.fail(field, invalid("err.amount.number", "{{.Value}} is not a number", map[string]any{"Value": v}))
		return
	}
	n, _ := strconv.ParseInt(digits, 10, 64)
	y := Yuan(n)
	if digits != v {
		y = -y
	}
	*dst = &y
}

// optCount reads a count that may be not recorded, as optWan.
func (r *rowCtx) optCount(field string, dst **int) {
	v, ok := r.value(field)
	if !ok {
		return
	}
	if v == "" {
		*dst = nil
		return
	}
	var n int
	r.count(field, &n)
	*dst = &n
}

func (r *rowCtx) count(field string, dst *int) {
	v, ok := r.value(field)
	if !ok {
		return
	}
	n, err := ParseCount(v)
	if err != nil {
		r.fail(field, err)
		return
	}
	*dst = n
}

func (r *rowCtx) year(field string, dst *int) bool {
	v, ok := r.value(field)
	if !ok {
		return true
	}
	v = strings.TrimSpace(v)
	if v == "" {
		*dst = 0
		return true
	}
	n, err := strconv.Atoi(v)
	if err != nil || len(v) != 4 {
		r.fail(field, invalid("err.year.number", "must be a four-digit year like 2025", nil))
		return false
	}
	*dst = n
	return true
}

func (r *rowCtx) boolean(field string, dst *bool) {
	v, ok := r.value(field)
	switch {
	case !ok:
	case v == "1":
		*dst = true
	case v == "0" || v == "":
		*dst = false
	default:
		r.fail(field, invalid("err.apply.bool", "{{.Value}} is neither yes nor no", map[string]any{"Value": v}))
	}
}

// uscc reads and checks the company code of a row; "" when it is missing or wrong.
func (r *rowCtx) uscc() string {
	v, _ := r.value("uscc")
	code, err := ValidateUSCC(v)
	if err != nil {
		r.fail("uscc", err)
		return ""
	}
	return code
}

// futureYear refuses a report year after the current one.
func (r *rowCtx) futureYear(field string, y int, now time.Time) {
	if y > now.Year() {
		r.fail(field, invalid("err.apply.year.future", "{{.Year}} has not come yet", map[string]any{"Year": y}))
	}
}

// warnOutputs compares each new or changed output with the company's output of the year before (in the file,
// else in the database): a change of more than ChangeWarningPct is a warning to confirm, as in the form.
func (p *importPlanner) warnOutputs() {
	for _, list := range [][]ImportChange{p.plan.New, p.plan.Changed} {
		for _, ch := range list {
			it := ch.item
			if it.kind != "outputs" {
				continue
			}
			key := outputNatKey(it.uscc, it.output.Year-1)
			prev := p.outs[key]
			if prev == nil {
				if o, ok := p.db.outputs[key]; ok {
					prev = &o.AnnualOutput
				}
			}
			for _, w := range ChangeWarnings(prev, *it.output) {
				args := map[string]any{"PrevYear": w.PreviousYear, "Prev": w.Previous.Wan(), "Cur": w.Current.Wan(), "Pct": ChangeWarningPct}
				p.plan.addWarnings(ImportIssue{File: it.row.File, Sheet: it.row.Sheet, Row: it.row.Row,
					Cell: it.row.Cell(w.Field), Field: w.Field, Value: w.Current.WanInput(),
					Err: &Error{Code: Invalid, Field: w.Field, Key: "apply.warn.change", Args: args,
						Message: fill("{{.Prev}} in {{.PrevYear}}, now {{.Cur}} (万元): a change of more than ±{{.Pct}} %; please check", args)}})
			}
		}
	}
}

// usccValid tells, without building an error, whether a normalised code is one ValidateUSCC accepts.
func usccValid(code string) bool {
	if len(code) != 18 {
		return false
	}
	c, ok := USCCCheckChar(code[:17])
	return ok && code[17] == c
}
