// Package testsize sizes the heaviest tests: the kills of a running command, the synthetic districts and the
// year and a half of daily backups. `make test` runs a representative part of each, enough to fail the way the
// full run would; `make stress` (SCITECH_STRESS=1) runs their full length. A test with nothing heavy in it does
// not use this: it always runs whole.
package testsize

import "os"

// Env is the variable `make stress` sets.
const Env = "SCITECH_STRESS"

// Full reports whether the heavy tests run their full length.
func Full() bool { return os.Getenv(Env) == "1" }

// Pick is quick in `make test` and full in `make stress`.
func Pick(quick, full int) int {
	if Full() {
		return full
	}
	return quick
}
