package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"scitech/data/dialect"
)

// The copier (issue 19): a desk's file onto the office's server (`scitech migrate --from FILE.db --to URL`),
// a server back into a new file (`--to NEW.db`), a server's backup as a SQLite file that any copy of the
// program opens, and a restore of one into an empty server. One code path for all four, so that what one
// copies the others copy too.
//
// A copy goes table by table, parents before children, inside one transaction on the target, and proves
// itself before COMMIT: every table holds as many rows as the source's, each row equal value for value (which
// takes in the issued briefs' PDF, workbook and text bytes), and Stats equal for every year, read on each side
// through its own SQL (the copy's still inside its transaction). A copy that fails its proof is rolled back and
// the error says which table, row or figure differs; killed at any moment, it leaves the target as empty as it
// found it.

// TransferReport says what a copy moved and what its proof compared.
type TransferReport struct {
	Tables []TableRows // every table copied, parents first, with its rows
	Years  []int       // the years whose figures (Stats) were compared on both sides
	Briefs int         // issued briefs whose files were compared byte for byte
}

// TableRows is one table of a copy and how many rows it holds on both sides.
type TableRows struct {
	Table string
	Rows  int64
}

// Rows is the number of rows the copy moved, all tables together.
func (r TransferReport) Rows() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// derivedTables are filled by the database itself from the records (the name-search index: the company
// triggers of migration 0007 fill it on both databases) or by the migrations: they are not copied.
var derivedTables = map[string]bool{"schema_migration": true, "company_gram": true, "gram_seq": true}

// seededParks is how many parks migration 0001 inserts: a database holding those and nothing else is empty.
const seededParks = 3

// deskMarks are the settings a desk writes into a database merely by opening it, outside any change: the days
// a server was last backed up (backup_server.go, written by the first desk to open it on a day, so a window
// opened once on a newly set-up server writes them). They are the database's own bookkeeping, no record: they
// do not make a target non-empty, and a copy carries none of the source's (they say when the source was backed
// up, not the copy) and keeps the target's own as they were, so that no backup day is lost or recorded twice.
var deskMarks = []string{serverDailyKey, serverMonthlyKey}

// notDeskMark is the condition on setting's rows that leaves the desk marks out.
func notDeskMark() string {
	quoted := make([]string, len(deskMarks))
	for i, k := range deskMarks {
		quoted[i] = "'" + k + "'"
	}
	return "key NOT IN (" + strings.Join(quoted, ", ") + ")"
}

// Transfer copies every record of from into to, whose schema version must equal from's and which must hold
// no records (only what its migrations put there): err.transfer.not_empty otherwise, with nothing written.
// from is read in one snapshot (on a server, REPEATABLE READ READ ONLY, so desks may go on working); to is
// written in one transaction that is committed only when the copy has proved itself (err.transfer.proof
// naming what differs otherwise).
func Transfer(ctx context.Context, from, to *Store) (TransferReport, error) {
	var rep TransferReport
	if to.ReadOnly() {
		return rep, to.errReadOnly()
	}
	// One snapshot: rows desks write meanwhile are in neither the copy nor its proof.
	src, err := from.d.BeginSnapshot(ctx, from.db)
	if err != nil {
		return rep, internal(err, "cannot read the database to copy")
	}
	defer src.Rollback()
	dst, err := to.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, internal(err, "cannot write the copy")
	}
	defer dst.Rollback()
	if err := to.d.BeginWrite(ctx, dst); err != nil { // the copy is the target's only writer, as every write is
		return rep, internal(err, "cannot write the copy")
	}
	if err := sameSchemaVersion(ctx, from, to, src, dst); err != nil {
		return rep, err
	}
	tables, err := transferPlan(ctx, from, to, src, dst)
	if err != nil {
		return rep, err
	}
	if err := refuseRecords(ctx, to, dst, tables); err != nil {
		return rep, err
	}
	marks, err := takeDeskMarks(ctx, dst)
	if err != nil {
		return rep, err
	}
	if _, err := dst.ExecContext(ctx, `DELETE FROM park`); err != nil { // the seeded ones: the source has its own
		return rep, internal(err, "cannot write the copy")
	}
	for i := range tables {
		if err := tables[i].copy(ctx, from, src, dst); err != nil {
			return rep, err
		}
		rep.Tables = append(rep.Tables, TableRows{Table: tables[i].name, Rows: int64(len(tables[i].rows))})
		if tables[i].name == "brief_register" {
			rep.Briefs = len(tables[i].rows)
		}
	}
	if err := readyIdentities(ctx, to, dst, tables); err != nil {
		return rep, internal(err, "cannot write the copy")
	}
	for i := range tables {
		if err := tables[i].prove(ctx, to, dst); err != nil {
			return rep, err
		}
	}
	if rep.Years, err = proveStats(ctx, from, to, src, dst); err != nil {
		return rep, err
	}
	if err := putDeskMarks(ctx, dst, marks); err != nil {
		return rep, err
	}
	if err := dst.Commit(); err != nil {
		return rep, internal(err, "cannot write the copy")
	}
	return rep, nil
}

