package main

import (
	"context"
	"fmt"
	"io"

	"scitech/app"
)

// runCheck runs the database's integrity and foreign-key checks and the program's own consistency checks,
// printing each problem on one line in the user's language: exit 0 when nothing is wrong, 1 when something is.
// It only reads, so it also runs beside a copy of the program that holds the database.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs, db := newFlags("check", stderr)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprint(stderr, "用法 / usage: scitech check [--db PATH]\n\n"+usage)
		return exitUsage
	}
	s, code := openStoreToRead(*db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	problems, err := s.Check(context.Background())
	if err != nil {
		return refuse(stderr, err)
	}
	if len(problems) == 0 {
		fmt.Fprintln(stdout, app.T("check.ok"))
		return exitOK
	}
	fmt.Fprintln(stdout, app.T("check.found", map[string]any{"N": len(problems)}))
	for _, p := range problems {
		fmt.Fprintln(stdout, app.T(p.Key(), p.Args))
	}
	return exitRefused
}
