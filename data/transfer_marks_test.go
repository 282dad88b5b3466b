package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deskMarksOf is the desk marks a database holds (key=value), in key order.
func deskMarksOf(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT key, value FROM setting WHERE NOT (` + notDeskMark() + `) ORDER BY key`)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k, v string
		require.NoError(t, rows.Scan(&k, &v))
		out = append(out, k+"="+v)
	}
	require.NoError(t, rows.Err())
	return out
}

// TestTransferIntoAServerADeskHasOpened: a window opened once on a newly set-up server writes the day's backup
// and records the backup days in setting (issue 19, A19's D15); that database is still empty for migrate and
// restore. The copy keeps the server's own backup days, once each (the day's backup is not written again), and
// carries none of a source's: a server's copy into a file holds none, and a file holding some (a server's
// backup made before) brings none into the server it is restored into.
func TestTransferIntoAServerADeskHasOpened(t *testing.T) {
	server := transferServer(t)
	ctx := context.Background()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // where a server's backups go on this computer
	day := time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local)
	opened := func() *Store {
		office := transferServerStore(t, transferDatabase(t, server))
		made, err := office.DailyBackup(ctx, day)
		require.NoError(t, err)
		require.Len(t, made, 2, "the first desk of the day backs the empty server up")
		require.Equal(t, []string{"backup.server.daily=2026-12-07", "backup.server.monthly=2026-12"}, deskMarksOf(t, office))
		return office
	}

	desk := transferSample(t)
	office := opened()
	_, err := Transfer(ctx, desk, office)
	require.NoError(t, err, "a server a desk has opened holds no records")
	assert.Equal(t, []string{"backup.server.daily=2026-12-07", "backup.server.monthly=2026-12"}, deskMarksOf(t, office))
	made, err := office.DailyBackup(ctx, day.Add(time.Hour))
	require.NoError(t, err)
	assert.Empty(t, made, "the server's backup days were kept")

	back := filepath.Join(t.TempDir(), "back.db")
	_, err = TransferToFile(ctx, office, back, false)
	require.NoError(t, err)
	assert.Equal(t, transferFileRows(t, desk.Path()), transferFileRows(t, back), "the server's backup days are not the copy's")

	// A file holding backup days (a server's backup written before they were left out), restored into a
	// server opened on another day: the server keeps its own.
	old, err := Open(back)
	require.NoError(t, err)
	defer old.Close()
	_, err = old.db.Exec(`INSERT INTO setting (key, value) VALUES ('backup.server.daily', '2026-11-30'), ('backup.server.monthly', '2026-11')`)
	require.NoError(t, err)
	second := opened()
	_, err = Transfer(ctx, old, second)
	require.NoError(t, err)
	assert.Equal(t, []string{"backup.server.daily=2026-12-07", "backup.server.monthly=2026-12"}, deskMarksOf(t, second))
	assert.Equal(t, transferCounts(t, office), transferCounts(t, second))

	// Anything else in setting is a record: such a server is not empty.
	third := opened()
	_, err = third.db.Exec(`INSERT INTO setting (key, value) VALUES ('brief.issuing_unit', '别处的单位')`)
	require.NoError(t, err)
	_, err = Transfer(ctx, desk, third)
	assert.Equal(t, "err.transfer.not_empty", ErrorKey(err))
	assert.Equal(t, []string{"backup.server.daily=2026-12-07", "backup.server.monthly=2026-12"}, deskMarksOf(t, third))
}

// TestTransferOfAFileWithDeskMarks: on SQLite alone, a file holding backup days (a server's backup) copied into
// a new file: the copy holds every other row and none of them.
func TestTransferOfAFileWithDeskMarks(t *testing.T) {
	ctx := context.Background()
	desk := transferSample(t)
	want := transferFileRows(t, desk.Path())
	_, err := desk.db.Exec(`INSERT INTO setting (key, value) VALUES ('backup.server.daily', '2026-11-30'), ('backup.server.monthly', '2026-11')`)
	require.NoError(t, err)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	_, err = TransferToFile(ctx, desk, copyPath, false)
	require.NoError(t, err)
	assert.Equal(t, want, transferFileRows(t, copyPath))
}
