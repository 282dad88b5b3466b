package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"scitech/data/dialect"
	"scitech/data/sqlite"
)

// Restore puts the backup at backupPath in the place of the database at dbPath, and returns where the
// database it replaced was kept ("" when there was none).
//
// The database must not be open in this program; Restore takes its writer lock and holds it throughout, so
// another copy of the program that has it open makes Restore fail with err.db.locked. The steps, each of
// which leaves either the old database or the restored one whole should the process die at any moment:
//  1. write the backup beside the database (dbPath + ".restoring") as SQLite reads it — its file and the
//     commits in its -wal — and flush it to the disk;
//  2. check that copy — what is checked is exactly what will be put in place: integrity_check, a database
//     of this program not newer than it, foreign_key_check. A damaged or foreign file is refused with a
//     *Error naming it, and nothing else has changed;
//  3. keep the current database as before-restore-YYYYMMDD-HHMMSS.db in the backups folder;
//  4. checkpoint the current database and remove its -wal and -shm, so nothing of the old database is
//     left for SQLite to apply to the new file;
//  5. rename the copy over the database (atomic) and flush the folder.
func Restore(dbPath, backupPath string, now time.Time) (kept string, err error) {
	if t := dialect.ParseTarget(dbPath); t.Server() {
		return "", serverKeyed(t, Invalid, "err.server.file_only", "restore works on a database file for now",
			map[string]any{"What": "restore"})
	}
	ctx := context.Background()
	if real := resolvePath(dbPath); real != "" {
		dbPath = real // through a link, the file it names is restored, not the link replaced by a copy
	}
	if err := sameFile(dbPath, backupPath); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
		return "", internal(err, "cannot create the database folder")
	}
	lock, err := acquireWriterLock(dbPath)
	if err != nil {
		return "", err
	}
	defer lock.release()
	if err := refuseHardLinks(dbPath); err != nil {
		// Said after the lock, which names a copy holding the database through its other name: the rename
		// would give the one name the backup and leave the other name the old database.
		return "", err
	}
	if err := refuseOtherThanADatabase(context.Background(), dbPath); err != nil {
		return "", err
	}

	tmp := dbPath + ".restoring"
	if err := RefuseOverwrite(tmp, backupPath); err != nil {
		return "", err // the copy would truncate the chosen file, and the clean-up would delete it
	}
	// What is there already is left by a restore cut short, or is not ours: removed, never written through.
	for _, p := range []string{tmp, tmp + "-journal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", internal(err, "cannot remove "+p)
		}
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmp)
			os.Remove(tmp + "-journal")
		}
	}()
	if err := readThroughSQLite(ctx, backupPath, tmp); err != nil {
		return "", err
	}
	if err := checkBackup(ctx, tmp, backupPath); err != nil {
		return "", err
	}
	if fi, err := os.Stat(dbPath); err == nil && fi.Size() > 0 { // empty: the file the lock made, or nothing to keep
		if kept, err = keepCurrent(ctx, dbPath, now); err != nil {
			return "", err
		}
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return kept, internal(err, "cannot remove "+dbPath+suffix)
		}
	}
	lock.beforeReplace()
	if err := os.Rename(tmp, dbPath); err != nil {
		return kept, internal(err, "cannot put the backup in place of "+dbPath)
	}
	done = true
	syncDir(filepath.Dir(dbPath))
	return kept, nil
}

// sameFile refuses to restore a database onto itself, and from anything but a regular file (a pipe would be
// waited on forever, /dev/zero copied until the disk is full).
func sameFile(dbPath, backupPath string) error {
	b, err := os.Stat(backupPath)
	if err != nil {
		return &Error{Code: Invalid, Key: "err.backup.unreadable", Args: map[string]any{"Path": backupPath},
			Message: "cannot read " + backupPath, Err: err}
	}
	if !b.Mode().IsRegular() {
		return notRegular(backupPath)
	}
	if d, err := os.Stat(dbPath); err == nil && os.SameFile(b, d) {
		return &Error{Code: Invalid, Key: "err.backup.same_file", Args: map[string]any{"Path": backupPath},
			Message: backupPath + " is the database itself"}
	}
	return nil
}