// TransferToFile copies from into a new SQLite file at path, as Transfer does, through a temporary file beside
// it that is checked as every backup is (CheckBackup) before it takes path's name. With replace false a file
// already at path is refused (err.transfer.target_exists: migrate --to makes a new database only); with
// replace true a regular file there is replaced (a backup), and the database itself never is.
func TransferToFile(ctx context.Context, from *Store, path string, replace bool) (TransferReport, error) {
	var rep TransferReport
	if err := RefuseMistypedURL(path); err != nil { // a server's address mistyped: no folder named after it
		return rep, err
	}
	if _, err := os.Lstat(path); err == nil && !replace {
		return rep, &Error{Code: Conflict, Key: "err.transfer.target_exists", Args: map[string]any{"Path": path},
			Message: path + " exists: the copy goes into a new database file only"}
	}
	if !from.Server() {
		if err := RefuseOverwrite(path, from.path); err != nil {
			return rep, err
		}
	}
	if err := refuseNotRegular(path); err != nil {
		return rep, err
	}
	if err := refuseInUse(path); err != nil {
		return rep, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return rep, backupFolderError(err, dir)
	}
	lock, err := lockTarget(path)
	if err != nil {
		return rep, err
	}
	defer lock.release()
	if err := clearTargetSides(path); err != nil {
		return rep, err
	}
	removeStaleTemporaries(path)
	tmp, err := temporaryDatabase(dir, path)
	if err != nil {
		return rep, err
	}
	done := false
	defer func() {
		if !done {
			removeDatabaseFiles(tmp)
		}
	}()
	to, err := Open(tmp)
	if err != nil {
		return rep, err
	}
	rep, err = Transfer(ctx, from, to)
	if cerr := to.Close(); err == nil && cerr != nil {
		err = writeError(cerr, path)
	}
	if err != nil {
		return rep, err
	}
	if err := syncFile(tmp); err != nil {
		return rep, writeError(err, path)
	}
	if err := checkBackup(ctx, tmp, path); err != nil {
		return rep, &Error{Code: Internal, Key: "err.backup.unverified", Args: map[string]any{"Path": path},
			Message: "the copy " + path + " failed its check after writing and was removed", Err: err}
	}
	lock.beforeReplace()
	if err := os.Rename(tmp, path); err != nil {
		return rep, writeError(err, path)
	}
	done = true
	removeDatabaseFiles(tmp) // its lock file, should one be left
	syncDir(dir)
	return rep, nil
}

// temporaryDatabase names a new file beside path for the copy, in the pattern removeStaleTemporaries knows,
// so that a copy killed halfway leaves nothing the next backup or copy to that name does not clear away.
func temporaryDatabase(dir, path string) (string, error) {
	f, err := CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", backupFolderError(err, dir)
	}
	tmp := f.Name()
	err = TakeMode(f, path)
	f.Close()
	if err != nil {
		os.Remove(tmp)
		return "", backupFolderError(err, dir)
	}
	return tmp, nil
}

// removeDatabaseFiles removes a database file the copy made and what SQLite and the writer lock kept beside it.
func removeDatabaseFiles(path string) {
	for _, f := range append([]string{path}, sideFiles(path)...) {
		if _, err := os.Lstat(f); err == nil || !errors.Is(err, fs.ErrNotExist) {
			_ = os.Remove(f)
		}
	}
}

func sideFiles(path string) []string {
	out := make([]string, 0, len(sqliteSideSuffixes))
	for _, s := range sqliteSideSuffixes {
		out = append(out, path+s)
	}
	return out
}

