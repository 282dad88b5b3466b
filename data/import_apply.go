package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"scitech/data/dialect"
)

// Writing a plan. The new records of a kind go in with multi-row INSERT … VALUES statements RETURNING their
// ids and keys, as do the audit rows and the import's list of changes: a statement per row costs more than
// the row itself. On a server the statement is the dialect's INSERT … SELECT over column arrays instead
// (bulkInserter), bulkRows rows each: the same INSERT, its triggers firing as they do, with one parameter a
// column for the client to bind and the server to parse rather than one a value. Changed records are updated one by one through a statement prepared once. Ids are resolved
// by natural key from what the transaction read and from the records it has just created, kind after kind.
//
// On a server the writer and the server take turns no longer than they must: a batch of audit rows is sent
// after the next statement that returns rows (the next batch of new records), and goes in while the writer
// reads those rows, encodes their audit rows and builds the batch after; only then does the writer wait for
// it. The server thus has work while the client does its own: before, it sat idle between statements for about
// a fifth of the writes of 100,000 output rows (its log: 15-25 ms before each statement of 60-90 ms).

type importWriter struct {
	s        *Store
	ctx      context.Context
	tx       *sql.Tx
	db       *importDB
	at       string
	stmts    map[string]*sql.Stmt
	importID int64   // the import's row in import_log, which its audit rows name
	audit    [][]any // audit rows not written yet
	// batch is the rows a statement inserts: bulkRows when the dialect is a bulkInserter (bulk), else batchRows.
	batch     int
	bulk      bulkInserter
	described map[string][]dialect.Column // the tables' columns, for bulk
	// On a server: queued is a batch of audit rows waiting for the next statement that returns rows, running
	// the error of the batch being written (nil when none is), which the writer reads before its next statement.
	queued  *queuedInsert
	running chan error
}

// queuedInsert is a statement prepared with its arguments, to run later.
type queuedInsert struct {
	st   *sql.Stmt
	args []any
}

func (s *Store) newImportWriter(ctx context.Context, tx *sql.Tx, db *importDB) *importWriter {
	w := &importWriter{s: s, ctx: ctx, tx: tx, db: db, at: s.now().UTC().Format(time.RFC3339Nano),
		stmts: map[string]*sql.Stmt{}, batch: batchRows, described: map[string][]dialect.Column{}}
	if b, ok := s.d.(bulkInserter); ok {
		w.bulk, w.batch = b, bulkRows
	}
	return w
}

func (w *importWriter) close() {
	w.wait() // the batch being written, if any: its error is the writer's already, or moot
	for _, st := range w.stmts {
		st.Close()
	}
}

