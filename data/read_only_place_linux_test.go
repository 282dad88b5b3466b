package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A database closed cleanly has no -wal or -shm beside it. In a read-only folder or on a full disk SQLite
// cannot create the -shm WAL mode reads through, so every reading command failed as if the database were
// broken ("read-only… the change was not saved"; on a full disk an I/O error telling the user to run check,
// which failed alike). Nobody can be writing such a file, so it is read as it lies.
func TestAClosedDatabaseIsReadInAReadOnlyFolderAndOnAFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root")
	}
	ctx := context.Background()
	for _, place := range []string{"read-only folder", "full disk"} {
		t.Run(place, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "place")
			require.NoError(t, os.Mkdir(dir, 0o755))
			if place == "full disk" {
				if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=4m"); err != nil {
					t.Skipf("cannot mount a tmpfs here: %v", err)
				}
				t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
			}
			db := filepath.Join(dir, "scitech.db")
			s, err := Open(db)
			require.NoError(t, err)
			c := newCompany()
			require.NoError(t, s.CreateCompany(ctx, &c))
			require.NoError(t, s.Close())
			require.NoFileExists(t, db+"-wal", "a clean close leaves the file alone")

			newer := filepath.Join(dir, "newer.db")
			s, err = Open(newer)
			require.NoError(t, err)
			_, err = s.db.Exec(`INSERT INTO schema_migration (version, name, applied_at) VALUES (9999, '9999_future.sql', '2030-01-01')`)
			require.NoError(t, err)
			require.NoError(t, s.Close())

			if place == "full disk" {
				fillDisk(t, dir)
			} else {
				readOnlyMount(t, dir)
			}

			_, err = Open(db)
			require.Error(t, err, "nothing can be written here")
			if place == "full disk" {
				assert.Equal(t, "err.db.disk_full", ErrorKey(err), "the message says the disk is full: %v", err)
			}
			ro, err := OpenReadOnly(db)
			require.NoError(t, err, "a reading command reads it")
			n, err := ro.CountCompanies(ctx, CompanyFilter{})
			require.NoError(t, err)
			assert.Equal(t, 1, n)
			problems, err := ro.Check(ctx)
			require.NoError(t, err)
			assert.Empty(t, problems)
			c2 := newCompany()
			c2.Name = "只读时不能新增"
			var refused *Error
			require.ErrorAs(t, ro.CreateCompany(ctx, &c2), &refused, "and writes nothing")
			assert.Equal(t, "err.db.read_only", refused.Key)
			require.NoError(t, ro.Close())

			_, err = OpenReadOnly(newer)
			var e *Error
			require.True(t, errors.As(err, &e), "a newer database is still refused: %v", err)
			assert.Equal(t, "err.db.newer", e.Key)
		})
	}
}

func readOnlyMount(t *testing.T, dir string) {
	t.Helper()
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot bind-mount here: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	require.NoError(t, syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""))
}

func fillDisk(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	require.NoError(t, err)
	defer f.Close()
	block := make([]byte, 64<<10)
	for size := len(block); size > 0; {
		if _, err := f.Write(block[:size]); err != nil {
			require.True(t, errors.Is(err, syscall.ENOSPC), "%v", err)
			size /= 2
		}
	}
}
