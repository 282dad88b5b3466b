package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"scitech/assets"
	"scitech/data"
	"scitech/usertext"
)

// runBackup is `scitech backup FILE [--db PATH]`: a checked backup of the database, written beside the copy
// of the program that may have it open (a backup only reads). A server's backup is a SQLite file of all its
// data (backupServer) that any copy of the program opens.
func runBackup(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("backup", stderr)
	pos, err := parseFlags(tr, fs, args)
	if err != nil || len(pos) != 1 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	if onServer(*db) {
		if code := backupServer(tr, *db, pos[0], stderr); code != exitOK {
			return code
		}
	} else if err := data.BackupDatabase(context.Background(), *db, pos[0]); err != nil {
		return backupFailed(tr, stderr, err)
	}
	size := int64(0)
	if info, err := os.Stat(pos[0]); err == nil {
		size = info.Size()
	}
	fmt.Fprintln(stdout, tr.T("backup.cli.written", map[string]any{"Path": pos[0], "Size": sizeText(size)}))
	return exitOK
}

// runRestore is `scitech restore FILE [--db PATH]`: checks FILE, keeps the current database in the backups
// folder and puts FILE in its place. The program must not have the database open. On a server, FILE's records
// go into an empty database there (restoreServer): a server's database is never replaced under the desks.
func runRestore(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("restore", stderr)
	pos, err := parseFlags(tr, fs, args)
	if err != nil || len(pos) != 1 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	if onServer(*db) {
		if code := restoreServer(tr, pos[0], *db, stderr); code != exitOK {
			return code
		}
		fmt.Fprintln(stdout, tr.T("backup.cli.restored", map[string]any{"Path": pos[0], "DB": dbName(*db)}))
		return exitOK
	}
	kept, err := data.Restore(*db, pos[0], time.Now())
	if err != nil {
		return backupFailed(tr, stderr, err)
	}
	fmt.Fprintln(stdout, tr.T("backup.cli.restored", map[string]any{"Path": pos[0], "DB": dbName(*db)}))
	if kept != "" {
		fmt.Fprintln(stdout, tr.T("backup.cli.kept", map[string]any{"Path": kept}))
	}
	return exitOK
}

// backupFailed prints why a backup or restore was not done, with the detail for the log when the cause is
// not a refusal the message tells whole; the exit status is exitFor's, as for every command.
func backupFailed(tr *assets.Translator, stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, usertext.BackupError(tr, err))
	code := exitFor(err)
	if key := data.ErrorKey(err); code == exitUsage && key != "err.backup.unreadable" && key != "err.file.protected" {
		fmt.Fprintln(stderr, err) // the cause, for the log
	}
	return code
}

// sizeText is a file size as people read it.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1<<9)>>10)
}

// backupServer writes every record of a server's database into a SQLite file, through the copier that
// migrate uses: one snapshot of the server, desks may go on working, and the file is proved equal to it and
// checked as every backup is before it takes its name.
func backupServer(tr *assets.Translator, url, path string, stderr io.Writer) int {
	s, code := openServer(tr, url, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	if _, err := data.TransferToFile(context.Background(), s, path, true); err != nil {
		return backupFailed(tr, stderr, err)
	}
	return exitOK
}

// restoreServer brings a backup file's records into an empty database on a server (data.Transfer, which
// refuses one holding records and writes nothing then). The file is checked as every restore checks it.
func restoreServer(tr *assets.Translator, path, url string, stderr io.Writer) int {
	if err := data.CheckBackup(path); err != nil {
		return backupFailed(tr, stderr, err)
	}
	src, done, err := openBackupToRead(path)
	if err != nil {
		return backupFailed(tr, stderr, err)
	}
	defer done()
	dst, code := openCopyTarget(tr, url, stderr)
	if dst == nil {
		return code
	}
	defer dst.Close()
	if _, err := data.Transfer(context.Background(), src, dst); err != nil {
		backupFailed(tr, stderr, err)
		return exitUsage // a server database that holds records is not a restore's to replace, as for migrate
	}
	return exitOK
}

// openBackupToRead opens a backup file to be copied, leaving it as it is: read-only, or, for a backup an
// older version of the program wrote, a copy of it in a temporary folder brought up to date there.
func openBackupToRead(path string) (*data.Store, func(), error) {
	s, err := data.OpenReadOnly(path)
	if err == nil {
		return s, func() { s.Close() }, nil
	}
	if data.ErrorKey(err) != "err.db.needs_upgrade" {
		return nil, nil, err
	}
	dir, err := os.MkdirTemp("", "scitech-restore-*")
	if err != nil {
		return nil, nil, err
	}
	clean := func() { os.RemoveAll(dir) }
	tmp := filepath.Join(dir, "backup.db")
	if err := copyBackupFile(path, tmp); err != nil {
		clean()
		return nil, nil, err
	}
	if s, err = data.Open(tmp); err != nil {
		clean()
		return nil, nil, err
	}
	return s, func() { s.Close(); clean() }, nil
}

// copyBackupFile copies a backup file's bytes.
func copyBackupFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