// exec runs a statement, preparing it the first time, after the audit rows waiting.
func (w *importWriter) exec(query string, args ...any) (sql.Result, error) {
	if err := w.settle(); err != nil {
		return nil, err
	}
	st, err := w.prepared(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

// prepared is the statement query, prepared the first time; the connection must be free (nothing running).
func (w *importWriter) prepared(query string) (*sql.Stmt, error) {
	st, ok := w.stmts[query]
	if !ok {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, query); err != nil {
			return nil, err
		}
		w.stmts[query] = st
	}
	return st, nil
}

// wait waits for the audit batch being written, if any, and gives its error.
func (w *importWriter) wait() error {
	if w.running == nil {
		return nil
	}
	err := <-w.running
	w.running = nil
	return err
}

// sendQueued starts writing the queued audit batch, if any, once the one before it is written; the writer goes
// on meanwhile, and must wait before it uses the transaction again.
func (w *importWriter) sendQueued() error {
	if w.queued == nil {
		return nil
	}
	if err := w.wait(); err != nil {
		return err
	}
	q, done := w.queued, make(chan error, 1)
	w.queued, w.running = nil, done
	go func() {
		_, err := q.st.ExecContext(w.ctx, q.args...)
		if err != nil {
			err = internal(err, "cannot write the audit rows")
		}
		done <- err
	}()
	return nil
}

// settle writes the audit batches waiting and running, and gives the first error.
func (w *importWriter) settle() error {
	if err := w.sendQueued(); err != nil {
		return err
	}
	return w.wait()
}

// checkCurrent refuses the plan when a record it matched or meant to create looks different in db now.
func (p ImportPlan) checkCurrent(db *importDB) error {
	for _, c := range p.checks {
		cur, exists := db.current(c.kind, c.key)
		if exists != c.exists || (exists && sumShown(cur) != c.sum) {
			return staleError(natKeyText(c.key))
		}
	}
	return nil
}

func staleError(key string) *Error {
	return &Error{Code: Conflict, Key: "err.apply.stale", Args: map[string]any{"Key": key},
		Message: fill("{{.Key}} was changed in the database after the preview; preview the file again", map[string]any{"Key": key})}
}

func natKeyText(key string) string { return strings.ReplaceAll(key, keySep, " ") }

// writeAll writes the changes, given kind by kind in dependency order, then the audit rows.
func (w *importWriter) writeAll(changes []*ImportChange) error {
	kinds := map[string]func([]*ImportChange) error{"companies": w.companies, "institutions": w.institutions,
		"outputs": w.outputs, "patents": w.patents, "ip_rights": w.ipRights, "declared": w.declared, "facts": w.facts, "cooperations": w.cooperations, "outcomes": w.outcomes}
	for i := 0; i < len(changes); {
		j := i
		for j < len(changes) && changes[j].Kind == changes[i].Kind {
			j++
		}
		// A statement's worth at a time: the rows to insert and their arguments never pile up for the
		// whole kind.
		for k := i; k < j; k += w.batch {
			if err := kinds[changes[i].Kind](changes[k:min(k+w.batch, j)]); err != nil {
				return err
			}
		}
		i = j
	}
	if err := w.flushAudit(); err != nil {
		return err
	}
	return w.settle()
}

// done records a write: its audit row, naming the import, written with others w.batch at a time.
func (w *importWriter) done(entity string, id int64, created bool, before, after any) error {
	action, beforeJSON := "create", any(nil)
	if !created {
		b, err := json.Marshal(before)
		if err != nil {
			return internal(err, "cannot encode the audit row")
		}
		action, beforeJSON = "update", string(b)
	}
	a, err := json.Marshal(after)
	if err != nil {
		return internal(err, "cannot encode the audit row")
	}
	w.audit = append(w.audit, []any{w.at, w.s.operator, entity, id, action, beforeJSON, string(a), w.importID})
	if len(w.audit) >= w.batch {
		return w.flushAudit()
	}
	return nil
}

const auditColumns = "at, operator, entity, entity_id, action, before, after, import_id"

// flushAudit writes the audit rows waiting; on a server it queues them, to go in after the next statement that
// returns rows (sendQueued).
func (w *importWriter) flushAudit() error {
	if w.bulk == nil || len(w.audit) == 0 {
		if err := w.insertRows("audit_log", auditColumns, w.audit, "", nil); err != nil {
			return internal(err, "cannot write the audit rows")
		}
		w.audit = w.audit[:0]
		return nil
	}
	query, args, err := w.statement("audit_log", auditColumns, w.audit, "")
	if err != nil {
		return internal(err, "cannot write the audit rows")
	}
	w.audit = make([][]any, 0, w.batch) // the queued batch holds the rows; the next start a slice of their own
	if err := w.sendQueued(); err != nil {
		return err
	}
	st, ok := w.stmts[query]
	if !ok {
		// Prepared once per statement text, with the connection free.
		if err := w.wait(); err != nil {
			return err
		}
		if st, err = w.prepared(query); err != nil {
			return internal(err, "cannot write the audit rows")
		}
	}
	w.queued = &queuedInsert{st: st, args: args}
	return nil
}

// insertRows inserts rows into the columns cols (as listed in an INSERT) of table, w.batch rows a statement,
// scanning what RETURNING gives; scan is nil for a statement without RETURNING.
func (w *importWriter) insertRows(table, cols string, rows [][]any, returning string, scan func(*sql.Rows) error) error {
	for len(rows) > 0 {
		n := min(len(rows), w.batch)
		if err := w.insertBatch(table, cols, rows[:n], returning, scan); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// batchRows keeps a statement's parameters (rows × columns) well under SQLite's limit of 32,766.
const batchRows = 256

// bulkRows is a statement's rows on a database whose dialect inserts them as column arrays (bulkInserter):
// the statement's parameters are one a column however many rows it holds.
const bulkRows = 4096

// bulkInserter is a dialect that inserts many rows in one statement of its own (the server's INSERT … SELECT
// FROM unnest of column arrays, data/postgres/bulk.go) instead of a multi-row INSERT … VALUES: the query and
// its arguments, or an error when a value does not suit that statement (the rows then go in as VALUES).
type bulkInserter interface {
	BulkInsert(table string, cols []dialect.Column, rows [][]any, returning string) (string, []any, error)
}

func (w *importWriter) insertBatch(table, cols string, rows [][]any, returning string, scan func(*sql.Rows) error) error {
	query, args, err := w.statement(table, cols, rows, returning)
	if err != nil {
		return err
	}
	if err := w.wait(); err != nil {
		return err
	}
	st, err := w.prepared(query)
	if err != nil {
		return err
	}
	res, err := st.QueryContext(w.ctx, args...)
	if err != nil {
		return err
	}
	defer res.Close()
	for res.Next() {
		if scan != nil {
			if err := scan(res); err != nil {
				return err
			}
		}
	}
	if err := res.Err(); err != nil {
		return err
	}
	if err := res.Close(); err != nil {
		return err
	}
	// The audit rows waiting go in while the caller reads what this statement returned.
	return w.sendQueued()
}

// statement is the query and arguments inserting rows into the columns cols (as listed in an INSERT) of table.
func (w *importWriter) statement(table, cols string, rows [][]any, returning string) (string, []any, error) {
	query, args := "", []any(nil)
	if w.bulk != nil {
		described, err := w.columns(table, cols)
		if err != nil {
			return "", nil, err
		}
		query, args, err = w.bulk.BulkInsert(table, described, rows, returning)
		if err != nil {
			query = "" // a value of its own kind: the rows go in as VALUES, as the server converts them
		}
	}
	if query == "" {
		n := len(rows[0])
		one := "(?" + strings.Repeat(", ?", n-1) + ")"
		query = "INSERT INTO " + table + " (" + cols + ") VALUES " + one + strings.Repeat(", "+one, len(rows)-1)
		if returning != "" {
			query += " RETURNING " + returning
		}
		args = make([]any, 0, len(rows)*n)
		for _, r := range rows {
			args = append(args, r...)
		}
	}
	return query, args, nil
}

// columns describes the columns cols (as listed in an INSERT) of table, in their order there, reading the
// table's description once per import.
func (w *importWriter) columns(table, cols string) ([]dialect.Column, error) {
	all, ok := w.described[table]
	if !ok {
		var err error
		if all, err = w.s.d.Columns(w.ctx, w.tx, table); err != nil {
			return nil, err
		}
		w.described[table] = all
	}
	var out []dialect.Column
	for _, name := range strings.Split(cols, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(all, func(c dialect.Column) bool { return c.Name == name })
		if i < 0 {
			return nil, internal(nil, "table "+table+" has no column "+name)
		}
		out = append(out, all[i])
	}
	return out, nil
}

// batchErr is the error of a batch insert: a clash with a record that appeared since the preview (which
// the transaction's check of the plan makes all but impossible), or an internal error.
func batchErr(err error, what string) error {
	if e := (*Error)(nil); errors.As(err, &e) {
		return err // the store's own already, as an audit batch written meanwhile gives it
	}
	if isUnique(err) {
		return staleError(what)
	}
	return internal(err, "cannot save the "+what)
}

// company is a company the transaction has read or written.
func (w *importWriter) company(uscc string) (*Company, error) {
	c, ok := w.db.companies[uscc]
	if !ok {
		return nil, &Error{Code: Invalid, Field: "uscc", Key: "err.apply.company.unregistered",
			Message: "the company is not registered; add it on the company sheet"}
	}
	return c, nil
}

func (w *importWriter) companies(chs []*ImportChange) error {
	var news []*Company
	var rows [][]any
	for _, ch := range chs {
		c := *ch.item.company
		c.ParkName = w.db.parkNames[c.ParkID]
		cur, exists := w.db.companies[c.USCC]
		if !exists {
			news, rows = append(news, &c), append(rows, companyValues(&c))
			continue
		}
		c.ID = cur.ID
		if _, err := w.exec(`UPDATE company SET uscc = ?, name = ?, legal_rep = ?, field = ?, park_id = ?,
			address = ?, contact = ?, phone = ?, founded = ?, above_scale = ?, cert_no = ?, cert_issued = ?,
			cert_expires = ?, techsme_no = ?, techsme_year = ? WHERE id = ?`, append(companyValues(&c), c.ID)...); err != nil {
			return uscTaken(err, c.USCC)
		}
		w.db.companies[c.USCC] = &c
		if err := w.done("company", c.ID, false, ch.item.old, c); err != nil {
			return err
		}
	}
	ids := map[string]int64{}
	err := w.insertRows("company", `uscc, name, legal_rep, field, park_id, address, contact, phone,
		founded, above_scale, cert_no, cert_issued, cert_expires, techsme_no, techsme_year`, rows, "id, uscc", func(r *sql.Rows) error {
		var id int64
		var k string
		err := r.Scan(&id, &k)
		ids[k] = id
		return err
	})
	if err != nil {
		return batchErr(err, "company")
	}
	for _, c := range news {
		c.ID = ids[c.USCC]
		w.db.companies[c.USCC] = c
		if err := w.done("company", c.ID, true, nil, c); err != nil {
			return err
		}
	}
	return nil
}

func (w *importWriter) institutions(chs []*ImportChange) error {
	rows := make([][]any, len(chs))
	for i, ch := range chs {
		in := ch.item.inst
		rows[i] = []any{in.Name, in.Kind, in.City}
	}
	ids := map[string]int64{}
	err := w.insertRows("institution", "name, kind, city", rows, "id, name",
		func(r *sql.Rows) error {
			var id int64
			var k string
			err := r.Scan(&id, &k)
			ids[k] = id
			return err
		})
	if err != nil {
		return batchErr(err, "institution")
	}
	for _, ch := range chs {
		in := *ch.item.inst
		in.ID = ids[in.Name]
		w.db.institutions[in.Name] = &in
		if err := w.done("institution", in.ID, true, nil, in); err != nil {
			return err
		}
	}
	return nil
}

func (w *importWriter) outputs(chs []*ImportChange) error {
	var news []*AnnualOutput
	var rows [][]any
	for _, ch := range chs {
		o := *ch.item.output
		c, err := w.company(ch.item.uscc)
		if err != nil {
			return err
		}
		o.CompanyID = c.ID
		cur, exists := w.db.outputs[ch.item.key]
		if !exists {
			news = append(news, &o)
			rows = append(rows, append([]any{o.CompanyID, o.Year, o.Output, o.AddedValue, o.Revenue, o.RDExpense, o.Employees,
				o.RDStaff}, policyFigureArgs(&o)...))
			continue
		}
		o.ID = cur.ID
		if _, err := w.exec(`UPDATE annual_output SET output = ?, added_value = ?, revenue = ?, rd_expense = ?,
			employees = ?, rd_staff = ?, total_income = ?, hightech_income = ?, rd_domestic = ?, total_costs = ?,
			net_assets = ?, total_assets = ?, st_staff = ?, conversions = ? WHERE id = ?`,
			append(append([]any{o.Output, o.AddedValue, o.Revenue, o.RDExpense, o.Employees, o.RDStaff},
				policyFigureArgs(&o)...), o.ID)...); err != nil {
			return outputConflict(err, o.Year)
		}
		if err := w.done("annual_output", o.ID, false, ch.item.old, o); err != nil {
			return err
		}
	}
	ids, err := w.insertYearRows("annual_output", `company_id, year, output, added_value, revenue,
		rd_expense, employees, rd_staff, `+policyFigureColumns, rows)
	if err != nil {
		return batchErr(err, "annual output")
	}
	for _, o := range news {
		o.ID = ids[companyYear{o.CompanyID, int64(o.Year)}]
		if err := w.done("annual_output", o.ID, true, nil, o); err != nil {
			return err
		}
	}
	return nil
}

func (w *importWriter) patents(chs []*ImportChange) error {
	var news []*Patent
	var rows [][]any
	for _, ch := range chs {
		p := *ch.item.patent
		cur, exists := w.db.patents[ch.item.key]
		if exists && cur.uscc == ch.item.uscc {
			p.CompanyID, p.CompanyName = cur.CompanyID, cur.CompanyName // its company need not be in the file
		} else {
			c, err := w.company(ch.item.uscc)
			if err != nil {
				return err
			}
			p.CompanyID, p.CompanyName = c.ID, c.Name
		}
		if !exists {
			news, rows = append(news, &p), append(rows, append(patentValues(&p), p.UsedIn))
			continue
		}
		p.ID = cur.ID
		if _, err := w.exec(`UPDATE patent SET company_id = ?, app_no = ?, kind = ?, title = ?, filed = ?,
			granted = ?, legal_status = ?, status_date = ?, used_in = ? WHERE id = ?`, append(patentValues(&p), p.UsedIn, p.ID)...); err != nil {
			return patentConflict(err, p.AppNo)
		}
		if err := w.done("patent", p.ID, false, ch.item.old, p); err != nil {
			return err
		}
	}
	ids := map[string]int64{}
	err := w.insertRows("patent", `company_id, app_no, kind, title, filed, granted, legal_status,
		status_date, used_in`, rows, "id, app_no", func(r *sql.Rows) error {
		var id int64
		var k string
		err := r.Scan(&id, &k)
		ids[k] = id
		return err
	})
	if err != nil {
		return batchErr(err, "patent")
	}
	for _, p := range news {
		p.ID = ids[p.AppNo]
		if err := w.done("patent", p.ID, true, nil, p); err != nil {
			return err
		}
	}
	return nil
}

// facts writes company facts. The table holds no unique key; the plan's (company, kind, year, number) tells the
// new ones apart, as the planner refuses a file that gives one twice.
func (w *importWriter) facts(chs []*ImportChange) error {
	var news []*CompanyFact
	var rows [][]any
	for _, ch := range chs {
		f := *ch.item.fact
		c, err := w.company(ch.item.uscc)
		if err != nil {
			return err
		}
		f.CompanyID = c.ID
		cur, exists := w.db.facts[ch.item.key]
		if !exists {
			news = append(news, &f)
			rows = append(rows, []any{f.CompanyID, f.Kind, f.Year, nullDate(f.Date), f.Level, f.Rank, f.Amount, f.Number, f.Note})
			continue
		}
		f.ID = cur.ID
		if _, err := w.exec(`UPDATE company_fact SET date = ?, level = ?, rank = ?, amount = ?, note = ? WHERE id = ?`,
			nullDate(f.Date), f.Level, f.Rank, f.Amount, f.Note, f.ID); err != nil {
			return factError(err)
		}
		if err := w.done("company_fact", f.ID, false, ch.item.old, f); err != nil {
			return err
		}
	}
	ids := map[string]int64{}
	err := w.insertRows("company_fact", "company_id, kind, year, date, level, rank, amount, number, note", rows,
		"id, company_id, kind, year, number", func(r *sql.Rows) error {
			var id, company int64
			var kind, number string
			var year int
			err := r.Scan(&id, &company, &kind, &year, &number)
			ids[factNatKey(strconv.FormatInt(company, 10), kind, year, number)] = id
			return err
		})
	if err != nil {
		return batchErr(err, "company fact")
	}
	for _, f := range news {
		f.ID = ids[factNatKey(strconv.FormatInt(f.CompanyID, 10), f.Kind, f.Year, f.Number)]
		if err := w.done("company_fact", f.ID, true, nil, f); err != nil {
			return err
		}
	}
	return nil
}

func (w *importWriter) declared(chs []*ImportChange) error {
	var news []*DeclaredFigures
	var rows [][]any
	for _, ch := range chs {
		d := *ch.item.declared
		c, err := w.company(ch.item.uscc)
		if err != nil {
			return err
		}
		d.CompanyID = c.ID
		cur, exists := w.db.declared[ch.item.key]
		if !exists {
			if _, has := w.db.outputs[ch.item.key]; has {
				// An output row of the year was added after the preview, which refused the year then.
				return staleError(natKeyText(ch.item.key))
			}
			news, rows = append(news, &d), append(rows, declaredArgs(&d))
			continue
		}
		d.ID, d.Superseded = cur.ID, cur.Superseded
		if _, err := w.exec(`UPDATE declared_figures SET revenue = ?, rd_expense = ?, employees = ?, total_income = ?,
			hightech_income = ?, rd_domestic = ?, total_costs = ?, net_assets = ?, total_assets = ?, st_staff = ?,
			conversions = ?, source = ? WHERE id = ?`, append(declaredArgs(&d)[2:], d.ID)...); err != nil {
			return declaredError(err, d.Year)
		}
		if err := w.done("declared_figures", d.ID, false, ch.item.old, d); err != nil {
			return err
		}
	}
	ids, err := w.insertYearRows("declared_figures", `company_id, year, revenue, rd_expense, employees,
		total_income, hightech_income, rd_domestic, total_costs, net_assets, total_assets, st_staff, conversions,
		source`, rows)
	if err != nil {
		return batchErr(err, "declared figures")
	}
	for _, d := range news {
		d.ID = ids[companyYear{d.CompanyID, int64(d.Year)}]
		if err := w.done("declared_figures", d.ID, true, nil, d); err != nil {
			return err
		}
	}
	return nil
}

func (w *importWriter) ipRights(chs []*ImportChange) error {
	var news []*IPRight
	var rows [][]any
	for _, ch := range chs {
		ip := *ch.item.ipRight
		cur, exists := w.db.ipRights[ch.item.key]
		if exists && cur.uscc == ch.item.uscc {
			ip.CompanyID = cur.CompanyID // its company need not be in the file
		} else {
			c, err := w.company(ch.item.uscc)
			if err != nil {
				return err
			}
			ip.CompanyID = c.ID
		}
		if !exists {
			news = append(news, &ip)
			rows = append(rows, []any{ip.CompanyID, ip.Kind, ip.RegNo, ip.Title, FormatDate(ip.Granted), ip.UsedIn})
			continue
		}
		ip.ID = cur.ID
		if _, err := w.exec(`UPDATE ip_right SET company_id = ?, title = ?, granted = ?, used_in = ? WHERE id = ?`,
			ip.CompanyID, ip.Title, FormatDate(ip.Granted), ip.UsedIn, ip.ID); err != nil {
			return ipRightError(err)
		}
		if err := w.done("ip_right", ip.ID, false, ch.item.old, ip); err != nil {
			return err
		}
	}
	ids := map[string]int64{}
	err := w.insertRows("ip_right", "company_id, kind, reg_no, title, granted, used_in", rows,
		"id, kind, reg_no", func(r *sql.Rows) error {
			var id int64
			var kind, regNo string
			err := r.Scan(&id, &kind, &regNo)
			ids[ipRightNatKey(kind, regNo)] = id
			return err
		})
	if err != nil {
		return batchErr(err, "IP right")
	}
	for _, ip := range news {
		ip.ID = ids[ipRightNatKey(ip.Kind, ip.RegNo)]
		if err := w.done("ip_right", ip.ID, true, nil, ip); err != nil {
			return err
		}
	}
	return nil
}

func (w *importWriter) cooperations(chs []*ImportChange) error {
	var news []*Cooperation
	var newItems []*importItem
	var rows [][]any
	for _, ch := range chs {
		c := *ch.item.coop
		co, err := w.company(ch.item.uscc)
		if err != nil {
			return err
		}
		in, ok := w.db.institutions[ch.item.instName]
		if !ok {
			return &Error{Code: Invalid, Field: "institution", Key: "err.coop.inst_unknown", Message: "the institution does not exist"}
		}
		c.CompanyID, c.CompanyName, c.InstitutionID, c.InstitutionName = co.ID, co.Name, in.ID, in.Name
		cur, exists := w.db.coops[ch.item.key]
		if !exists {
			news, newItems = append(news, &c), append(newItems, ch.item)
			rows = append(rows, []any{c.CompanyID, c.InstitutionID, c.Programme, FormatDate(c.Started), nullDate(c.Ended)})
			continue
		}
		c.ID, c.Outcomes = cur.ID, cur.Outcomes
		if _, err := w.exec(`UPDATE cooperation SET programme = ?, ended = ? WHERE id = ?`,
			c.Programme, nullDate(c.Ended), c.ID); err != nil {
			return internal(err, "cannot save the cooperation")
		}
		w.db.coops[ch.item.key] = &dbCoop{Cooperation: c, uscc: ch.item.uscc}
		if err := w.done("cooperation", c.ID, false, ch.item.old, c); err != nil {
			return err
		}
	}
	ids := map[string]int64{}
	err := w.insertRows("cooperation", "company_id, institution_id, programme, started, ended", rows,
		"id, company_id, institution_id, started", func(r *sql.Rows) error {
			var id, company, inst int64
			var started string
			err := r.Scan(&id, &company, &inst, &started)
			ids[natKey(strconv.FormatInt(company, 10), strconv.FormatInt(inst, 10), started)] = id
			return err
		})
	if err != nil {
		return batchErr(err, "cooperation")
	}
	for i, c := range news {
		c.ID = ids[natKey(strconv.FormatInt(c.CompanyID, 10), strconv.FormatInt(c.InstitutionID, 10), FormatDate(c.Started))]
		w.db.coops[newItems[i].key] = &dbCoop{Cooperation: *c, uscc: newItems[i].uscc}
		if err := w.done("cooperation", c.ID, true, nil, c); err != nil {
			return err
		}
	}
	return nil
}

func (w *importWriter) outcomes(chs []*ImportChange) error {
	var news []*CoopOutcome
	var rows [][]any
	for _, ch := range chs {
		o := *ch.item.outcome
		coop, ok := w.db.coops[ch.item.coopKey]
		if !ok {
			return &Error{Code: Invalid, Field: "cooperation", Key: "err.coop.unknown", Message: "the cooperation does not exist"}
		}
		o.CooperationID, o.CompanyID, o.CompanyName = coop.ID, coop.CompanyID, coop.CompanyName
		o.InstitutionID, o.InstitutionName = coop.InstitutionID, coop.InstitutionName
		cur, exists := w.db.outcomes[ch.item.key]
		if !exists {
			news, rows = append(news, &o), append(rows, []any{o.CooperationID, o.Kind, o.Title, o.Year})
			continue
		}
		o.ID = cur.ID
		if _, err := w.exec(`UPDATE coop_outcome SET kind = ?, year = ? WHERE id = ?`, o.Kind, o.Year, o.ID); err != nil {
			return internal(err, "cannot save the outcome")
		}
		if err := w.done("coop_outcome", o.ID, false, ch.item.old, o); err != nil {
			return err
		}
	}
	ids := map[string]int64{}
	err := w.insertRows("coop_outcome", "cooperation_id, kind, title, year", rows,
		"id, cooperation_id, title", func(r *sql.Rows) error {
			var id, coop int64
			var title string
			err := r.Scan(&id, &coop, &title)
			ids[natKey(strconv.FormatInt(coop, 10), title)] = id
			return err
		})
	if err != nil {
		return batchErr(err, "outcome")
	}
	for _, o := range news {
		o.ID = ids[natKey(strconv.FormatInt(o.CooperationID, 10), o.Title)]
		if err := w.done("coop_outcome", o.ID, true, nil, o); err != nil {
			return err
		}
	}
	return nil
}

// companyYear keys the rows of a table with one row a company and year (output rows, declared figures).
type companyYear struct{ company, year int64 }

// insertYearRows inserts the rows of such a table and gives each new row's id by its company and year.
func (w *importWriter) insertYearRows(table, cols string, rows [][]any) (map[companyYear]int64, error) {
	ids := map[companyYear]int64{}
	err := w.insertRows(table, cols, rows, "id, company_id, year", func(r *sql.Rows) error {
		var id int64
		var k companyYear
		err := r.Scan(&id, &k.company, &k.year)
		ids[k] = id
		return err
	})
	return ids, err
}
