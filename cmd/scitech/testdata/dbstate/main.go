// Command dbstate is the crash tests' reader: it opens a database as a fresh program would (recovering what a
// killed writer left), runs SQLite's integrity check and prints, as JSON, the row counts of the tables given
// and the value of one query. Built without the race detector, it reads in a tenth of the time the race-built
// test binary takes.
//
//	dbstate DB TABLE,TABLE… [QUERY]
package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite"
)

type state struct {
	Rows   map[string]int
	Detail string
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: dbstate DB TABLE,TABLE… [QUERY]")
		os.Exit(2)
	}
	st, err := read(os.Args[1], strings.Split(os.Args[2], ","), strings.Join(os.Args[3:], " "))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_ = json.NewEncoder(os.Stdout).Encode(st)
}

func read(db string, tables []string, detail string) (state, error) {
	st := state{Rows: map[string]int{}}
	conn, err := sql.Open("sqlite", "file:"+filepath.ToSlash(db)+"?_pragma=busy_timeout(5000)")
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
