package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
	"scitech/data/sqlite"
	"scitech/data/testsize"
)

// runSub runs one sub-command's function directly.
func runSub(fn func([]string, io.Writer, io.Writer) int, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = fn(args, &out, &errb)
	return code, out.String(), errb.String()
}

func fileSHA(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

func setIssuingUnit(t *testing.T, db, unit string) {
	t.Helper()
	s, err := data.Open(db)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.SetBriefSettings(context.Background(), data.BriefSettings{IssuingUnit: unit, BriefName: "科技工作简报", IssueNo: 1}))
}

func issuingUnitOf(t *testing.T, db string) string {
	t.Helper()
	s, err := data.OpenReadOnly(db)
	require.NoError(t, err)
	defer s.Close()
	b, err := s.BriefSettings(context.Background())
	require.NoError(t, err)
	return b.IssuingUnit
}

func TestBackupCommandWritesACheckedBackup(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	setIssuingUnit(t, db, "备份那天")
	file := filepath.Join(t.TempDir(), "备份", "scitech-2026-11-26.db")
	code, out, errs := runCLI(t, "backup", file, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "已写入备份并通过完整性检查："+file)
	require.NoError(t, data.CheckBackup(file))
	assert.Equal(t, "备份那天", issuingUnitOf(t, file))

	// Beside the window, which holds the database: a backup only reads.
	holder, err := data.Open(db)
	require.NoError(t, err)
	code, _, errs = runSub(runBackup, file, "--db", db)
	assert.Equal(t, 0, code, errs)
	require.NoError(t, holder.Close())

	missing := filepath.Join(t.TempDir(), "none.db")
	code, _, errs = runSub(runBackup, file, "--db", missing)
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "无法读取 "+missing)
	assert.NoFileExists(t, missing, "a backup never creates a database")

	code, _, errs = runSub(runBackup, "--db", db)
	assert.Equal(t, 2, code, "FILE is required")
	assert.Contains(t, errs, "用法")
}

func TestRestoreCommand(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	setIssuingUnit(t, db, "备份时")
	backup := filepath.Join(t.TempDir(), "good.db")
	code, _, errs := runSub(runBackup, backup, "--db", db)
	require.Equal(t, 0, code, errs)
	setIssuingUnit(t, db, "恢复前")

	// Refused files: exit 1, the file named, the database unchanged.
	bad := filepath.Join(t.TempDir(), "坏的.db")
	body, err := os.ReadFile(backup)
	require.NoError(t, err)
	for i := len(body) / 2; i < len(body)/2+8192; i++ {
		body[i] = 0x5a
	}
	require.NoError(t, os.WriteFile(bad, body, 0o644))
	notDB := filepath.Join(t.TempDir(), "companies.xlsx")
	require.NoError(t, os.WriteFile(notDB, []byte("PK\x03\x04 a workbook"), 0o644))
	before := fileSHA(t, db)
	for _, f := range []string{bad, notDB} {
		code, out, errs := runSub(runRestore, f, "--db", db)
		assert.Equal(t, 1, code, errs)
		assert.Empty(t, out)
		assert.Contains(t, errs, f, "the message names the file")
		assert.Contains(t, errs, "当前数据库未作改动")
		assert.Equal(t, before, fileSHA(t, db))
	}
	code, _, errs = runSub(runRestore, filepath.Join(t.TempDir(), "gone.db"), "--db", db)
	assert.Equal(t, 2, code, "an unreadable file: %s", errs)

	// While the window holds the database: refused, nothing written.
	holder, err := data.Open(db)
	require.NoError(t, err)
	code, _, errs = runSub(runRestore, backup, "--db", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, fmt.Sprintf("进程 %d", os.Getpid()), "the holder is named")
	require.NoError(t, holder.Close())
	assert.Equal(t, "恢复前", issuingUnitOf(t, db))

	code, out, errs := runCLI(t, "restore", backup, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "已用 "+backup+" 恢复数据库 "+db)
	assert.Contains(t, out, "原来的数据库已保存为："+filepath.Join(data.BackupDir(db), "before-restore-"))
	assert.Equal(t, "备份时", issuingUnitOf(t, db))
	list, err := data.ListBackups(data.BackupDir(db))
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, data.BackupBeforeRestore, list[0].Kind)
	assert.Equal(t, "恢复前", issuingUnitOf(t, list[0].Path))

	code, _, _ = runSub(runRestore, "--db", db)
	assert.Equal(t, 2, code, "FILE is required")
}

