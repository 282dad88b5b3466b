package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// A dry run writes nothing, so it runs beside the window that holds the database, reading it read-only with
// the note that names the holder; the import that writes still stops there.
func TestImportDryRunBesideTheWindow(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	xlsx := exportTo(t, db, "companies")
	holder, err := data.Open(db) // the window
	require.NoError(t, err)
	defer holder.Close()
	before := auditRows(t, holder)

	code, out, errs := runCLI(t, "import", "--dry-run", xlsx, "--db", db)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "正在写入此数据库，本命令以只读方式打开它")
	assert.Contains(t, errs, fmt.Sprintf("进程 %d", os.Getpid()), "the note names the holder")
	assert.Contains(t, out, "36", "it says what importing would change")
	assert.Contains(t, out, "未写入", "and that it wrote nothing")

	code, _, errs = runCLI(t, "import", xlsx, "--db", db)
	assert.Equal(t, 1, code, errs)
	assert.Contains(t, errs, "数据库正由另一个程序写入")
	assert.Equal(t, before, auditRows(t, holder), "nothing was written")
}
