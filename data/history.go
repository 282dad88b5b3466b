package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"scitech/data/dialect"
)

// The change history. The audit log says what a change meant; migration 0006 adds, beside it, the rows each
// transaction changed, as they were and as they became (table change, written by triggers), grouped by
// transaction (table change_group). The groups are what can be undone: a form's save, a workflow step, a
// delete with everything it took along, a whole import.

// trackedTables are the record tables whose rows the triggers of 0006 keep. Issued briefs are not among them.
var trackedTables = []string{"park", "company", "annual_output", "setting", "institution", "cooperation",
	"coop_base", "coop_outcome", "incubator", "incubator_application", "incubator_application_history",
	"plan_application", "plan_application_history", "patent", "park_project", "company_fact", "ip_right",
	"declared_figures"}

// historyQuerier is a database or a transaction.
type historyQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// changeGroup is the group update() opened for its transaction.
type changeGroup struct{ id int64 }

// openChangeGroup starts the group of a transaction; while it is open the triggers record into it. SQLite's
// triggers (0006) find it themselves as the change_group row with open = 1, which only this transaction sees;
// a server's are told it by the dialect (a transaction-local setting), so that no trigger call looks it up.
func (s *Store) openChangeGroup(ctx context.Context, tx *sql.Tx) (changeGroup, error) {
	var g changeGroup
	err := tx.QueryRowContext(ctx, `INSERT INTO change_group (at, operator, open, change_from)
		VALUES (?, ?, 1, (SELECT coalesce(max(id), 0) FROM change)) RETURNING id`,
		s.now().UTC().Format(time.RFC3339Nano), s.operator).Scan(&g.id)
	if err == nil {
		err = s.d.OpenChangeGroup(ctx, tx, g.id)
	}
	if err != nil {
		return g, internal(err, "cannot start the change history")
	}
	return g, nil
}

// close stops the triggers writing into the group and records where its changes end.
func (g changeGroup) close(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE change_group SET open = NULL,
		change_to = (SELECT coalesce(max(id), 0) FROM change) WHERE id = ?`, g.id); err != nil {
		return internal(err, "cannot write the change history")
	}
	return nil
}

// openGroupID is the group of the transaction tx belongs to.
func openGroupID(ctx context.Context, tx *sql.Tx) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM change_group WHERE open = 1`).Scan(&id); err != nil {
		return 0, internal(err, "no change group is open")
	}
	return id, nil
}

// auditGroupSQL is an audit row's group: its own, or its import's.
const auditGroupSQL = `coalesce(a.group_id, (SELECT i.id FROM change_group i WHERE i.import_id = a.import_id), 0)`

// HistoryFilter narrows the history. Zero fields do not filter.
type HistoryFilter struct {
	Entity   string // the audit log's record kind: company, annual_output, patent, setting…
	EntityID int64  // with Entity: one record
	Operator string
	From, To time.Time // From ≤ time < To
	ImportID int64
	Limit    int // 0 = no limit
	Offset   int
}

// HistoryField is one field of a record as a change left it. Old is empty for a record created, New for one
// deleted. Field is the column's name (a setting's key for settings; the Go field for changes made before
// the history kept rows).
type HistoryField struct {
	Field    string
	Old, New string
}

// HistoryEntry is one change of one record, as the audit log has it, with what it changed.
type HistoryEntry struct {
	ID       int64 // the audit row
	At       time.Time
	Operator string
	Entity   string
	EntityID int64
	Action   string // create, update, delete
	Label    string // the record's name, title, applicant or number, as the change left it (or found it)
	Group    int64  // the change group (transaction) it belongs to; 0 for changes from before the history
	ImportID int64  // the import that wrote it, 0 for none
	UndoOf   int64  // the group this change undid, 0 if it is no undo
	UndoneBy int64  // the undo that took this change back and stands, 0 if the change is in force
	Changes  []HistoryField
}

// Undoable tells whether the change's group can be asked to be undone (Undo may still refuse it).
func (e HistoryEntry) Undoable() bool { return e.Group > 0 && e.Entity != "brief_register" }

const timeBound = "2006-01-02T15:04:05"

