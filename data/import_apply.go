package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Writing a plan: one prepared statement per kind of write, reused for every row, and ids resolved by natural
// key from what the transaction read (and from the records it has just created).

type importWritten struct {
	entity string
	id     int64
	action string
}

type importWriter struct {
	s       *Store
	ctx     context.Context
	tx      *sql.Tx
	db      *importDB
	at      string
	stmts   map[string]*sql.Stmt
	written []importWritten
}

func (s *Store) newImportWriter(ctx context.Context, tx *sql.Tx, db *importDB) *importWriter {
	return &importWriter{s: s, ctx: ctx, tx: tx, db: db, at: s.now().UTC().Format(time.RFC3339Nano),
		stmts: map[string]*sql.Stmt{}}
}

func (w *importWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// exec runs a statement, preparing it the first time.
func (w *importWriter) exec(query string, args ...any) (sql.Result, error) {
	st, ok := w.stmts[query]
	if !ok {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, query); err != nil {
			return nil, err
		}
		w.stmts[query] = st
	}
	return st.ExecContext(w.ctx, args...)
}

// checkCurrent refuses the plan when a record it matched or meant to create looks different in db now.
func (p ImportPlan) checkCurrent(db *importDB) error {
	for _, c := range p.checks {
		cur, exists := db.current(c.kind, c.key)
		if exists != c.exists || (exists && !sameShown(cur, c.shown)) {
			key := natKeyText(c.key)
			return &Error{Code: Conflict, Key: "err.apply.stale", Args: map[string]any{"Key": key},
				Message: fill("{{.Key}} was changed in the database after the preview; preview the file again", map[string]any{"Key": key})}
		}
	}
	return nil
}

func natKeyText(key string) string {
	b := []byte(key)
	for i := range b {
		if b[i] == keySep[0] {
			b[i] = ' '
		}
	}
	return string(b)
}

func (w *importWriter) write(ch ImportChange) error {
	var err error
	switch it := ch.item; it.kind {
	case "companies":
		err = w.company(it)
	case "institutions":
		err = w.institution(it)
	case "outputs":
		err = w.output(it)
	case "patents":
		err = w.patent(it)
	case "cooperations":
		err = w.cooperation(it)
	case "outcomes":
		err = w.outcome(it)
	}
	if err != nil {
		return fmt.Errorf("%s %s row %d: %w", ch.File, ch.Sheet, ch.Row, err)
	}
	return nil
}

// done records a write: its audit row and its line in the import's list of changes.
func (w *importWriter) done(entity string, id int64, created bool, before, after any) error {
	action := "update"
	if created {
		action, before = "create", nil
	}
	b, err := json.Marshal(before)
	if err != nil {
		return internal(err, "cannot encode the audit row")
	}
	var beforeJSON any
	if before != nil {
		beforeJSON = string(b)
	}
	a, err := json.Marshal(after)
	if err != nil {
		return internal(err, "cannot encode the audit row")
	}
	if _, err := w.exec(`INSERT INTO audit_log (at, operator, entity, entity_id, action, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, w.at, w.s.operator, entity, id, action, beforeJSON, string(a)); err != nil {
		return internal(err, "cannot write the audit row")
	}
	w.written = append(w.written, importWritten{entity, id, action})
	return nil
}

func lastID(res sql.Result, what string) (int64, error) {
	id, err := res.LastInsertId()
	if err != nil {
		return 0, internal(err, "cannot save the "+what)
	}
	return id, nil
}

// companyID is the id of a company the transaction has read or written.
func (w *importWriter) companyID(uscc string) (*Company, error) {
	c, ok := w.db.companies[uscc]
	if !ok {
		return nil, &Error{Code: Invalid, Field: "uscc", Key: "err.apply.company.unregistered",
			Message: "the company is not registered; add it on the company sheet"}
	}
	return c, nil
}

func (w *importWriter) company(it *importItem) error {
	c := *it.company
	cur, exists := w.db.companies[c.USCC]
	if exists {
		c.ID = cur.ID
		if _, err := w.exec(`UPDATE company SET uscc = ?, name = ?, legal_rep = ?, field = ?, park_id = ?,
			address = ?, contact = ?, phone = ?, founded = ?, above_scale = ?, cert_no = ?, cert_issued = ?,
			cert_expires = ?, techsme_no = ?, techsme_year = ? WHERE id = ?`, append(companyValues(&c), c.ID)...); err != nil {
			return uscTaken(err, c.USCC)
		}
	} else {
		res, err := w.exec(`INSERT INTO company (uscc, name, legal_rep, field, park_id, address, contact, phone,
			founded, above_scale, cert_no, cert_issued, cert_expires, techsme_no, techsme_year)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, companyValues(&c)...)
		if err != nil {
			return uscTaken(err, c.USCC)
		}
		if c.ID, err = lastID(res, "company"); err != nil {
			return err
		}
	}
	c.ParkName = w.db.parkNames[c.ParkID]
	w.db.companies[c.USCC] = &c
	return w.done("company", c.ID, !exists, it.old, c)
}

func (w *importWriter) institution(it *importItem) error {
	in := *it.inst
	res, err := w.exec(`INSERT INTO institution (name, kind, city) VALUES (?, ?, ?)`, in.Name, in.Kind, in.City)
	if err != nil {
		return instNameTaken(err, in.Name)
	}
	if in.ID, err = lastID(res, "institution"); err != nil {
		return err
	}
	w.db.institutions[in.Name] = &in
	return w.done("institution", in.ID, true, nil, in)
}

