package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"scitech/data/dialect"
	"scitech/data/sqlite"
)

// Backups are whole database files written with VACUUM INTO, which reads one consistent snapshot through
// SQLite itself: a file copy of a live database can catch it between a write and its checkpoint. Each is
// written under a temporary name beside its place, checked with integrity_check on a separate read-only
// connection, and only then renamed into place, so a backup file that exists is a good one.

// Backup kinds, as the file names tell them.
const (
	BackupDaily         = "daily"            // daily-2026-11-26.db, the first start of a day
	BackupMonthly       = "monthly"          // monthly-2026-11.db, the first start of a month
	BackupManual        = "manual"           // manual-20261126-153000.db, the Backup button
	BackupMigration     = "before-migration" // before-migration-0006-20261126-153000.db
	BackupBeforeRestore = "before-restore"   // before-restore-20261126-153000.db, the database a restore replaced
	BackupOther         = "other"            // any other database file in the folder
)

// Kept backups: the rotation deletes older daily and monthly files, and never any other file.
const (
	KeepDaily   = 30
	KeepMonthly = 12
)

const (
	dayLayout   = "2006-01-02"
	monthLayout = "2006-01"
	stampLayout = "20060102-150405"
)

// sqliteHeader opens every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// BackupFile is one backup in the backups folder.
type BackupFile struct {
	Path string
	Kind string    // one of the Backup… kinds
	Made time.Time // when the file was written
	Size int64     // bytes
}

// BackupDir is the backups folder of a database: "backups" beside the database file.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// ManualBackupPath is where the Backup button writes: manual-YYYYMMDD-HHMMSS.db in the backups folder
// (with -2, -3… should that name be taken).
func ManualBackupPath(dbPath string, now time.Time) string {
	return freeName(BackupDir(dbPath), "manual-"+now.Format(stampLayout))
}

// Backup writes a consistent copy of the database to path (replacing a file there only once the new copy
// is written and checked). A copy that fails its check is removed and reported as a *Error. A path that is
// the database or one of its side files, however spelt, is refused (err.file.protected): the copy renamed
// over it would pull the file from under SQLite while it writes. A store on a server writes its records into a
// new SQLite file (TransferToFile: one snapshot, checked as every backup), which any copy of the program opens.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.Server() {
		_, err := TransferToFile(ctx, s, path, true)
		return err
	}
	if err := RefuseOverwrite(path, s.path); err != nil {
		return err
	}
	if err := checkFileSize(s.path, s.path); err != nil {
		return err // VACUUM INTO would copy the zeros SQLite reads past its end as if they were records
	}
	return vacuumInto(ctx, s.db, path)
}

