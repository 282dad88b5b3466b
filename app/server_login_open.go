package app

import (
	"scitech/data"
	"scitech/data/dialect"
)

// openTarget opens a server's store. Until data.OpenTarget lands (issue 19, the store's PostgreSQL side), a
// server is refused with a message naming it, and no file is ever made from its URL.
func openTarget(t dialect.Target) (*data.Store, error) {
	return nil, &data.Error{Code: data.Invalid, Key: "err.location.server_not_built", Args: map[string]any{"Server": t.String()},
		Message: "this version of the program cannot open a database server yet: " + t.String()}
}