// TestRestoreChildProcess is the real `scitech restore` run in a child process by the crash test; run
// directly it does nothing.
func TestRestoreChildProcess(t *testing.T) {
	db, file := os.Getenv("SCITECH_RESTORE_DB"), os.Getenv("SCITECH_RESTORE_FILE")
	if db == "" {
		t.Skip("run by TestRestoreSurvivesBeingKilled")
	}
	fmt.Println("ready")
	start := time.Now()
	code := runRestore([]string{file, "--db", db}, io.Discard, os.Stderr)
	fmt.Println("done", time.Since(start).Microseconds())
	os.Exit(code)
}

// TestRestoreSurvivesBeingKilled starts the real restore as a child process and kills it (SIGKILL on Unix)
// at moments spread over the time a restore takes, 15 times (50 in make stress). After each kill the database opens, passes
// integrity_check and foreign_key_check, and is wholly the old database or wholly the restored one; every
// backup file in the folder passes its check.
func TestRestoreSurvivesBeingKilled(t *testing.T) {
	kills := testsize.Pick(15, 50)
	ctx := context.Background()
	dir := t.TempDir()
	pristine := filepath.Join(dir, "old", "scitech.db")
	backup := filepath.Join(dir, "chosen.db")
	{
		s, err := data.Open(pristine)
		require.NoError(t, err)
		require.NoError(t, s.LoadScaled(ctx, 5), "a small district: a restore's steps take their time under -race")
		require.NoError(t, s.SetBriefSettings(ctx, data.BriefSettings{IssuingUnit: "已恢复", BriefName: "简报", IssueNo: 1}))
		require.NoError(t, s.Backup(ctx, backup))
		require.NoError(t, s.SetBriefSettings(ctx, data.BriefSettings{IssuingUnit: "原来的", BriefName: "简报", IssueNo: 2}))
		require.NoError(t, s.Close())
	}
	oldBytes, err := os.ReadFile(pristine)
	require.NoError(t, err)

	setup := func(i int) string {
		db := filepath.Join(dir, fmt.Sprint(i), "scitech.db")
		require.NoError(t, os.MkdirAll(filepath.Dir(db), 0o755))
		require.NoError(t, os.WriteFile(db, oldBytes, 0o644))
		return db
	}
	old := dbFingerprint(t, setup(-4))
	require.Equal(t, "原来的", old.Unit)
	start := func(db string) (*exec.Cmd, *bufio.Reader) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRestoreChildProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), "SCITECH_RESTORE_DB="+db, "SCITECH_RESTORE_FILE="+backup, "SCITECH_LANG=en")
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		r := bufio.NewReader(out)
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		require.Equal(t, "ready\n", line)
		return cmd, r
	}

	// Two restores left to finish tell how long a restore takes here (the longer of the two).
	var took time.Duration
	var restored dbState
	for i := -3; i < -1; i++ {
		db := setup(i)
		cmd, r := start(db)
		rest, _ := io.ReadAll(r)
		require.NoError(t, cmd.Wait())
		var micros int64
		_, err = fmt.Sscanf(string(rest), "done %d", &micros)
		require.NoError(t, err, string(rest))
		took = max(took, time.Duration(micros)*time.Microsecond)
		restored = dbFingerprint(t, db)
		require.Equal(t, "已恢复", restored.Unit)
		require.NotEqual(t, old, restored)
	}

	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var wasOld, wasRestored, finished, copying, kept int
	for i := 0; i < kills; i++ {
		db := setup(i)
		cmd, r := start(db)
		// Moments spread evenly over 0–150 % of a restore, each at a random point of its share.
		time.Sleep(time.Duration((float64(i) + rng.Float64()) / float64(kills) * 1.5 * float64(took)))
		_ = cmd.Process.Kill()
		rest, _ := io.ReadAll(r)
		_ = cmd.Wait()
		if strings.Contains(string(rest), "done") {
			finished++
		}
		list, err := data.ListBackups(data.BackupDir(db))
		require.NoError(t, err)
		_, statErr := os.Stat(db + ".restoring")
		switch got := dbFingerprint(t, db); got {
		case old:
			wasOld++
			switch {
			case len(list) > 0:
				kept++ // after the current database was kept, before the switch
			case statErr == nil:
				copying++ // while the backup was copied and checked, or the current database was being kept
			}
		case restored:
			wasRestored++
		default:
			t.Fatalf("kill %d: the database is neither the old one nor the restored one: %+v", i, got)
		}
		for _, b := range list {
			assert.NoError(t, data.CheckBackup(b.Path), "kill %d: a backup in the folder is a good one", i)
		}
	}
	t.Logf("a restore takes %v; %d kills: %d left the old database (%d while the backup was copied and checked or the "+
		"current one was being kept, %d after it was kept), %d the restored one (%d of them finished before the kill)",
		took, kills, wasOld, copying, kept, wasRestored, finished)
	assert.Equal(t, kills, wasOld+wasRestored)
	assert.NotZero(t, wasOld, "some kills landed before the switch")
	assert.NotZero(t, wasRestored, "and some after it")
}

