package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A district larger than the program builds is a usage error (exit 2) like --scale 0, said before a database
// is opened: it used to exit 1 and leave behind the empty database it had made.
func TestDemoScaleBeyondTheLimitIsAUsageError(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	for _, n := range []string{"1000001", "99999999999"} {
		db := filepath.Join(t.TempDir(), "big.db")
		code, _, errs := runCLI(t, "demo", "--scale", n, "--db", db)
		assert.Equal(t, exitUsage, code, "--scale %s: %s", n, errs)
		assert.Contains(t, errs, "1,000,000", "--scale %s: the message gives the limit", n)
		assert.NoFileExists(t, db, "--scale %s: no database is made", n)
	}
}
