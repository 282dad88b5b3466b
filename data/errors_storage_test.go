package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// oneConnection makes the store use a single connection, so a pragma set on it holds for every statement.
func oneConnection(t *testing.T, s *Store, pragmas ...string) {
	t.Helper()
	s.db.SetMaxOpenConns(1)
	for _, p := range pragmas {
		_, err := s.db.Exec(p)
		require.NoError(t, err, p)
	}
}

func companyCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM company`).Scan(&n))
	return n
}

// assertStorage checks the error is a Storage error with the key, and that nothing of the change was written.
func assertStorage(t *testing.T, err error, key string) {
	t.Helper()
	require.Error(t, err)
	var e *Error
	require.True(t, errors.As(err, &e), "%T %v", err, err)
	assert.Equal(t, Storage, e.Code, "%v", err)
	assert.Equal(t, key, e.Key, "%v", err)
	assert.NotNil(t, e.Err, "the cause is kept for the log")
}

// A database that cannot grow (SQLite's max_page_count reports SQLITE_FULL exactly as a full disk does)
// refuses a large change with err.db.disk_full, and keeps none of it.
func TestDiskFullSaysSoAndWritesNothing(t *testing.T) {
	sqliteOnly(t) // SQLite's own errors, caused through PRAGMAs
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	companies, audits := companyCount(t, s), auditCount(t, s)
	var pages int
	require.NoError(t, s.db.QueryRow(`PRAGMA page_count`).Scan(&pages))
	oneConnection(t, s, "PRAGMA max_page_count = "+itoa(pages+2))
	err := s.LoadScaled(ctx, 300)
	assertStorage(t, err, "err.db.disk_full")
	assert.Equal(t, companies, companyCount(t, s))
	assert.Equal(t, audits, auditCount(t, s))
	var ok string
	require.NoError(t, s.db.QueryRow(`PRAGMA integrity_check`).Scan(&ok))
	assert.Equal(t, "ok", ok)
}

// Another program holding the file (here a connection in an exclusive transaction) past the busy timeout
// gives err.db.busy; the change is not written.
func TestLockedByAnotherProgramSaysSo(t *testing.T) {
	sqliteOnly(t) // SQLite's own errors, caused through PRAGMAs
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	oneConnection(t, s, "PRAGMA busy_timeout = 100")
	other, err := sql.Open("sqlite", "file:"+filepath.ToSlash(s.Path()))
	require.NoError(t, err)
	defer other.Close()
	conn, err := other.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `BEGIN EXCLUSIVE`)
	require.NoError(t, err)
	c := newCompany()
	assertStorage(t, s.CreateCompany(ctx, &c), "err.db.busy")
	_, err = conn.ExecContext(ctx, `ROLLBACK`)
	require.NoError(t, err)
	assert.Equal(t, 0, companyCount(t, s))
	c = newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c), "works again once the other program lets go")
}

// A file SQLite may only read refuses writes with err.db.readonly_file. The tests run as root, where chmod
// does not stop writes, so the connection is made read-only with query_only (SQLite answers SQLITE_READONLY
// as for a read-only file); as another user the file itself is made read-only too.
func TestReadOnlyFileSaysSo(t *testing.T) {
	sqliteOnly(t) // SQLite's own errors, caused through PRAGMAs
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	oneConnection(t, s, "PRAGMA query_only = 1")
	c := newCompany()
	assertStorage(t, s.CreateCompany(ctx, &c), "err.db.readonly_file")

	t.Run("chmod", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("running as root: file modes do not stop root from writing")
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "scitech.db")
		s, err := Open(path)
		require.NoError(t, err)
		require.NoError(t, s.Close())
		require.NoError(t, os.Chmod(path, 0o444))
		require.NoError(t, os.Chmod(dir, 0o555))
		defer os.Chmod(dir, 0o755)
		s, err = Open(path)
		if err == nil {
			defer s.Close()
			c := newCompany()
			err = s.CreateCompany(ctx, &c)
		}
		require.Error(t, err)
		assert.Equal(t, Storage, ErrorCode(err), "%v", err)
	})
}

// The operating system's refusals map the same way, however deeply wrapped.
func TestOSErrorsAreStorageErrors(t *testing.T) {
	t.Parallel()
	for errno, key := range map[syscall.Errno]string{syscall.EROFS: "err.db.readonly_file",
		syscall.EACCES: "err.db.readonly_file", syscall.ENOSPC: "err.db.disk_full"} {
		err := internal(&fs.PathError{Op: "open", Path: "x.db.lock", Err: errno}, "cannot open the lock file")
		assertStorage(t, err, key)
	}
	e := internal(errors.New("something else"), "cannot save")
	assert.Equal(t, Internal, e.Code)
	assert.Equal(t, "err.internal", e.Key)
}

func itoa(n int) string { return fmt.Sprint(n) }

// A driver error that reached the caller bare is explained the same way; data errors pass unchanged.
func TestExplainBareDriverErrors(t *testing.T) {
	sqliteOnly(t) // SQLite's own errors, caused through PRAGMAs
	t.Parallel()
	s := openTestStore(t)
	oneConnection(t, s, "PRAGMA query_only = 1")
	_, bare := s.db.Exec(`INSERT INTO park (name, kind) VALUES ('x', 'other')`)
	require.Error(t, bare)
	assert.Equal(t, Internal, ErrorCode(bare))
	assertStorage(t, Explain(bare), "err.db.readonly_file")
	refusal := invalid("err.required", "is required", nil)
	assert.Same(t, refusal, Explain(refusal))
	assert.Nil(t, Explain(nil))
	other := errors.New("something else")
	assert.Equal(t, other, Explain(other))
}