// BackupDatabase writes a backup of the database file at dbPath, as Backup does, without opening it as a
// Store: it reads one snapshot on a read-only connection, so it needs no writer lock and works beside the
// copy of the program that has the database open, and it never creates or upgrades a database.
func BackupDatabase(ctx context.Context, dbPath, path string) error {
	if t := dialect.ParseTarget(dbPath); t.Server() {
		return serverKeyed(t, Invalid, "err.server.file_only", "backup works on a database file for now",
			map[string]any{"What": "backup"})
	}
	if err := requireDatabaseFile(dbPath); err != nil {
		return err // a pipe would be waited on forever, and /dev/zero reads as an empty database
	}
	if err := RefuseOverwrite(path, dbPath); err != nil {
		return err
	}
	if err := checkFileSize(dbPath, dbPath); err != nil {
		return err // VACUUM INTO would copy the zeros SQLite reads past its end as if they were records
	}
	db, err := sql.Open("sqlite", sqlite.URI(dbPath, "mode", "ro", "_pragma", "busy_timeout(5000)"))
	if err != nil {
		return internal(err, "cannot open the database")
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return vacuumInto(ctx, db, path)
}

// DailyBackup is the start-up backup: on the first start of a day it writes that day's backup, and the
// month's when the month has none yet; then only the last KeepDaily daily and KeepMonthly monthly backups
// are kept. It returns the files it wrote. A read-only store leaves this to the copy that writes. On a server
// the first desk to open it on a day writes the day's backup into its own backups folder (backup_server.go).
func (s *Store) DailyBackup(ctx context.Context, now time.Time) ([]string, error) {
	if s.Server() {
		return s.dailyServerBackup(ctx, now)
	}
	if s.ReadOnly() {
		return nil, nil
	}
	dir := BackupDir(s.path)
	var made []string
	for _, p := range []string{
		filepath.Join(dir, "daily-"+now.Format(dayLayout)+".db"),
		filepath.Join(dir, "monthly-"+now.Format(monthLayout)+".db"),
	} {
		if _, err := os.Stat(p); err == nil {
			continue
		}
		if err := s.Backup(ctx, p); err != nil {
			return made, err
		}
		made = append(made, p)
	}
	if err := rotate(dir, "daily-", dayLayout, KeepDaily); err != nil {
		return made, err
	}
	if err := rotate(dir, "monthly-", monthLayout, KeepMonthly); err != nil {
		return made, err
	}
	return made, nil
}

// rotate deletes the files named prefix+date+".db" beyond the newest keep dates. A file whose name does not
// parse exactly is not one of ours and stays.
func rotate(dir, prefix, layout string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return backupFolderError(err, dir)
	}
	type dated struct {
		name string
		at   time.Time
	}
	var files []dated
	for _, e := range entries {
		stem, ok := strings.CutSuffix(strings.TrimPrefix(e.Name(), prefix), ".db")
		if !ok || !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		at, err := time.Parse(layout, stem)
		if err != nil || at.Format(layout) != stem {
			continue
		}
		files = append(files, dated{e.Name(), at})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].at.After(files[j].at) })
	for i := keep; i < len(files); i++ {
		if err := os.Remove(filepath.Join(dir, files[i].name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return backupFolderError(err, dir)
		}
	}
	return nil
}

