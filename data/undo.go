package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"scitech/data/dialect"
)

// Undo puts back every row a change group touched as it was before, in one transaction that is itself a
// change group (so the undo is in the history and can be undone in turn): deleted rows come back with their
// ids, inserted rows go, updated rows get their old values, and the group's audit rows are written again
// reversed. It is refused (Conflict, key err.undo.blocked, naming who changed what and when; err.undo.already
// when that change is this group's own undo) when a later change left any of those rows otherwise than the
// group did, when taking an inserted row away would take along or orphan a row a later change made, or when
// a row cannot come back because a later change took its unique value or removed the record it points at.
func (s *Store) Undo(ctx context.Context, group int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		me, err := openGroupID(ctx, tx)
		if err != nil {
			return err
		}
		u := &undoer{s: s, ctx: ctx, tx: tx, target: group, me: me}
		return u.run()
	})
}

// UndoImport undoes the change group of an import: every record it created goes, every record it changed gets
// its values back.
func (s *Store) UndoImport(ctx context.Context, importID int64) error {
	var group int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM change_group WHERE import_id = ?`, importID).Scan(&group)
	if isNoRows(err) {
		return &Error{Code: NotFound, Key: "err.undo.import_unknown", Args: map[string]any{"ID": importID},
			Message: fill("import {{.ID}} was made before the program kept changes, or does not exist", map[string]any{"ID": importID})}
	}
	if err != nil {
		return internal(err, "cannot read the history")
	}
	return s.Undo(ctx, group)
}

// rowChange is one row of the change table: the row as it was before (NULL: it was inserted).
type rowChange struct {
	tbl string
	row int64
	old sql.NullString
}

type rowKey struct {
	tbl string
	row int64
}

// undoer undoes one group (target) inside the transaction of another (me).
type undoer struct {
	s        *Store
	ctx      context.Context
	tx       *sql.Tx
	target   int64
	me       int64
	importID sql.NullInt64 // the target's import
	to       int64         // the target's last change
	schema   map[string]*tableSchema
	touched  map[rowKey]bool
}

func (u *undoer) run() error {
	changes, err := u.load()
	if err != nil {
		return err
	}
	if u.schema = schemaFor(u.ctx, u.s.d, u.tx); len(u.schema) == 0 {
		return internal(nil, "cannot read the schema")
	}
	u.touched = map[rowKey]bool{}
	for _, c := range changes {
		k := rowKey{c.tbl, c.row}
		if u.touched[k] {
			continue
		}
		u.touched[k] = true
		if err := u.check(k); err != nil {
			return err
		}
	}
	if err := u.putBack(changes); err != nil {
		return err
	}
	if err := u.collateral(); err != nil {
		return err
	}
	return u.record()
}

// load reads the target group's changes, refusing a group that is unknown, holds nothing to undo or issued a
// brief.
func (u *undoer) load() ([]rowChange, error) {
	var from int64
	err := u.tx.QueryRowContext(u.ctx, `SELECT change_from, change_to, import_id FROM change_group WHERE id = ? AND open IS NULL`,
		u.target).Scan(&from, &u.to, &u.importID)
	if isNoRows(err) {
		return nil, notFound("change", u.target)
	}
	if err != nil {
		return nil, internal(err, "cannot read the history")
	}
	var briefs int
	if err := u.tx.QueryRowContext(u.ctx, `SELECT count(*) FROM audit_log WHERE group_id = ? AND entity = 'brief_register'`,
		u.target).Scan(&briefs); err != nil {
		return nil, internal(err, "cannot read the history")
	}
	if briefs > 0 {
		return nil, &Error{Code: Invalid, Key: "err.undo.brief", Message: "an issued brief is never taken back"}
	}
	rows, err := u.tx.QueryContext(u.ctx, `SELECT tbl, row_id, old FROM change WHERE id > ? AND id <= ? ORDER BY id`, from, u.to)
	if err != nil {
		return nil, internal(err, "cannot read the history")
	}
	defer rows.Close()
	var out []rowChange
	for rows.Next() {
		var c rowChange
		if err := rows.Scan(&c.tbl, &c.row, &c.old); err != nil {
			return nil, internal(err, "cannot read the history")
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot read the history")
	}
	if len(out) == 0 {
		return nil, &Error{Code: Invalid, Key: "err.undo.nothing", Message: "this change left no records to put back"}
	}
	return out, nil
}

// check refuses when a row is no longer as the target left it: as the first later change found it, when a
// later change touched it (later changes undone in turn leave it so again).
func (u *undoer) check(k rowKey) error {
	t, ok := u.schema[k.tbl]
	if !ok {
		return internal(fmt.Errorf("table %q", k.tbl), "the history names an unknown table")
	}
	var left sql.NullString
	err := u.tx.QueryRowContext(u.ctx, `SELECT old FROM change WHERE tbl = ? AND row_id = ? AND id > ? ORDER BY id LIMIT 1`,
		k.tbl, k.row, u.to).Scan(&left)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return internal(err, "cannot read the history")
	}
	now, err := currentRow(u.ctx, u.s.d, u.tx, t, k.row)
	if err != nil {
		return internal(err, "cannot read "+k.tbl)
	}
	if !sameRow(now, left) {
		return u.blocked(k)
	}
	return nil
}

// sameRow tells whether two rows as JSON texts (NULL: no row) hold the same values. It compares the values,
// not the texts: a row the history kept may have been written by another database than the one that reads
// it now (a desk's file copied to a server), whose JSON spells the same values apart (escapes, spacing).
func sameRow(a, b sql.NullString) bool {
	if !a.Valid || !b.Valid || a.String == b.String {
		return a.Valid == b.Valid && (!a.Valid || a.String == b.String || sameJSON(a.String, b.String))
	}
	return sameJSON(a.String, b.String)
}

func sameJSON(a, b string) bool {
	decode := func(s string) (map[string]any, bool) {
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var m map[string]any
		return m, dec.Decode(&m) == nil
	}
	x, okx := decode(a)
	y, oky := decode(b)
	return okx && oky && reflect.DeepEqual(x, y)
}

// putBack takes back the changes, newest first. A row that cannot come back yet because the row it points at
// is not back yet waits, with every earlier change of its own, for another pass: the order of a statement's
// cascades differs between the databases (SQLite records a company's outputs deleted along with it before the
// company, a server's statement triggers after it). A row still refused when a pass brings none back is
// refused for good, and named by blockedByLink.
func (u *undoer) putBack(changes []rowChange) error {
	pending := make([]rowChange, 0, len(changes))
	for i := len(changes) - 1; i >= 0; i-- {
		pending = append(pending, changes[i])
	}
	for {
		var later []rowChange
		waiting := map[rowKey]bool{}
		progress := false
		for _, c := range pending {
			k := rowKey{c.tbl, c.row}
			if waiting[k] {
				later = append(later, c) // an earlier change of a waiting row comes after it
				continue
			}
			err := u.reverse(c)
			if errors.Is(err, errParentMissing) {
				waiting[k] = true
				later = append(later, c)
				continue
			}
			if err != nil {
				return err
			}
			progress = true
		}
		if len(later) == 0 {
			return nil
		}
		if !progress {
			return u.blockedByLink(later[0])
		}
		pending = later
	}
}

// errParentMissing is reverse's refusal by a foreign key: putBack tries the row again after the others.
var errParentMissing = errors.New("a row the change points at is not there")

// reverse takes back one change: an insert by deleting the row; an update or a delete by putting the old row
// back, with its row id (the dialect's RowID).
func (u *undoer) reverse(c rowChange) error {
	t, d := u.schema[c.tbl], u.s.d
	// A refused statement aborts a server's whole transaction: the savepoint keeps it usable for finding what
	// stood in the way (SQLite undoes only the statement, and the savepoint costs nothing there).
	if _, err := u.tx.ExecContext(u.ctx, `SAVEPOINT undo_row`); err != nil {
		return internal(err, "cannot undo a change of "+c.tbl)
	}
	err := u.put(t, c)
	if err == nil {
		_, err = u.tx.ExecContext(u.ctx, `RELEASE SAVEPOINT undo_row`)
		return internalOr(err, "cannot undo a change of "+c.tbl)
	}
	if _, rerr := u.tx.ExecContext(u.ctx, `ROLLBACK TO SAVEPOINT undo_row`); rerr != nil {
		return internal(rerr, "cannot undo a change of "+c.tbl)
	}
	switch class, constraint := d.Classify(err); class {
	case dialect.Reference:
		return errParentMissing
	case dialect.Unique:
		return u.blockedByDuplicate(c, constraint)
	}
	return internal(err, "cannot undo a change of "+c.tbl)
}

// put deletes an inserted row, or writes an old row back over the row or in its place.
func (u *undoer) put(t *tableSchema, c rowChange) error {
	d := u.s.d
	var err error
	if !c.old.Valid {
		_, err = u.tx.ExecContext(u.ctx, `DELETE FROM `+t.name+` WHERE `+d.RowID()+` = ?`, c.row)
	} else {
		var r sql.Result
		r, err = u.tx.ExecContext(u.ctx, `UPDATE `+t.name+` SET `+t.assignments(d)+` WHERE `+d.RowID()+` = ?2`, c.old.String, c.row)
		if n, _ := rowsAffected(r, err); err == nil && n == 0 {
			_, err = u.tx.ExecContext(u.ctx, `INSERT INTO `+t.name+` (`+t.insertColumns(d)+`) SELECT `+t.extracts(d)+`, ?2`, c.old.String, c.row)
		}
	}
	return err
}

// internalOr is internal(err, msg), or nil for no error.
func internalOr(err error, msg string) error {
	if err == nil {
		return nil
	}
	return internal(err, msg)
}

func rowsAffected(r sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// collateral refuses the undo when it changed rows the target group never touched: a cascade of a delete
// that would take along (or unlink) a record a later change made.
func (u *undoer) collateral() error {
	rows, err := u.tx.QueryContext(u.ctx, `SELECT DISTINCT tbl, row_id FROM change
		WHERE id > (SELECT change_from FROM change_group WHERE id = ?)`, u.me)
	if err != nil {
		return internal(err, "cannot read the history")
	}
	var extra []rowKey
	for rows.Next() {
		var k rowKey
		if err := rows.Scan(&k.tbl, &k.row); err != nil {
			rows.Close()
			return internal(err, "cannot read the history")
		}
		if !u.touched[k] {
			extra = append(extra, k)
		}
	}
	rows.Close()
	if len(extra) > 0 {
		return u.blocked(extra[0])
	}
	return nil
}

// record marks the group as the target's undo and writes the target's audit rows again, reversed.
func (u *undoer) record() error {
	if _, err := u.tx.ExecContext(u.ctx, `UPDATE change_group SET undo_of = ? WHERE id = ?`, u.target, u.me); err != nil {
		return internal(err, "cannot write the history")
	}
	_, err := u.tx.ExecContext(u.ctx, `INSERT INTO audit_log (at, operator, entity, entity_id, action, before, after, group_id)
		SELECT ?, ?, entity, entity_id, CASE action WHEN 'create' THEN 'delete' WHEN 'delete' THEN 'create' ELSE 'update' END,
		after, before, ? FROM audit_log WHERE group_id = ? OR import_id = ? ORDER BY id DESC`,
		u.s.now().UTC().Format(time.RFC3339Nano), u.s.operator, u.me, u.target, u.importID)
	if err != nil {
		return internal(err, "cannot write the audit rows")
	}
	return nil
}

// blockedByLink names what stands in the way when a row cannot go (a later record points at it) or cannot
// come back (a record it points at is gone).
func (u *undoer) blockedByLink(c rowChange) error {
	t := u.schema[c.tbl]
	if !c.old.Valid { // deleting: who points at the row
		for _, child := range u.schema {
			for _, fk := range child.fks {
				if fk.table != t.name {
					continue
				}
				var row int64
				err := u.tx.QueryRowContext(u.ctx, `SELECT `+u.s.d.RowID()+` FROM `+child.name+` WHERE `+fk.from+` = ? LIMIT 1`, c.row).Scan(&row)
				if err == nil {
					return u.blocked(rowKey{child.name, row})
				}
			}
		}
		return u.blocked(rowKey{c.tbl, c.row})
	}
	for _, fk := range t.fks { // restoring: which record pointed at is gone
		var missing sql.NullInt64
		ref := u.s.d.JSONField("?1", fk.from, "INTEGER")
		err := u.tx.QueryRowContext(u.ctx, `SELECT `+ref+` WHERE `+ref+` IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM `+fk.table+` WHERE `+u.s.d.RowID()+` = `+ref+`)`, c.old.String).Scan(&missing)
		if err == nil && missing.Valid {
			return u.blocked(rowKey{fk.table, missing.Int64})
		}
	}
	return u.blocked(rowKey{c.tbl, c.row})
}

// blockedByDuplicate names the record that took a unique value (a code, a name) the row had: the row of the
// same table whose values of the constraint's columns are the old row's.
func (u *undoer) blockedByDuplicate(c rowChange, k dialect.Constraint) error {
	t, d := u.schema[c.tbl], u.s.d
	if len(k.Columns) == 0 || (k.Table != "" && k.Table != c.tbl) {
		return u.blocked(rowKey{c.tbl, c.row})
	}
	var conds []string
	for _, col := range k.Columns {
		if !t.has(col) {
			return u.blocked(rowKey{c.tbl, c.row})
		}
		conds = append(conds, col+` = `+d.JSONField("?1", col, t.types[col]))
	}
	var row int64
	err := u.tx.QueryRowContext(u.ctx, `SELECT `+d.RowID()+` FROM `+c.tbl+` WHERE `+strings.Join(conds, " AND ")+
		` AND `+d.RowID()+` <> ?2`, c.old.String, c.row).Scan(&row)
	if err != nil {
		return u.blocked(rowKey{c.tbl, c.row})
	}
	return u.blocked(rowKey{c.tbl, row})
}

// blocked is the refusal naming the newest later change of a row: who, when and what (the record its audit
// row names).
func (u *undoer) blocked(k rowKey) error {
	var group int64
	var at, operator string
	err := u.tx.QueryRowContext(u.ctx, `SELECT c.group_id, g.at, g.operator FROM change c JOIN change_group g ON g.id = c.group_id
		WHERE c.tbl = ? AND c.row_id = ? AND c.id > ? AND c.group_id <> ? ORDER BY c.id DESC LIMIT 1`,
		k.tbl, k.row, u.to, u.me).Scan(&group, &at, &operator)
	if isNoRows(err) {
		return &Error{Code: Conflict, Key: "err.undo.changed_outside", Args: map[string]any{"Entity": k.tbl, "EntityID": k.row},
			Message: fill("{{.Entity}} {{.EntityID}} was changed outside the program's history; it cannot be put back", map[string]any{"Entity": k.tbl, "EntityID": k.row})}
	}
	if err != nil {
		return internal(err, "cannot read the history")
	}
	entity, id, action := k.tbl, k.row, "update"
	var before, after string
	err = u.tx.QueryRowContext(u.ctx, `SELECT entity, entity_id, action, coalesce(before, ''), coalesce(after, '') FROM audit_log
		WHERE group_id = ?1 OR import_id = (SELECT import_id FROM change_group WHERE id = ?1)
		ORDER BY (entity = ?2 AND entity_id = ?3) DESC, id LIMIT 1`, group, k.tbl, k.row).
		Scan(&entity, &id, &action, &before, &after)
	if err != nil && !isNoRows(err) {
		return internal(err, "cannot read the history")
	}
	_, label := rowChanges(before, after)
	when, _ := time.Parse(time.RFC3339Nano, at)
	args := map[string]any{"Group": group, "Operator": operator, "At": when.Local().Format("2006-01-02 15:04"),
		"Entity": entity, "EntityID": id, "Action": action, "Record": label}
	var undoOf sql.NullInt64
	if err := u.tx.QueryRowContext(u.ctx, `SELECT undo_of FROM change_group WHERE id = ?`, group).Scan(&undoOf); err != nil {
		return internal(err, "cannot read the history")
	}
	if undoOf.Int64 == u.target {
		return &Error{Code: Conflict, Key: "err.undo.already", Args: args,
			Message: fill("this change was undone by {{.Operator}} at {{.At}}; undo that undo to bring it back", args)}
	}
	return &Error{Code: Conflict, Key: "err.undo.blocked", Args: args,
		Message: fill("a later change is in the way: {{.Operator}} made it at {{.At}} ({{.Action}} of {{.Entity}} {{.Record}}); undo it first", args)}
}

// tableSchema is what undo needs of a tracked table: its columns in order and the links it holds.
type tableSchema struct {
	name   string
	cols   []string
	idCol  string // the column the dialect's RowID is, set from ?2 rather than the JSON ("" when none is)
	fks    []foreignKey
	colSet map[string]bool
	types  map[string]string // column → storage class (dialect.Column.Type)
}

type foreignKey struct{ table, from string }

// schemaCache holds the tracked tables' schema of each dialect, the same for every database of that dialect
// the program opens (Open applies every migration, or refuses a server that lacks one; OpenReadOnly refuses a
// file that lacks one). A server's tables differ from a file's (setting has an id there).
var schemaCache struct {
	sync.Mutex
	tables map[string]map[string]*tableSchema // dialect name → table → schema
}

// schemaFor reads the tracked tables' columns and links once per dialect; empty if they cannot be read.
func schemaFor(ctx context.Context, d dialect.Dialect, q querier) map[string]*tableSchema {
	schemaCache.Lock()
	defer schemaCache.Unlock()
	if schemaCache.tables[d.Name()] == nil {
		if t, err := loadSchema(ctx, d, q); err == nil {
			if schemaCache.tables == nil {
				schemaCache.tables = map[string]map[string]*tableSchema{}
			}
			schemaCache.tables[d.Name()] = t
		}
	}
	return schemaCache.tables[d.Name()]
}

func loadSchema(ctx context.Context, d dialect.Dialect, q querier) (map[string]*tableSchema, error) {
	out := map[string]*tableSchema{}
	for _, name := range trackedTables {
		t := &tableSchema{name: name, colSet: map[string]bool{}, types: map[string]string{}}
		cols, err := d.Columns(ctx, q, name)
		if err != nil {
			return nil, err
		}
		keys := 0
		for _, c := range cols {
			t.cols = append(t.cols, c.Name)
			t.colSet[c.Name] = true
			t.types[c.Name] = c.Type
			if c.PrimaryKey {
				keys++
			}
		}
		if len(t.cols) == 0 {
			return nil, fmt.Errorf("table %s has no columns", name)
		}
		switch {
		case t.colSet[d.RowID()]:
			t.idCol = d.RowID() // the server's id
		case keys == 1 && t.colSet["id"] && t.types["id"] == "INTEGER":
			for _, c := range cols {
				if c.PrimaryKey && c.Name == "id" {
					t.idCol = "id" // SQLite's INTEGER PRIMARY KEY: the rowid itself
				}
			}
		}
		fks, err := d.ForeignKeys(ctx, q, name)
		if err != nil {
			return nil, err
		}
		for _, k := range fks {
			t.fks = append(t.fks, foreignKey{table: k.Table, from: k.Column})
		}
		out[name] = t
	}
	return out, nil
}

func (t *tableSchema) has(col string) bool { return t.colSet[col] }

// rowJSON is the row of the table aliased alias as the change triggers write it.
func (t *tableSchema) rowJSON(d dialect.Dialect, alias string) string {
	return d.RowJSON(alias, t.cols)
}

// insertColumns lists the columns an old row is inserted with, the row id last (?2); extracts gives the values
// from the JSON in ?1.
func (t *tableSchema) insertColumns(d dialect.Dialect) string {
	return strings.Join(append(t.valueColumns(), d.RowID()), ", ")
}

func (t *tableSchema) extracts(d dialect.Dialect) string {
	cols := t.valueColumns()
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = d.JSONField("?1", c, t.types[c])
	}
	return strings.Join(parts, ", ")
}

func (t *tableSchema) assignments(d dialect.Dialect) string {
	cols := t.valueColumns()
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + " = " + d.JSONField("?1", c, t.types[c])
	}
	return strings.Join(parts, ", ")
}

// valueColumns are the columns set from JSON: all but the one that is the row id, which ?2 sets.
func (t *tableSchema) valueColumns() []string {
	var cols []string
	for _, c := range t.cols {
		if c != t.idCol {
			cols = append(cols, c)
		}
	}
	return cols
}