// sameSchemaVersion refuses a copy between databases of different schema versions: a column one has and the
// other has not would be lost or left empty.
func sameSchemaVersion(ctx context.Context, from, to *Store, src, dst *sql.Tx) error {
	var a, b int
	if err := src.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migration`).Scan(&a); err != nil {
		return internal(err, "cannot read the schema version of the database to copy")
	}
	if err := dst.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migration`).Scan(&b); err != nil {
		return internal(err, "cannot read the schema version of the copy")
	}
	if a != b {
		return &Error{Code: Conflict, Key: "err.transfer.versions",
			Args:    map[string]any{"From": from.Name(), "To": to.Name(), "FromVersion": a, "ToVersion": b},
			Message: fmt.Sprintf("%s has schema version %d and %s has %d: upgrade the older one first", from.Name(), a, to.Name(), b)}
	}
	return nil
}

// transferTable is one table of a copy: which source column (or expression) fills which target column, the
// order both are read in, and the rows' fingerprints taken as they were copied.
type transferTable struct {
	name    string
	from    []string    // source expressions, one per target column
	to      []string    // target columns (rowid on a SQLite target where the server has setting's id)
	where   string      // which rows are copied ("" for every row): setting's leave the desk marks out
	columns []string    // the target columns' names, unquoted
	kinds   []valueKind // what each target column holds (badValue)
	idAt    int         // the target column that identifies a row in a refusal (its id or rowid), or -1
	orderBy string      // the same rows in the same order on both sides
	rows    [][16]byte
}

// transferPlan lists the target's tables, parents before children, and pairs each one's columns with the
// source's. A table or a column the source has and the target has not (or the other way round, without a
// default) is refused: the schemas of two databases of one version agree, so this is a program error.
func transferPlan(ctx context.Context, from, to *Store, src, dst *sql.Tx) ([]transferTable, error) {
	srcTables, err := tableNames(ctx, from, src)
	if err != nil {
		return nil, internal(err, "cannot read the tables of the database to copy")
	}
	dstTables, err := tableNames(ctx, to, dst)
	if err != nil {
		return nil, internal(err, "cannot read the tables of the copy")
	}
	for name := range srcTables {
		if !dstTables[name] {
			return nil, schemaDiffers(name, "")
		}
	}
	parents := map[string][]string{}
	var plan []transferTable
	for name := range dstTables {
		if !srcTables[name] {
			return nil, schemaDiffers(name, "")
		}
		t, err := pairColumns(ctx, name, from, src, to, dst)
		if err != nil {
			return nil, err
		}
		keys, err := to.d.ForeignKeys(ctx, dst, name)
		if err != nil {
			return nil, internal(err, "cannot read the foreign keys of "+name)
		}
		for _, k := range keys {
			if k.Table != name {
				parents[name] = append(parents[name], k.Table)
			}
		}
		plan = append(plan, t)
	}
	return parentsFirst(plan, parents), nil
}

// tableNames lists a database's tables but the derived ones.
func tableNames(ctx context.Context, s *Store, q querier) (map[string]bool, error) {
	names, err := s.d.Tables(ctx, q)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, name := range names {
		if !derivedTables[name] {
			out[name] = true
		}
	}
	return out, nil
}

// pairColumns pairs a table's target columns with the source's, and orders the rows by their identity.
func pairColumns(ctx context.Context, table string, from *Store, src *sql.Tx, to *Store, dst *sql.Tx) (transferTable, error) {
	t := transferTable{name: table}
	if table == "setting" {
		t.where = ` WHERE ` + notDeskMark()
	}
	srcCols, err := from.d.Columns(ctx, src, table)
	if err != nil {
		return t, internal(err, "cannot read the columns of "+table)
	}
	dstCols, err := to.d.Columns(ctx, dst, table)
	if err != nil {
		return t, internal(err, "cannot read the columns of "+table)
	}
	if t.from, t.to, err = mapColumns(table, srcCols, from.d.HiddenRowID(), dstCols, to.d.HiddenRowID()); err != nil {
		return t, err
	}
	t.orderBy = identityOrder(t.to, dstCols, to.d.HiddenRowID())
	types := map[string]string{}
	for _, c := range dstCols {
		types[c.Name] = c.Type
	}
	t.idAt = -1
	for i, c := range t.to {
		name := strings.Trim(c, `"`)
		kind := kindOfType(types[name])
		if c == to.d.HiddenRowID() {
			name, kind = "rowid", integerValue
		}
		if name == "id" || name == "rowid" {
			t.idAt = i
		}
		t.columns, t.kinds = append(t.columns, name), append(t.kinds, kind)
	}
	return t, nil
}

