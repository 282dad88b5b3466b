package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"scitech/assets"
	"scitech/data"
)

// runCheck runs the database's integrity and foreign-key checks and the program's own consistency checks,
// printing each problem on one line in the user's language: exit 0 when nothing is wrong, 1 when something is.
// It only reads, so it also runs beside a copy of the program that holds the database.
func runCheck(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("check", stderr)
	pos, err := parseFlags(tr, fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprint(stderr, "用法 / usage: scitech check [--db PATH]\n\n"+usage)
		return exitUsage
	}
	problems, code := checkDatabase(tr, *db, stderr)
	if code != exitOK {
		return code
	}
	if len(problems) == 0 {
		fmt.Fprintln(stdout, tr.T("check.ok"))
		return exitOK
	}
	fmt.Fprintln(stdout, tr.T("check.found", map[string]any{"N": len(problems)}))
	for _, p := range problems {
		fmt.Fprintln(stdout, tr.T(p.Key(), p.Args))
	}
	return exitRefused
}

// checkDatabase finds the problems of the database file at path. A file that is missing is not made (exit 2);
// one that is empty or no database is a problem found, said before anything opens it (opening would write a
// new database into it); one too damaged to open as a store is read as far as SQLite can (data.CheckFile),
// since the check is what the user is told to run on a damaged file.
func checkDatabase(tr *assets.Translator, path string, stderr io.Writer) ([]data.Problem, int) {
	if onServer(path) {
		return checkServer(tr, path, stderr)
	}
	if code := refuseGoneLocation(tr, path, stderr); code != exitOK {
		return nil, code
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(stderr, tr.T("check.no_file", map[string]any{"Path": path}))
		return nil, exitUsage
	}
	ctx := context.Background()
	if p, err := data.FileProblem(path); err != nil || p != nil {
		if err != nil {
			return nil, refuse(tr, stderr, err)
		}
		return []data.Problem{*p}, exitOK
	}
	s, err := openToRead(tr, path, stderr)
	var problems []data.Problem
	switch {
	case err == nil:
		defer s.Close()
		problems, err = s.Check(ctx)
	case data.ErrorKey(data.Explain(err)) == "err.db.damaged":
		problems, err = data.CheckFile(ctx, path)
	default:
		return nil, cannotOpen(tr, path, err, stderr)
	}
	if err != nil {
		return nil, refuse(tr, stderr, err)
	}
	return problems, exitOK
}

// checkServer runs the program's own consistency checks on a server's database and its schema version; the
// server keeps its files whole and its foreign keys enforced itself, so SQLite's file checks have no
// counterpart to run there.
func checkServer(tr *assets.Translator, url string, stderr io.Writer) ([]data.Problem, int) {
	s, code := openServer(tr, url, stderr)
	if s == nil {
		return nil, code
	}
	defer s.Close()
	problems, err := s.Check(context.Background())
	if err != nil {
		return nil, refuse(tr, stderr, err)
	}
	return problems, exitOK
}
