package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/usertext"
)

// backupUI opens Settings over a database with the sample set; the window's clock is fixed and quitting the
// program is recorded instead of done.
func backupUI(t *testing.T) (*backupCard, *data.Store, *UI, *bool) {
	t.Helper()
	u, st := newTestUIAt(t, true, time.Date(2026, 11, 26, 15, 30, 0, 0, time.Local))
	u.ShowSection("nav.settings")
	c := u.settings.backups
	require.NotNil(t, c)
	quit := false
	c.quit = func() { quit = true }
	return c, st, u, &quit
}

func setBriefUnit(t *testing.T, st *data.Store, unit string) {
	t.Helper()
	require.NoError(t, st.SetBriefSettings(bg(), data.BriefSettings{IssuingUnit: unit, BriefName: "科技工作简报", IssueNo: 1}))
}

func TestBackupCardShowsWhereBackupsGoAndTheLastOne(t *testing.T) {
	c, st, _, _ := backupUI(t)
	dir := data.BackupDir(st.Path())
	assert.Equal(t, dir, c.folder.Text)

	require.NoError(t, st.Backup(bg(), filepath.Join(dir, "daily-2026-11-25.db")))
	made := time.Date(2026, 11, 25, 8, 2, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(filepath.Join(dir, "daily-2026-11-25.db"), made, made))
	c.reload()
	assert.True(t, strings.HasPrefix(c.last.Text, "2026-11-25 08:02（每日，"), c.last.Text)
	require.Len(t, c.restoreBtn, 1)
	assert.Contains(t, labelTexts(c.rows), "daily-2026-11-25.db")
}

func TestBackupNowWritesACheckedManualBackup(t *testing.T) {
	c, st, u, _ := backupUI(t)
	setBriefUnit(t, st, "按下按钮时")
	test.Tap(c.backupBtn)
	<-c.done
	want := filepath.Join(data.BackupDir(st.Path()), "manual-20261126-153000.db")
	require.NoError(t, data.CheckBackup(want))
	// The message's lines are broken as newDialogText breaks them, a long path too.
	assert.Contains(t, strings.ReplaceAll(overlayText(t, u.win), "\n", ""), want, "the user is told where it went")
	assert.False(t, c.backupBtn.Disabled())
	require.Len(t, c.files, 1, "the list shows it")
	assert.Equal(t, data.BackupManual, c.files[0].Kind)
	assert.Contains(t, c.last.Text, "手动")

	b, err := data.ListBackups(data.BackupDir(st.Path()))
	require.NoError(t, err)
	require.Len(t, b, 1)
}

func TestRestoreOfADamagedBackupIsRefusedAndTheDatabaseStaysOpen(t *testing.T) {
	c, st, u, quit := backupUI(t)
	dir := data.BackupDir(st.Path())
	good := filepath.Join(dir, "daily-2026-11-25.db")
	require.NoError(t, st.Backup(bg(), good))
	body, err := os.ReadFile(good)
	require.NoError(t, err)
	for i := len(body) / 2; i < len(body)/2+8192; i++ {
		body[i] = 0xee
	}
	bad := filepath.Join(dir, "daily-2026-11-24.db")
	require.NoError(t, os.WriteFile(bad, body, 0o644))
	old := time.Date(2026, 11, 24, 9, 0, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(bad, old, old))
	c.reload()
	require.Len(t, c.restoreBtn, 2)
	require.Equal(t, bad, c.files[1].Path)

	test.Tap(c.restoreBtn[1])
	<-c.done
	text := strings.ReplaceAll(overlayText(t, u.win), "\n", "") // lines broken as newDialogText breaks them
	assert.Contains(t, text, bad, "the message names the file")
	assert.Contains(t, text, "已损坏")
	assert.False(t, *quit)
	_, err = st.BriefSettings(bg())
	assert.NoError(t, err, "nothing was closed: the window goes on working")
}