// mapColumns gives the source expression of each target column. The one difference the two schemas have by
// design is setting's id, the server's identity for a row SQLite identifies by its hidden rowid: it is copied
// from and to the rowid (and a rowid from file to file), so that the change history's rows, which name a row
// by it, keep pointing at the same settings.
func mapColumns(table string, srcCols []dialect.Column, srcHidden string, dstCols []dialect.Column, dstHidden string) (from, to []string, err error) {
	has := func(cols []dialect.Column, name string) bool {
		return slices.ContainsFunc(cols, func(c dialect.Column) bool { return c.Name == name })
	}
	for _, c := range dstCols {
		switch {
		case has(srcCols, c.Name):
			from, to = append(from, quoteIdent(c.Name)), append(to, quoteIdent(c.Name))
		case c.Name == "id" && srcHidden != "":
			from, to = append(from, srcHidden), append(to, quoteIdent(c.Name))
		default:
			return nil, nil, schemaDiffers(table, c.Name)
		}
	}
	for _, c := range srcCols {
		switch {
		case has(dstCols, c.Name):
		case c.Name == "id" && dstHidden != "":
			from, to = append(from, quoteIdent(c.Name)), append(to, dstHidden)
		default:
			return nil, nil, schemaDiffers(table, c.Name)
		}
	}
	if srcHidden != "" && dstHidden != "" && !has(dstCols, "id") {
		from, to = append(from, srcHidden), append(to, dstHidden) // setting's rows keep their rowids too
	}
	return from, to, nil
}

// identityOrder orders a table's rows by their identity, which is the same on both sides: its id or rowid,
// else its primary key, else every column (to holds the target's columns as mapColumns gave them).
func identityOrder(to []string, dstCols []dialect.Column, dstHidden string) string {
	for i, c := range to {
		if c == `"id"` || (c == dstHidden && c != "") {
			return strconv.Itoa(i + 1)
		}
	}
	var keys []string
	for i, c := range dstCols {
		if c.PrimaryKey {
			keys = append(keys, strconv.Itoa(i+1))
		}
	}
	if len(keys) == 0 {
		for i := range to {
			keys = append(keys, strconv.Itoa(i+1))
		}
	}
	return strings.Join(keys, ", ")
}

func schemaDiffers(table, column string) error {
	what := table
	if column != "" {
		what += "." + column
	}
	return &Error{Code: Storage, Key: "err.transfer.schema", Args: map[string]any{"What": what},
		Message: "the two databases' schemas differ at " + what + ": nothing was copied"}
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// parentsFirst orders the tables so that every table comes after those its foreign keys point to (a key to
// its own table, such as a correction's brief, is met by copying in id order); ties go by name.
func parentsFirst(plan []transferTable, parents map[string][]string) []transferTable {
	sort.Slice(plan, func(i, j int) bool { return plan[i].name < plan[j].name })
	placed := map[string]bool{}
	var out []transferTable
	for len(out) < len(plan) {
		progress := false
		for _, t := range plan {
			if placed[t.name] {
				continue
			}
			ready := true
			for _, p := range parents[t.name] {
				ready = ready && (placed[p] || derivedTables[p])
			}
			if ready {
				out, placed[t.name], progress = append(out, t), true, true
			}
		}
		if !progress { // a cycle of keys: not in this schema; copy the rest by name and let the proof speak
			for _, t := range plan {
				if !placed[t.name] {
					out, placed[t.name] = append(out, t), true
				}
			}
		}
	}
	return out
}

// refuseRecords refuses a target that holds anything but what its migrations put there and the desk marks.
// Any change made through the program leaves change history and audit rows, so a park edited or removed is
// found too.
func refuseRecords(ctx context.Context, to *Store, dst *sql.Tx, tables []transferTable) error {
	for _, t := range tables {
		var n, maxID int64
		var err error
		if t.name == "park" {
			err = dst.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id), 0) FROM park`).Scan(&n, &maxID)
			if err == nil && n <= seededParks && maxID <= seededParks {
				continue
			}
		} else {
			err = dst.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(t.name)+t.where).Scan(&n)
		}
		if err != nil {
			return internal(err, "cannot read the database to copy into")
		}
		if n > 0 {
			return &Error{Code: Conflict, Key: "err.transfer.not_empty",
				Args:    map[string]any{"Target": to.Name(), "Table": t.name, "Rows": n},
				Message: fmt.Sprintf("%s already holds records (%s: %d rows): a copy goes into an empty database only", to.Name(), t.name, n)}
		}
	}
	return nil
}

// takeDeskMarks reads the target's desk marks and deletes them, so that the copy of setting (whose ids or
// rowids the source gives) meets no row of the target; putDeskMarks writes them back after the proof.
func takeDeskMarks(ctx context.Context, dst *sql.Tx) ([][2]string, error) {
	rows, err := dst.QueryContext(ctx, `SELECT key, value FROM setting WHERE NOT (`+notDeskMark()+`) ORDER BY key`)
	if err != nil {
		return nil, internal(err, "cannot read the database to copy into")
	}
	defer rows.Close()
	var marks [][2]string
	for rows.Next() {
		var m [2]string
		if err := rows.Scan(&m[0], &m[1]); err != nil {
			return nil, internal(err, "cannot read the database to copy into")
		}
		marks = append(marks, m)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot read the database to copy into")
	}
	if len(marks) > 0 {
		if _, err := dst.ExecContext(ctx, `DELETE FROM setting WHERE NOT (`+notDeskMark()+`)`); err != nil {
			return nil, internal(err, "cannot write the copy")
		}
	}
	return marks, nil
}

// putDeskMarks writes the target's desk marks back, outside any change as the desk wrote them; their ids come
// after the copied settings'.
func putDeskMarks(ctx context.Context, dst *sql.Tx, marks [][2]string) error {
	for _, m := range marks {
		if _, err := dst.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?)`, m[0], m[1]); err != nil {
			return internal(err, "cannot write the copy")
		}
	}
	return nil
}