// backupBeforeMigration writes before-migration-NNNN-….db when migrations are about to be applied to a
// database that already holds some: an upgrade that goes wrong can then be undone by a restore.
func (s *Store) backupBeforeMigration(ctx context.Context, names []string) error {
	applied := map[int]bool{}
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migration`)
	if err != nil {
		return internal(err, "cannot read migrations")
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return internal(err, "cannot read migrations")
		}
		applied[v] = true
	}
	rows.Close()
	if len(applied) == 0 {
		return nil // a new database: nothing to keep
	}
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil || applied[v] {
			continue
		}
		return s.Backup(ctx, freeName(BackupDir(s.path), fmt.Sprintf("before-migration-%04d-%s", v, s.now().Format(stampLayout))))
	}
	return nil
}

// freeName is dir/stem.db, or dir/stem-2.db, -3… when that is taken: a backup never replaces another one.
func freeName(dir, stem string) string {
	p := filepath.Join(dir, stem+".db")
	for i := 2; exists(p); i++ {
		p = filepath.Join(dir, stem+"-"+strconv.Itoa(i)+".db")
	}
	return p
}

// vacuumInto writes db to path through a temporary file beside it, checks the copy and renames it into place;
// it replaces a regular file only.
//
// From before the first check until after the rename it holds path's writer lock, the one Open takes: a copy
// of the program that opened path meanwhile would go on writing the file the rename pulls from under it, and
// leave its -wal beside the new file for SQLite to apply to it. Under that lock it also removes what only a
// backup of this name left (its temporaries), and path's side files.
func vacuumInto(ctx context.Context, db *sql.DB, path string) error {
	if err := refuseNotRegular(path); err != nil {
		return err // the rename would replace a folder's name, a pipe or a device
	}
	if err := refuseInUse(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return backupFolderError(err, dir)
	}
	lock, err := lockTarget(path)
	if err != nil {
		return err
	}
	defer lock.release()
	if err := clearTargetSides(path); err != nil {
		return err
	}
	removeStaleTemporaries(path)
	// VACUUM INTO writes into an empty file; creating it here gives a unique name no one else uses, and the
	// permission a new file gets (or that of the backup it replaces), which SQLite keeps.
	f, err := CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return backupFolderError(err, dir)
	}
	tmp := f.Name()
	err = TakeMode(f, path)
	f.Close()
	if err != nil {
		os.Remove(tmp)
		return backupFolderError(err, dir)
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmp)
		}
	}()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, vacuumTarget(tmp)); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return writeError(err, path)
	}
	if err := syncFile(tmp); err != nil {
		return writeError(err, path)
	}
	if err := checkIntegrity(ctx, tmp, path); err != nil {
		return &Error{Code: Internal, Key: "err.backup.unverified", Args: map[string]any{"Path": path},
			Message: "the backup " + path + " failed its check after writing and was removed", Err: err}
	}
	if beforeBackupRename != nil {
		beforeBackupRename(path)
	}
	lock.beforeReplace()
	if err := os.Rename(tmp, path); err != nil {
		return writeError(err, path)
	}
	done = true
	syncDir(dir)
	return nil
}

// vacuumTarget is the name VACUUM INTO is given for the new file path. The store's connections are opened with
// a "file:" URI, and on such a connection SQLite reads the name after INTO as a URI too: a path given raw that
// began with "file:" (a relative name typed as `file:x.db#/b.db`) wrote the copy to another file — the database's
// own lock or -wal, or a stray name the message then said was removed. The escaped URI of the absolute path
// names exactly the file that was created for it.
func vacuumTarget(path string) string { return sqlite.URI(path) }

// beforeBackupRename, when set (by tests), is called by vacuumInto just before it renames the checked copy
// into place: the moment a writer that got in would lose its changes.
var beforeBackupRename func(path string)

// CheckBackup checks that a file is a sound database of this program that it can restore: a SQLite file
// that passes integrity_check and foreign_key_check, with the program's migration table, and no migration
// newer than the program knows. The file is opened read-only and left as it is.
func CheckBackup(path string) error { return checkBackup(context.Background(), path, path) }

// checkBackup checks file, naming it as name in the errors (a restore checks its own copy of the chosen file).
func checkBackup(ctx context.Context, file, name string) error {
	if err := checkIntegrity(ctx, file, name); err != nil {
		return err
	}
	db, err := openVerbatim(file)
	if err != nil {
		return damaged(name, err.Error())
	}
	defer db.Close()
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'`).
		Scan(&tables); err != nil {
		return damaged(name, err.Error())
	}
	if tables == 0 {
		return &Error{Code: Invalid, Key: "err.backup.foreign", Args: map[string]any{"Path": name},
			Message: name + " is a database, but not one of this program"}
	}
	var newest sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migration`).Scan(&newest); err != nil {
		return damaged(name, err.Error())
	}
	if !newest.Valid {
		return &Error{Code: Invalid, Key: "err.backup.foreign", Args: map[string]any{"Path": name},
			Message: name + " is a database, but not one of this program"}
	}
	if known := latestMigration(); newest.Int64 > int64(known) {
		return &Error{Code: Invalid, Key: "err.backup.newer",
			Args:    map[string]any{"Path": name, "Version": newest.Int64, "Known": known},
			Message: fmt.Sprintf("%s was written by a newer version of the program (schema %d; this one knows %d)", name, newest.Int64, known)}
	}
	if unknown, err := unknownMigrations(ctx, db, sqlite.Migrations()); err != nil || len(unknown) > 0 {
		// Migrations this program has not, under numbers it has: Open would refuse the restored database.
		return &Error{Code: Invalid, Key: "err.backup.foreign", Args: map[string]any{"Path": name},
			Message: name + " is a database, but not one of this program (migrations " + joinInts(unknown) + ")", Err: err}
	}
	rows, err := db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return damaged(name, err.Error())
	}
	defer rows.Close()
	if rows.Next() {
		return &Error{Code: Invalid, Key: "err.backup.foreign_keys", Args: map[string]any{"Path": name},
			Message: name + " has records that point at records it does not hold"}
	}
	return rows.Err()
}

// checkIntegrity runs integrity_check on a file opened on its own, read-only; name is how errors call it.
func checkIntegrity(ctx context.Context, file, name string) error {
	if err := checkHeader(file, name); err != nil {
		return err
	}
	if err := checkFileSize(file, name); err != nil {
		return err
	}
	db, err := openVerbatim(file)
	if err != nil {
		return damaged(name, err.Error())
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check(5)`)
	if err != nil {
		return damaged(name, err.Error())
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return damaged(name, err.Error())
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(name, err.Error())
	}
	if len(problems) > 0 {
		return damaged(name, strings.Join(problems, "; "))
	}
	return nil
}

