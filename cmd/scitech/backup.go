package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"scitech/assets"
	"scitech/data"
	"scitech/usertext"
)

// runBackup is `scitech backup FILE [--db PATH]`: a checked backup of the database, written beside the copy
// of the program that may have it open (a backup only reads).
func runBackup(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("backup", stderr)
	pos, err := parseFlags(tr, fs, args)
	if err != nil || len(pos) != 1 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	if err := data.BackupDatabase(context.Background(), *db, pos[0]); err != nil {
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
// folder and puts FILE in its place. The program must not have the database open.
func runRestore(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("restore", stderr)
	pos, err := parseFlags(tr, fs, args)
	if err != nil || len(pos) != 1 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	kept, err := data.Restore(*db, pos[0], time.Now())
	if err != nil {
		return backupFailed(tr, stderr, err)
	}
	fmt.Fprintln(stdout, tr.T("backup.cli.restored", map[string]any{"Path": pos[0], "DB": *db}))
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