// maxArguments bounds the values of one INSERT: SQLite takes 32,766 bound values, PostgreSQL 65,535.
const maxArguments = 30000

// copy reads the table's rows from the source in order and writes them to the target in multi-row INSERTs,
// keeping each row's fingerprint for the proof. A value the target cannot hold (badValue) stops the copy with
// an error naming its row and column.
func (t *transferTable) copy(ctx context.Context, from *Store, src, dst *sql.Tx) error {
	rows, err := src.QueryContext(ctx, `SELECT `+strings.Join(t.from, ", ")+` FROM `+quoteIdent(t.name)+t.where+` ORDER BY `+t.orderBy)
	if err != nil {
		return internal(err, "cannot read "+t.name+" to copy it")
	}
	defer rows.Close()
	perInsert := max(1, min(1000, maxArguments/len(t.to)))
	batch := make([]any, 0, perInsert*len(t.to))
	values := make([]any, len(t.to))
	dest := make([]any, len(t.to))
	for i := range dest {
		dest[i] = &values[i]
	}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := dst.ExecContext(ctx, t.insert(len(batch)/len(t.to)), batch...); err != nil {
			return internal(err, "cannot copy "+t.name)
		}
		batch = batch[:0]
		return nil
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return internal(err, "cannot read "+t.name+" to copy it")
		}
		if err := t.refuseBadValue(from, values); err != nil {
			return err
		}
		t.rows = append(t.rows, fingerprint(values))
		batch = append(batch, values...)
		if len(batch) >= perInsert*len(t.to) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return internal(err, "cannot read "+t.name+" to copy it")
	}
	return flush()
}

// refuseBadValue refuses a row holding a value no database of the program can hold (badValue).
func (t *transferTable) refuseBadValue(from *Store, values []any) error {
	for i, v := range values {
		if reason := badValue(t.kinds[i], t.name, t.columns[i], v); reason != "" {
			row := keyText(values[0])
			if t.idAt >= 0 {
				row = keyText(values[t.idAt])
			}
			return valueError(from, t.name, row, t.columns[i], reason)
		}
	}
	return nil
}

// insert is the INSERT of n rows.
func (t *transferTable) insert(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + quoteIdent(t.name) + " (" + strings.Join(t.to, ", ") + ") VALUES ")
	row := "(" + strings.Repeat("?, ", len(t.to)-1) + "?)"
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// readyIdentities readies each table whose ids the copy gave for the rows desks add next (Dialect.AfterCopy).
func readyIdentities(ctx context.Context, to *Store, dst *sql.Tx, tables []transferTable) error {
	for _, t := range tables {
		if slices.Contains(t.to, `"id"`) {
			if err := to.d.AfterCopy(ctx, dst, t.name); err != nil {
				return err
			}
		}
	}
	return nil
}