func (f HistoryFilter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) { conds = append(conds, cond); args = append(args, arg) }
	if f.Entity != "" {
		add("a.entity = ?", f.Entity)
		if f.EntityID != 0 {
			add("a.entity_id = ?", f.EntityID)
		}
	}
	if f.Operator != "" {
		add("a.operator = ?", f.Operator)
	}
	// The times are RFC 3339 text in UTC with a varying number of decimals; a bound without the zone and
	// decimals sorts before every time of its second and after every time of the seconds before.
	if !f.From.IsZero() {
		add("a.at >= ?", f.From.UTC().Format(timeBound))
	}
	if !f.To.IsZero() {
		add("a.at < ?", f.To.UTC().Format(timeBound))
	}
	if f.ImportID != 0 {
		add("a.import_id = ?", f.ImportID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// HistoryCount counts the changes the filter lets through (Limit and Offset aside).
func (s *Store) HistoryCount(ctx context.Context, f HistoryFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM audit_log a`+where, args...).Scan(&n); err != nil {
		return 0, internal(err, "cannot count the history")
	}
	return n, nil
}

// History lists the changes the filter lets through, newest first, a page at a time, each with the fields
// it changed.
func (s *Store) History(ctx context.Context, f HistoryFilter) ([]HistoryEntry, error) {
	where, args := f.where()
	q := `SELECT id, at, operator, entity, entity_id, action, before, after, grp, import_id,
		coalesce((SELECT undo_of FROM change_group g WHERE g.id = grp), 0)
		FROM (SELECT a.id, a.at, a.operator, a.entity, a.entity_id, a.action, coalesce(a.before, '') AS before,
		coalesce(a.after, '') AS after, ` + auditGroupSQL + ` AS grp, coalesce(a.import_id, 0) AS import_id
		FROM audit_log a` + where + ` ORDER BY a.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	q += `) h ORDER BY id DESC`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err, "cannot read the history")
	}
	defer rows.Close()
	var out []HistoryEntry
	var before, after []string
	for rows.Next() {
		var e HistoryEntry
		var at, b, a string
		if err := rows.Scan(&e.ID, &at, &e.Operator, &e.Entity, &e.EntityID, &e.Action, &b, &a, &e.Group,
			&e.ImportID, &e.UndoOf); err != nil {
			return nil, internal(err, "cannot read the history")
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
		before, after = append(before, b), append(after, a)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot read the history")
	}
	rows.Close()
	for i := range out {
		if err := s.fillChanges(ctx, &out[i], before[i], after[i]); err != nil {
			return nil, err
		}
		if out[i].Group > 0 {
			if out[i].UndoneBy, err = s.undoneBy(ctx, out[i].Group, 0); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// undoneBy is the group that undid a group and stands (was not undone in turn), or 0: a change undone and
// brought back by undoing the undo is in force again.
func (s *Store) undoneBy(ctx context.Context, group int64, depth int) (int64, error) {
	var undo int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM change_group WHERE undo_of = ?`, group).Scan(&undo)
	if err != nil {
		return 0, internal(err, "cannot read the history")
	}
	if undo == 0 || depth > 50 {
		return undo, nil
	}
	undone, err := s.undoneBy(ctx, undo, depth+1)
	if err != nil || undone != 0 {
		return 0, err
	}
	return undo, nil
}

// fillChanges sets what a change did to its record's fields: from the rows the history kept when there are
// any, else from the audit row's before and after.
func (s *Store) fillChanges(ctx context.Context, e *HistoryEntry, before, after string) error {
	if e.Group > 0 {
		if e.Entity == "setting" {
			return s.fillSettingChanges(ctx, e)
		}
		old, now, ok, err := s.rowAround(ctx, e.Group, e.Entity, e.EntityID)
		if err != nil {
			return err
		}
		if ok {
			e.Changes, e.Label = rowChanges(old.String, now.String)
			return nil
		}
	}
	e.Changes, e.Label = rowChanges(before, after)
	return nil
}

// rowAround gives a row as it was before a group first changed it and as the group left it (the next change's
// old row, or the row as it is now); ok is false when the group did not touch the row.
func (s *Store) rowAround(ctx context.Context, group int64, tbl string, row int64) (old, now sql.NullString, ok bool, err error) {
	t, known := schemaFor(ctx, s.d, s.db)[tbl]
	if !known {
		return old, now, false, nil
	}
	var to int64
	err = s.db.QueryRowContext(ctx, `SELECT c.old, g.change_to FROM change_group g
		JOIN change c ON c.id > g.change_from AND c.id <= g.change_to AND c.tbl = ? AND c.row_id = ?
		WHERE g.id = ? ORDER BY c.id LIMIT 1`, tbl, row, group).Scan(&old, &to)
	if isNoRows(err) {
		return old, now, false, nil
	}
	if err == nil {
		now, err = rowAfter(ctx, s.d, s.db, t, row, to)
	}
	if err != nil {
		return old, now, false, internal(err, "cannot read the history")
	}
	return old, now, true, nil
}

// rowAfter is a row as it was after change id: the old row of its next change, or the row as it is now.
func rowAfter(ctx context.Context, d dialect.Dialect, q historyQuerier, t *tableSchema, row, id int64) (sql.NullString, error) {
	var v sql.NullString
	err := q.QueryRowContext(ctx, `SELECT old FROM change WHERE tbl = ? AND row_id = ? AND id > ? ORDER BY id LIMIT 1`,
		t.name, row, id).Scan(&v)
	if isNoRows(err) {
		return currentRow(ctx, d, q, t, row)
	}
	return v, err
}

// currentRow is a row as it is now, as the same JSON the triggers write (NULL when it does not exist).
func currentRow(ctx context.Context, d dialect.Dialect, q historyQuerier, t *tableSchema, row int64) (sql.NullString, error) {
	var v sql.NullString
	err := q.QueryRowContext(ctx, `SELECT `+t.rowJSON(d, "r")+` FROM `+t.name+` r WHERE r.`+d.RowID()+` = ?`, row).Scan(&v)
	if isNoRows(err) {
		return sql.NullString{}, nil
	}
	return v, err
}

// fillSettingChanges lists the settings a change set, one key each (the audit row holds them all as id 0).
func (s *Store) fillSettingChanges(ctx context.Context, e *HistoryEntry) error {
	t := schemaFor(ctx, s.d, s.db)["setting"]
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT c.row_id, g.change_to FROM change_group g
		JOIN change c ON c.id > g.change_from AND c.id <= g.change_to AND c.tbl = 'setting' WHERE g.id = ?`, e.Group)
	if err != nil {
		return internal(err, "cannot read the history")
	}
	type key struct{ row, to int64 }
	var keys []key
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.row, &k.to); err != nil {
			rows.Close()
			return internal(err, "cannot read the history")
		}
		keys = append(keys, k)
	}
	rows.Close()
	for _, k := range keys {
		old, _, _, err := s.rowAround(ctx, e.Group, "setting", k.row)
		if err != nil {
			return err
		}
		now, err := rowAfter(ctx, s.d, s.db, t, k.row, k.to)
		if err != nil {
			return internal(err, "cannot read the history")
		}
		o, _ := jsonFields(old.String)
		n, _ := jsonFields(now.String)
		name := n["key"]
		if name == "" {
			name = o["key"]
		}
		if o["value"] != n["value"] {
			e.Changes = append(e.Changes, HistoryField{Field: name, Old: o["value"], New: n["value"]})
		}
	}
	return nil
}

// rowChanges compares two JSON objects (either may be empty) field by field, in the order of the first
// object that has fields, and names the record.
func rowChanges(before, after string) ([]HistoryField, string) {
	old, oldKeys := jsonFields(before)
	cur, curKeys := jsonFields(after)
	keys := curKeys
	if len(keys) == 0 {
		keys = oldKeys
	} else {
		for _, k := range oldKeys {
			if _, ok := cur[k]; !ok {
				keys = append(keys, k)
			}
		}
	}
	var out []HistoryField
	for _, k := range keys {
		if k == "id" || k == "ID" {
			continue
		}
		o, n := old[k], cur[k]
		if o != n {
			out = append(out, HistoryField{Field: k, Old: o, New: n})
		}
	}
	label := recordLabel(cur)
	if label == "" {
		label = recordLabel(old)
	}
	return out, label
}

// labelFields name a record for the user, first found first.
var labelFields = []string{"name", "Name", "title", "Title", "applicant", "Applicant", "app_no", "AppNo", "key"}

func recordLabel(fields map[string]string) string {
	for _, k := range labelFields {
		if v := fields[k]; v != "" {
			return v
		}
	}
	for _, k := range []string{"year", "Year", "to_status"} {
		if v := fields[k]; v != "" {
			return v
		}
	}
	return ""
}

// jsonFields reads the top level of a JSON object as text values (nested values stay JSON; null is empty),
// with its keys in the order written.
func jsonFields(text string) (map[string]string, []string) {
	out := map[string]string{}
	if text == "" {
		return out, nil
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal([]byte(text), &raw) != nil {
		return out, nil
	}
	for k, v := range raw {
		var s string
		switch {
		case string(v) == "null":
		case json.Unmarshal(v, &s) == nil:
			out[k] = s
		default:
			out[k] = string(v)
		}
	}
	return out, keyOrder(text, raw)
}

// keyOrder gives the keys of a JSON object in the order they are written, which a map loses.
func keyOrder(text string, raw map[string]json.RawMessage) []string {
	dec := json.NewDecoder(strings.NewReader(text))
	var keys []string
	if _, err := dec.Token(); err != nil {
		return sortedJSONKeys(raw)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return sortedJSONKeys(raw)
		}
		keys = append(keys, fmt.Sprint(t))
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return sortedJSONKeys(raw)
		}
	}
	return keys
}

func sortedJSONKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// HistoryOperators lists who has made changes, by name, for the history's filter.
func (s *Store) HistoryOperators(ctx context.Context) ([]string, error) {
	return queryColumn[string](ctx, s.db, "cannot read the history", `SELECT DISTINCT operator FROM audit_log ORDER BY operator`)
}