// readThroughSQLite writes what SQLite reads in the database file src into the new file dst, and flushes dst.
// A copy of src's bytes would drop the commits in its -wal (a writer killed before its checkpoint, a folder
// copied while the program had it open, a damaged database kept by keepRaw): VACUUM INTO on a read-only
// connection reads src with its -wal applied, and writes nothing into src or its -wal. A file cut short is
// refused first (checkFileSize): SQLite would read its missing tail as zeros, and VACUUM INTO copy those.
func readThroughSQLite(ctx context.Context, src, dst string) error {
	if err := checkHeader(src, src); err != nil {
		return err
	}
	if err := checkFileSize(src, src); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", sqlite.URI(src, "mode", "ro", "_pragma", "busy_timeout(5000)"))
	if err != nil {
		return internal(err, "cannot open "+src)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, vacuumTarget(dst)); err != nil {
		if storageKey(err) == keyDiskFull {
			return writeError(err, dst)
		}
		return damaged(src, err.Error())
	}
	if err := syncFile(dst); err != nil {
		return writeError(err, dst)
	}
	return nil
}

// keepCurrent writes the current database to before-restore-….db and checkpoints it, so its main file holds
// every committed change. A current database too damaged for VACUUM INTO is kept as its raw files.
func keepCurrent(ctx context.Context, dbPath string, now time.Time) (string, error) {
	kept := freeName(BackupDir(dbPath), "before-restore-"+now.Format(stampLayout))
	db, err := sql.Open("sqlite", sqlite.URI(dbPath, sqlite.Params(0, false)...))
	if err != nil {
		return "", internal(err, "cannot open the database")
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := vacuumInto(ctx, db, kept); err != nil {
		// Damaged, or the disk is full: the raw copy keeps the former, and fails with a clear error on the latter.
		if err := keepRaw(dbPath, kept); err != nil {
			return "", err
		}
		return kept, nil
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return "", internal(err, "cannot checkpoint the database")
	}
	return kept, db.Close()
}

// keepRaw keeps a damaged database as it is: its file and its -wal beside the copy, under the copy's name
// (SQLite looks for a database's -wal under its own name). The writer lock keeps the files still meanwhile.
func keepRaw(dbPath, kept string) error {
	if err := os.MkdirAll(filepath.Dir(kept), 0o755); err != nil {
		return backupFolderError(err, filepath.Dir(kept))
	}
	if err := copyFileSynced(dbPath, kept); err != nil {
		return err
	}
	if exists(dbPath + "-wal") {
		_ = os.Remove(kept + "-wal") // a -wal without its database, left by a restore cut short
		return copyFileSynced(dbPath+"-wal", kept+"-wal")
	}
	return nil
}

// copyFileSynced copies src to a new file dst and flushes dst to the disk. A file already at dst is an
// error: a link there would be written through.
func copyFileSynced(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return &Error{Code: Invalid, Key: "err.backup.unreadable", Args: map[string]any{"Path": src},
			Message: "cannot read " + src, Err: err}
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return writeError(err, dst)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return writeError(err, dst)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return writeError(err, dst)
	}
	if err := out.Close(); err != nil {
		return writeError(err, dst)
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// refuseOtherThanADatabase refuses to restore over what is at dbPath when it is a database this program must
// leave as it is (one a newer version wrote, another program's: Open refuses to write them too) or a file of
// another kind altogether (a workbook, a document or a PDF named by mistake). A database too damaged to read
// is not refused: putting a sound copy in its place is what a restore is for, and the damaged file is kept.
func refuseOtherThanADatabase(ctx context.Context, dbPath string) error {
	head := make([]byte, 8)
	f, err := os.Open(dbPath)
	if err != nil {
		return nil // nothing there (a restore onto a new place), or the restore's own steps say why
	}
	n, _ := io.ReadFull(f, head)
	f.Close()
	for _, magic := range [][]byte{
		[]byte("PK\x03\x04"), // a zip: a workbook (.xlsx), a document (.docx)
		[]byte("%PDF-"),      // a PDF
		{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, // an old Office file (.xls, .doc)
	} {
		if n >= len(magic) && bytes.Equal(head[:len(magic)], magic) {
			return &Error{Code: Invalid, Key: "err.restore.not_a_database", Args: map[string]any{"Path": dbPath},
				Message: dbPath + " is not a database but another kind of file; a restore does not replace it"}
		}
	}
	return refuseUnknownDatabase(ctx, dbPath)
}
