package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"time"

	"scitech/data/postgres"
)

// The daily backup of a server (issue 19): the first desk to open the server on a day writes the day's backup,
// and the month's when the month has none yet, into its own backups folder, as a SQLite file any copy of the
// program opens (TransferToFile). The server remembers the last day and month backed up (settings
// backup.server.daily and backup.server.monthly, written outside any change, so they are no change a clerk can
// undo), and a desk takes the server's daily-backup lock while it writes, so that two desks opening the
// server at once do not both copy it: the second finds the lock taken and leaves it.

const (
	serverDailyKey   = "backup.server.daily"
	serverMonthlyKey = "backup.server.monthly"
)

// ServerBackupDir is the folder of a server's backups on this computer: backups/server-NAME in the default data
// folder, NAME the server as dialect.Target.String names it (user@host:port/database) with what a file name
// cannot hold replaced, so that two servers (or two databases on one) never share a folder.
func ServerBackupDir(server string) string {
	name := strings.Map(func(r rune) rune {
		if r < 0x80 && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '@') {
			return '_'
		}
		return r
	}, server)
	return filepath.Join(DefaultDataDir(), "backups", "server-"+name)
}

// BackupDir is the store's backups folder: "backups" beside the database file, or this computer's folder of
// the server's backups (ServerBackupDir).
func (s *Store) BackupDir() string {
	if s.Server() {
		return ServerBackupDir(s.Name())
	}
	return BackupDir(s.path)
}

// dailyServerBackup is DailyBackup on a server. The desk holding the server's daily backup lock writes it;
// another desk writing it now makes this one write none.
func (s *Store) dailyServerBackup(ctx context.Context, now time.Time) (made []string, err error) {
	_, lerr := postgres.WithSessionLock(ctx, s.db, postgres.DailyBackupLockKey, true, func(c *sql.Conn) error {
		made, err = s.writeDailyServerBackups(ctx, c, now)
		return nil
	})
	if lerr != nil {
		return nil, internal(lerr, "cannot start the daily backup")
	}
	return made, err
}

// writeDailyServerBackups writes the day's and the month's backups unless the server records them written, on
// c, the connection holding the daily backup lock.
func (s *Store) writeDailyServerBackups(ctx context.Context, c *sql.Conn, now time.Time) ([]string, error) {
	dir := s.BackupDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, backupFolderError(err, dir)
	}
	var made []string
	for _, b := range []struct{ key, prefix, stamp string }{
		{serverDailyKey, "daily-", now.Format(dayLayout)},
		{serverMonthlyKey, "monthly-", now.Format(monthLayout)},
	} {
		var last string
		err := c.QueryRowContext(ctx, `SELECT coalesce(max(value), '') FROM setting WHERE key = ?`, b.key).Scan(&last)
		if err != nil {
			return made, internal(err, "cannot read the last backup's day")
		}
		if last >= b.stamp {
			continue // a desk has backed the server up this day (or month)
		}
		p := filepath.Join(dir, b.prefix+b.stamp+".db")
		if _, err := TransferToFile(ctx, s, p, true); err != nil {
			return made, err
		}
		made = append(made, p)
		if _, err := c.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, b.key, b.stamp); err != nil {
			return made, internal(err, "cannot record the backup's day")
		}
	}
	if err := rotate(dir, "daily-", dayLayout, KeepDaily); err != nil {
		return made, err
	}
	return made, rotate(dir, "monthly-", monthLayout, KeepMonthly)
}
