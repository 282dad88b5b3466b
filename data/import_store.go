package data

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"
)

// An import is two steps. PlanImport reads the rows of a workbook into records, checks them with the forms'
// rules, and compares them with the database without writing anything: the plan is what the user previews.
// ApplyImport writes an accepted plan in one transaction, after checking that the database has not moved
// since the plan was made. A plan with issues is never written, not even in part: the file is fixed first.

// ImportPlan is what an import would do: the records it would create and change, how many rows match the
// database already, and the problems that keep it from being written. Issues are the plan's own; the caller
// adds the reader's in front (PrependIssues) to show them all. A row with a cell the reader refused is never
// written, and a plan holding one is refused even if the reader's issues were not added. Of the problems and
// of the warnings the first MaxImportIssues are kept, the rest counted (import_issues.go).
type ImportPlan struct {
	New          []ImportChange // records to create, in the order they are written
	Changed      []ImportChange // records to update, each with its changed fields
	Unchanged    int            // rows the database holds already (also a row repeating an earlier one)
	Issues       []ImportIssue  // problems of the rows, the first MaxImportIssues; a plan with any is refused
	MoreIssues   int            // problems found beyond those kept in Issues
	Warnings     []ImportIssue  // changes to confirm (an output more than ±50 % off the year before); not refused
	MoreWarnings int            // warnings found beyond those kept in Warnings
	// Unplanned: the file had so many problems that the reader stopped keeping its rows, so it was never
	// compared with the database. New, Changed and Unchanged are empty, MoreIssues counts only what the reader
	// found (there are at least that many), and the plan is refused whatever its counts.
	Unplanned bool

	unchanged map[string]int     // per kind
	unread    int                // rows with a cell the reader could not read (its issue is the reader's)
	keys      importKeys         // what the plan read of the database, read again to check it has not moved
	checks    []importCheck      // what each matched or new record looked like when the plan was made
	sets      map[string]seenRow // what the file sets each record to (kind + natural key), for JoinImports
	made      time.Time
}

// ImportChange is one record an import creates or changes.
type ImportChange struct {
	Kind   string // the exchange kind ("companies", "outputs", …), or "institutions" for one created for a cooperation
	Key    string // the natural key as text: "91210212MA0… 2025"
	Label  string // what a person calls the record: the company's name, the patent's title
	File   string
	Sheet  string
	Row    int           // the row that gave the record (the first that named it, for a new institution)
	Fields []FieldChange // of a changed record, the fields that change; nil for a new one (see Values)

	item *importItem
}

// Values lists every field of the record as it will be written, with Old empty: what a preview shows of a
// new record. It is computed when asked, so a plan of 100,000 new rows does not hold them all.
func (c ImportChange) Values() []FieldChange {
	if c.item == nil {
		return nil
	}
	return diffShown(nil, c.item.show())
}

// FieldChange is one field of a change, as display text: amounts in 万元 (two decimals, four when the
// amount needs them), dates YYYY-MM-DD, whole numbers, and codes as stored. Old is "" for a new record.
type FieldChange struct {
	Field string // the exchange field key; its header is the translation of "col."+Field
	Old   string
	New   string
	Codes string // when not empty, Old and New are codes whose labels are the translations of Codes+code
}

// ImportCount is how many records of one kind a plan creates, changes and leaves alone.
type ImportCount struct{ New, Changed, Unchanged int }

// Counts gives the plan's counts per kind.
func (p ImportPlan) Counts() map[string]ImportCount {
	out := map[string]ImportCount{}
	for _, c := range p.New {
		n := out[c.Kind]
		n.New++
		out[c.Kind] = n
	}
	for _, c := range p.Changed {
		n := out[c.Kind]
		n.Changed++
		out[c.Kind] = n
	}
	for k, u := range p.unchanged {
		n := out[k]
		n.Unchanged += u
		out[k] = n
	}
	return out
}

// ImportMeta describes the file a plan came from, for the import history.
type ImportMeta struct {
	FileName string
	Checksum string // of the file's bytes, as the reader computed it
	Sheets   []string
}

// ImportResult is what ApplyImport wrote.
type ImportResult struct {
	ImportID                int64 // the import_log row
	New, Changed, Unchanged int
}

// PlanImport turns rows read from a workbook into the records they describe, merged with the records the
// database holds under the same natural keys (a field the sheet lacks keeps the database's value), checks them
// with the same rules as the forms and compares them with the database. It writes nothing.
func (s *Store) PlanImport(ctx context.Context, rows []ImportRow) (ImportPlan, error) {
	return s.planImport(ctx, rows, false)
}

// PlanImportTaking is PlanImport for rows read for nothing else: it takes them, and lets go of each row's
// values once the row is planned, so that a large file is never held twice, as rows and as records. The rows
// keep their file, sheet, number and layout; their values are gone.
func (s *Store) PlanImportTaking(ctx context.Context, rows []ImportRow) (ImportPlan, error) {
	return s.planImport(ctx, rows, true)
}

func (s *Store) planImport(ctx context.Context, rows []ImportRow, take bool) (ImportPlan, error) {
	p := newImportPlanner(s.now())
	p.take = take
	p.collect(rows)
	db, err := loadImportDB(ctx, s.d, s.db, p.keys)
	if err != nil {
		return ImportPlan{}, err
	}
	return p.build(ctx, db)
}

