// Package dbstate reads what the crash tests compare after each kill: it opens a database as a fresh program
// would (recovering what a killed writer left), runs SQLite's integrity check, and counts the rows of the
// tables given and reads the value of one query. The crash tests use it in their own process and through the
// small reader command built from ../../testdata/dbstate.
package dbstate

import (
	"database/sql"
	"fmt"

	_ "scitech/data" // the pinyin collation the indexes of migration 0008 need, which data registers with the driver
	"scitech/data/sqlite"
)

// State is a database's row counts by table and the value of the detail query.
type State struct {
	Rows   map[string]int
	Detail string
}

func (s State) String() string { return fmt.Sprintf("%v %s", s.Rows, s.Detail) }

// Read opens db, checks its integrity and reads its state; a database that fails the check is an error.
func Read(db string, tables []string, detail string) (State, error) {
	st := State{Rows: map[string]int{}}
	conn, err := sql.Open("sqlite", sqlite.URI(db, "_pragma", "busy_timeout(5000)"))
	if err != nil {
		return st, err
	}
	defer conn.Close()
	var ok string
	if err := conn.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil {
		return st, err
	}
	if ok != "ok" {
		return st, fmt.Errorf("integrity_check: %s", ok)
	}
	for _, tbl := range tables {
		var n int
		if err := conn.QueryRow(`SELECT count(*) FROM ` + tbl).Scan(&n); err != nil {
			return st, err
		}
		st.Rows[tbl] = n
	}
	if detail != "" {
		var d sql.NullString
		if err := conn.QueryRow(detail).Scan(&d); err != nil {
			return st, err
		}
		st.Detail = d.String
	}
	return st, nil
}