// checkHeader refuses a file that does not begin as every SQLite database does.
func checkHeader(file, name string) error {
	head := make([]byte, len(sqliteHeader))
	f, err := os.Open(file)
	if err != nil {
		return &Error{Code: Invalid, Key: "err.backup.unreadable", Args: map[string]any{"Path": name},
			Message: "cannot read " + name, Err: err}
	}
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return &Error{Code: Invalid, Key: "err.backup.not_database", Args: map[string]any{"Path": name},
			Message: name + " is not a database file"}
	}
	return nil
}

// openVerbatim opens a database file to read exactly its bytes: read-only and immutable, so SQLite neither
// writes nor creates anything beside it (no -wal, no -shm) and reads no journal of another file.
func openVerbatim(file string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", sqlite.URI(file, "mode", "ro", "immutable", "1"))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func damaged(name, detail string) *Error {
	return &Error{Code: Invalid, Key: "err.backup.damaged", Args: map[string]any{"Path": name, "Detail": detail},
		Message: name + " is damaged: " + detail}
}

// latestMigration is the newest migration this program knows for a database file.
func latestMigration() int { return latestMigrationOf(sqlite.Migrations()) }

// latestMigrationOf is the newest migration of fsys (a dialect's migrations).
func latestMigrationOf(fsys fs.FS) int {
	names, _ := fs.Glob(fsys, "*.sql")
	latest := 0
	for _, name := range names {
		if v, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0]); err == nil && v > latest {
			latest = v
		}
	}
	return latest
}

// ListBackups lists the database files of a backups folder, newest first; a missing folder has none.
func ListBackups(dir string) ([]BackupFile, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, backupFolderError(err, dir)
	}
	var out []BackupFile
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".db") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, name), Kind: backupKind(name), Made: info.ModTime(), Size: info.Size()})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Made.After(out[j].Made) })
	return out, nil
}

// LastBackup is the newest backup in a backups folder; ok is false when there is none.
func LastBackup(dir string) (b BackupFile, ok bool) {
	list, err := ListBackups(dir)
	if err != nil || len(list) == 0 {
		return BackupFile{}, false
	}
	return list[0], true
}

func backupKind(name string) string {
	for _, k := range []string{BackupDaily, BackupMonthly, BackupManual, BackupMigration, BackupBeforeRestore} {
		if strings.HasPrefix(name, k+"-") {
			return k
		}
	}
	return BackupOther
}

// writeError is the error of a backup that could not be written (disk full, no permission…).
// A cause internal() recognises (a full disk, say) keeps its own key.
func writeError(err error, path string) *Error {
	return keyed(internal(err, "cannot write the backup "+path), "err.backup.write", path)
}

func backupFolderError(err error, dir string) *Error {
	return keyed(internal(err, "cannot use the backups folder "+dir), "err.backup.folder", dir)
}

func keyed(e *Error, key, path string) *Error {
	if e.Key == "err.internal" {
		e.Key = key
		e.Args = map[string]any{"Path": path}
	}
	return e
}

// syncFile flushes a file's bytes to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries, so a rename survives a power cut; not possible on Windows, where
// the rename itself is durable, so errors are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
