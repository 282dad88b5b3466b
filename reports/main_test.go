package reports

import (
	"fmt"
	"os"
	"testing"

	"scitech/data/datatest"
)

// briefsDir holds the sample briefs several tests read (sharedPDFs), for the whole test binary.
var briefsDir string

// TestMain makes every test's briefs use the bundled fonts: on Windows, ResolveFonts would otherwise take the
// system's first. Emptied once here, before any test runs, SystemFontsDir is only read while tests run in
// parallel; the few tests that point it at a folder of their own (withSystemFonts) are not parallel, so they
// run alone.
func TestMain(m *testing.M) {
	SystemFontsDir = ""
	dir, err := os.MkdirTemp("", "scitech-reports-briefs-")
	if err != nil {
		panic(err)
	}
	briefsDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	if err := datatest.Cleanup(); err != nil {
		fmt.Println(err)
		code = max(code, 1)
	}
	os.Exit(code)
}