func (w *importWriter) output(it *importItem) error {
	o := *it.output
	c, err := w.companyID(it.uscc)
	if err != nil {
		return err
	}
	o.CompanyID = c.ID
	cur, exists := w.db.outputs[it.key]
	if exists {
		o.ID = cur.ID
		_, err = w.exec(`UPDATE annual_output SET output = ?, added_value = ?, revenue = ?, rd_expense = ?,
			employees = ?, rd_staff = ? WHERE id = ?`, o.Output, o.AddedValue, o.Revenue, o.RDExpense, o.Employees, o.RDStaff, o.ID)
		if err != nil {
			return outputConflict(err, o.Year)
		}
	} else {
		res, err := w.exec(`INSERT INTO annual_output (company_id, year, output, added_value, revenue, rd_expense,
			employees, rd_staff) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			o.CompanyID, o.Year, o.Output, o.AddedValue, o.Revenue, o.RDExpense, o.Employees, o.RDStaff)
		if err != nil {
			return outputConflict(err, o.Year)
		}
		if o.ID, err = lastID(res, "annual output"); err != nil {
			return err
		}
	}
	return w.done("annual_output", o.ID, !exists, it.old, o)
}

func (w *importWriter) patent(it *importItem) error {
	p := *it.patent
	cur, exists := w.db.patents[it.key]
	if exists && cur.uscc == it.uscc {
		p.CompanyID, p.CompanyName = cur.CompanyID, cur.CompanyName // its company need not be in the file
	} else {
		c, err := w.companyID(it.uscc)
		if err != nil {
			return err
		}
		p.CompanyID, p.CompanyName = c.ID, c.Name
	}
	if exists {
		p.ID = cur.ID
		if _, err := w.exec(`UPDATE patent SET company_id = ?, app_no = ?, kind = ?, title = ?, filed = ?,
			granted = ?, legal_status = ?, status_date = ? WHERE id = ?`, append(patentValues(&p), p.ID)...); err != nil {
			return patentConflict(err, p.AppNo)
		}
	} else {
		res, err := w.exec(`INSERT INTO patent (company_id, app_no, kind, title, filed, granted, legal_status,
			status_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, patentValues(&p)...)
		if err != nil {
			return patentConflict(err, p.AppNo)
		}
		if p.ID, err = lastID(res, "patent"); err != nil {
			return err
		}
	}
	return w.done("patent", p.ID, !exists, it.old, p)
}

func (w *importWriter) cooperation(it *importItem) error {
	c := *it.coop
	co, err := w.companyID(it.uscc)
	if err != nil {
		return err
	}
	in, ok := w.db.institutions[it.instName]
	if !ok {
		return &Error{Code: Invalid, Field: "institution", Key: "err.coop.inst_unknown", Message: "the institution does not exist"}
	}
	c.CompanyID, c.CompanyName, c.InstitutionID, c.InstitutionName = co.ID, co.Name, in.ID, in.Name
	cur, exists := w.db.coops[it.key]
	if exists {
		c.ID, c.Outcomes = cur.ID, cur.Outcomes
		if _, err := w.exec(`UPDATE cooperation SET programme = ?, ended = ? WHERE id = ?`,
			c.Programme, nullDate(c.Ended), c.ID); err != nil {
			return internal(err, "cannot save the cooperation")
		}
	} else {
		res, err := w.exec(`INSERT INTO cooperation (company_id, institution_id, programme, started, ended)
			VALUES (?, ?, ?, ?, ?)`, c.CompanyID, c.InstitutionID, c.Programme, FormatDate(c.Started), nullDate(c.Ended))
		if err != nil {
			return cooperationTaken(err, &c)
		}
		if c.ID, err = lastID(res, "cooperation"); err != nil {
			return err
		}
	}
	w.db.coops[it.key] = &dbCoop{Cooperation: c, uscc: it.uscc}
	return w.done("cooperation", c.ID, !exists, it.old, c)
}

func (w *importWriter) outcome(it *importItem) error {
	o := *it.outcome
	coop, ok := w.db.coops[it.coopKey]
	if !ok {
		return &Error{Code: Invalid, Field: "cooperation", Key: "err.coop.unknown", Message: "the cooperation does not exist"}
	}
	o.CooperationID, o.CompanyID, o.CompanyName = coop.ID, coop.CompanyID, coop.CompanyName
	o.InstitutionID, o.InstitutionName = coop.InstitutionID, coop.InstitutionName
	cur, exists := w.db.outcomes[it.key]
	if exists {
		o.ID = cur.ID
		if _, err := w.exec(`UPDATE coop_outcome SET kind = ?, year = ? WHERE id = ?`, o.Kind, o.Year, o.ID); err != nil {
			return internal(err, "cannot save the outcome")
		}
	} else {
		res, err := w.exec(`INSERT INTO coop_outcome (cooperation_id, kind, title, year) VALUES (?, ?, ?, ?)`,
			o.CooperationID, o.Kind, o.Title, o.Year)
		if err != nil {
			return internal(err, "cannot save the outcome")
		}
		if o.ID, err = lastID(res, "outcome"); err != nil {
			return err
		}
	}
	return w.done("coop_outcome", o.ID, !exists, it.old, o)
}