func TestRestoreFromTheListKeepsTheCurrentDatabaseAndClosesTheProgram(t *testing.T) {
	c, st, u, quit := backupUI(t)
	dbPath := st.Path()
	setBriefUnit(t, st, "备份时")
	test.Tap(c.backupBtn)
	<-c.done
	u.win.Canvas().Overlays().Top().Hide()
	setBriefUnit(t, st, "恢复前")

	require.Len(t, c.restoreBtn, 1)
	test.Tap(c.restoreBtn[0])
	<-c.done
	// The messages' lines are broken as newDialogText breaks them: they are read here without the breaks.
	asked := strings.ReplaceAll(overlayText(t, u.win), "\n", "")
	assert.Contains(t, asked, "当前数据库会先另存为", "the user is told the current database is kept first")
	assert.Contains(t, asked, "程序会关闭", "and that the program closes")
	test.Tap(overlayButton(t, u.win, zh.T("action.confirm")))
	<-c.done

	kept := filepath.Join(data.BackupDir(dbPath), "before-restore-20261126-153000.db")
	text := strings.ReplaceAll(overlayText(t, u.win), "\n", "")
	assert.Contains(t, text, kept)
	assert.Contains(t, text, "请重新启动")
	assert.False(t, *quit, "the program closes when the user has read the message")
	test.Tap(overlayButton(t, u.win, zh.T("backup.close_program")))
	assert.True(t, *quit)

	again, err := data.Open(dbPath)
	require.NoError(t, err, "the store was closed, so the database is free")
	defer again.Close()
	b, err := again.BriefSettings(bg())
	require.NoError(t, err)
	assert.Equal(t, "备份时", b.IssuingUnit, "the backup's records are back")
	require.NoError(t, data.CheckBackup(kept))
}

func TestStartupBackupWritesTheDaysBackupInTheBackground(t *testing.T) {
	u, st := newTestUI(t, false)
	<-u.StartupBackup()
	dir := data.BackupDir(st.Path())
	now := u.env.now() // the window's clock names the day's backup
	require.NoError(t, data.CheckBackup(filepath.Join(dir, "daily-"+now.Format("2006-01-02")+".db")))
	require.NoError(t, data.CheckBackup(filepath.Join(dir, "monthly-"+now.Format("2006-01")+".db")))
	assert.Nil(t, u.win.Canvas().Overlays().Top(), "nothing to tell when it worked")
}

func TestBackupErrorTextNamesWhatCouldNotBeWritten(t *testing.T) {
	t.Parallel()
	en := assets.NewTranslator("en")
	err := &data.Error{Code: data.Internal, Key: "err.backup.write", Args: map[string]any{"Path": "E:/b.db"}, Message: "x"}
	assert.Contains(t, usertext.BackupError(en, err), "Cannot write the backup E:/b.db")
	assert.Equal(t, usertext.Error(en, &data.Error{Code: data.Internal, Key: "err.internal"}),
		usertext.BackupError(en, &data.Error{Code: data.Internal, Key: "err.internal"}))
	assert.Equal(t, "840 KB", byteSize(840*1024))
	assert.Equal(t, "12.5 MB", byteSize(12*1024*1024+512*1024))
}

func TestBackupCardOfAReadOnlyWindowOffersNoBackupOrRestore(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "scitech.db")
	writer, err := data.Open(path)
	require.NoError(t, err)
	defer writer.Close()
	require.NoError(t, writer.Backup(bg(), filepath.Join(data.BackupDir(path), "daily-2026-11-26.db")))
	ro, err := data.OpenReadOnly(path)
	require.NoError(t, err)
	defer ro.Close()
	c := newBackupCard(testEnv(fyne.CurrentApp(), testDay), ro, test.NewWindow(nil))
	c.build()
	assert.True(t, c.backupBtn.Disabled())
	assert.True(t, c.fileBtn.Disabled())
	require.Len(t, c.restoreBtn, 1)
	assert.True(t, c.restoreBtn[0].Disabled(), "only the copy that writes may restore")
}