// ApplyImport writes a plan in one transaction: every new and changed record with its audit row, in the order
// companies, institutions, outputs, patents, IP rights, cooperations, outcomes, then the import's row in the
// history.
// A plan with issues is refused (Invalid), and so is one the database has moved away from since it was made
// (Conflict: preview again). Any error rolls everything back. A plan that changes nothing is still logged,
// with zero counts. The files of one import go in together through ApplyImports.
func (s *Store) ApplyImport(ctx context.Context, plan ImportPlan, meta ImportMeta) (ImportResult, error) {
	res, err := s.ApplyImports(ctx, []ImportPlan{plan}, []ImportMeta{meta})
	if err != nil {
		return ImportResult{}, err
	}
	return res[0], nil
}

// ordered lists the new and changed records in the order they must be written: a record before those that
// point at it, and within a kind in the order of the file.
func (p ImportPlan) ordered() []*ImportChange {
	all := make([]*ImportChange, 0, len(p.New)+len(p.Changed)) // pointers: the changes are not copied
	for i := range p.New {
		all = append(all, &p.New[i])
	}
	for i := range p.Changed {
		all = append(all, &p.Changed[i])
	}
	sort.SliceStable(all, func(i, j int) bool { return importKindRank[all[i].Kind] < importKindRank[all[j].Kind] })
	return all
}

var importKindRank = map[string]int{"companies": 0, "institutions": 1, "outputs": 2, "declared": 3, "patents": 4,
	"ip_rights": 5, "facts": 6, "cooperations": 7, "outcomes": 8}

// logImport writes the import's row in the history, before its records: their audit rows name it.
func (s *Store) logImport(ctx context.Context, tx *sql.Tx, meta ImportMeta, res ImportResult, at string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO import_log (at, operator, file_name, checksum, sheets, new_count,
		changed_count, unchanged_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, at, s.operator, meta.FileName,
		meta.Checksum, strings.Join(meta.Sheets, "\n"), res.New, res.Changed, res.Unchanged).Scan(&id)
	if err != nil {
		return 0, internal(err, "cannot write the import log")
	}
	return id, nil
}

// ImportLogEntry is one import in the history.
type ImportLogEntry struct {
	ID                      int64
	At                      time.Time
	Operator                string
	FileName                string
	Checksum                string
	Sheets                  []string
	New, Changed, Unchanged int
}

// ImportHistory lists the latest imports, newest first; limit ≤ 0 lists them all.
func (s *Store) ImportHistory(ctx context.Context, limit int) ([]ImportLogEntry, error) {
	q := `SELECT id, at, operator, file_name, checksum, sheets, new_count, changed_count, unchanged_count
		FROM import_log ORDER BY id DESC`
	var args []any
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return coopRows(ctx, s.db, q, args, func(r interface{ Scan(...any) error }) (ImportLogEntry, error) {
		var e ImportLogEntry
		var at, sheets string
		err := r.Scan(&e.ID, &at, &e.Operator, &e.FileName, &e.Checksum, &sheets, &e.New, &e.Changed, &e.Unchanged)
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		if sheets != "" {
			e.Sheets = strings.Split(sheets, "\n")
		}
		return e, err
	}, "cannot read the import history")
}

// ImportLogChange is a record an import created or changed.
type ImportLogChange struct {
	Entity   string // as in the audit log: "company", "annual_output", "patent", "ip_right", "institution", "cooperation", "coop_outcome"
	EntityID int64
	Action   string // "create" or "update"
	Name     string // the record as a person names it today; "" when it has been deleted since
}

// ImportChanges lists the records one import created or changed, in the order it wrote them.
func (s *Store) ImportChanges(ctx context.Context, importID int64) ([]ImportLogChange, error) {
	return coopRows(ctx, s.db, `SELECT x.entity, x.entity_id, x.action, coalesce(CASE x.entity
		WHEN 'company' THEN (SELECT name FROM company WHERE id = x.entity_id)
		WHEN 'institution' THEN (SELECT name FROM institution WHERE id = x.entity_id)
		WHEN 'annual_output' THEN (SELECT c.name || ' ' || o.year FROM annual_output o JOIN company c ON c.id = o.company_id
			WHERE o.id = x.entity_id)
		WHEN 'patent' THEN (SELECT app_no || ' ' || title FROM patent WHERE id = x.entity_id)
		WHEN 'cooperation' THEN (SELECT c.name || ' — ' || i.name || ' ' || co.started FROM cooperation co
			JOIN company c ON c.id = co.company_id JOIN institution i ON i.id = co.institution_id WHERE co.id = x.entity_id)
		WHEN 'coop_outcome' THEN (SELECT title || ' ' || year FROM coop_outcome WHERE id = x.entity_id)
		WHEN 'ip_right' THEN (SELECT reg_no || ' ' || title FROM ip_right WHERE id = x.entity_id)
		WHEN 'company_fact' THEN (SELECT c.name || ' ' || f.year || CASE WHEN f.number <> '' THEN ' ' || f.number
			WHEN f.note <> '' THEN ' ' || f.note ELSE '' END FROM company_fact f
			JOIN company c ON c.id = f.company_id WHERE f.id = x.entity_id)
		WHEN 'declared_figures' THEN (SELECT c.name || ' ' || d.year FROM declared_figures d JOIN company c ON c.id = d.company_id
			WHERE d.id = x.entity_id)
		END, '') FROM audit_log x WHERE x.import_id = ? ORDER BY x.id`, []any{importID},
		func(r interface{ Scan(...any) error }) (ImportLogChange, error) {
			var c ImportLogChange
			err := r.Scan(&c.Entity, &c.EntityID, &c.Action, &c.Name)
			return c, err
		}, "cannot read the import's changes")
}