// dbState is what tells the old database from the restored one.
type dbState struct {
	Unit      string
	Companies int
	IssueNo   int
}

// dbFingerprint opens a database as the program does (taking the writer lock, so a killed child's lock is
// gone), says which database it is, and checks it once closed: integrity_check and foreign_key_check.
func dbFingerprint(t *testing.T, db string) dbState {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(db)
	require.NoError(t, err, "the database opens")
	b, err := s.BriefSettings(ctx)
	require.NoError(t, err)
	n, err := s.CountCompanies(ctx, data.CompanyFilter{})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, data.CheckBackup(db), "integrity_check and foreign_key_check pass")
	return dbState{b.IssuingUnit, n, b.IssueNo}
}

// walPairCLI makes a copy of db at path whose last commit (the issuing unit set to unit) is only in its -wal,
// as a writer killed before its checkpoint leaves it.
func walPairCLI(t *testing.T, db, path, unit string) {
	t.Helper()
	b, err := os.ReadFile(db)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
	conn, err := sql.Open("sqlite", sqlite.URI(path))
	require.NoError(t, err)
	conn.SetMaxOpenConns(1)
	for _, q := range []string{`PRAGMA journal_mode=WAL`, `PRAGMA wal_autocheckpoint=0`,
		`UPDATE setting SET value = '` + unit + `' WHERE key = 'brief.issuing_unit'`} {
		_, err := conn.Exec(q)
		require.NoError(t, err, q)
	}
	// Keep the pair as it is while the connection is open: closing would checkpoint the -wal away.
	keep := map[string][]byte{}
	for _, suffix := range []string{"", "-wal"} {
		keep[suffix], err = os.ReadFile(path + suffix)
		require.NoError(t, err)
	}
	require.NoError(t, conn.Close())
	os.Remove(path + "-shm")
	for suffix, body := range keep {
		require.NoError(t, os.WriteFile(path+suffix, body, 0o644))
	}
	require.NotEmpty(t, keep["-wal"])
}

// TestBackupAndRestoreOfFilesWithCommitsInTheirWal: the restore takes the commits in the chosen file's -wal
// (F3), and a backup does not replace a file whose -wal holds commits (F7), exit 1 with a message.
func TestBackupAndRestoreOfFilesWithCommitsInTheirWal(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	setIssuingUnit(t, db, "主文件")
	chosen := filepath.Join(t.TempDir(), "拷来的.db")
	walPairCLI(t, db, chosen, "日志里")

	code, _, errs := runSub(runBackup, chosen, "--db", db)
	assert.Equal(t, 1, code, errs)
	assert.Contains(t, errs, "尚未写入其中的修改")
	assert.FileExists(t, chosen+"-wal")

	code, _, errs = runSub(runRestore, chosen, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "日志里", issuingUnitOf(t, db))
}

// TestACopyCutShortIsDamagedForCheckBackupAndRestore: a copy of the database that lost its last 16 bytes
// (F2): check lists the damage, backup and restore refuse it, and the database stays as it was.
func TestACopyCutShortIsDamagedForCheckBackupAndRestore(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	setIssuingUnit(t, db, "before")
	b, err := os.ReadFile(db)
	require.NoError(t, err)
	cut := filepath.Join(t.TempDir(), "cut.db")
	require.NoError(t, os.WriteFile(cut, b[:len(b)-16], 0o644))

	code, out, errs := runSub(runCheck, "--db", cut)
	assert.NotEqual(t, 0, code, out+errs)
	assert.Contains(t, out+errs, "cut short")
	code, _, errs = runSub(runBackup, filepath.Join(t.TempDir(), "again.db"), "--db", cut)
	assert.Equal(t, 1, code, errs)
	assert.Contains(t, errs, "cut short")
	code, _, errs = runSub(runRestore, cut, "--db", db)
	assert.Equal(t, 1, code, errs)
	assert.Contains(t, errs, "cut short")
	assert.Equal(t, "before", issuingUnitOf(t, db))
}