// prove reads the table back inside the target's transaction and compares it with what was read from the
// source, row by row.
func (t *transferTable) prove(ctx context.Context, to *Store, dst *sql.Tx) error {
	rows, err := dst.QueryContext(ctx, `SELECT `+strings.Join(t.to, ", ")+` FROM `+quoteIdent(t.name)+t.where+` ORDER BY `+t.orderBy)
	if err != nil {
		return internal(err, "cannot read back "+t.name)
	}
	defer rows.Close()
	values := make([]any, len(t.to))
	dest := make([]any, len(t.to))
	for i := range dest {
		dest[i] = &values[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return internal(err, "cannot read back "+t.name)
		}
		if n < len(t.rows) && fingerprint(values) != t.rows[n] {
			return proofFailed(to, fmt.Sprintf("%s: the row %s differs from the original", t.name, keyText(values[0])))
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return internal(err, "cannot read back "+t.name)
	}
	if n != len(t.rows) {
		return proofFailed(to, fmt.Sprintf("%s: %d rows in the original, %d in the copy", t.name, len(t.rows), n))
	}
	return nil
}

func keyText(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case nil:
		return "NULL"
	}
	return fmt.Sprint(v)
}

func proofFailed(to *Store, what string) error {
	return &Error{Code: Storage, Key: "err.transfer.proof", Args: map[string]any{"Target": to.Name(), "What": what},
		Message: "the copy into " + to.Name() + " failed its proof and was rolled back: " + what}
}

// fingerprint is a row's values in one hash, the same for a row read from SQLite and from the server: each
// value is tagged with its kind (integer, real, text, bytes, NULL), so that 1 and "1" differ.
func fingerprint(values []any) [16]byte {
	h := sha256.New()
	var num [8]byte
	for _, v := range values {
		switch v := v.(type) {
		case nil:
			h.Write([]byte{0})
		case int64:
			h.Write([]byte{1})
			binary.LittleEndian.PutUint64(num[:], uint64(v))
			h.Write(num[:])
		case bool:
			h.Write([]byte{1})
			b := uint64(0)
			if v {
				b = 1
			}
			binary.LittleEndian.PutUint64(num[:], b)
			h.Write(num[:])
		case float64:
			h.Write([]byte{2})
			binary.LittleEndian.PutUint64(num[:], math.Float64bits(v))
			h.Write(num[:])
		case string:
			h.Write([]byte{3})
			binary.LittleEndian.PutUint64(num[:], uint64(len(v)))
			h.Write(num[:])
			h.Write([]byte(v))
		case []byte:
			h.Write([]byte{4})
			binary.LittleEndian.PutUint64(num[:], uint64(len(v)))
			h.Write(num[:])
			h.Write(v)
		case time.Time:
			h.Write([]byte{3})
			s := v.UTC().Format(time.RFC3339Nano)
			binary.LittleEndian.PutUint64(num[:], uint64(len(s)))
			h.Write(num[:])
			h.Write([]byte(s))
		default:
			h.Write([]byte{5})
			h.Write([]byte(fmt.Sprintf("%T %v", v, v)))
		}
	}
	var out [16]byte
	copy(out[:], h.Sum(nil))
	return out
}

// proveStats compares the figures of every year the records can speak of on both sides: the same rows must
// give the same figures through each database's SQL.
func proveStats(ctx context.Context, from, to *Store, src, dst *sql.Tx) ([]int, error) {
	years, err := transferYears(ctx, src)
	if err != nil {
		return nil, err
	}
	for _, y := range years {
		a, err := from.statsOf(ctx, src, y)
		if err != nil {
			return nil, err
		}
		b, err := to.statsOf(ctx, dst, y)
		if err != nil {
			return nil, err
		}
		if a != b {
			return nil, proofFailed(to, statsDiff(a, b))
		}
	}
	return years, nil
}

// transferYears is every year from the first the program takes (ValidateYear) to the year after the latest
// output row or this year, whichever is later.
func transferYears(ctx context.Context, q *sql.Tx) ([]int, error) {
	last := time.Now().Year() + 1
	var newest sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(year) FROM annual_output`).Scan(&newest); err != nil {
		return nil, internal(err, "cannot read the years to compare")
	}
	if newest.Valid && int(newest.Int64)+1 > last {
		last = int(newest.Int64) + 1
	}
	var years []int
	for y := MinYear; y <= last && y <= MaxYear; y++ {
		years = append(years, y)
	}
	return years, nil
}

// statsDiff names the first figure that differs between two years' Stats.
func statsDiff(a, b Stats) string {
	fa, fb := a.Figures(), b.Figures()
	for i := range fa {
		if fa[i].Value != fb[i].Value {
			return fmt.Sprintf("%d %s: %s in the original, %s in the copy", a.Year, fa[i].Name, fa[i].Value, fb[i].Value)
		}
	}
	return fmt.Sprintf("%d: %+v in the original, %+v in the copy", a.Year, a, b)
}
